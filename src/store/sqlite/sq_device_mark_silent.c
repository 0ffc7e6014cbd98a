/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_mark_silent on SQLite: records that the "silent device" alert was raised
 * for the silence that began at `at` (the device's last_seen_at then, or any
 * non-zero instant for a device never seen), so that device_list_silent lists the
 * device once per silence. Like device_touch, not versioned and not in the change
 * feed: the alert raised alongside has its own row. NOT_FOUND for an unknown id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE devices SET silent_alert_at = ?2 WHERE id = ?1";

int
sq_device_mark_silent(struct lia_conn *lc, const char *id, int64_t at)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "device_mark_silent");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "device_mark_silent");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_int64(c, st, 2, at);
	status = sq_step_done(c, st, "device_mark_silent");
	if (status == LIA_STORE_OK && sqlite3_changes(c->db) == 0)
		status = LIA_STORE_NOT_FOUND;
	return status;
}
