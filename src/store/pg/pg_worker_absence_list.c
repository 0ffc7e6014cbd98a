/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_absence_list on PostgreSQL: a worker's absences overlapping [from, to),
 * absences being [starts_at, ends_at) too, in (starts_at, id) order. The
 * (account_id, starts_at) index bounds the scan from above; ends_at > from is checked
 * on the rows it yields.
 */
#include "pg_internal.h"

static void
read_worker_absence(struct lia_arena *a, const PGresult *r, int row, struct lia_worker_absence *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->account_id = pg_col_text(a, r, row, 2);
	out->starts_at = pg_col_i64(r, row, 3);
	out->ends_at = pg_col_i64(r, row, 4);
	out->reason = pg_col_text(a, r, row, 5);
	out->created_at = pg_col_i64(r, row, 6);
	out->created_by = pg_col_text(a, r, row, 7);
}

int
pg_worker_absence_list(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		       int64_t from, int64_t to, struct lia_worker_absence **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	char f[PG_I64_LEN], t[PG_I64_LEN];
	const char *p[] = {account_id, pg_i64(f, from), pg_i64(t, to)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "worker_absence_list",
			 "SELECT id, org_id, account_id, starts_at, ends_at, reason, created_at, "
			 "created_by FROM worker_absences WHERE account_id = $1 "
			 "AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at, id",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_worker_absence(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
