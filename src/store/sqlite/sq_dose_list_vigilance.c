/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_list_vigilance on SQLite: the doses the missed-dose rule still has to look at,
 * due_at in [from, to), across all organisations: not yet alerted, and with nothing
 * recorded for them (any outcome: a refusal is an answer, not a missed dose). In
 * (due_at, series_id) order. The test alerted_at = 0 is written exactly as the WHERE
 * of the partial index doses_vigilance, which SQLite uses only when the query holds
 * it word for word. For the same reason the subquery repeats the condition of the
 * unique index administrations_dose (ad.due_at <> 0, true anyway of a scheduled dose):
 * without it the look for a record scans the whole table for every dose.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_DOSE_COLS " FROM doses d "
			  "WHERE d.alerted_at = 0 AND d.due_at >= ?1 AND d.due_at < ?2 "
			  "AND NOT EXISTS (SELECT 1 FROM administrations ad "
			  "WHERE ad.series_id = d.series_id AND ad.due_at = d.due_at "
			  "AND ad.due_at <> 0) "
			  "ORDER BY d.due_at, d.series_id LIMIT ?3";

int
sq_dose_list_vigilance(struct lia_conn *lc, struct lia_arena *a, int64_t from, int64_t to,
		       int limit, struct lia_dose **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "dose_list_vigilance");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, from);
	sq_bind_int64(c, st, 2, to);
	sq_bind_int64(c, st, 3, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_dose_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "dose_list_vigilance");
	sq_reset(st);
	return status;
}
