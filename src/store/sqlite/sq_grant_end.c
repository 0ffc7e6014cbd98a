/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * grant_end on SQLite: closes a funder's grant (sets ends_on, inclusive) under
 * optimistic concurrency, like circle_end: the row changes only at the version the
 * editor read; otherwise a second look tells STALE from NOT_FOUND. One change-feed
 * row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE funder_grants SET ends_on = ?2, version = version + 1 "
			  "WHERE id = ?1 AND version = ?3 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM funder_grants WHERE id = ?1";

int
sq_grant_end(struct lia_conn *lc, const char *id, const char *ends_on, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "grant_end");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "grant_end");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_text(c, st, 2, ends_on);
	sq_bind_int64(c, st, 3, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "grant_end");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, id, "grant_end");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "grant", id, "update", expected_version + 1);
}
