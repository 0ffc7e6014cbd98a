/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_event_insert on PostgreSQL: records one event received from a device, with
 * the body as received, and appends its change feed row (version 1: received events
 * are never updated). A taken id is a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_alarm_event_insert(struct lia_conn *c, const struct lia_alarm_event *e)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "alarm_event_insert");
	if (st != LIA_STORE_OK)
		return st;
	char seq[PG_I64_LEN], fp[PG_I64_LEN], et[PG_I64_LEN], rec[PG_I64_LEN];
	const char *p[] = {e->id,
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
			   e->body,
			   e->alert_id};
	int64_t rows = 0;
	st = pg_run(pc, "alarm_event_insert",
		    "INSERT INTO alarm_events (" PG_ALARM_EVENT_COLS ") VALUES ($1, $2, $3, $4, "
		    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING",
		    16, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, e->org_id, "alarm_event", e->id, "insert", 1);
}
