/* SPDX-License-Identifier: EUPL-1.2 */
/* idempotency_get on PostgreSQL: the stored answer to an earlier POST with this key. */
#include "pg_internal.h"

int
pg_idempotency_get(struct lia_conn *c, struct lia_arena *a, const char *account_id, const char *key,
		   struct lia_idempotency *out)
{
	const char *p[] = {account_id, key};
	PGresult *r;
	int st = pg_exec(pg_of(c), "idempotency_get",
			 "SELECT account_id, key, org_id, request_hash, status, body, location, "
			 "created_at, etag FROM idempotency WHERE account_id = $1 AND key = $2",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return LIA_STORE_NOT_FOUND;
	}
	out->account_id = pg_col_text(a, r, 0, 0);
	out->key = pg_col_text(a, r, 0, 1);
	out->org_id = pg_col_text(a, r, 0, 2);
	out->request_hash = pg_col_text(a, r, 0, 3);
	out->status = (int)pg_col_i64(r, 0, 4);
	out->body = pg_col_text(a, r, 0, 5);
	out->location = pg_col_text(a, r, 0, 6);
	out->created_at = pg_col_i64(r, 0, 7);
	out->etag = pg_col_text(a, r, 0, 8);
	PQclear(r);
	return LIA_STORE_OK;
}
