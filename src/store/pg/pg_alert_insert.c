/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_insert on PostgreSQL: raises an alert and appends the change feed row and the
 * alert log row (kind al->event, else "raised", at raised_at) that the live stream
 * replays. ON CONFLICT DO NOTHING without a target covers the primary key and the
 * unique dedup_key, so a rule that fires again for the same fact gets a CONFLICT that
 * leaves its transaction usable, and the alert is raised (and logged) once.
 */
#include "pg_internal.h"

int
pg_alert_insert(struct lia_conn *c, const struct lia_alert *al)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "alert_insert");
	if (st != LIA_STORE_OK)
		return st;
	char raised[PG_I64_LEN], acked[PG_I64_LEN], resolved[PG_I64_LEN], v[PG_I64_LEN],
		inprog[PG_I64_LEN], due[PG_I64_LEN];
	const char *p[] = {al->id,
			   al->org_id,
			   al->client_id,
			   al->type,
			   al->severity,
			   al->state,
			   al->source,
			   al->source_ref,
			   al->dedup_key,
			   al->details,
			   pg_i64(raised, al->raised_at),
			   pg_i64(acked, al->acknowledged_at),
			   al->acknowledged_by,
			   pg_i64(resolved, al->resolved_at),
			   al->resolved_by,
			   al->outcome,
			   al->note,
			   pg_i64(inprog, al->in_progress_at),
			   al->escalation,
			   pg_i64(due, al->escalation_due_at),
			   pg_i64(v, al->version)};
	int64_t rows = 0;
	st = pg_run(pc, "alert_insert",
		    "INSERT INTO alerts (id, org_id, client_id, type, severity, state, source, "
		    "source_ref, dedup_key, details, raised_at, acknowledged_at, acknowledged_by, "
		    "resolved_at, resolved_by, outcome, note, in_progress_at, escalation, "
		    "escalation_due_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		    "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) "
		    "ON CONFLICT DO NOTHING",
		    21, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	st = pg_change_append(pc, al->org_id, "alert", al->id, "insert", al->version);
	if (st != LIA_STORE_OK)
		return st;
	return pg_alert_event_append(pc, al->id, al->org_id, al->event, "raised", al->version,
				     al->raised_at);
}
