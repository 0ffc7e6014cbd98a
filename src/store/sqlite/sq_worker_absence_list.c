/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_absence_list on SQLite: a worker's absences overlapping [from, to), in
 * (starts_at, id) order. An absence overlaps when it starts before `to` and ends
 * after `from`; the first bound is a range on index worker_absences_account
 * (account_id, starts_at), the second a filter over that account's earlier rows.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, account_id, starts_at, ends_at, reason, created_at, created_by "
	"FROM worker_absences WHERE account_id = ?1 AND starts_at < ?3 AND ends_at > ?2 "
	"ORDER BY starts_at, id";

int
sq_worker_absence_list(struct lia_conn *lc, struct lia_arena *a, const char *account_id,
		       int64_t from, int64_t to, struct lia_worker_absence **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "worker_absence_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account_id);
	sq_bind_int64(c, st, 2, from);
	sq_bind_int64(c, st, 3, to);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_worker_absence *w = &(*items)[(*n)++];
		w->id = sq_col_text(a, st, 0);
		w->org_id = sq_col_text(a, st, 1);
		w->account_id = sq_col_text(a, st, 2);
		w->starts_at = sqlite3_column_int64(st, 3);
		w->ends_at = sqlite3_column_int64(st, 4);
		w->reason = sq_col_text(a, st, 5);
		w->created_at = sqlite3_column_int64(st, 6);
		w->created_by = sq_col_text(a, st, 7);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "worker_absence_list");
	sq_reset(st);
	return status;
}
