/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * idempotency_put on SQLite: stores the answer to a POST under its key. CONFLICT
 * when the key exists: the first answer stands, the caller replays it.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO idempotency (account_id, key, org_id, request_hash, status, body, "
	"location, created_at, etag) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

int
sq_idempotency_put(struct lia_conn *lc, const struct lia_idempotency *rec)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "idempotency_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, rec->account_id);
	sq_bind_text(c, st, 2, rec->key);
	sq_bind_text(c, st, 3, rec->org_id);
	sq_bind_text(c, st, 4, rec->request_hash);
	sq_bind_int64(c, st, 5, rec->status);
	sq_bind_text(c, st, 6, rec->body);
	sq_bind_text(c, st, 7, rec->location);
	sq_bind_int64(c, st, 8, rec->created_at);
	sq_bind_text(c, st, 9, rec->etag);
	return sq_step_done(c, st, "idempotency_put");
}
