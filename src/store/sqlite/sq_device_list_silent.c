/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_list_silent on SQLite: the active supervised devices, across all
 * organisations, that have sent nothing for longer than their supervision interval
 * plus the grace: last_seen_at (created_at for a device never seen) +
 * supervision_s + grace_s < now, and not yet alerted for this silence
 * (silent_alert_at < last_seen_at, or both 0 for a device never seen and never
 * alerted). Ordered by id, at most limit: the watcher's periodic look.
 *
 * supervision_s > 0 AND active = 1 is the WHERE of the partial index
 * devices_supervised, written word for word so that SQLite may use it, and INDEXED
 * BY makes it do so: left to itself the planner prefers walking every device in id
 * order to sorting the few silent ones. The pass then reads the supervised devices
 * only. The index is on last_seen_at, and since supervision and grace are never
 * negative a silent device was last seen before now - grace, which bounds the range.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT " SQ_DEVICE_COLS " FROM devices d INDEXED BY devices_supervised "
	"WHERE supervision_s > 0 AND active = 1 AND d.last_seen_at < ?1 - ?2 * 1000000 "
	"AND (CASE WHEN d.last_seen_at > 0 THEN d.last_seen_at ELSE d.created_at END) "
	"+ (d.supervision_s + ?2) * 1000000 < ?1 "
	"AND (d.silent_alert_at < d.last_seen_at "
	"OR (d.silent_alert_at = 0 AND d.last_seen_at = 0)) "
	"ORDER BY d.id LIMIT ?3";

int
sq_device_list_silent(struct lia_conn *lc, struct lia_arena *a, int64_t now, int64_t grace_s,
		      int limit, struct lia_device **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0) /* as on PostgreSQL, where LIMIT -1 is an error, not "all" */
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "device_list_silent");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, now);
	sq_bind_int64(c, st, 2, grace_s);
	sq_bind_int64(c, st, 3, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_device_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "device_list_silent");
	sq_reset(st);
	return status;
}
