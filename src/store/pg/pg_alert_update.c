/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_update on PostgreSQL: moves an alert through its states (acknowledged,
 * in progress, resolved, cancelled) with who and when, and carries its escalation
 * forward, under optimistic concurrency, so two coordinators taking the same alert
 * cannot both win: the second is STALE. Only the handling columns are written; what
 * was raised stays as raised. Appends the change feed row and the alert log row
 * (kind al->event, else the new state) with the new version expected_version + 1.
 * The log row's instant is the server clock's now: the record carries no single
 * "when" for every kind of transition (an escalation step has none of its own).
 */
#include "pg_internal.h"

#include "core/clock.h"

int
pg_alert_update(struct lia_conn *c, const struct lia_alert *al, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "alert_update");
	if (st != LIA_STORE_OK)
		return st;
	int64_t new_version = expected_version + 1;
	char ev[PG_I64_LEN], nv[PG_I64_LEN], acked[PG_I64_LEN], resolved[PG_I64_LEN],
		inprog[PG_I64_LEN], due[PG_I64_LEN];
	const char *p[] = {al->id,
			   pg_i64(ev, expected_version),
			   pg_i64(nv, new_version),
			   al->state,
			   pg_i64(acked, al->acknowledged_at),
			   al->acknowledged_by,
			   pg_i64(resolved, al->resolved_at),
			   al->resolved_by,
			   al->outcome,
			   al->note,
			   pg_i64(inprog, al->in_progress_at),
			   al->escalation,
			   pg_i64(due, al->escalation_due_at)};
	PGresult *r;
	st = pg_exec(pc, "alert_update",
		     "UPDATE alerts SET version = $3, state = $4, acknowledged_at = $5, "
		     "acknowledged_by = $6, resolved_at = $7, resolved_by = $8, outcome = $9, "
		     "note = $10, in_progress_at = $11, escalation = $12, "
		     "escalation_due_at = $13 WHERE id = $1 AND version = $2 RETURNING org_id",
		     13, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "alert_update.why",
					   "SELECT 1 FROM alerts WHERE id = $1", al->id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "alert", al->id, "update", new_version);
	if (st == LIA_STORE_OK)
		st = pg_alert_event_append(pc, al->id, PQgetvalue(r, 0, 0), al->event, al->state,
					   new_version, lia_clock_now_us());
	PQclear(r);
	return st;
}
