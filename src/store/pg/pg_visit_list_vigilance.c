/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_list_vigilance on PostgreSQL: the visits the vigilance rule must look at in a
 * window, across every organisation. The status condition is the very predicate of
 * the partial index visits_vigilance (sql/pg/0003-planning.sql), so the planner
 * proves the index applies and reads only the visits still waiting for a
 * check-in or a check-out, in planned_start order; keep the two texts in step.
 */
#include "pg_internal.h"

int
pg_visit_list_vigilance(struct lia_conn *c, struct lia_arena *a, int64_t from, int64_t to,
			int limit, struct lia_visit **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char f[PG_I64_LEN], t[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {pg_i64(f, from), pg_i64(t, to), pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "visit_list_vigilance",
			 "SELECT " PG_VISIT_COLS " FROM visits v "
			 "WHERE ((v.status = 'planned' AND v.late_alert_at = 0) "
			 "OR (v.status = 'in_progress' AND v.overdue_alert_at = 0)) "
			 "AND v.planned_start >= $1 AND v.planned_start < $2 "
			 "ORDER BY v.planned_start, v.id LIMIT $3::bigint",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_visit_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
