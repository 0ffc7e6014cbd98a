/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * round_get on PostgreSQL: one meal delivery round; also the row reader round_list
 * uses (PG_ROUND_COLS, table alias r).
 */
#include "pg_internal.h"

void
pg_round_read(struct lia_arena *a, const PGresult *r, int row, struct lia_round *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->round_date = pg_col_text(a, r, row, 2);
	out->name = pg_col_text(a, r, row, 3);
	out->worker_id = pg_col_text(a, r, row, 4);
	out->version = pg_col_i64(r, row, 5);
	out->created_at = pg_col_i64(r, row, 6);
}

int
pg_round_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_round *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "round_get",
			 "SELECT " PG_ROUND_COLS " FROM rounds r WHERE r.id = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_round_read(a, r, 0, out);
	PQclear(r);
	return st;
}
