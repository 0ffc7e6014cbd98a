/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_get on SQLite: one visit with every column. Also holds the row reader
 * shared with visit_list and visit_list_vigilance (columns SQ_VISIT_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_VISIT_COLS " FROM visits v WHERE v.id = ?1";

void
sq_visit_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_visit *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->series_id = sq_col_text(a, st, 3);
	out->intervention_id = sq_col_text(a, st, 4);
	out->occurrence_date = sq_col_text(a, st, 5);
	out->type = sq_col_text(a, st, 6);
	out->label = sq_col_text(a, st, 7);
	out->planned_start = sqlite3_column_int64(st, 8);
	out->planned_end = sqlite3_column_int64(st, 9);
	out->qualification = sq_col_text(a, st, 10);
	out->tasks = sq_col_text(a, st, 11);
	out->funder = sq_col_text(a, st, 12);
	out->status = sq_col_text(a, st, 13);
	out->suspended_by = sq_col_text(a, st, 14);
	out->manual = sqlite3_column_int(st, 15) != 0;
	out->worker_id = sq_col_text(a, st, 16);
	out->cancel_reason = sq_col_text(a, st, 17);
	out->cancel_note = sq_col_text(a, st, 18);
	out->round_id = sq_col_text(a, st, 19);
	out->round_position = sqlite3_column_int64(st, 20);
	out->check_in_at = sqlite3_column_int64(st, 21);
	out->check_in_device_at = sqlite3_column_int64(st, 22);
	out->check_in_method = sq_col_text(a, st, 23);
	out->check_out_at = sqlite3_column_int64(st, 24);
	out->check_out_device_at = sqlite3_column_int64(st, 25);
	out->check_out_method = sq_col_text(a, st, 26);
	out->retained_start = sqlite3_column_int64(st, 27);
	out->retained_end = sqlite3_column_int64(st, 28);
	out->correction_code = sq_col_text(a, st, 29);
	out->tasks_done = sq_col_text(a, st, 30);
	out->delivery_outcome = sq_col_text(a, st, 31);
	out->delivery_reason = sq_col_text(a, st, 32);
	out->anomalies = sq_col_text(a, st, 33);
	out->late_alert_at = sqlite3_column_int64(st, 34);
	out->overdue_alert_at = sqlite3_column_int64(st, 35);
	out->version = sqlite3_column_int64(st, 36);
	out->created_at = sqlite3_column_int64(st, 37);
	out->updated_at = sqlite3_column_int64(st, 38);
}

int
sq_visit_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_visit *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "visit_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_visit_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "visit_get");
	sq_reset(st);
	return status;
}
