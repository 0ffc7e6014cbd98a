/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * break_glass_list on PostgreSQL: the emergency accesses to one client's record,
 * newest first, of one account or (account_id NULL) of all.
 */
#include "pg_internal.h"

int
pg_break_glass_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		    const char *account_id, struct lia_break_glass **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id, account_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "break_glass_list",
			 "SELECT id, org_id, client_id, account_id, reason, started_at, expires_at "
			 "FROM break_glass WHERE client_id = $1 "
			 "AND ($2::text IS NULL OR account_id = $2) "
			 "ORDER BY started_at DESC, id COLLATE \"C\" DESC",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_break_glass *x = &(*items)[i];
		x->id = pg_col_text(a, r, i, 0);
		x->org_id = pg_col_text(a, r, i, 1);
		x->client_id = pg_col_text(a, r, i, 2);
		x->account_id = pg_col_text(a, r, i, 3);
		x->reason = pg_col_text(a, r, i, 4);
		x->started_at = pg_col_i64(r, i, 5);
		x->expires_at = pg_col_i64(r, i, 6);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
