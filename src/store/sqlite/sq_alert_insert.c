/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_insert on SQLite: an alert for the coordinators, stored with the version
 * given (1 for a new alert), its change-feed row and the first row of its log
 * (alert_events: kind al->event, else "raised", at raised_at), which the live stream
 * replays from a last event id. CONFLICT when the id or the dedup_key exists: a
 * vigilance rule that runs twice over the same visit raises its alert once,
 * whichever server got there first. Also holds the log append shared with
 * alert_update.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO alerts (id, org_id, client_id, type, severity, state, source, source_ref, "
	"dedup_key, details, raised_at, acknowledged_at, acknowledged_by, resolved_at, "
	"resolved_by, outcome, note, version, in_progress_at, escalation, escalation_due_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	"?18, ?19, ?20, ?21)";
/* seq is AUTOINCREMENT: a seq once handed out is never reused, even after the
 * newest rows are deleted, so a client's last event id never points at another
 * event. */
static const char sql_event[] = "INSERT INTO alert_events (alert_id, org_id, kind, version, at) "
				"VALUES (?1, ?2, ?3, ?4, ?5)";

int
sq_alert_event_append(struct sq_conn *c, const char *alert_id, const char *org_id, const char *kind,
		      int64_t version, int64_t at)
{
	sqlite3_stmt *st = sq_stmt(c, sql_event, "alert_event_append");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, alert_id);
	sq_bind_text(c, st, 2, org_id);
	sq_bind_text(c, st, 3, kind);
	sq_bind_int64(c, st, 4, version);
	sq_bind_int64(c, st, 5, at);
	return sq_step_done(c, st, "alert_event_append");
}

int
sq_alert_insert(struct lia_conn *lc, const struct lia_alert *al)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "alert_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "alert_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, al->id);
	sq_bind_text(c, st, 2, al->org_id);
	sq_bind_text(c, st, 3, al->client_id);
	sq_bind_text(c, st, 4, al->type);
	sq_bind_text(c, st, 5, al->severity);
	sq_bind_text(c, st, 6, al->state);
	sq_bind_text(c, st, 7, al->source);
	sq_bind_text(c, st, 8, al->source_ref);
	sq_bind_text(c, st, 9, al->dedup_key);
	sq_bind_text(c, st, 10, al->details);
	sq_bind_int64(c, st, 11, al->raised_at);
	sq_bind_int64(c, st, 12, al->acknowledged_at);
	sq_bind_text(c, st, 13, al->acknowledged_by);
	sq_bind_int64(c, st, 14, al->resolved_at);
	sq_bind_text(c, st, 15, al->resolved_by);
	sq_bind_text(c, st, 16, al->outcome);
	sq_bind_text(c, st, 17, al->note);
	sq_bind_int64(c, st, 18, al->version);
	sq_bind_int64(c, st, 19, al->in_progress_at);
	sq_bind_text(c, st, 20, al->escalation);
	sq_bind_int64(c, st, 21, al->escalation_due_at);
	status = sq_step_done(c, st, "alert_insert");
	if (status == LIA_STORE_OK)
		status = sq_alert_event_append(c, al->id, al->org_id,
					       al->event ? al->event : "raised", al->version,
					       al->raised_at);
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, al->org_id, "alert", al->id, "insert", al->version);
}
