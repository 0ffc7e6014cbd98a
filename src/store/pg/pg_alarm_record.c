/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_record on PostgreSQL: the duplicate check, a received event and the alert it
 * raises in one statement, so one round trip instead of six (duplicate check, alert,
 * its change-feed row, its alert log row, event, its change-feed row). The
 * receiver's single writer runs this for every frame, where round trips, not the
 * work, set the rate. Every part of a data-modifying WITH sees the same snapshot,
 * which includes the earlier frames of the same transaction: a repeat within one
 * batch is still found. The alert goes in unless its id or dedup_key is taken (ON
 * CONFLICT DO NOTHING, as alert_insert); its two rows follow it only when it went
 * in, and the event points at it only then. A taken event id is a unique
 * violation: CONFLICT, and the statement wrote nothing.
 */
#include "pg_internal.h"

#include <string.h>

#include "core/clock.h"

/* $1..$21 the alert (all NULL: none), $22..$36 the event, $37 the alert log kind,
 * $38 now, $39 the duplicate window's start. Values in a SELECT list have no column
 * to take a type from: every value is cast. Row and foreign key checks run at the
 * end of the statement, when the alert exists. */
static const char sql[] =
	"WITH dup AS (SELECT alert_id FROM alarm_events WHERE device_id = $24::text "
	"AND seq = $26::bigint AND fingerprint = $27::bigint AND received_at >= $39::bigint "
	"ORDER BY received_at DESC, id DESC LIMIT 1), "
	"al AS (INSERT INTO alerts (id, org_id, client_id, type, severity, state, source, "
	"source_ref, dedup_key, details, raised_at, acknowledged_at, acknowledged_by, "
	"resolved_at, resolved_by, outcome, note, in_progress_at, escalation, "
	"escalation_due_at, version) SELECT $1::text, $2::text, $3::text, $4::text, $5::text, "
	"$6::text, $7::text, $8::text, $9::text, $10::text, $11::bigint, $12::bigint, "
	"$13::text, $14::bigint, $15::text, $16::text, $17::text, $18::bigint, $19::text, "
	"$20::bigint, $21::bigint WHERE $1::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dup) "
	"ON CONFLICT DO NOTHING RETURNING id, org_id, version, raised_at), "
	"alc AS (INSERT INTO changes (org_id, entity, entity_id, op, version, at) "
	"SELECT org_id, 'alert', id, 'insert', version, $38::bigint FROM al), "
	"ale AS (INSERT INTO alert_events (alert_id, org_id, kind, version, at) "
	"SELECT id, org_id, $37::text, version, raised_at FROM al), "
	"ev AS (INSERT INTO alarm_events (" PG_ALARM_EVENT_COLS ") SELECT $22::text, $23::text, "
	"$24::text, $25::text, $26::bigint, $27::bigint, $28::text, $29::text, $30::text, "
	"$31::text, $32::text, $33::text, $34::bigint, $35::bigint, $36::text, "
	"(SELECT id FROM al) WHERE NOT EXISTS (SELECT 1 FROM dup) RETURNING id, org_id), "
	"evc AS (INSERT INTO changes (org_id, entity, entity_id, op, version, at) "
	"SELECT org_id, 'alarm_event', id, 'insert', 1, $38::bigint FROM ev) "
	"SELECT (SELECT count(*) FROM al), EXISTS (SELECT 1 FROM dup), "
	"(SELECT alert_id FROM dup)";

int
pg_alarm_record(struct lia_conn *c, struct lia_arena *a, const struct lia_alert *al,
		struct lia_alarm_event *e, int64_t dup_since, bool *dup, bool *raised)
{
	struct pg_conn *pc = pg_of(c);
	*dup = *raised = false;
	e->alert_id = NULL;
	int st = pg_require_tx(pc, "alarm_record");
	if (st != LIA_STORE_OK)
		return st;
	char raised_at[PG_I64_LEN], acked[PG_I64_LEN], resolved[PG_I64_LEN], v[PG_I64_LEN],
		inprog[PG_I64_LEN], due[PG_I64_LEN];
	const char *p[39] = {NULL};
	if (al) {
		const char *alp[] = {al->id,
				     al->org_id,
				     al->client_id,
				     al->type,
				     al->severity,
				     al->state,
				     al->source,
				     al->source_ref,
				     al->dedup_key,
				     al->details,
				     pg_i64(raised_at, al->raised_at),
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
		memcpy(p, alp, sizeof alp);
	}
	char seq[PG_I64_LEN], fp[PG_I64_LEN], et[PG_I64_LEN], rec[PG_I64_LEN], now[PG_I64_LEN],
		since[PG_I64_LEN];
	const char *evp[] = {e->id,
			     e->org_id,
			     e->device_id,
			     e->client_id,
			     pg_i64(seq, e->seq),
			     pg_i64(fp, e->fingerprint),
			     e->path,
			     e->message_id,
			     e->qualifier,
			     e->code,
			     e->zone,
			     e->alarm_type,
			     pg_i64(et, e->event_time),
			     pg_i64(rec, e->received_at),
			     e->body};
	memcpy(p + 21, evp, sizeof evp);
	p[36] = al && al->event ? al->event : "raised";
	p[37] = pg_i64(now, lia_clock_now_us());
	p[38] = pg_i64(since, dup_since);
	PGresult *r;
	st = pg_exec(pc, "alarm_record", sql, 39, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) != 1) {
		LIA_BUG("store.pg.alarm_record_rows", "rows=%d", PQntuples(r));
		PQclear(r);
		return LIA_STORE_ERROR;
	}
	*raised = pg_col_i64(r, 0, 0) == 1;
	*dup = pg_col_bool(r, 0, 1);
	if (*dup)
		e->alert_id = pg_col_text(a, r, 0, 2);
	else if (*raised)
		e->alert_id = al->id;
	PQclear(r);
	return LIA_STORE_OK;
}
