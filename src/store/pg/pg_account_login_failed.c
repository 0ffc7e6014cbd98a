/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * account_login_failed on PostgreSQL: counts one more consecutive failure and sets
 * the lock deadline. The increment happens in SQL so concurrent failures all count.
 */
#include "pg_internal.h"

int
pg_account_login_failed(struct lia_conn *c, const char *id, int64_t locked_until)
{
	char until[PG_I64_LEN];
	const char *p[] = {id, pg_i64(until, locked_until)};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "account_login_failed",
			"UPDATE accounts SET failed_logins = failed_logins + 1, locked_until = $2 "
			"WHERE id = $1",
			2, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_NOT_FOUND;
	return st;
}
