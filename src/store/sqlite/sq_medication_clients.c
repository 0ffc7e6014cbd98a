/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * medication_clients on SQLite: the clients with a prescription version still in
 * force, in client_id order, a page at a time, for the daily extension of the doses.
 * The condition valid_until = 0 is written as the WHERE of the partial index
 * prescriptions_open, which SQLite uses only when the query holds it word for word:
 * the index then walks the open versions alone, in client order, and each page
 * costs its own rows.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT client_id, MIN(org_id) FROM prescriptions "
			  "WHERE valid_until = 0 AND client_id > ?1 "
			  "GROUP BY client_id ORDER BY client_id LIMIT ?2";

int
sq_medication_clients(struct lia_conn *lc, struct lia_arena *a, const char *after, int limit,
		      struct lia_medication_client **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0) /* as on PostgreSQL, where LIMIT -1 is an error, not "all" */
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "medication_clients");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, after ? after : "");
	sq_bind_int64(c, st, 2, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		(*items)[*n].client_id = sq_col_text(a, st, 0);
		(*items)[(*n)++].org_id = sq_col_text(a, st, 1);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "medication_clients");
	sq_reset(st);
	return status;
}
