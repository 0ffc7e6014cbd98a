/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_event_list on SQLite: one alert's log (raised, acknowledged, escalated,
 * ...) in seq order, the history shown with the alert; served by index
 * alert_events_alert (alert_id, seq). The alert copy of each row is left zeroed:
 * the caller has the alert already.
 */
#include "store/sqlite/sq_internal.h"

#include <string.h>

static const char sql[] = "SELECT seq, alert_id, org_id, kind, version, at FROM alert_events "
			  "WHERE alert_id = ?1 ORDER BY seq";

int
sq_alert_event_list(struct lia_conn *lc, struct lia_arena *a, const char *alert_id,
		    struct lia_alert_event **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "alert_event_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, alert_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_alert_event *ev = &(*items)[(*n)++];
		memset(ev, 0, sizeof *ev);
		ev->seq = sqlite3_column_int64(st, 0);
		ev->alert_id = sq_col_text(a, st, 1);
		ev->org_id = sq_col_text(a, st, 2);
		ev->kind = sq_col_text(a, st, 3);
		ev->version = sqlite3_column_int64(st, 4);
		ev->at = sqlite3_column_int64(st, 5);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "alert_event_list");
	sq_reset(st);
	return status;
}
