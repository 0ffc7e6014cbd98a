/* SPDX-License-Identifier: EUPL-1.2 */
/* account_get_by_login on SQLite: the account with that login; NOT_FOUND when none. */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ACCOUNT_COLS " FROM accounts WHERE login = ?1";

int
sq_account_get_by_login(struct lia_conn *lc, struct lia_arena *a, const char *login,
			struct lia_account *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "account_get_by_login");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, login);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_account_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "account_get_by_login");
	sq_reset(st);
	return status;
}
