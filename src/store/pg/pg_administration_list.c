/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * administration_list on PostgreSQL: a client's administration record with slot_at in
 * [from, to), in (slot_at, id) order (id is COLLATE "C": byte order, as on SQLite),
 * from index administrations_client.
 */
#include "pg_internal.h"

static void
read_administration(struct lia_arena *a, const PGresult *r, int row, struct lia_administration *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->prescription_id = pg_col_text(a, r, row, 3);
	out->series_id = pg_col_text(a, r, row, 4);
	out->due_at = pg_col_i64(r, row, 5);
	out->slot_at = pg_col_i64(r, row, 6);
	out->outcome = pg_col_text(a, r, row, 7);
	out->mode = pg_col_text(a, r, row, 8);
	out->occurred_at = pg_col_i64(r, row, 9);
	out->recorded_at = pg_col_i64(r, row, 10);
	out->late = pg_col_i64(r, row, 11) != 0;
	out->organiser_id = pg_col_text(a, r, row, 12);
	out->reason = pg_col_text(a, r, row, 13);
	out->note = pg_col_text(a, r, row, 14);
	out->recorded_by = pg_col_text(a, r, row, 15);
	out->recorded_as = pg_col_text(a, r, row, 16);
	out->version = pg_col_i64(r, row, 17);
}

int
pg_administration_list(struct lia_conn *c, struct lia_arena *a, const char *client_id, int64_t from,
		       int64_t to, struct lia_administration **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	char f[PG_I64_LEN], t[PG_I64_LEN];
	const char *p[] = {client_id, pg_i64(f, from), pg_i64(t, to)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "administration_list",
			 "SELECT " PG_ADMINISTRATION_COLS " FROM administrations "
			 "WHERE client_id = $1 AND slot_at >= $2 AND slot_at < $3 "
			 "ORDER BY slot_at, id",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_administration(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
