/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * clock_event_list on SQLite: a visit's check-in and check-out facts in
 * (server_at, id) order, served by index visit_clock_events_visit. Coordinates
 * read back as 0 without a location, the distance as -1 when it is NULL.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, client_id, visit_id, kind, server_at, device_at, method, tag, "
	"has_location, latitude, longitude, accuracy_m, distance_m, outside_radius, "
	"by_account, reason FROM visit_clock_events WHERE visit_id = ?1 ORDER BY server_at, id";

int
sq_clock_event_list(struct lia_conn *lc, struct lia_arena *a, const char *visit_id,
		    struct lia_clock_event **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "clock_event_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, visit_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_clock_event *e = &(*items)[(*n)++];
		e->id = sq_col_text(a, st, 0);
		e->org_id = sq_col_text(a, st, 1);
		e->client_id = sq_col_text(a, st, 2);
		e->visit_id = sq_col_text(a, st, 3);
		e->kind = sq_col_text(a, st, 4);
		e->server_at = sqlite3_column_int64(st, 5);
		e->device_at = sqlite3_column_int64(st, 6);
		e->method = sq_col_text(a, st, 7);
		e->tag = sq_col_text(a, st, 8);
		e->has_location = sqlite3_column_int(st, 9) != 0;
		e->latitude = e->has_location ? sq_col_double(st, 10, 0) : 0;
		e->longitude = e->has_location ? sq_col_double(st, 11, 0) : 0;
		e->accuracy_m = e->has_location ? sq_col_double(st, 12, 0) : 0;
		e->distance_m = sq_col_double(st, 13, -1);
		e->outside_radius = sqlite3_column_int(st, 14) != 0;
		e->by_account = sq_col_text(a, st, 15);
		e->reason = sq_col_text(a, st, 16);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "clock_event_list");
	sq_reset(st);
	return status;
}
