/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_get on PostgreSQL: one attachment with its ciphertext copied into the
 * arena; also the row reader attachment_list uses (every column but the content).
 * The content comes back in bytea's text form (hex) and is decoded by libpq.
 */
#include "pg_internal.h"

#include <string.h>

void
pg_attachment_read(struct lia_arena *a, const PGresult *r, int row, struct lia_attachment *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->entry_id = pg_col_text(a, r, row, 3);
	out->category = pg_col_text(a, r, row, 4);
	out->content_type = pg_col_text(a, r, row, 5);
	out->size = pg_col_i64(r, row, 6);
	out->sha256 = pg_col_text(a, r, row, 7);
	out->created_by = pg_col_text(a, r, row, 8);
	out->created_at = pg_col_i64(r, row, 9);
	out->ciphertext = NULL;
	out->ciphertext_len = 0;
}

int
pg_attachment_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		  struct lia_attachment *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "attachment_get",
			 "SELECT " PG_ATTACHMENT_COLS ", ciphertext FROM attachments WHERE id = $1",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return LIA_STORE_NOT_FOUND;
	}
	size_t len = 0;
	unsigned char *raw = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 10), &len);
	if (!raw) {
		LIA_BUG("store.pg.unescape_failed", "op=%s", "attachment_get");
		PQclear(r);
		return LIA_STORE_ERROR;
	}
	pg_attachment_read(a, r, 0, out);
	unsigned char *content = lia_arena_alloc(a, len ? len : 1);
	memcpy(content, raw, len);
	out->ciphertext = content;
	out->ciphertext_len = len;
	PQfreemem(raw);
	PQclear(r);
	return LIA_STORE_OK;
}
