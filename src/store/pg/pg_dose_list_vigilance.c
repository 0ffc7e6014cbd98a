/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_list_vigilance on PostgreSQL: the doses the missed-dose rule must look at in a
 * window, across every organisation: not yet alerted and with nothing recorded for
 * them. "d.alerted_at = 0" is the very predicate of the partial index
 * doses_vigilance, and "a.due_at <> 0" that of the unique index administrations_dose
 * (sql/pg/0004-medication.sql): the planner proves both apply, walks the waiting
 * doses in due_at order and probes the administrations by (series_id, due_at),
 * instead of scanning the whole administration record. Keep the texts in step. The
 * extra "<> 0" changes nothing: a dose is never due at 0, the as-needed mark.
 */
#include "pg_internal.h"

int
pg_dose_list_vigilance(struct lia_conn *c, struct lia_arena *a, int64_t from, int64_t to, int limit,
		       struct lia_dose **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char f[PG_I64_LEN], t[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {pg_i64(f, from), pg_i64(t, to), pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "dose_list_vigilance",
			 "SELECT " PG_DOSE_COLS " FROM doses d "
			 "WHERE d.alerted_at = 0 AND d.due_at >= $1 AND d.due_at < $2 "
			 "AND NOT EXISTS (SELECT 1 FROM administrations a "
			 "WHERE a.due_at <> 0 AND a.series_id = d.series_id "
			 "AND a.due_at = d.due_at) "
			 "ORDER BY d.due_at, d.series_id LIMIT $3::bigint",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_dose_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
