/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_get on PostgreSQL: one alert; also the row reader alert_list,
 * alert_list_escalation_due and alert_events_since use (PG_ALERT_COLS, table alias
 * al, PG_ALERT_NCOLS columns).
 */
#include "pg_internal.h"

void
pg_alert_read(struct lia_arena *a, const PGresult *r, int row, struct lia_alert *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->type = pg_col_text(a, r, row, 3);
	out->severity = pg_col_text(a, r, row, 4);
	out->state = pg_col_text(a, r, row, 5);
	out->source = pg_col_text(a, r, row, 6);
	out->source_ref = pg_col_text(a, r, row, 7);
	out->dedup_key = pg_col_text(a, r, row, 8);
	out->details = pg_col_text(a, r, row, 9);
	out->raised_at = pg_col_i64(r, row, 10);
	out->acknowledged_at = pg_col_i64(r, row, 11);
	out->acknowledged_by = pg_col_text(a, r, row, 12);
	out->resolved_at = pg_col_i64(r, row, 13);
	out->resolved_by = pg_col_text(a, r, row, 14);
	out->outcome = pg_col_text(a, r, row, 15);
	out->note = pg_col_text(a, r, row, 16);
	out->in_progress_at = pg_col_i64(r, row, 17);
	out->escalation = pg_col_text(a, r, row, 18);
	out->escalation_due_at = pg_col_i64(r, row, 19);
	out->event = NULL; /* not a column: only written to the alert log */
	out->version = pg_col_i64(r, row, 20);
}

int
pg_alert_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_alert *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alert_get",
			 "SELECT " PG_ALERT_COLS " FROM alerts al WHERE al.id = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_alert_read(a, r, 0, out);
	PQclear(r);
	return st;
}
