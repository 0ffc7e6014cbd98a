/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * grant_insert on PostgreSQL: records a funder's decision (minutes granted per month
 * over a period) and appends the change feed row. A taken id is a CONFLICT that
 * leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_grant_insert(struct lia_conn *c, const struct lia_grant *g)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "grant_insert");
	if (st != LIA_STORE_OK)
		return st;
	char minutes[PG_I64_LEN], v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {g->id,
			   g->org_id,
			   g->client_id,
			   g->funder,
			   g->funder_name,
			   g->funder_id,
			   g->decision_ref,
			   g->beneficiary_ref,
			   pg_i64(minutes, g->minutes_per_month),
			   g->starts_on,
			   g->ends_on,
			   pg_i64(v, g->version),
			   pg_i64(at, g->created_at),
			   g->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "grant_insert",
		    "INSERT INTO funder_grants (id, org_id, client_id, funder, funder_name, "
		    "funder_id, decision_ref, beneficiary_ref, minutes_per_month, starts_on, "
		    "ends_on, version, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, "
		    "$7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING",
		    14, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, g->org_id, "grant", g->id, "insert", g->version);
}
