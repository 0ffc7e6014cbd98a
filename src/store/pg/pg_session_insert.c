/* SPDX-License-Identifier: EUPL-1.2 */
/* session_insert on PostgreSQL: stores a session under the hash of its bearer token. */
#include "pg_internal.h"

int
pg_session_insert(struct lia_conn *c, const struct lia_session *s)
{
	char created[PG_I64_LEN], expires[PG_I64_LEN], revoked[PG_I64_LEN];
	const char *p[] = {s->token_hash,
			   s->org_id,
			   s->account_id,
			   pg_i64(created, s->created_at),
			   pg_i64(expires, s->expires_at),
			   pg_i64(revoked, s->revoked_at),
			   s->ip};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "session_insert",
			"INSERT INTO sessions (token_hash, org_id, account_id, created_at, "
			"expires_at, revoked_at, ip) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			"ON CONFLICT DO NOTHING",
			7, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_CONFLICT;
	return st;
}
