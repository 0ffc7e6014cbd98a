/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * escalation_plan_put on PostgreSQL: expected_version 0 creates the client's plan
 * (CONFLICT when one exists, by ON CONFLICT DO NOTHING so the caller's transaction
 * stays usable); any other version replaces its steps under optimistic concurrency
 * (STALE or NOT_FOUND). The owner follows the client and is not rewritten by an
 * update. The stored version is expected_version + 1 either way (p->version is not
 * read), and the change feed row (entity id: the client id) names the stored owner.
 */
#include "pg_internal.h"

int
pg_escalation_plan_put(struct lia_conn *c, const struct lia_escalation_plan *p,
		       int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "escalation_plan_put");
	if (st != LIA_STORE_OK)
		return st;
	bool insert = expected_version == 0;
	int64_t new_version = expected_version + 1;
	char nv[PG_I64_LEN], at[PG_I64_LEN], ev[PG_I64_LEN];
	/* $2: the owner (insert) or the version checked (update). */
	const char *prm[] = {p->client_id,
			     insert ? p->org_id : pg_i64(ev, expected_version),
			     p->steps,
			     pg_i64(nv, new_version),
			     pg_i64(at, p->updated_at),
			     p->updated_by};
	PGresult *r;
	if (insert)
		st = pg_exec(pc, "escalation_plan_put.insert",
			     "INSERT INTO escalation_plans (client_id, org_id, steps, version, "
			     "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6) "
			     "ON CONFLICT DO NOTHING RETURNING org_id",
			     6, prm, &r);
	else
		st = pg_exec(pc, "escalation_plan_put.update",
			     "UPDATE escalation_plans SET steps = $3, version = $4, "
			     "updated_at = $5, updated_by = $6 "
			     "WHERE client_id = $1 AND version = $2 RETURNING org_id",
			     6, prm, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		if (insert)
			return LIA_STORE_CONFLICT;
		return pg_stale_or_missing(pc, "escalation_plan_put.why",
					   "SELECT 1 FROM escalation_plans WHERE client_id = $1",
					   p->client_id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "escalation_plan", p->client_id,
			      insert ? "insert" : "update", new_version);
	PQclear(r);
	return st;
}
