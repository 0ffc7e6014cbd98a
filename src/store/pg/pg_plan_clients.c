/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * plan_clients on PostgreSQL: the clients whose care plan still runs on or after a
 * date, in client_id byte order (COLLATE "C" keys), a page at a time, for the daily
 * visit generation.
 */
#include "pg_internal.h"

int
pg_plan_clients(struct lia_conn *c, struct lia_arena *a, const char *from, const char *after,
		int limit, struct lia_plan_client **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	char lim[PG_I64_LEN];
	const char *p[] = {from, after ? after : "", pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "plan_clients",
			 "SELECT client_id, MIN(org_id) FROM interventions "
			 "WHERE client_id > $2 AND (valid_until IS NULL OR valid_until > $1) "
			 "GROUP BY client_id ORDER BY client_id LIMIT $3",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		(*items)[i].client_id = pg_col_text(a, r, i, 0);
		(*items)[i].org_id = pg_col_text(a, r, i, 1);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
