/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_update on PostgreSQL: moves an alert through its states (acknowledged,
 * in progress, resolved, cancelled) with who and when, under optimistic concurrency,
 * so two coordinators taking the same alert cannot both win: the second is STALE.
 * Only the handling columns are written; what was raised stays as raised. Appends the
 * change feed row with the new version expected_version + 1.
 */
#include "pg_internal.h"

int
pg_alert_update(struct lia_conn *c, const struct lia_alert *al, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "alert_update");
	if (st != LIA_STORE_OK)
		return st;
	int64_t new_version = expected_version + 1;
	char ev[PG_I64_LEN], nv[PG_I64_LEN], acked[PG_I64_LEN], resolved[PG_I64_LEN];
	const char *p[] = {al->id,
			   pg_i64(ev, expected_version),
			   pg_i64(nv, new_version),
			   al->state,
			   pg_i64(acked, al->acknowledged_at),
			   al->acknowledged_by,
			   pg_i64(resolved, al->resolved_at),
			   al->resolved_by,
			   al->outcome,
			   al->note};
	PGresult *r;
	st = pg_exec(pc, "alert_update",
		     "UPDATE alerts SET version = $3, state = $4, acknowledged_at = $5, "
		     "acknowledged_by = $6, resolved_at = $7, resolved_by = $8, outcome = $9, "
		     "note = $10 WHERE id = $1 AND version = $2 RETURNING org_id",
		     10, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "alert_update.why",
					   "SELECT 1 FROM alerts WHERE id = $1", al->id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "alert", al->id, "update", new_version);
	PQclear(r);
	return st;
}
