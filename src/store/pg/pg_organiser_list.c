/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * organiser_list on PostgreSQL: a client's pill organiser preparations for the weeks
 * from_week to to_week (inclusive), in (week_start, prepared_at, id) order.
 * week_start is a plain TEXT column (the database's collation): the range and the
 * order state COLLATE "C", byte order as on SQLite, whatever locale the database
 * was created with. Index pill_organisers_client still finds the client's rows.
 */
#include "pg_internal.h"

static void
read_organiser(struct lia_arena *a, const PGresult *r, int row, struct lia_organiser *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->week_start = pg_col_text(a, r, row, 3);
	out->prescriptions = pg_col_text(a, r, row, 4);
	out->note = pg_col_text(a, r, row, 5);
	out->supersedes = pg_col_text(a, r, row, 6);
	out->prepared_at = pg_col_i64(r, row, 7);
	out->prepared_by = pg_col_text(a, r, row, 8);
	out->prepared_as = pg_col_text(a, r, row, 9);
	out->version = pg_col_i64(r, row, 10);
}

int
pg_organiser_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		  const char *from_week, const char *to_week, struct lia_organiser **items,
		  size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id, from_week, to_week};
	PGresult *r;
	int st = pg_exec(pg_of(c), "organiser_list",
			 "SELECT " PG_ORGANISER_COLS " FROM pill_organisers "
			 "WHERE client_id = $1 AND week_start COLLATE \"C\" >= $2 "
			 "AND week_start COLLATE \"C\" <= $3 "
			 "ORDER BY week_start COLLATE \"C\", prepared_at, id",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_organiser(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
