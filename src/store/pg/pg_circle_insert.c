/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_insert on PostgreSQL: adds a member (a person or an organisation) to a
 * client's care circle and appends the change feed row. A taken id is a CONFLICT
 * reported by ON CONFLICT DO NOTHING, so the caller's transaction stays usable.
 */
#include "pg_internal.h"

int
pg_circle_insert(struct lia_conn *c, const struct lia_circle_member *m)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "circle_insert");
	if (st != LIA_STORE_OK)
		return st;
	char v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {m->id,
			   m->org_id,
			   m->client_id,
			   m->account_id,
			   m->member_org_id,
			   m->circle_role,
			   m->starts_on,
			   m->ends_on,
			   pg_i64(v, m->version),
			   pg_i64(at, m->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "circle_insert",
		    "INSERT INTO care_circle (id, org_id, client_id, account_id, member_org_id, "
		    "circle_role, starts_on, ends_on, version, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
		    10, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, m->org_id, "circle_member", m->id, "insert", m->version);
}
