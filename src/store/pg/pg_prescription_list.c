/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_list on PostgreSQL: every version of a client's prescription lines, in
 * (series_id, seq) order; series_id is COLLATE "C", so the order is byte order as on
 * SQLite. Reads index prescriptions_client.
 */
#include "pg_internal.h"

int
pg_prescription_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		     struct lia_prescription **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "prescription_list",
			 "SELECT " PG_PRESCRIPTION_COLS " FROM prescriptions "
			 "WHERE client_id = $1 ORDER BY series_id, seq",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_prescription_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
