/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_event_list on SQLite: a device's received events, newest first
 * ((received_at, id) descending), received before `before` (0: no bound), at most
 * limit: the device's history, a page at a time. Read backwards along index
 * alarm_events_device (device_id, received_at); "no bound" is bound as the largest
 * instant so that one statement serves both. Also holds the row reader shared with
 * alarm_event_find (columns SQ_ALARM_EVENT_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ALARM_EVENT_COLS " FROM alarm_events e "
			  "WHERE e.device_id = ?1 AND e.received_at < ?2 "
			  "ORDER BY e.received_at DESC, e.id DESC LIMIT ?3";

void
sq_alarm_event_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_alarm_event *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->device_id = sq_col_text(a, st, 2);
	out->client_id = sq_col_text(a, st, 3);
	out->seq = sqlite3_column_int64(st, 4);
	out->fingerprint = sqlite3_column_int64(st, 5);
	out->path = sq_col_text(a, st, 6);
	out->message_id = sq_col_text(a, st, 7);
	out->qualifier = sq_col_text(a, st, 8);
	out->code = sq_col_text(a, st, 9);
	out->zone = sq_col_text(a, st, 10);
	out->alarm_type = sq_col_text(a, st, 11);
	out->event_time = sqlite3_column_int64(st, 12);
	out->received_at = sqlite3_column_int64(st, 13);
	out->body = sq_col_text(a, st, 14);
	out->alert_id = sq_col_text(a, st, 15);
}

int
sq_alarm_event_list(struct lia_conn *lc, struct lia_arena *a, const char *device_id, int64_t before,
		    int limit, struct lia_alarm_event **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0) /* as on PostgreSQL, where LIMIT -1 is an error, not "all" */
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "alarm_event_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, device_id);
	sq_bind_int64(c, st, 2, before > 0 ? before : INT64_MAX);
	sq_bind_int64(c, st, 3, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_alarm_event_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "alarm_event_list");
	sq_reset(st);
	return status;
}
