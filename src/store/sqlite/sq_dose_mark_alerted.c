/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_mark_alerted on SQLite: records that the missed-dose alert of a dose was
 * raised, once. A dose already alerted is NOT_FOUND, like a missing one (as
 * absence_cancel): when two vigilance runs race, the second learns it lost and
 * raises nothing. Derived data: no change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE doses SET alerted_at = ?3 "
			  "WHERE series_id = ?1 AND due_at = ?2 AND alerted_at = 0";

int
sq_dose_mark_alerted(struct lia_conn *lc, const char *series_id, int64_t due_at, int64_t at)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "dose_mark_alerted");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "dose_mark_alerted");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, series_id);
	sq_bind_int64(c, st, 2, due_at);
	sq_bind_int64(c, st, 3, at);
	status = sq_step_done(c, st, "dose_mark_alerted");
	if (status == LIA_STORE_OK && sqlite3_changes(c->db) == 0)
		status = LIA_STORE_NOT_FOUND;
	return status;
}
