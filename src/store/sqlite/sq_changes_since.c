/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * changes_since on SQLite: a page of the change feed after a known seq, in seq
 * order (replication, FHIR _history). limit <= 0 gives none.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT seq, org_id, entity, entity_id, op, version, at FROM changes "
			  "WHERE seq > ?1 ORDER BY seq LIMIT ?2";

int
sq_changes_since(struct lia_conn *lc, struct lia_arena *a, int64_t after_seq, int limit,
		 struct lia_change **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, sql, "changes_since");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, after_seq);
	sq_bind_int64(c, st, 2, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_change *ch = &(*items)[(*n)++];
		ch->seq = sqlite3_column_int64(st, 0);
		ch->org_id = sq_col_text(a, st, 1);
		ch->entity = sq_col_text(a, st, 2);
		ch->entity_id = sq_col_text(a, st, 3);
		ch->op = sq_col_text(a, st, 4);
		ch->version = sqlite3_column_int64(st, 5);
		ch->at = sqlite3_column_int64(st, 6);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "changes_since");
	sq_reset(st);
	return status;
}
