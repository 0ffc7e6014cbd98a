/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_update on SQLite: moves an alert along its life (acknowledged, in
 * progress, resolved or cancelled) and its escalation under optimistic
 * concurrency, like client_update: only state, the acknowledgement and resolution
 * columns, in_progress_at, outcome, note, escalation and escalation_due_at change,
 * at the version the editor read; otherwise a second look tells STALE from
 * NOT_FOUND. One change-feed row and one row of the alert's log (kind al->event,
 * else the new state). The record carries no instant for the transition itself,
 * so the log row is stamped with the server's clock.
 */
#include "store/sqlite/sq_internal.h"

#include "core/clock.h"

static const char sql[] =
	"UPDATE alerts SET version = ?2 + 1, state = ?3, acknowledged_at = ?4, "
	"acknowledged_by = ?5, resolved_at = ?6, resolved_by = ?7, outcome = ?8, note = ?9, "
	"in_progress_at = ?10, escalation = ?11, escalation_due_at = ?12 "
	"WHERE id = ?1 AND version = ?2 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM alerts WHERE id = ?1";

int
sq_alert_update(struct lia_conn *lc, const struct lia_alert *al, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "alert_update");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "alert_update");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, al->id);
	sq_bind_int64(c, st, 2, expected_version);
	sq_bind_text(c, st, 3, al->state);
	sq_bind_int64(c, st, 4, al->acknowledged_at);
	sq_bind_text(c, st, 5, al->acknowledged_by);
	sq_bind_int64(c, st, 6, al->resolved_at);
	sq_bind_text(c, st, 7, al->resolved_by);
	sq_bind_text(c, st, 8, al->outcome);
	sq_bind_text(c, st, 9, al->note);
	sq_bind_int64(c, st, 10, al->in_progress_at);
	sq_bind_text(c, st, 11, al->escalation);
	sq_bind_int64(c, st, 12, al->escalation_due_at);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "alert_update");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, al->id, "alert_update");
	if (status == LIA_STORE_OK)
		status = sq_alert_event_append(c, al->id, org_id, al->event ? al->event : al->state,
					       expected_version + 1, lia_clock_now_us());
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "alert", al->id, "update", expected_version + 1);
}
