/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * transfer_list on SQLite: a client's transfers to the emergency department, newest
 * first (created_at, id descending), at most limit. Served by index transfers_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT id, client_id, org_id, data, created_at, created_by "
			  "FROM transfers WHERE client_id = ?1 "
			  "ORDER BY created_at DESC, id DESC LIMIT ?2";

int
sq_transfer_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id, int limit,
		 struct lia_transfer **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "transfer_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_int64(c, st, 2, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_transfer *t = &(*items)[(*n)++];
		t->id = sq_col_text(a, st, 0);
		t->client_id = sq_col_text(a, st, 1);
		t->org_id = sq_col_text(a, st, 2);
		t->data = sq_col_text(a, st, 3);
		t->created_at = sqlite3_column_int64(st, 4);
		t->created_by = sq_col_text(a, st, 5);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "transfer_list");
	sq_reset(st);
	return status;
}
