/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_mark_silent on PostgreSQL: notes that the "silent device" alert of the
 * current silence was raised (silent_alert_at), so that supervision raises one alert
 * per silence, not one per tick (see device_list_silent). Written in the transaction
 * that raises the alert, so the mark and the alert stand or fall together. Not
 * versioned, no change feed row, like the heartbeat it answers. NOT_FOUND when the
 * device is gone.
 */
#include "pg_internal.h"

int
pg_device_mark_silent(struct lia_conn *c, const char *id, int64_t at)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "device_mark_silent");
	if (st != LIA_STORE_OK)
		return st;
	char t[PG_I64_LEN];
	const char *p[] = {id, pg_i64(t, at)};
	int64_t rows = 0;
	st = pg_run(pc, "device_mark_silent",
		    "UPDATE devices SET silent_alert_at = $2 WHERE id = $1", 2, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_NOT_FOUND;
	return st;
}
