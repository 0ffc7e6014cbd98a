/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * transfer_get on PostgreSQL: one transfer to the emergency department by id;
 * NOT_FOUND when there is none.
 */
#include "pg_internal.h"

int
pg_transfer_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_transfer *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "transfer_get",
			 "SELECT id, client_id, org_id, data, created_at, created_by "
			 "FROM transfers WHERE id = $1",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		st = LIA_STORE_NOT_FOUND;
	} else {
		out->id = pg_col_text(a, r, 0, 0);
		out->client_id = pg_col_text(a, r, 0, 1);
		out->org_id = pg_col_text(a, r, 0, 2);
		out->data = pg_col_text(a, r, 0, 3);
		out->created_at = pg_col_i64(r, 0, 4);
		out->created_by = pg_col_text(a, r, 0, 5);
	}
	PQclear(r);
	return st;
}
