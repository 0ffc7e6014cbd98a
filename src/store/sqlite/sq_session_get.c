/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * session_get on SQLite: the session for a token hash, read on every authenticated
 * request (a primary-key look-up). Expiry and revocation are the caller's to check.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT token_hash, org_id, account_id, created_at, expires_at, revoked_at, ip "
	"FROM sessions WHERE token_hash = ?1";

int
sq_session_get(struct lia_conn *lc, struct lia_arena *a, const char *token_hash,
	       struct lia_session *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "session_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, token_hash);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->token_hash = sq_col_text(a, st, 0);
		out->org_id = sq_col_text(a, st, 1);
		out->account_id = sq_col_text(a, st, 2);
		out->created_at = sqlite3_column_int64(st, 3);
		out->expires_at = sqlite3_column_int64(st, 4);
		out->revoked_at = sqlite3_column_int64(st, 5);
		out->ip = sq_col_text(a, st, 6);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "session_get");
	}
	sq_reset(st);
	return status;
}
