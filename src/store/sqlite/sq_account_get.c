/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * account_get on SQLite: one account by id; NOT_FOUND when absent. Also holds the
 * row reader shared with account_get_by_login (columns SQ_ACCOUNT_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ACCOUNT_COLS " FROM accounts WHERE id = ?1";

void
sq_account_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_account *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->login = sq_col_text(a, st, 2);
	out->password_hash = sq_col_text(a, st, 3);
	out->kind = sq_col_text(a, st, 4);
	out->display_name = sq_col_text(a, st, 5);
	out->disabled = sqlite3_column_int64(st, 6) != 0;
	out->failed_logins = sqlite3_column_int(st, 7);
	out->locked_until = sqlite3_column_int64(st, 8);
	out->version = sqlite3_column_int64(st, 9);
	out->created_at = sqlite3_column_int64(st, 10);
}

int
sq_account_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_account *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "account_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_account_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "account_get");
	sq_reset(st);
	return status;
}
