/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_append on SQLite: extends the hash chain (audit_chain.h) inside the
 * caller's write transaction. The write lock taken by BEGIN IMMEDIATE makes the
 * read of audit_head, the inserts and the move of the head one step that no other
 * writer can interleave, so seq stays contiguous and each prev_hash is the hash
 * before it.
 *
 * An entry without an id gets a UUIDv7 kept in memory of the connection: e->id
 * then stays valid until the connection's next write transaction begins. When
 * lia_store_write retries, the same entries come back pointing into that memory;
 * they get a fresh id, as the rolled-back one was never recorded.
 */
#include "store/sqlite/sq_internal.h"

#include <string.h>

#include "core/alloc.h"
#include "store/audit_chain.h"

static const char sql_head[] = "SELECT seq, hash FROM audit_head WHERE id = 1";
static const char sql_insert[] =
	"INSERT INTO audit (" SQ_AUDIT_COLS ") VALUES "
	"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
static const char sql_move[] = "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1";

static int
owned_id(const struct sq_conn *c, const char *id)
{
	uintptr_t p = (uintptr_t)id;
	for (const struct sq_id_block *b = c->id_blocks; b; b = b->next)
		if (p >= (uintptr_t)b->ids && p < (uintptr_t)b->ids + sizeof b->ids)
			return 1;
	return 0;
}

static const char *
new_id(struct sq_conn *c)
{
	size_t k = c->ids_used++;
	struct sq_id_block **b = &c->id_blocks;
	for (; k >= SQ_IDS_PER_BLOCK; k -= SQ_IDS_PER_BLOCK) {
		if (!*b)
			*b = lia_xcalloc(1, sizeof **b);
		b = &(*b)->next;
	}
	if (!*b)
		*b = lia_xcalloc(1, sizeof **b);
	lia_uuid7((*b)->ids[k]);
	return (*b)->ids[k];
}

static int
read_head(struct sq_conn *c, int64_t *seq, char hash[LIA_HASH_HEX_LEN + 1])
{
	sqlite3_stmt *st = sq_stmt(c, sql_head, "audit_append");
	if (!st)
		return LIA_STORE_ERROR;
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		if (!sq_col_copy(st, 1, hash, LIA_HASH_HEX_LEN + 1))
			status = sq_status(c, SQLITE_CORRUPT, "audit_append");
	} else {
		/* The first migration inserts the head row: its absence is corruption. */
		status = sq_status(c, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "audit_append");
	}
	sq_reset(st);
	return status;
}

static int
insert(struct sq_conn *c, const struct lia_audit_entry *e)
{
	sqlite3_stmt *st = sq_stmt(c, sql_insert, "audit_append");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, e->seq);
	sq_bind_text(c, st, 2, e->id);
	sq_bind_text(c, st, 3, e->org_id);
	sq_bind_int64(c, st, 4, e->at);
	sq_bind_text(c, st, 5, e->actor_id);
	sq_bind_text(c, st, 6, e->actor_role);
	sq_bind_text(c, st, 7, e->on_behalf_of);
	sq_bind_text(c, st, 8, e->action);
	sq_bind_text(c, st, 9, e->client_id);
	sq_bind_text(c, st, 10, e->object_id);
	sq_bind_text(c, st, 11, e->ip);
	sq_bind_text(c, st, 12, e->request_id);
	sq_bind_text(c, st, 13, e->outcome);
	sq_bind_text(c, st, 14, e->detail);
	sq_bind_text(c, st, 15, e->prev_hash);
	sq_bind_text(c, st, 16, e->hash);
	return sq_step_done(c, st, "audit_append");
}

int
sq_audit_append(struct lia_conn *lc, struct lia_audit_entry *entries, size_t n)
{
	struct sq_conn *c = sq_conn(lc);
	char hash[LIA_HASH_HEX_LEN + 1];
	int64_t seq = 0;
	int status = sq_require_tx(c, "audit_append");
	if (status == LIA_STORE_OK && n > 0)
		status = read_head(c, &seq, hash);
	for (size_t i = 0; status == LIA_STORE_OK && i < n; i++) {
		struct lia_audit_entry *e = &entries[i];
		if (!e->id || owned_id(c, e->id))
			e->id = new_id(c);
		lia_audit_link(e, seq, hash);
		status = insert(c, e);
		seq = e->seq;
		memcpy(hash, e->hash, sizeof hash);
	}
	if (status != LIA_STORE_OK || n == 0)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql_move, "audit_append");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, seq);
	sq_bind_text(c, st, 2, hash);
	return sq_step_done(c, st, "audit_append");
}
