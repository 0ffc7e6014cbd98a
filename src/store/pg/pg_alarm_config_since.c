/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_config_since on PostgreSQL: whether what the receiver keeps in memory
 * (devices, model code tables, escalation plans) changed since a point of the
 * change feed, and the feed's end. Runs once per batch of frames, so it must cost
 * the same on a feed of millions of rows: max() reads one end of the primary key,
 * and the rows after after_seq are read in key order with a bound. Asked with
 * EXISTS, the planner scanned the whole table (it expected an early match); the
 * ORDER BY ... LIMIT keeps it on the index. Hitting the bound answers "changed"
 * (the contract allows it): the receiver then reads again, which is always safe.
 */
#include "pg_internal.h"

int
pg_alarm_config_since(struct lia_conn *c, int64_t after_seq, int64_t *last_seq, bool *changed)
{
	*last_seq = 0;
	*changed = false;
	char s[PG_I64_LEN];
	const char *p[] = {pg_i64(s, after_seq)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alarm_config_since",
			 "SELECT (SELECT coalesce(max(seq), 0) FROM changes), (SELECT count(*) = "
			 "10000 OR bool_or(entity IN ('device', 'device_model', "
			 "'escalation_plan')) IS TRUE FROM (SELECT entity FROM changes WHERE seq > "
			 "$1 ORDER BY seq LIMIT 10000) c)",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	*last_seq = pg_col_i64(r, 0, 0);
	*changed = pg_col_bool(r, 0, 1);
	PQclear(r);
	return LIA_STORE_OK;
}
