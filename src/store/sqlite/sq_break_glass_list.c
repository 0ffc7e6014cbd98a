/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * break_glass_list on SQLite: emergency accesses to one client, newest first
 * (started_at, then id, descending), for every account or for one (the check on
 * each request looks for a live access of the caller). Served by the
 * (client_id, account_id) index break_glass_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT id, org_id, client_id, account_id, reason, started_at, "
			  "expires_at FROM break_glass "
			  "WHERE client_id = ?1 AND (?2 IS NULL OR account_id = ?2) "
			  "ORDER BY started_at DESC, id DESC";

int
sq_break_glass_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		    const char *account_id, struct lia_break_glass **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "break_glass_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_text(c, st, 2, account_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_break_glass *b = &(*items)[(*n)++];
		b->id = sq_col_text(a, st, 0);
		b->org_id = sq_col_text(a, st, 1);
		b->client_id = sq_col_text(a, st, 2);
		b->account_id = sq_col_text(a, st, 3);
		b->reason = sq_col_text(a, st, 4);
		b->started_at = sqlite3_column_int64(st, 5);
		b->expires_at = sqlite3_column_int64(st, 6);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "break_glass_list");
	sq_reset(st);
	return status;
}
