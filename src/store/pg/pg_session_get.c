/* SPDX-License-Identifier: EUPL-1.2 */
/* session_get on PostgreSQL: a session by token hash (expiry is the caller's check). */
#include "pg_internal.h"

int
pg_session_get(struct lia_conn *c, struct lia_arena *a, const char *token_hash,
	       struct lia_session *out)
{
	const char *p[] = {token_hash};
	PGresult *r;
	int st = pg_exec(
		pg_of(c), "session_get",
		"SELECT token_hash, org_id, account_id, created_at, expires_at, revoked_at, "
		"ip FROM sessions WHERE token_hash = $1",
		1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return LIA_STORE_NOT_FOUND;
	}
	out->token_hash = pg_col_text(a, r, 0, 0);
	out->org_id = pg_col_text(a, r, 0, 1);
	out->account_id = pg_col_text(a, r, 0, 2);
	out->created_at = pg_col_i64(r, 0, 3);
	out->expires_at = pg_col_i64(r, 0, 4);
	out->revoked_at = pg_col_i64(r, 0, 5);
	out->ip = pg_col_text(a, r, 0, 6);
	PQclear(r);
	return LIA_STORE_OK;
}
