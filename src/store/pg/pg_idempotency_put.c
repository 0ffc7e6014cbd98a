/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idempotency_put on PostgreSQL: records the answer to a POST under its key, once.
 * An existing key is a CONFLICT (a concurrent resend won the race) that leaves the
 * transaction usable.
 */
#include "pg_internal.h"

int
pg_idempotency_put(struct lia_conn *c, const struct lia_idempotency *rec)
{
	char status[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {rec->account_id,
			   rec->key,
			   rec->org_id,
			   rec->request_hash,
			   pg_i64(status, rec->status),
			   rec->body,
			   rec->location,
			   pg_i64(at, rec->created_at),
			   rec->etag};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "idempotency_put",
			"INSERT INTO idempotency (account_id, key, org_id, request_hash, status, "
			"body, location, created_at, etag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
			"ON CONFLICT DO NOTHING",
			9, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_CONFLICT;
	return st;
}
