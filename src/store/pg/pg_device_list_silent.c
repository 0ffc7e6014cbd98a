/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_list_silent on PostgreSQL: the supervised devices that have not been heard
 * from for longer than their supervision interval plus a grace, across every
 * organisation, and whose silence has not been alerted yet. A device never heard
 * from counts from its registration. silent_alert_at below last_seen_at means the
 * last alert was for an earlier silence (a frame came since); both at 0 means a
 * device never heard from and never alerted. Intervals are seconds, instants
 * microseconds. The first conditions are the predicate of the partial index
 * devices_supervised (sql/pg/0005-alarms.sql); keep the two texts in step.
 */
#include "pg_internal.h"

int
pg_device_list_silent(struct lia_conn *c, struct lia_arena *a, int64_t now, int64_t grace_s,
		      int limit, struct lia_device **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char t[PG_I64_LEN], g[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {pg_i64(t, now), pg_i64(g, grace_s), pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_list_silent",
			 "SELECT " PG_DEVICE_COLS " FROM devices "
			 "WHERE supervision_s > 0 AND active = 1 "
			 "AND CASE WHEN last_seen_at = 0 THEN created_at ELSE last_seen_at END "
			 "  + (supervision_s + $2::bigint) * 1000000 < $1::bigint "
			 "AND (silent_alert_at < last_seen_at "
			 "  OR (silent_alert_at = 0 AND last_seen_at = 0)) "
			 "ORDER BY id LIMIT $3::bigint",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_device_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
