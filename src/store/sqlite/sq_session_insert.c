/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session_insert on SQLite: stores a new session under the hash of its bearer
 * token (the token itself is never stored). Sessions are local to a node: no
 * change-feed row. CONFLICT when the token hash exists.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO sessions (token_hash, org_id, account_id, created_at, expires_at, "
	"revoked_at, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int
sq_session_insert(struct lia_conn *lc, const struct lia_session *s)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "session_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, s->token_hash);
	sq_bind_text(c, st, 2, s->org_id);
	sq_bind_text(c, st, 3, s->account_id);
	sq_bind_int64(c, st, 4, s->created_at);
	sq_bind_int64(c, st, 5, s->expires_at);
	sq_bind_int64(c, st, 6, s->revoked_at);
	sq_bind_text(c, st, 7, s->ip);
	return sq_step_done(c, st, "session_insert");
}
