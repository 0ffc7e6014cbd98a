/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * grant_list on PostgreSQL: a client's funder grants, past and present, in
 * (starts_on, id) byte order (COLLATE "C") so both backends list alike.
 */
#include "pg_internal.h"

static void
read_grant(struct lia_arena *a, const PGresult *r, int row, struct lia_grant *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->funder = pg_col_text(a, r, row, 3);
	out->funder_name = pg_col_text(a, r, row, 4);
	out->funder_id = pg_col_text(a, r, row, 5);
	out->decision_ref = pg_col_text(a, r, row, 6);
	out->beneficiary_ref = pg_col_text(a, r, row, 7);
	out->minutes_per_month = pg_col_i64(r, row, 8);
	out->starts_on = pg_col_text(a, r, row, 9);
	out->ends_on = pg_col_text(a, r, row, 10);
	out->version = pg_col_i64(r, row, 11);
	out->created_at = pg_col_i64(r, row, 12);
	out->created_by = pg_col_text(a, r, row, 13);
}

int
pg_grant_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
	      struct lia_grant **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "grant_list",
			 "SELECT id, org_id, client_id, funder, funder_name, funder_id, "
			 "decision_ref, beneficiary_ref, minutes_per_month, starts_on, ends_on, "
			 "version, created_at, created_by FROM funder_grants WHERE client_id = $1 "
			 "ORDER BY starts_on COLLATE \"C\", id",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_grant(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
