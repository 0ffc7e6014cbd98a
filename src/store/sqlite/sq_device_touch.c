/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_touch on SQLite: the link's heartbeat, written for every valid frame (link
 * tests included): last_seen_at moves forward only, and last_path with it, so a
 * frame that arrives late (a retry over another path, a slow UDP datagram) changes
 * neither. Not versioned and not in the change feed: it is not an edit of the
 * device, and a row per frame would flood the feed. An unknown id, like an older
 * instant, changes nothing and is not an error.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE devices SET last_seen_at = ?2, last_path = ?3 "
			  "WHERE id = ?1 AND last_seen_at < ?2";

int
sq_device_touch(struct lia_conn *lc, const char *id, int64_t at, const char *path)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "device_touch");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "device_touch");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_int64(c, st, 2, at);
	sq_bind_text(c, st, 3, path);
	return sq_step_done(c, st, "device_touch");
}
