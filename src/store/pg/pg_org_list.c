/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_list on PostgreSQL: a subtree is a path prefix. path is COLLATE "C", so
 * starts_with() can use its unique index (PostgreSQL 15) and ORDER BY path follows
 * byte order, as on SQLite.
 */
#include "pg_internal.h"

int
pg_org_list(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
	    struct lia_org **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {path_prefix ? path_prefix : ""};
	PGresult *r;
	int st = pg_exec(pg_of(c), "org_list",
			 "SELECT " PG_ORG_COLS
			 " FROM orgs WHERE starts_with(path, $1) ORDER BY path",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0) {
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
		for (int i = 0; i < rows; i++)
			pg_org_read(a, r, i, &(*items)[i]);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
