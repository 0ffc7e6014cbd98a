/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_get on SQLite: one attachment with its ciphertext copied into the
 * arena (the statement's buffer dies at reset). Also holds the row reader shared
 * with attachment_list (columns SQ_ATTACHMENT_COLS, no content).
 */
#include "store/sqlite/sq_internal.h"

#include <string.h>

static const char sql[] = "SELECT " SQ_ATTACHMENT_COLS
			  ", ciphertext FROM attachments WHERE id = ?1";

void
sq_attachment_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_attachment *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->entry_id = sq_col_text(a, st, 3);
	out->category = sq_col_text(a, st, 4);
	out->content_type = sq_col_text(a, st, 5);
	out->size = sqlite3_column_int64(st, 6);
	out->sha256 = sq_col_text(a, st, 7);
	out->created_by = sq_col_text(a, st, 8);
	out->created_at = sqlite3_column_int64(st, 9);
	out->ciphertext = NULL;
	out->ciphertext_len = 0;
}

static void
read_content(sqlite3_stmt *st, struct lia_arena *a, struct lia_attachment *out)
{
	/* column_blob before column_bytes: the documented order for a BLOB. */
	const void *p = sqlite3_column_blob(st, SQ_ATTACHMENT_NCOLS);
	size_t len = (size_t)sqlite3_column_bytes(st, SQ_ATTACHMENT_NCOLS);
	/* Never NULL, even when empty: NULL means "content not loaded" (list). */
	unsigned char *buf = lia_arena_alloc(a, len ? len : 1);
	if (len)
		memcpy(buf, p, len);
	out->ciphertext = buf;
	out->ciphertext_len = len;
}

int
sq_attachment_get(struct lia_conn *lc, struct lia_arena *a, const char *id,
		  struct lia_attachment *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "attachment_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		sq_attachment_read(st, a, out);
		read_content(st, a, out);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "attachment_get");
	}
	sq_reset(st);
	return status;
}
