/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_append on PostgreSQL: links each entry to the chain head (audit_chain.h),
 * inserts it and moves the head, all inside the caller's write transaction. The write
 * lock taken before BEGIN guarantees the head read here is the latest committed one,
 * so two writers never link to the same predecessor. An entry without an id gets a
 * UUIDv7 kept in connection memory: e->id stays valid until the connection's next
 * write transaction begins.
 */
#include "pg_internal.h"

#include <string.h>

#include "store/audit_chain.h"

static int
read_head(struct pg_conn *pc, int64_t *seq, char hash[LIA_HASH_HEX_LEN + 1])
{
	PGresult *r;
	int st = pg_exec(pc, "audit_append.head", "SELECT seq, hash FROM audit_head WHERE id = 1",
			 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) != 1 || PQgetlength(r, 0, 1) != LIA_HASH_HEX_LEN) {
		LIA_BUG("store.pg.audit_head_missing", "rows=%d", PQntuples(r));
		PQclear(r);
		return LIA_STORE_ERROR;
	}
	*seq = pg_col_i64(r, 0, 0);
	memcpy(hash, PQgetvalue(r, 0, 1), LIA_HASH_HEX_LEN + 1);
	PQclear(r);
	return LIA_STORE_OK;
}

static int
insert_entry(struct pg_conn *pc, const struct lia_audit_entry *e)
{
	char seq[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {pg_i64(seq, e->seq), e->id,         e->org_id,       pg_i64(at, e->at),
			   e->actor_id,         e->actor_role, e->on_behalf_of, e->action,
			   e->client_id,        e->object_id,  e->ip,           e->request_id,
			   e->outcome,          e->detail,     e->prev_hash,    e->hash};
	return pg_run(pc, "audit_append",
		      "INSERT INTO audit (" PG_AUDIT_COLS ") VALUES ($1, $2, $3, $4, $5, $6, $7, "
		      "$8, $9, $10, $11, $12, $13, $14, $15, $16)",
		      16, p, NULL);
}

int
pg_audit_append(struct lia_conn *c, struct lia_audit_entry *entries, size_t n)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "audit_append");
	if (st != LIA_STORE_OK || n == 0)
		return st;
	int64_t seq;
	char hash[LIA_HASH_HEX_LEN + 1];
	st = read_head(pc, &seq, hash);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++) {
		struct lia_audit_entry *e = &entries[i];
		/* An id we made for an attempt that rolled back (the runner retries
		 * with the same entries) is replaced like a missing one. */
		if (!e->id || pg_owns_id(pc, e->id))
			e->id = pg_new_id(pc);
		lia_audit_link(e, seq, hash);
		st = insert_entry(pc, e);
		seq = e->seq;
		memcpy(hash, e->hash, sizeof hash);
	}
	if (st != LIA_STORE_OK)
		return st;
	char s[PG_I64_LEN];
	const char *p[] = {pg_i64(s, seq), hash};
	return pg_run(pc, "audit_append.move_head",
		      "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", 2, p, NULL);
}
