/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_list_escalation_due on SQLite: the alerts whose current escalation step has
 * timed out (escalation_due_at in (0, now]), across all organisations, earliest
 * first, for the server's escalation timer. The condition escalation_due_at > 0 is
 * the WHERE of the partial index alerts_escalation_due, written word for word so
 * that SQLite uses it: the index holds only the alerts with a pending step and is
 * read in due order, so the timer's look costs the due rows alone.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ALERT_COLS " FROM alerts al "
			  "WHERE escalation_due_at > 0 AND al.escalation_due_at <= ?1 "
			  "ORDER BY al.escalation_due_at, al.id LIMIT ?2";

int
sq_alert_list_escalation_due(struct lia_conn *lc, struct lia_arena *a, int64_t now, int limit,
			     struct lia_alert **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0) /* as on PostgreSQL, where LIMIT -1 is an error, not "all" */
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "alert_list_escalation_due");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, now);
	sq_bind_int64(c, st, 2, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_alert_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK :
					 sq_status(c, rc, "alert_list_escalation_due");
	sq_reset(st);
	return status;
}
