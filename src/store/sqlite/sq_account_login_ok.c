/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * account_login_ok on SQLite: clears the failure counter and the lock after a
 * successful login (local state: no version bump, no change-feed row). NOT_FOUND
 * when no such account.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = ?1";

int
sq_account_login_ok(struct lia_conn *lc, const char *id)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "account_login_ok");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int status = sq_step_done(c, st, "account_login_ok");
	if (status == LIA_STORE_OK && sqlite3_changes(c->db) == 0)
		status = LIA_STORE_NOT_FOUND;
	return status;
}
