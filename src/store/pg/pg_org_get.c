/* SPDX-License-Identifier: EUPL-1.2 */
/* org_get on PostgreSQL: one organisation by id; also the row reader org_list uses. */
#include "pg_internal.h"

void
pg_org_read(struct lia_arena *a, const PGresult *r, int row, struct lia_org *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->parent_id = pg_col_text(a, r, row, 1);
	out->kind = pg_col_text(a, r, row, 2);
	out->name = pg_col_text(a, r, row, 3);
	out->tz = pg_col_text(a, r, row, 4);
	out->path = pg_col_text(a, r, row, 5);
	out->version = pg_col_i64(r, row, 6);
	out->created_at = pg_col_i64(r, row, 7);
}

int
pg_org_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_org *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "org_get", "SELECT " PG_ORG_COLS " FROM orgs WHERE id = $1", 1,
			 p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_org_read(a, r, 0, out);
	PQclear(r);
	return st;
}
