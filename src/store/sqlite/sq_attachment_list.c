/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_list on SQLite: the attachments of an entry in (created_at, id)
 * order, without their content (ciphertext NULL, length 0): a list never loads
 * the blobs, attachment_get fetches one when it is downloaded. Served by index
 * attachments_entry.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ATTACHMENT_COLS " FROM attachments "
			  "WHERE entry_id = ?1 ORDER BY created_at, id";

int
sq_attachment_list(struct lia_conn *lc, struct lia_arena *a, const char *entry_id,
		   struct lia_attachment **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "attachment_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, entry_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_attachment_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "attachment_list");
	sq_reset(st);
	return status;
}
