/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idempotency_get on SQLite: the answer stored for an (account, Idempotency-Key)
 * pair, so that a resent POST gets the same answer; NOT_FOUND when none.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT account_id, key, org_id, request_hash, status, body, location, created_at, etag "
	"FROM idempotency WHERE account_id = ?1 AND key = ?2";

int
sq_idempotency_get(struct lia_conn *lc, struct lia_arena *a, const char *account_id,
		   const char *key, struct lia_idempotency *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "idempotency_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account_id);
	sq_bind_text(c, st, 2, key);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->account_id = sq_col_text(a, st, 0);
		out->key = sq_col_text(a, st, 1);
		out->org_id = sq_col_text(a, st, 2);
		out->request_hash = sq_col_text(a, st, 3);
		out->status = sqlite3_column_int(st, 4);
		out->body = sq_col_text(a, st, 5);
		out->location = sq_col_text(a, st, 6);
		out->created_at = sqlite3_column_int64(st, 7);
		out->etag = sq_col_text(a, st, 8);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "idempotency_get");
	}
	sq_reset(st);
	return status;
}
