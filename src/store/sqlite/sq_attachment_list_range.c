/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_list_range on SQLite: the attachments of a client's entries whose ids lie
 * in [from_entry_id, to_entry_id], without content, ordered by entry, then (created_at,
 * id). Entry ids are time-ordered, so one query serves a page of the notebook. Served by
 * index attachments_entry.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ATTACHMENT_COLS " FROM attachments "
			  "WHERE entry_id >= ?2 AND entry_id <= ?3 AND client_id = ?1 "
			  "ORDER BY entry_id, created_at, id";

int
sq_attachment_list_range(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
			 const char *from_entry_id, const char *to_entry_id,
			 struct lia_attachment **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "attachment_list_range");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_text(c, st, 2, from_entry_id);
	sq_bind_text(c, st, 3, to_entry_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_attachment_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "attachment_list_range");
	sq_reset(st);
	return status;
}
