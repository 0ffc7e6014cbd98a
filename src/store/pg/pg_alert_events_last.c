/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_events_last on PostgreSQL: the highest seq of the alert log, where a live
 * stream opened without a last event id starts (0 when the log is empty). max() on
 * the primary key reads one end of its index.
 */
#include "pg_internal.h"

int
pg_alert_events_last(struct lia_conn *c, int64_t *seq)
{
	*seq = 0;
	PGresult *r;
	int st = pg_exec(pg_of(c), "alert_events_last",
			 "SELECT coalesce(max(seq), 0) FROM alert_events", 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	*seq = pg_col_i64(r, 0, 0);
	PQclear(r);
	return LIA_STORE_OK;
}
