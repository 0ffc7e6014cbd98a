/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_list on PostgreSQL: a client's doses due in [from, to), in (due_at, series_id)
 * order (series_id is COLLATE "C": byte order, as on SQLite), from index doses_client;
 * also the row reader dose_list_vigilance uses (PG_DOSE_COLS, table alias d).
 */
#include "pg_internal.h"

void
pg_dose_read(struct lia_arena *a, const PGresult *r, int row, struct lia_dose *out)
{
	out->series_id = pg_col_text(a, r, row, 0);
	out->due_at = pg_col_i64(r, row, 1);
	out->prescription_id = pg_col_text(a, r, row, 2);
	out->org_id = pg_col_text(a, r, row, 3);
	out->client_id = pg_col_text(a, r, row, 4);
	out->alerted_at = pg_col_i64(r, row, 5);
}

int
pg_dose_list(struct lia_conn *c, struct lia_arena *a, const char *client_id, int64_t from,
	     int64_t to, struct lia_dose **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	char f[PG_I64_LEN], t[PG_I64_LEN];
	const char *p[] = {client_id, pg_i64(f, from), pg_i64(t, to)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "dose_list",
			 "SELECT " PG_DOSE_COLS " FROM doses d WHERE d.client_id = $1 "
			 "AND d.due_at >= $2 AND d.due_at < $3 ORDER BY d.due_at, d.series_id",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_dose_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
