/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * organiser_list on SQLite: a client's pill-organiser preparations with week_start in
 * [from_week, to_week] (local dates, both included), in (week_start, prepared_at, id)
 * order, superseded ones included: the last of a week is the one in use. Served by
 * index pill_organisers_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, client_id, week_start, prescriptions, note, supersedes, "
	"prepared_at, prepared_by, prepared_as, version FROM pill_organisers "
	"WHERE client_id = ?1 AND week_start >= ?2 AND week_start <= ?3 "
	"ORDER BY week_start, prepared_at, id";

static void
read_organiser(sqlite3_stmt *st, struct lia_arena *a, struct lia_organiser *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->week_start = sq_col_text(a, st, 3);
	out->prescriptions = sq_col_text(a, st, 4);
	out->note = sq_col_text(a, st, 5);
	out->supersedes = sq_col_text(a, st, 6);
	out->prepared_at = sqlite3_column_int64(st, 7);
	out->prepared_by = sq_col_text(a, st, 8);
	out->prepared_as = sq_col_text(a, st, 9);
	out->version = sqlite3_column_int64(st, 10);
}

int
sq_organiser_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		  const char *from_week, const char *to_week, struct lia_organiser **items,
		  size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "organiser_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_text(c, st, 2, from_week);
	sq_bind_text(c, st, 3, to_week);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		read_organiser(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "organiser_list");
	sq_reset(st);
	return status;
}
