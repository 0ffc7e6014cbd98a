/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ack_list on PostgreSQL: the acknowledgements of a client's entries, by entry (byte
 * order, COLLATE "C", as on SQLite), then time, then account.
 */
#include "pg_internal.h"

int
pg_ack_list(struct lia_conn *c, struct lia_arena *a, const char *client_id, struct lia_ack **items,
	    size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "ack_list",
			 "SELECT entry_id, account_id, org_id, client_id, role, acked_at "
			 "FROM notebook_acks WHERE client_id = $1 "
			 "ORDER BY entry_id COLLATE \"C\", acked_at, account_id COLLATE \"C\"",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_ack *x = &(*items)[i];
		x->entry_id = pg_col_text(a, r, i, 0);
		x->account_id = pg_col_text(a, r, i, 1);
		x->org_id = pg_col_text(a, r, i, 2);
		x->client_id = pg_col_text(a, r, i, 3);
		x->role = pg_col_text(a, r, i, 4);
		x->acked_at = pg_col_i64(r, i, 5);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
