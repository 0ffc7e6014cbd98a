/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * break_glass_insert on SQLite: records an emergency access with its reason and
 * expiry. Not a replicated entity: no change-feed row (the audit journal, written
 * in the same transaction by the handler, is the trace). CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO break_glass (id, org_id, client_id, account_id, reason, started_at, "
	"expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int
sq_break_glass_insert(struct lia_conn *lc, const struct lia_break_glass *b)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "break_glass_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, b->id);
	sq_bind_text(c, st, 2, b->org_id);
	sq_bind_text(c, st, 3, b->client_id);
	sq_bind_text(c, st, 4, b->account_id);
	sq_bind_text(c, st, 5, b->reason);
	sq_bind_int64(c, st, 6, b->started_at);
	sq_bind_int64(c, st, 7, b->expires_at);
	return sq_step_done(c, st, "break_glass_insert");
}
