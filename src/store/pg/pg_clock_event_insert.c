/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * clock_event_insert on PostgreSQL: appends a check-in or check-out fact and its
 * change feed row (version 1: clock events are never updated). The position is SQL
 * NULL without has_location, and the distance is NULL when it was not computable
 * (distance_m < 0). A taken id is a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_clock_event_insert(struct lia_conn *c, const struct lia_clock_event *e)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "clock_event_insert");
	if (st != LIA_STORE_OK)
		return st;
	char server[PG_I64_LEN], device[PG_I64_LEN], lat[PG_F64_LEN], lon[PG_F64_LEN],
		acc[PG_F64_LEN], dist[PG_F64_LEN];
	const char *p[] = {e->id,
			   e->org_id,
			   e->client_id,
			   e->visit_id,
			   e->kind,
			   pg_i64(server, e->server_at),
			   pg_i64(device, e->device_at),
			   e->method,
			   e->tag,
			   pg_flag(e->has_location),
			   e->has_location ? pg_f64(lat, e->latitude) : NULL,
			   e->has_location ? pg_f64(lon, e->longitude) : NULL,
			   e->has_location ? pg_f64(acc, e->accuracy_m) : NULL,
			   e->distance_m >= 0 ? pg_f64(dist, e->distance_m) : NULL,
			   pg_flag(e->outside_radius),
			   e->by_account,
			   e->reason};
	int64_t rows = 0;
	st = pg_run(pc, "clock_event_insert",
		    "INSERT INTO visit_clock_events (id, org_id, client_id, visit_id, kind, "
		    "server_at, device_at, method, tag, has_location, latitude, longitude, "
		    "accuracy_m, distance_m, outside_radius, by_account, reason) VALUES ($1, $2, "
		    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
		    "ON CONFLICT DO NOTHING",
		    17, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, e->org_id, "clock_event", e->id, "insert", 1);
}
