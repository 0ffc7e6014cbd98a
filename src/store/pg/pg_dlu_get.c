/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dlu_get on PostgreSQL: a client's emergency liaison file (the DLU fields, one
 * JSON object); NOT_FOUND when the client has none yet.
 */
#include "pg_internal.h"

int
pg_dlu_get(struct lia_conn *c, struct lia_arena *a, const char *client_id, struct lia_dlu *out)
{
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "dlu_get",
			 "SELECT client_id, org_id, data, version, updated_at, updated_by "
			 "FROM dlus WHERE client_id = $1",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		st = LIA_STORE_NOT_FOUND;
	} else {
		out->client_id = pg_col_text(a, r, 0, 0);
		out->org_id = pg_col_text(a, r, 0, 1);
		out->data = pg_col_text(a, r, 0, 2);
		out->version = pg_col_i64(r, 0, 3);
		out->updated_at = pg_col_i64(r, 0, 4);
		out->updated_by = pg_col_text(a, r, 0, 5);
	}
	PQclear(r);
	return st;
}
