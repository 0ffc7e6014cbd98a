/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * transfer_list on PostgreSQL: a client's transfers to the emergency department,
 * newest first (created_at, id descending; ids compare bytewise, COLLATE "C" as on
 * SQLite), at most limit. Served by index transfers_client.
 */
#include "pg_internal.h"

int
pg_transfer_list(struct lia_conn *c, struct lia_arena *a, const char *client_id, int limit,
		 struct lia_transfer **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	char lim[PG_I64_LEN];
	const char *p[] = {client_id, pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "transfer_list",
			 "SELECT id, client_id, org_id, data, created_at, created_by "
			 "FROM transfers WHERE client_id = $1 "
			 "ORDER BY created_at DESC, id DESC LIMIT $2",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_transfer *t = &(*items)[i];
		t->id = pg_col_text(a, r, i, 0);
		t->client_id = pg_col_text(a, r, i, 1);
		t->org_id = pg_col_text(a, r, i, 2);
		t->data = pg_col_text(a, r, i, 3);
		t->created_at = pg_col_i64(r, i, 4);
		t->created_by = pg_col_text(a, r, i, 5);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
