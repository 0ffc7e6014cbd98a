/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_update on SQLite: optimistic concurrency, like client_update. Writes every
 * column but the visit's identity (id, org_id, client_id, series_id,
 * occurrence_date) and created_at, where the stored version is the one the editor
 * read; otherwise a second look tells STALE from NOT_FOUND. One change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"UPDATE visits SET version = ?2 + 1, intervention_id = ?3, type = ?4, label = ?5, "
	"planned_start = ?6, planned_end = ?7, qualification = ?8, tasks = ?9, funder = ?10, "
	"status = ?11, suspended_by = ?12, manual = ?13, worker_id = ?14, cancel_reason = ?15, "
	"cancel_note = ?16, round_id = ?17, round_position = ?18, check_in_at = ?19, "
	"check_in_device_at = ?20, check_in_method = ?21, check_out_at = ?22, "
	"check_out_device_at = ?23, check_out_method = ?24, retained_start = ?25, "
	"retained_end = ?26, correction_code = ?27, tasks_done = ?28, delivery_outcome = ?29, "
	"delivery_reason = ?30, anomalies = ?31, late_alert_at = ?32, overdue_alert_at = ?33, "
	"updated_at = ?34 WHERE id = ?1 AND version = ?2 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM visits WHERE id = ?1";

static void
bind_all(struct sq_conn *c, sqlite3_stmt *st, const struct lia_visit *v, int64_t version)
{
	sq_bind_text(c, st, 1, v->id);
	sq_bind_int64(c, st, 2, version);
	sq_bind_text(c, st, 3, v->intervention_id);
	sq_bind_text(c, st, 4, v->type);
	sq_bind_text(c, st, 5, v->label);
	sq_bind_int64(c, st, 6, v->planned_start);
	sq_bind_int64(c, st, 7, v->planned_end);
	sq_bind_text(c, st, 8, v->qualification);
	sq_bind_text(c, st, 9, v->tasks);
	sq_bind_text(c, st, 10, v->funder);
	sq_bind_text(c, st, 11, v->status);
	sq_bind_text(c, st, 12, v->suspended_by);
	sq_bind_int64(c, st, 13, v->manual);
	sq_bind_text(c, st, 14, v->worker_id);
	sq_bind_text(c, st, 15, v->cancel_reason);
	sq_bind_text(c, st, 16, v->cancel_note);
	sq_bind_text(c, st, 17, v->round_id);
	sq_bind_int64(c, st, 18, v->round_position);
	sq_bind_int64(c, st, 19, v->check_in_at);
	sq_bind_int64(c, st, 20, v->check_in_device_at);
	sq_bind_text(c, st, 21, v->check_in_method);
	sq_bind_int64(c, st, 22, v->check_out_at);
	sq_bind_int64(c, st, 23, v->check_out_device_at);
	sq_bind_text(c, st, 24, v->check_out_method);
	sq_bind_int64(c, st, 25, v->retained_start);
	sq_bind_int64(c, st, 26, v->retained_end);
	sq_bind_text(c, st, 27, v->correction_code);
	sq_bind_text(c, st, 28, v->tasks_done);
	sq_bind_text(c, st, 29, v->delivery_outcome);
	sq_bind_text(c, st, 30, v->delivery_reason);
	sq_bind_text(c, st, 31, v->anomalies);
	sq_bind_int64(c, st, 32, v->late_alert_at);
	sq_bind_int64(c, st, 33, v->overdue_alert_at);
	sq_bind_int64(c, st, 34, v->updated_at);
}

int
sq_visit_update(struct lia_conn *lc, const struct lia_visit *v, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "visit_update");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "visit_update");
	if (!st)
		return LIA_STORE_ERROR;
	bind_all(c, st, v, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		/* The change feed needs the stored owner, not whatever v->org_id holds. */
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "visit_update");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, v->id, "visit_update");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "visit", v->id, "update", expected_version + 1);
}
