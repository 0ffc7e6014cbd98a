/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_event_find on SQLite: the receiver's duplicate check. A transmitter that got
 * no ACK sends the same event again (same sequence number, same content: same
 * fingerprint, see dc09.h), possibly over another path; an event of the device with
 * that (seq, fingerprint) received at or after `since` (the start of the duplicate
 * window) means this one is a repeat. The newest such event is returned, so the
 * repeat can point at the alert it raised. Served by index alarm_events_dup.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ALARM_EVENT_COLS " FROM alarm_events e "
			  "WHERE e.device_id = ?1 AND e.seq = ?2 AND e.fingerprint = ?3 "
			  "AND e.received_at >= ?4 ORDER BY e.received_at DESC, e.id DESC LIMIT 1";

int
sq_alarm_event_find(struct lia_conn *lc, struct lia_arena *a, const char *device_id, int64_t seq,
		    int64_t fingerprint, int64_t since, struct lia_alarm_event *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "alarm_event_find");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, device_id);
	sq_bind_int64(c, st, 2, seq);
	sq_bind_int64(c, st, 3, fingerprint);
	sq_bind_int64(c, st, 4, since);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_alarm_event_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "alarm_event_find");
	sq_reset(st);
	return status;
}
