/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_insert on SQLite: stores an encrypted attachment (the ciphertext as
 * a BLOB of exactly ciphertext_len bytes: it holds NUL bytes) and its change-feed
 * row (version 1). entry_id is usually NULL here: upload first, link on save.
 * CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO attachments (id, org_id, client_id, entry_id, category, content_type, "
	"size, sha256, ciphertext, created_by, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

int
sq_attachment_insert(struct lia_conn *lc, const struct lia_attachment *t)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "attachment_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "attachment_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, t->id);
	sq_bind_text(c, st, 2, t->org_id);
	sq_bind_text(c, st, 3, t->client_id);
	sq_bind_text(c, st, 4, t->entry_id);
	sq_bind_text(c, st, 5, t->category);
	sq_bind_text(c, st, 6, t->content_type);
	sq_bind_int64(c, st, 7, t->size);
	sq_bind_text(c, st, 8, t->sha256);
	sq_bind_blob(c, st, 9, t->ciphertext, t->ciphertext_len);
	sq_bind_text(c, st, 10, t->created_by);
	sq_bind_int64(c, st, 11, t->created_at);
	status = sq_step_done(c, st, "attachment_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, t->org_id, "attachment", t->id, "insert", 1);
}
