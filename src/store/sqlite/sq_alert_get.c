/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_get on SQLite: one alert. Also holds the row reader shared with
 * alert_list, alert_list_escalation_due and alert_events_since (columns
 * SQ_ALERT_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ALERT_COLS " FROM alerts al WHERE al.id = ?1";

void
sq_alert_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_alert *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->type = sq_col_text(a, st, 3);
	out->severity = sq_col_text(a, st, 4);
	out->state = sq_col_text(a, st, 5);
	out->source = sq_col_text(a, st, 6);
	out->source_ref = sq_col_text(a, st, 7);
	out->dedup_key = sq_col_text(a, st, 8);
	out->details = sq_col_text(a, st, 9);
	out->raised_at = sqlite3_column_int64(st, 10);
	out->acknowledged_at = sqlite3_column_int64(st, 11);
	out->acknowledged_by = sq_col_text(a, st, 12);
	out->resolved_at = sqlite3_column_int64(st, 13);
	out->resolved_by = sq_col_text(a, st, 14);
	out->outcome = sq_col_text(a, st, 15);
	out->note = sq_col_text(a, st, 16);
	out->version = sqlite3_column_int64(st, 17);
	out->in_progress_at = sqlite3_column_int64(st, 18);
	out->escalation = sq_col_text(a, st, 19);
	out->escalation_due_at = sqlite3_column_int64(st, 20);
	out->event = NULL; /* not a column: the log holds it */
}

int
sq_alert_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_alert *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "alert_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_alert_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "alert_get");
	sq_reset(st);
	return status;
}
