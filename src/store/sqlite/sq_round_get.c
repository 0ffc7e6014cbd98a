/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * round_get on SQLite: one meal delivery round. Also holds the row reader shared
 * with round_list (columns SQ_ROUND_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ROUND_COLS " FROM rounds r WHERE r.id = ?1";

void
sq_round_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_round *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->round_date = sq_col_text(a, st, 2);
	out->name = sq_col_text(a, st, 3);
	out->worker_id = sq_col_text(a, st, 4);
	out->version = sqlite3_column_int64(st, 5);
	out->created_at = sqlite3_column_int64(st, 6);
}

int
sq_round_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_round *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "round_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_round_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "round_get");
	sq_reset(st);
	return status;
}
