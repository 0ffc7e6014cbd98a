/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_insert on SQLite: one occurrence of an intervention (or a one-off visit),
 * with every column, stored with the version given (1 for a new visit), and its
 * change-feed row. CONFLICT when the id exists or when the series already has a
 * visit on that occurrence date (unique index visits_occurrence): regenerating a
 * plan never duplicates a visit.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO visits (id, org_id, client_id, series_id, intervention_id, "
	"occurrence_date, type, label, planned_start, planned_end, qualification, tasks, "
	"funder, status, suspended_by, manual, worker_id, cancel_reason, cancel_note, round_id, "
	"round_position, check_in_at, check_in_device_at, check_in_method, check_out_at, "
	"check_out_device_at, check_out_method, retained_start, retained_end, correction_code, "
	"tasks_done, delivery_outcome, delivery_reason, anomalies, late_alert_at, "
	"overdue_alert_at, version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
	"?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)";

int
sq_visit_insert(struct lia_conn *lc, const struct lia_visit *v)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "visit_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "visit_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, v->id);
	sq_bind_text(c, st, 2, v->org_id);
	sq_bind_text(c, st, 3, v->client_id);
	sq_bind_text(c, st, 4, v->series_id);
	sq_bind_text(c, st, 5, v->intervention_id);
	sq_bind_text(c, st, 6, v->occurrence_date);
	sq_bind_text(c, st, 7, v->type);
	sq_bind_text(c, st, 8, v->label);
	sq_bind_int64(c, st, 9, v->planned_start);
	sq_bind_int64(c, st, 10, v->planned_end);
	sq_bind_text(c, st, 11, v->qualification);
	sq_bind_text(c, st, 12, v->tasks);
	sq_bind_text(c, st, 13, v->funder);
	sq_bind_text(c, st, 14, v->status);
	sq_bind_text(c, st, 15, v->suspended_by);
	sq_bind_int64(c, st, 16, v->manual);
	sq_bind_text(c, st, 17, v->worker_id);
	sq_bind_text(c, st, 18, v->cancel_reason);
	sq_bind_text(c, st, 19, v->cancel_note);
	sq_bind_text(c, st, 20, v->round_id);
	sq_bind_int64(c, st, 21, v->round_position);
	sq_bind_int64(c, st, 22, v->check_in_at);
	sq_bind_int64(c, st, 23, v->check_in_device_at);
	sq_bind_text(c, st, 24, v->check_in_method);
	sq_bind_int64(c, st, 25, v->check_out_at);
	sq_bind_int64(c, st, 26, v->check_out_device_at);
	sq_bind_text(c, st, 27, v->check_out_method);
	sq_bind_int64(c, st, 28, v->retained_start);
	sq_bind_int64(c, st, 29, v->retained_end);
	sq_bind_text(c, st, 30, v->correction_code);
	sq_bind_text(c, st, 31, v->tasks_done);
	sq_bind_text(c, st, 32, v->delivery_outcome);
	sq_bind_text(c, st, 33, v->delivery_reason);
	sq_bind_text(c, st, 34, v->anomalies);
	sq_bind_int64(c, st, 35, v->late_alert_at);
	sq_bind_int64(c, st, 36, v->overdue_alert_at);
	sq_bind_int64(c, st, 37, v->version);
	sq_bind_int64(c, st, 38, v->created_at);
	sq_bind_int64(c, st, 39, v->updated_at);
	status = sq_step_done(c, st, "visit_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, v->org_id, "visit", v->id, "insert", v->version);
}
