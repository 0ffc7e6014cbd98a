/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_get on PostgreSQL: one care circle member with the member organisation's
 * path (NULL for a person); also the row reader circle_list uses.
 */
#include "pg_internal.h"

void
pg_circle_read(struct lia_arena *a, const PGresult *r, int row, struct lia_circle_member *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->account_id = pg_col_text(a, r, row, 3);
	out->member_org_id = pg_col_text(a, r, row, 4);
	out->member_org_path = pg_col_text(a, r, row, 5);
	out->circle_role = pg_col_text(a, r, row, 6);
	out->starts_on = pg_col_text(a, r, row, 7);
	out->ends_on = pg_col_text(a, r, row, 8);
	out->version = pg_col_i64(r, row, 9);
	out->created_at = pg_col_i64(r, row, 10);
}

int
pg_circle_get(struct lia_conn *c, struct lia_arena *a, const char *id,
	      struct lia_circle_member *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "circle_get",
			 "SELECT " PG_CIRCLE_COLS " FROM " PG_CIRCLE_FROM " WHERE m.id = $1", 1, p,
			 &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_circle_read(a, r, 0, out);
	PQclear(r);
	return st;
}
