/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_scan on SQLite: streams the journal in seq order to a callback (audit
 * verify, exports) without holding it in memory: each entry's strings point into
 * the statement's row and are valid only during the callback. Also holds the row
 * reader shared with audit_list_client (columns SQ_AUDIT_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_AUDIT_COLS " FROM audit WHERE seq > ?1 ORDER BY seq";

static const char *
text(struct lia_arena *a, sqlite3_stmt *st, int i)
{
	return a ? sq_col_text(a, st, i) : sq_col_borrow(st, i);
}

void
sq_audit_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_audit_entry *out)
{
	out->seq = sqlite3_column_int64(st, 0);
	out->id = text(a, st, 1);
	out->org_id = text(a, st, 2);
	out->at = sqlite3_column_int64(st, 3);
	out->actor_id = text(a, st, 4);
	out->actor_role = text(a, st, 5);
	out->on_behalf_of = text(a, st, 6);
	out->action = text(a, st, 7);
	out->client_id = text(a, st, 8);
	out->object_id = text(a, st, 9);
	out->ip = text(a, st, 10);
	out->request_id = text(a, st, 11);
	out->outcome = text(a, st, 12);
	out->detail = text(a, st, 13);
	sq_col_copy(st, 14, out->prev_hash, sizeof out->prev_hash);
	sq_col_copy(st, 15, out->hash, sizeof out->hash);
}

int
sq_audit_scan(struct lia_conn *lc, int64_t after_seq, lia_audit_scan_cb cb, void *cls)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "audit_scan");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, after_seq);
	int rc;
	struct lia_audit_entry e;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		sq_audit_read(st, NULL, &e);
		if (cb(&e, cls) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "audit_scan");
	/* Also when the callback stops early: an open read would pin the WAL. */
	sq_reset(st);
	return status;
}
