/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * transfer_get on SQLite: one transfer to the emergency department by id;
 * NOT_FOUND when there is none.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT id, client_id, org_id, data, created_at, created_by "
			  "FROM transfers WHERE id = ?1";

int
sq_transfer_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_transfer *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "transfer_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->id = sq_col_text(a, st, 0);
		out->client_id = sq_col_text(a, st, 1);
		out->org_id = sq_col_text(a, st, 2);
		out->data = sq_col_text(a, st, 3);
		out->created_at = sqlite3_column_int64(st, 4);
		out->created_by = sq_col_text(a, st, 5);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "transfer_get");
	}
	sq_reset(st);
	return status;
}
