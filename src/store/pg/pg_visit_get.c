/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_get on PostgreSQL: one visit with its clocking summary; also the row reader
 * visit_list and visit_list_vigilance use (PG_VISIT_COLS, table alias v).
 */
#include "pg_internal.h"

void
pg_visit_read(struct lia_arena *a, const PGresult *r, int row, struct lia_visit *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->series_id = pg_col_text(a, r, row, 3);
	out->intervention_id = pg_col_text(a, r, row, 4);
	out->occurrence_date = pg_col_text(a, r, row, 5);
	out->type = pg_col_text(a, r, row, 6);
	out->label = pg_col_text(a, r, row, 7);
	out->planned_start = pg_col_i64(r, row, 8);
	out->planned_end = pg_col_i64(r, row, 9);
	out->qualification = pg_col_text(a, r, row, 10);
	out->tasks = pg_col_text(a, r, row, 11);
	out->funder = pg_col_text(a, r, row, 12);
	out->status = pg_col_text(a, r, row, 13);
	out->suspended_by = pg_col_text(a, r, row, 14);
	out->manual = pg_col_i64(r, row, 15) != 0;
	out->worker_id = pg_col_text(a, r, row, 16);
	out->cancel_reason = pg_col_text(a, r, row, 17);
	out->cancel_note = pg_col_text(a, r, row, 18);
	out->round_id = pg_col_text(a, r, row, 19);
	out->round_position = pg_col_i64(r, row, 20);
	out->check_in_at = pg_col_i64(r, row, 21);
	out->check_in_device_at = pg_col_i64(r, row, 22);
	out->check_in_method = pg_col_text(a, r, row, 23);
	out->check_out_at = pg_col_i64(r, row, 24);
	out->check_out_device_at = pg_col_i64(r, row, 25);
	out->check_out_method = pg_col_text(a, r, row, 26);
	out->retained_start = pg_col_i64(r, row, 27);
	out->retained_end = pg_col_i64(r, row, 28);
	out->correction_code = pg_col_text(a, r, row, 29);
	out->tasks_done = pg_col_text(a, r, row, 30);
	out->delivery_outcome = pg_col_text(a, r, row, 31);
	out->delivery_reason = pg_col_text(a, r, row, 32);
	out->anomalies = pg_col_text(a, r, row, 33);
	out->late_alert_at = pg_col_i64(r, row, 34);
	out->overdue_alert_at = pg_col_i64(r, row, 35);
	out->version = pg_col_i64(r, row, 36);
	out->created_at = pg_col_i64(r, row, 37);
	out->updated_at = pg_col_i64(r, row, 38);
}

int
pg_visit_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_visit *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "visit_get",
			 "SELECT " PG_VISIT_COLS " FROM visits v WHERE v.id = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_visit_read(a, r, 0, out);
	PQclear(r);
	return st;
}
