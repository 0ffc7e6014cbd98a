/* SPDX-License-Identifier: EUPL-1.2 */
/* session_revoke on PostgreSQL: marks a session revoked; the first revocation's
 * instant is kept when it is revoked again (sign-out racing an admin's revoke). */
#include "pg_internal.h"

int
pg_session_revoke(struct lia_conn *c, const char *token_hash, int64_t at)
{
	char when[PG_I64_LEN];
	const char *p[] = {token_hash, pg_i64(when, at)};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "session_revoke",
			"UPDATE sessions SET revoked_at = CASE WHEN revoked_at = 0 THEN $2 "
			"ELSE revoked_at END WHERE token_hash = $1",
			2, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_NOT_FOUND;
	return st;
}
