/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_touch on PostgreSQL: the link's heartbeat, written for every valid frame
 * (link tests included). Only a later instant moves last_seen_at, and last_path moves
 * with it, so a frame that arrives late by a slower path cannot make a device look
 * older or name a path that is not its latest; such a frame changes nothing and is
 * still OK, as on SQLite. Not versioned, no change feed row: a device edited at the
 * same moment keeps its version.
 */
#include "pg_internal.h"

int
pg_device_touch(struct lia_conn *c, const char *id, int64_t at, const char *path)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "device_touch");
	if (st != LIA_STORE_OK)
		return st;
	char t[PG_I64_LEN];
	const char *p[] = {id, pg_i64(t, at), path};
	return pg_run(pc, "device_touch",
		      "UPDATE devices SET last_seen_at = $2, last_path = $3 "
		      "WHERE id = $1 AND last_seen_at < $2",
		      3, p, NULL);
}
