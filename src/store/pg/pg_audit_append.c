/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_append on PostgreSQL: links each entry to the chain head (audit_chain.h),
 * inserts it and moves the head, all inside the caller's write transaction. The write
 * lock taken before BEGIN guarantees the head read here is the latest committed one,
 * so two writers never link to the same predecessor. An entry without an id gets a
 * UUIDv7 kept in connection memory: e->id stays valid until the connection's next
 * write transaction begins.
 *
 * Two round trips whatever the number of entries: the head read, then one statement
 * that inserts every entry from parallel arrays (unnest) and moves the head. The
 * group committer appends a whole batch's entries at once (up to hundreds under load),
 * and on PostgreSQL round trips, not rows, are what costs: one INSERT per entry added
 * a round trip per alarm to every batch's commit.
 */
#include "pg_internal.h"

#include <string.h>

#include "store/audit_chain.h"

/* Parameters per entry: the PG_AUDIT_COLS, in that order. */
#define NCOLS 16

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

/* Column col of the n rows (NCOLS values each) as an array literal in a. Unlike
 * pg_text_array, a NULL value is written as an unquoted NULL: the chain hashes NULL
 * apart from "", so the two must reach the table apart. Every other value is
 * double-quoted with " and \ escaped, so braces, commas, blanks and the text "NULL"
 * stay data; the integer columns are quoted too, which bigint[] input accepts. */
static const char *
column_array(struct lia_arena *a, const char *const *rows, size_t n, int col)
{
	size_t len = 3;
	for (size_t i = 0; i < n; i++) {
		const char *v = rows[i * NCOLS + (size_t)col];
		len += v ? 2 * strlen(v) + 3 : sizeof "NULL,";
	}
	char *out = lia_arena_alloc(a, len);
	char *p = out;
	*p++ = '{';
	for (size_t i = 0; i < n; i++) {
		const char *v = rows[i * NCOLS + (size_t)col];
		if (i)
			*p++ = ',';
		if (!v) {
			memcpy(p, "NULL", 4);
			p += 4;
			continue;
		}
		*p++ = '"';
		for (; *v; v++) {
			if (*v == '"' || *v == '\\')
				*p++ = '\\';
			*p++ = *v;
		}
		*p++ = '"';
	}
	*p++ = '}';
	*p = '\0';
	return out;
}

/* Inserts the n linked entries and moves the head from prev_seq to the last one. */
static int
insert_all(struct pg_conn *pc, struct lia_arena *a, const struct lia_audit_entry *entries, size_t n,
	   int64_t prev_seq)
{
	const char **rows = lia_arena_alloc(a, n * NCOLS * sizeof *rows);
	char(*nums)[2][PG_I64_LEN] = lia_arena_alloc(a, n * sizeof *nums);
	for (size_t i = 0; i < n; i++) {
		const struct lia_audit_entry *e = &entries[i];
		const char *seq = pg_i64(nums[i][0], e->seq), *at = pg_i64(nums[i][1], e->at);
		const char *row[NCOLS] = {
			seq,          e->id,         e->org_id,       at,
			e->actor_id,  e->actor_role, e->on_behalf_of, e->action,
			e->client_id, e->object_id,  e->ip,           e->request_id,
			e->outcome,   e->detail,     e->prev_hash,    e->hash};
		memcpy(&rows[i * NCOLS], row, sizeof row);
	}
	const char *p[NCOLS + 4];
	for (int k = 0; k < NCOLS; k++)
		p[k] = column_array(a, rows, n, k);
	const struct lia_audit_entry *last = &entries[n - 1];
	char s[PG_I64_LEN], s0[PG_I64_LEN], cnt[PG_I64_LEN];
	p[NCOLS] = pg_i64(s, last->seq);
	p[NCOLS + 1] = last->hash;
	p[NCOLS + 2] = pg_i64(s0, prev_seq);
	p[NCOLS + 3] = pg_i64(cnt, (int64_t)n);
	/* The head moves only from the head the entries were linked to and only when
	 * every entry went in: a malformed literal (fewer elements) or a head moved
	 * under us leaves the head where it was and the transaction fails below,
	 * rather than a head pointing past rows that are not there. The INSERT and the
	 * UPDATE run in no set order; they touch different tables, so none is needed. */
	int64_t moved = 0;
	int st = pg_run(pc, "audit_append.batch",
			"WITH ins AS (INSERT INTO audit (" PG_AUDIT_COLS ") "
			"SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], "
			"$5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], "
			"$11::text[], $12::text[], $13::text[], $14::text[], $15::text[], "
			"$16::text[]) RETURNING 1) "
			"UPDATE audit_head SET seq = $17, hash = $18 "
			"WHERE id = 1 AND seq = $19 AND (SELECT count(*) FROM ins) = $20",
			NCOLS + 4, p, &moved);
	if (st == LIA_STORE_OK && moved != 1) {
		LIA_BUG("store.pg.audit_head_not_moved", "n=%zu", n);
		st = LIA_STORE_ERROR;
	}
	return st;
}

int
pg_audit_append(struct lia_conn *c, struct lia_audit_entry *entries, size_t n)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "audit_append");
	if (st != LIA_STORE_OK || n == 0)
		return st;
	int64_t seq0;
	char hash[LIA_HASH_HEX_LEN + 1];
	st = read_head(pc, &seq0, hash);
	if (st != LIA_STORE_OK)
		return st;
	int64_t seq = seq0;
	for (size_t i = 0; i < n; i++) {
		struct lia_audit_entry *e = &entries[i];
		/* An id we made for an attempt that rolled back (the runner retries
		 * with the same entries) is replaced like a missing one. */
		if (!e->id || pg_owns_id(pc, e->id))
			e->id = pg_new_id(pc);
		lia_audit_link(e, seq, hash);
		seq = e->seq;
		memcpy(hash, e->hash, sizeof hash);
	}
	struct lia_arena *a = lia_arena_new();
	st = insert_all(pc, a, entries, n, seq0);
	lia_arena_free(a);
	return st;
}
