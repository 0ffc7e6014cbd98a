/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_config_since on SQLite: whether devices, model code tables or escalation
 * plans changed after a point of the change feed, and the feed's end. seq is the
 * rowid: MAX reads one end, the scan after after_seq only the rows written since.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT (SELECT COALESCE(MAX(seq), 0) FROM changes), EXISTS (SELECT 1 FROM changes "
	"WHERE seq > ?1 AND entity IN ('device', 'device_model', 'escalation_plan'))";

int
sq_alarm_config_since(struct lia_conn *lc, int64_t after_seq, int64_t *last_seq, bool *changed)
{
	struct sq_conn *c = sq_conn(lc);
	*last_seq = 0;
	*changed = false;
	sqlite3_stmt *st = sq_stmt(c, sql, "alarm_config_since");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, after_seq);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		*last_seq = sqlite3_column_int64(st, 0);
		*changed = sqlite3_column_int(st, 1) != 0;
	} else {
		status = sq_status(c, rc, "alarm_config_since");
	}
	sq_reset(st);
	return status;
}
