/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * account_insert on PostgreSQL: adds an account and its change feed row. A taken
 * login (or id) is a CONFLICT reported by ON CONFLICT DO NOTHING, without aborting
 * the caller's transaction.
 */
#include "pg_internal.h"

int
pg_account_insert(struct lia_conn *c, const struct lia_account *acc)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "account_insert");
	if (st != LIA_STORE_OK)
		return st;
	char failed[PG_I64_LEN], locked[PG_I64_LEN], v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {acc->id,
			   acc->org_id,
			   acc->login,
			   acc->password_hash,
			   acc->kind,
			   acc->display_name,
			   pg_bool(acc->disabled),
			   pg_i64(failed, acc->failed_logins),
			   pg_i64(locked, acc->locked_until),
			   pg_i64(v, acc->version),
			   pg_i64(at, acc->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "account_insert",
		    "INSERT INTO accounts (id, org_id, login, password_hash, kind, display_name, "
		    "disabled, failed_logins, locked_until, version, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
		    "ON CONFLICT DO NOTHING",
		    11, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, acc->org_id, "account", acc->id, "insert", acc->version);
}
