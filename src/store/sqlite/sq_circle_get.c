/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_get on SQLite: one care-circle member with the member organisation's
 * path (NULL for a person). Also holds the row reader shared with circle_list
 * (columns SQ_CIRCLE_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_CIRCLE_COLS " FROM care_circle m "
			  "LEFT JOIN orgs o ON o.id = m.member_org_id WHERE m.id = ?1";

void
sq_circle_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_circle_member *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->account_id = sq_col_text(a, st, 3);
	out->member_org_id = sq_col_text(a, st, 4);
	out->member_org_path = sq_col_text(a, st, 5);
	out->circle_role = sq_col_text(a, st, 6);
	out->starts_on = sq_col_text(a, st, 7);
	out->ends_on = sq_col_text(a, st, 8);
	out->version = sqlite3_column_int64(st, 9);
	out->created_at = sqlite3_column_int64(st, 10);
}

int
sq_circle_get(struct lia_conn *lc, struct lia_arena *a, const char *id,
	      struct lia_circle_member *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "circle_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_circle_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "circle_get");
	sq_reset(st);
	return status;
}
