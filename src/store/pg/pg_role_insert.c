/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * role_insert on PostgreSQL: grants a role on an organisation node and appends the
 * change feed row (version 1: roles have no version column). An existing
 * (account, org, role) is a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_role_insert(struct lia_conn *c, const struct lia_role *r)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "role_insert");
	if (st != LIA_STORE_OK)
		return st;
	char at[PG_I64_LEN];
	const char *p[] = {r->id, r->org_id, r->account_id, r->role, pg_i64(at, r->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "role_insert",
		    "INSERT INTO account_roles (id, org_id, account_id, role, created_at) "
		    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
		    5, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, r->org_id, "role", r->id, "insert", 1);
}
