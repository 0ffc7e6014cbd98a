/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ack_list on SQLite: acknowledgements of a client's entries in (entry_id,
 * acked_at, account_id) order; the last key only makes ties deterministic.
 * Served by index notebook_acks_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT entry_id, account_id, org_id, client_id, role, acked_at "
			  "FROM notebook_acks WHERE client_id = ?1 "
			  "ORDER BY entry_id, acked_at, account_id";

int
sq_ack_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id, struct lia_ack **items,
	    size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "ack_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_ack *k = &(*items)[(*n)++];
		k->entry_id = sq_col_text(a, st, 0);
		k->account_id = sq_col_text(a, st, 1);
		k->org_id = sq_col_text(a, st, 2);
		k->client_id = sq_col_text(a, st, 3);
		k->role = sq_col_text(a, st, 4);
		k->acked_at = sqlite3_column_int64(st, 5);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "ack_list");
	sq_reset(st);
	return status;
}
