/* SPDX-License-Identifier: EUPL-1.2 */
/* account_get on PostgreSQL: one account by id; also the row reader get_by_login uses. */
#include "pg_internal.h"

void
pg_account_read(struct lia_arena *a, const PGresult *r, int row, struct lia_account *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->login = pg_col_text(a, r, row, 2);
	out->password_hash = pg_col_text(a, r, row, 3);
	out->kind = pg_col_text(a, r, row, 4);
	out->display_name = pg_col_text(a, r, row, 5);
	out->disabled = pg_col_bool(r, row, 6);
	out->failed_logins = (int)pg_col_i64(r, row, 7);
	out->locked_until = pg_col_i64(r, row, 8);
	out->version = pg_col_i64(r, row, 9);
	out->created_at = pg_col_i64(r, row, 10);
}

int
pg_account_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_account *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "account_get",
			 "SELECT " PG_ACCOUNT_COLS " FROM accounts WHERE id = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_account_read(a, r, 0, out);
	PQclear(r);
	return st;
}
