/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_settings_get on SQLite: the planning settings stored on one organisation
 * node, as the JSON text written. No inheritance here: a node without a row is
 * NOT_FOUND, and the caller walks up the tree to the nearest ancestor's.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT org_id, settings, version, updated_at, updated_by "
			  "FROM org_settings WHERE org_id = ?1";

int
sq_org_settings_get(struct lia_conn *lc, struct lia_arena *a, const char *org_id,
		    struct lia_org_settings *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "org_settings_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, org_id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->org_id = sq_col_text(a, st, 0);
		out->settings = sq_col_text(a, st, 1);
		out->version = sqlite3_column_int64(st, 2);
		out->updated_at = sqlite3_column_int64(st, 3);
		out->updated_by = sq_col_text(a, st, 4);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "org_settings_get");
	}
	sq_reset(st);
	return status;
}
