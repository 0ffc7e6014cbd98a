/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * absence_list on PostgreSQL: a client's absences, cancelled ones included, in
 * (starts_on, id) byte order (COLLATE "C") so both backends list alike.
 */
#include "pg_internal.h"

static void
read_absence(struct lia_arena *a, const PGresult *r, int row, struct lia_absence *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->starts_on = pg_col_text(a, r, row, 3);
	out->ends_on = pg_col_text(a, r, row, 4);
	out->reason = pg_col_text(a, r, row, 5);
	out->note = pg_col_text(a, r, row, 6);
	out->cancelled_at = pg_col_i64(r, row, 7);
	out->version = pg_col_i64(r, row, 8);
	out->created_at = pg_col_i64(r, row, 9);
	out->created_by = pg_col_text(a, r, row, 10);
}

int
pg_absence_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		struct lia_absence **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "absence_list",
			 "SELECT id, org_id, client_id, starts_on, ends_on, reason, note, "
			 "cancelled_at, version, created_at, created_by FROM client_absences "
			 "WHERE client_id = $1 ORDER BY starts_on COLLATE \"C\", id",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_absence(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
