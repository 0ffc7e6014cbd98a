/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_list_client on SQLite: who did what on one client's record, newest first,
 * in pages (before_seq is the last seq of the previous page; 0 starts at the top).
 * Served by the partial index audit_client (client_id, seq). limit <= 0 gives none.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_AUDIT_COLS " FROM audit WHERE client_id = ?1 AND seq < ?2 "
			  "ORDER BY seq DESC LIMIT ?3";

int
sq_audit_list_client(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		     int64_t before_seq, int limit, struct lia_audit_entry **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "audit_list_client");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_int64(c, st, 2, before_seq > 0 ? before_seq : INT64_MAX);
	sq_bind_int64(c, st, 3, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_audit_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "audit_list_client");
	sq_reset(st);
	return status;
}
