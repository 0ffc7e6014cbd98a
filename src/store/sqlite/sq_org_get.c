/* SPDX-License-Identifier: EUPL-1.2 */
/* org_get on SQLite: one organisation by id; NOT_FOUND when absent. */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT id, parent_id, kind, name, tz, path, version, created_at "
			  "FROM orgs WHERE id = ?1";

int
sq_org_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_org *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "org_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->id = sq_col_text(a, st, 0);
		out->parent_id = sq_col_text(a, st, 1);
		out->kind = sq_col_text(a, st, 2);
		out->name = sq_col_text(a, st, 3);
		out->tz = sq_col_text(a, st, 4);
		out->path = sq_col_text(a, st, 5);
		out->version = sqlite3_column_int64(st, 6);
		out->created_at = sqlite3_column_int64(st, 7);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "org_get");
	}
	sq_reset(st);
	return status;
}
