/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_event_list on PostgreSQL: one page of a device's received events, newest
 * first ((received_at, id) descending) below an instant (0: from the newest), on the
 * index alarm_events_device. Also the row reader of received events
 * (PG_ALARM_EVENT_COLS), which alarm_event_find uses too.
 */
#include "pg_internal.h"

void
pg_alarm_event_read(struct lia_arena *a, const PGresult *r, int row, struct lia_alarm_event *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->device_id = pg_col_text(a, r, row, 2);
	out->client_id = pg_col_text(a, r, row, 3);
	out->seq = pg_col_i64(r, row, 4);
	out->fingerprint = pg_col_i64(r, row, 5);
	out->path = pg_col_text(a, r, row, 6);
	out->message_id = pg_col_text(a, r, row, 7);
	out->qualifier = pg_col_text(a, r, row, 8);
	out->code = pg_col_text(a, r, row, 9);
	out->zone = pg_col_text(a, r, row, 10);
	out->alarm_type = pg_col_text(a, r, row, 11);
	out->event_time = pg_col_i64(r, row, 12);
	out->received_at = pg_col_i64(r, row, 13);
	out->body = pg_col_text(a, r, row, 14);
	out->alert_id = pg_col_text(a, r, row, 15);
}

int
pg_alarm_event_list(struct lia_conn *c, struct lia_arena *a, const char *device_id, int64_t before,
		    int limit, struct lia_alarm_event **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char b[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {device_id, before > 0 ? pg_i64(b, before) : NULL, pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alarm_event_list",
			 "SELECT " PG_ALARM_EVENT_COLS " FROM alarm_events "
			 "WHERE device_id = $1 AND ($2::bigint IS NULL OR received_at < $2) "
			 "ORDER BY received_at DESC, id DESC LIMIT $3::bigint",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_alarm_event_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
