/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * account_login_failed on SQLite: counts one more consecutive failure and sets the
 * lock deadline. Login counters are local state, not replicated: no version bump,
 * no change-feed row. NOT_FOUND when no such account.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"UPDATE accounts SET failed_logins = failed_logins + 1, locked_until = ?2 WHERE id = ?1";

int
sq_account_login_failed(struct lia_conn *lc, const char *id, int64_t locked_until)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "account_login_failed");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_int64(c, st, 2, locked_until);
	int status = sq_step_done(c, st, "account_login_failed");
	if (status == LIA_STORE_OK && sqlite3_changes(c->db) == 0)
		status = LIA_STORE_NOT_FOUND;
	return status;
}
