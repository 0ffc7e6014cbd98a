/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_scan on PostgreSQL: streams the journal to a callback in seq order (audit
 * verification, exports) without loading it whole. It reads pages of PAGE rows with a
 * keyset on seq rather than a cursor: no transaction is needed, it works the same
 * inside a write transaction, and stopping early costs nothing (single-row mode would
 * have to drain the rest of the result, a cancel would abort the transaction).
 * Strings handed to the callback point into the current page.
 */
#include "pg_internal.h"

#include <stdio.h>

#define PAGE 1000

void
pg_audit_read(struct lia_arena *a, const PGresult *r, int row, struct lia_audit_entry *out)
{
	/* No arena: the scan lends the result's own strings for the callback's time. */
#define TEXT(col) (a ? pg_col_text(a, r, row, col) : pg_col_raw(r, row, col))
	out->seq = pg_col_i64(r, row, 0);
	out->id = TEXT(1);
	out->org_id = TEXT(2);
	out->at = pg_col_i64(r, row, 3);
	out->actor_id = TEXT(4);
	out->actor_role = TEXT(5);
	out->on_behalf_of = TEXT(6);
	out->action = TEXT(7);
	out->client_id = TEXT(8);
	out->object_id = TEXT(9);
	out->ip = TEXT(10);
	out->request_id = TEXT(11);
	out->outcome = TEXT(12);
	out->detail = TEXT(13);
#undef TEXT
	const char *prev = pg_col_raw(r, row, 14);
	const char *hash = pg_col_raw(r, row, 15);
	snprintf(out->prev_hash, sizeof out->prev_hash, "%s", prev ? prev : "");
	snprintf(out->hash, sizeof out->hash, "%s", hash ? hash : "");
}

int
pg_audit_scan(struct lia_conn *c, int64_t after_seq, lia_audit_scan_cb cb, void *cls)
{
	struct pg_conn *pc = pg_of(c);
	int64_t last = after_seq;
	for (;;) {
		char s[PG_I64_LEN], lim[PG_I64_LEN];
		const char *p[] = {pg_i64(s, last), pg_i64(lim, PAGE)};
		PGresult *r;
		int st = pg_exec(pc, "audit_scan",
				 "SELECT " PG_AUDIT_COLS " FROM audit WHERE seq > $1 ORDER BY seq "
				 "LIMIT $2::bigint",
				 2, p, &r);
		if (st != LIA_STORE_OK)
			return st;
		int rows = PQntuples(r);
		for (int i = 0; i < rows; i++) {
			struct lia_audit_entry e = {0};
			pg_audit_read(NULL, r, i, &e);
			last = e.seq;
			if (cb(&e, cls) != 0) {
				PQclear(r);
				return LIA_STORE_OK;
			}
		}
		PQclear(r);
		if (rows < PAGE)
			return LIA_STORE_OK;
	}
}
