/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * absence_cancel on SQLite: cancels a client's absence, once. An absence already
 * cancelled is NOT_FOUND, like a missing one (as consent_revoke): the first instant
 * stands and the change feed gets a single update, at the row's new version.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE client_absences SET cancelled_at = ?2, version = version + 1 "
			  "WHERE id = ?1 AND cancelled_at = 0 RETURNING org_id, version";

int
sq_absence_cancel(struct lia_conn *lc, const char *id, int64_t at)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int64_t version = 0;
	int updated = 0;
	int status = sq_require_tx(c, "absence_cancel");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "absence_cancel");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_int64(c, st, 2, at);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		version = sqlite3_column_int64(st, 1);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "absence_cancel");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = LIA_STORE_NOT_FOUND;
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "absence", id, "update", version);
}
