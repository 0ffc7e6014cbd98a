/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_list_vigilance on SQLite: the visits the vigilance rule still has to look
 * at (planned and not yet flagged late, or in progress and not yet flagged
 * overdue), planned_start in [from, to), across all organisations, in
 * (planned_start, id) order. The status test is written exactly as the WHERE of
 * the partial index visits_vigilance: SQLite uses a partial index only when the
 * query contains its condition word for word, and the index then holds just the
 * waiting visits instead of the 3 million of the table.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_VISIT_COLS " FROM visits v "
			  "WHERE ((status = 'planned' AND late_alert_at = 0) "
			  "OR (status = 'in_progress' AND overdue_alert_at = 0)) "
			  "AND v.planned_start >= ?1 AND v.planned_start < ?2 "
			  "ORDER BY v.planned_start, v.id LIMIT ?3";

int
sq_visit_list_vigilance(struct lia_conn *lc, struct lia_arena *a, int64_t from, int64_t to,
			int limit, struct lia_visit **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "visit_list_vigilance");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, from);
	sq_bind_int64(c, st, 2, to);
	sq_bind_int64(c, st, 3, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_visit_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "visit_list_vigilance");
	sq_reset(st);
	return status;
}
