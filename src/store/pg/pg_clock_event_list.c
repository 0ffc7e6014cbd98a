/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * clock_event_list on PostgreSQL: a visit's check-in and check-out facts in
 * (server_at, id) order. A NULL position reads as 0, a NULL distance as -1 (not
 * computable), as on SQLite.
 */
#include "pg_internal.h"

static void
read_clock_event(struct lia_arena *a, const PGresult *r, int row, struct lia_clock_event *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->visit_id = pg_col_text(a, r, row, 3);
	out->kind = pg_col_text(a, r, row, 4);
	out->server_at = pg_col_i64(r, row, 5);
	out->device_at = pg_col_i64(r, row, 6);
	out->method = pg_col_text(a, r, row, 7);
	out->tag = pg_col_text(a, r, row, 8);
	out->has_location = pg_col_i64(r, row, 9) != 0;
	out->latitude = pg_col_f64(r, row, 10, 0);
	out->longitude = pg_col_f64(r, row, 11, 0);
	out->accuracy_m = pg_col_f64(r, row, 12, 0);
	out->distance_m = pg_col_f64(r, row, 13, -1);
	out->outside_radius = pg_col_i64(r, row, 14) != 0;
	out->by_account = pg_col_text(a, r, row, 15);
	out->reason = pg_col_text(a, r, row, 16);
}

int
pg_clock_event_list(struct lia_conn *c, struct lia_arena *a, const char *visit_id,
		    struct lia_clock_event **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {visit_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "clock_event_list",
			 "SELECT id, org_id, client_id, visit_id, kind, server_at, device_at, "
			 "method, tag, has_location, latitude, longitude, accuracy_m, distance_m, "
			 "outside_radius, by_account, reason FROM visit_clock_events "
			 "WHERE visit_id = $1 ORDER BY server_at, id",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_clock_event(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
