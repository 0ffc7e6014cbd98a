/* SPDX-License-Identifier: EUPL-1.2 */
/* account_get_by_login on PostgreSQL: the account a login names (sign-in). */
#include "pg_internal.h"

int
pg_account_get_by_login(struct lia_conn *c, struct lia_arena *a, const char *login,
			struct lia_account *out)
{
	const char *p[] = {login};
	PGresult *r;
	int st = pg_exec(pg_of(c), "account_get_by_login",
			 "SELECT " PG_ACCOUNT_COLS " FROM accounts WHERE login = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_account_read(a, r, 0, out);
	PQclear(r);
	return st;
}
