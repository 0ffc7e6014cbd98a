/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_get on SQLite: one device by id. Also holds the row reader shared with
 * device_by_account, device_list and device_list_silent (columns SQ_DEVICE_COLS);
 * active, stored 0/1, is read back as a bool.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_DEVICE_COLS " FROM devices d WHERE d.id = ?1";

void
sq_device_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_device *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->account = sq_col_text(a, st, 3);
	out->protocol = sq_col_text(a, st, 4);
	out->model_id = sq_col_text(a, st, 5);
	out->label = sq_col_text(a, st, 6);
	out->key_sealed = sq_col_text(a, st, 7);
	out->key_format = sq_col_text(a, st, 8);
	out->supervision_s = sqlite3_column_int64(st, 9);
	out->active = sqlite3_column_int(st, 10) != 0;
	out->last_seen_at = sqlite3_column_int64(st, 11);
	out->last_path = sq_col_text(a, st, 12);
	out->silent_alert_at = sqlite3_column_int64(st, 13);
	out->version = sqlite3_column_int64(st, 14);
	out->created_at = sqlite3_column_int64(st, 15);
	out->created_by = sq_col_text(a, st, 16);
}

int
sq_device_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_device *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "device_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_device_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "device_get");
	sq_reset(st);
	return status;
}
