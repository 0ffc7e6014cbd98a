/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * clock_event_insert on SQLite: a check-in or check-out fact, with the device's
 * time beside ours, and its change-feed row. Append-only, no version column: the
 * feed carries version 1. Latitude, longitude and accuracy are SQL NULL without a
 * location, and the distance is NULL when it could not be computed (< 0 here).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO visit_clock_events (id, org_id, client_id, visit_id, kind, server_at, "
	"device_at, method, tag, has_location, latitude, longitude, accuracy_m, distance_m, "
	"outside_radius, by_account, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12, ?13, ?14, ?15, ?16, ?17)";

int
sq_clock_event_insert(struct lia_conn *lc, const struct lia_clock_event *e)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "clock_event_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "clock_event_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, e->id);
	sq_bind_text(c, st, 2, e->org_id);
	sq_bind_text(c, st, 3, e->client_id);
	sq_bind_text(c, st, 4, e->visit_id);
	sq_bind_text(c, st, 5, e->kind);
	sq_bind_int64(c, st, 6, e->server_at);
	sq_bind_int64(c, st, 7, e->device_at);
	sq_bind_text(c, st, 8, e->method);
	sq_bind_text(c, st, 9, e->tag);
	sq_bind_int64(c, st, 10, e->has_location);
	sq_bind_double(c, st, 11, e->has_location, e->latitude);
	sq_bind_double(c, st, 12, e->has_location, e->longitude);
	sq_bind_double(c, st, 13, e->has_location, e->accuracy_m);
	sq_bind_double(c, st, 14, e->distance_m >= 0, e->distance_m);
	sq_bind_int64(c, st, 15, e->outside_radius);
	sq_bind_text(c, st, 16, e->by_account);
	sq_bind_text(c, st, 17, e->reason);
	status = sq_step_done(c, st, "clock_event_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, e->org_id, "clock_event", e->id, "insert", 1);
}
