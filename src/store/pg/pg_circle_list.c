/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_list on PostgreSQL: every member of a client's care circle, past and
 * present, in (starts_on, id) byte order (COLLATE "C") so both backends list alike.
 */
#include "pg_internal.h"

int
pg_circle_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
	       struct lia_circle_member **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "circle_list",
			 "SELECT " PG_CIRCLE_COLS " FROM " PG_CIRCLE_FROM " WHERE m.client_id = $1 "
			 "ORDER BY m.starts_on COLLATE \"C\", m.id COLLATE \"C\"",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_circle_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
