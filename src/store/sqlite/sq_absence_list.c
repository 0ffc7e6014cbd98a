/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * absence_list on SQLite: every absence of a client, cancelled ones included (the
 * caller reads cancelled_at), in (starts_on, id) order. Served by index
 * client_absences_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, client_id, starts_on, ends_on, reason, note, cancelled_at, version, "
	"created_at, created_by FROM client_absences WHERE client_id = ?1 "
	"ORDER BY starts_on, id";

int
sq_absence_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		struct lia_absence **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "absence_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_absence *ab = &(*items)[(*n)++];
		ab->id = sq_col_text(a, st, 0);
		ab->org_id = sq_col_text(a, st, 1);
		ab->client_id = sq_col_text(a, st, 2);
		ab->starts_on = sq_col_text(a, st, 3);
		ab->ends_on = sq_col_text(a, st, 4);
		ab->reason = sq_col_text(a, st, 5);
		ab->note = sq_col_text(a, st, 6);
		ab->cancelled_at = sqlite3_column_int64(st, 7);
		ab->version = sqlite3_column_int64(st, 8);
		ab->created_at = sqlite3_column_int64(st, 9);
		ab->created_by = sq_col_text(a, st, 10);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "absence_list");
	sq_reset(st);
	return status;
}
