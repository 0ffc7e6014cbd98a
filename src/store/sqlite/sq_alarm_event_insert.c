/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_event_insert on SQLite: one event received from a device, recorded once
 * (the receiver looked for a duplicate with alarm_event_find in the same
 * transaction) and never updated, with its change-feed row (version 1). CONFLICT
 * when the id exists.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO alarm_events (id, org_id, device_id, client_id, seq, fingerprint, path, "
	"message_id, qualifier, code, zone, alarm_type, event_time, received_at, body, "
	"alert_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
	"?16)";

int
sq_alarm_event_insert(struct lia_conn *lc, const struct lia_alarm_event *e)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "alarm_event_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "alarm_event_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, e->id);
	sq_bind_text(c, st, 2, e->org_id);
	sq_bind_text(c, st, 3, e->device_id);
	sq_bind_text(c, st, 4, e->client_id);
	sq_bind_int64(c, st, 5, e->seq);
	sq_bind_int64(c, st, 6, e->fingerprint);
	sq_bind_text(c, st, 7, e->path);
	sq_bind_text(c, st, 8, e->message_id);
	sq_bind_text(c, st, 9, e->qualifier);
	sq_bind_text(c, st, 10, e->code);
	sq_bind_text(c, st, 11, e->zone);
	sq_bind_text(c, st, 12, e->alarm_type);
	sq_bind_int64(c, st, 13, e->event_time);
	sq_bind_int64(c, st, 14, e->received_at);
	sq_bind_text(c, st, 15, e->body);
	sq_bind_text(c, st, 16, e->alert_id);
	status = sq_step_done(c, st, "alarm_event_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, e->org_id, "alarm_event", e->id, "insert", 1);
}
