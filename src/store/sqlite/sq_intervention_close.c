/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * intervention_close on SQLite: ends a version of an intervention (sets
 * valid_until, exclusive) at the version the editor read, like circle_end;
 * otherwise a second look tells STALE from NOT_FOUND. One change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE interventions SET valid_until = ?2, version = version + 1 "
			  "WHERE id = ?1 AND version = ?3 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM interventions WHERE id = ?1";

int
sq_intervention_close(struct lia_conn *lc, const char *id, const char *valid_until,
		      int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "intervention_close");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "intervention_close");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_text(c, st, 2, valid_until);
	sq_bind_int64(c, st, 3, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "intervention_close");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, id, "intervention_close");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "intervention", id, "update", expected_version + 1);
}
