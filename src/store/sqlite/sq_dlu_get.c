/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dlu_get on SQLite: a client's emergency liaison file (the DLU fields, one
 * JSON object); NOT_FOUND when the client has none yet.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT client_id, org_id, data, version, updated_at, updated_by "
			  "FROM dlus WHERE client_id = ?1";

int
sq_dlu_get(struct lia_conn *lc, struct lia_arena *a, const char *client_id, struct lia_dlu *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "dlu_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->client_id = sq_col_text(a, st, 0);
		out->org_id = sq_col_text(a, st, 1);
		out->data = sq_col_text(a, st, 2);
		out->version = sqlite3_column_int64(st, 3);
		out->updated_at = sqlite3_column_int64(st, 4);
		out->updated_by = sq_col_text(a, st, 5);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "dlu_get");
	}
	sq_reset(st);
	return status;
}
