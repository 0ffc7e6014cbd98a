/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_event_find on PostgreSQL: the duplicate check of the receiver. A transmitter
 * that got no acknowledgement sends the same event again, possibly by another path;
 * the same (device, seq, fingerprint) inside the window [since, ...) is the same
 * event, which is acknowledged again but recorded once. When several match, the
 * newest is returned (as on SQLite), so the repeat can point at the alert it raised.
 * Walks the index alarm_events_dup.
 */
#include "pg_internal.h"

int
pg_alarm_event_find(struct lia_conn *c, struct lia_arena *a, const char *device_id, int64_t seq,
		    int64_t fingerprint, int64_t since, struct lia_alarm_event *out)
{
	char s[PG_I64_LEN], fp[PG_I64_LEN], t[PG_I64_LEN];
	const char *p[] = {device_id, pg_i64(s, seq), pg_i64(fp, fingerprint), pg_i64(t, since)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alarm_event_find",
			 "SELECT " PG_ALARM_EVENT_COLS " FROM alarm_events "
			 "WHERE device_id = $1 AND seq = $2 AND fingerprint = $3 "
			 "AND received_at >= $4 ORDER BY received_at DESC, id DESC LIMIT 1",
			 4, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_alarm_event_read(a, r, 0, out);
	PQclear(r);
	return st;
}
