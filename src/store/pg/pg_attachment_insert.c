/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_insert on PostgreSQL: stores an encrypted attachment and appends the
 * change feed row (version 1). The ciphertext is bound as a binary parameter, so it
 * travels as it is, without a hex copy twice its size. A taken id is a CONFLICT that
 * leaves the transaction usable.
 */
#include "pg_internal.h"

#include <limits.h>
#include <stdlib.h>

#define NPARAMS 11
#define CONTENT 8 /* index of the ciphertext among the parameters */

int
pg_attachment_insert(struct lia_conn *c, const struct lia_attachment *t)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "attachment_insert");
	if (st != LIA_STORE_OK)
		return st;
	if (t->ciphertext_len > INT_MAX) {
		LIA_BUG("store.pg.attachment_too_large", "len=%zu", t->ciphertext_len);
		return LIA_STORE_ERROR;
	}
	char size[PG_I64_LEN], at[PG_I64_LEN];
	/* An empty content still needs a non-NULL pointer: NULL binds SQL NULL. */
	const char *content = t->ciphertext ? (const char *)t->ciphertext : "";
	const char *p[NPARAMS] = {t->id,
				  t->org_id,
				  t->client_id,
				  t->entry_id,
				  t->category,
				  t->content_type,
				  pg_i64(size, t->size),
				  t->sha256,
				  content,
				  t->created_by,
				  pg_i64(at, t->created_at)};
	int lengths[NPARAMS] = {0};
	int formats[NPARAMS] = {0};
	lengths[CONTENT] = (int)t->ciphertext_len;
	formats[CONTENT] = 1;
	PGresult *r;
	st = pg_exec_params(pc, "attachment_insert",
			    "INSERT INTO attachments (id, org_id, client_id, entry_id, category, "
			    "content_type, size, sha256, ciphertext, created_by, created_at) "
			    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
			    "ON CONFLICT DO NOTHING",
			    NPARAMS, p, lengths, formats, &r);
	if (st != LIA_STORE_OK)
		return st;
	bool inserted = strtoll(PQcmdTuples(r), NULL, 10) > 0;
	PQclear(r);
	if (!inserted)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, t->org_id, "attachment", t->id, "insert", 1);
}
