/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_list_escalation_due on PostgreSQL: the alerts whose escalation step has timed
 * out, across every organisation, oldest deadline first: what the escalation timer
 * works through after each tick and after a restart (the deadlines are rows, not
 * timers in memory). The condition escalation_due_at > 0 is the predicate of the
 * partial index alerts_escalation_due (sql/pg/0005-alarms.sql), so the planner reads
 * only the alerts with a step pending; keep the two texts in step.
 */
#include "pg_internal.h"

int
pg_alert_list_escalation_due(struct lia_conn *c, struct lia_arena *a, int64_t now, int limit,
			     struct lia_alert **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char t[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {pg_i64(t, now), pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alert_list_escalation_due",
			 "SELECT " PG_ALERT_COLS " FROM alerts al "
			 "WHERE al.escalation_due_at > 0 AND al.escalation_due_at <= $1 "
			 "ORDER BY al.escalation_due_at, al.id LIMIT $2::bigint",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_alert_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
