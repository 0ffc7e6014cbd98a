/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_close on SQLite: ends a version of a prescription line (valid_until,
 * exclusive, with the reason, the note and who ended it) at the version the editor
 * read, like intervention_close; otherwise a second look tells STALE from NOT_FOUND.
 * Only the end columns are written: the rest of a version never changes, a new
 * treatment being a new version. The change-feed row takes the organisation from
 * the stored row, not from the record passed.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"UPDATE prescriptions SET valid_until = ?2, end_reason = ?3, end_note = ?4, "
	"ended_by = ?5, version = version + 1 WHERE id = ?1 AND version = ?6 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM prescriptions WHERE id = ?1";

int
sq_prescription_close(struct lia_conn *lc, const struct lia_prescription *p,
		      int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "prescription_close");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "prescription_close");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, p->id);
	sq_bind_int64(c, st, 2, p->valid_until);
	sq_bind_text(c, st, 3, p->end_reason);
	sq_bind_text(c, st, 4, p->end_note);
	sq_bind_text(c, st, 5, p->ended_by);
	sq_bind_int64(c, st, 6, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "prescription_close");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, p->id, "prescription_close");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "prescription", p->id, "update", expected_version + 1);
}
