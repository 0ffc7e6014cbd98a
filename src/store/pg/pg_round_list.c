/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * round_list on PostgreSQL: the rounds of a day in the organisations under a path
 * prefix, ordered by name, then id, in byte order as on SQLite. The subtree's nodes
 * come from the orgs path index (starts_with, never LIKE), then each node's rounds of
 * that date from rounds_org_date.
 */
#include "pg_internal.h"

int
pg_round_list(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
	      const char *round_date, struct lia_round **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {path_prefix ? path_prefix : "", round_date};
	PGresult *r;
	int st = pg_exec(pg_of(c), "round_list",
			 "SELECT " PG_ROUND_COLS " FROM orgs o "
			 "JOIN rounds r ON r.org_id = o.id COLLATE \"C\" "
			 "WHERE starts_with(o.path, $1) AND r.round_date = $2 "
			 "ORDER BY r.name COLLATE \"C\", r.id",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_round_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
