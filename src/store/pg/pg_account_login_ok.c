/* SPDX-License-Identifier: EUPL-1.2 */
/* account_login_ok on PostgreSQL: a successful sign-in clears failures and the lock. */
#include "pg_internal.h"

int
pg_account_login_ok(struct lia_conn *c, const char *id)
{
	const char *p[] = {id};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "account_login_ok",
			"UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = $1", 1,
			p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_NOT_FOUND;
	return st;
}
