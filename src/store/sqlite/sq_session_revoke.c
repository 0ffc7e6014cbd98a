/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session_revoke on SQLite: marks a session revoked. Revoking twice keeps the first
 * instant (the audit trail of a logout should not move). NOT_FOUND when absent.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"UPDATE sessions SET revoked_at = CASE WHEN revoked_at = 0 THEN ?2 ELSE revoked_at END "
	"WHERE token_hash = ?1";

int
sq_session_revoke(struct lia_conn *lc, const char *token_hash, int64_t at)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "session_revoke");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, token_hash);
	sq_bind_int64(c, st, 2, at);
	int status = sq_step_done(c, st, "session_revoke");
	if (status == LIA_STORE_OK && sqlite3_changes(c->db) == 0)
		status = LIA_STORE_NOT_FOUND;
	return status;
}
