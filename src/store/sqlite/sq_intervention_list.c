/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * intervention_list on SQLite: every version of every intervention of a client
 * (the plan's history), in (series_id, seq) order. Served by index
 * interventions_client; the sort is over one client's plan.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, series_id, seq, org_id, client_id, valid_from, valid_until, type, label, "
	"days, every_weeks, anchor_date, start_time, duration_min, qualification, tasks, "
	"funder, note, version, created_at, created_by FROM interventions "
	"WHERE client_id = ?1 ORDER BY series_id, seq";

static void
read_intervention(sqlite3_stmt *st, struct lia_arena *a, struct lia_intervention *out)
{
	out->id = sq_col_text(a, st, 0);
	out->series_id = sq_col_text(a, st, 1);
	out->seq = sqlite3_column_int64(st, 2);
	out->org_id = sq_col_text(a, st, 3);
	out->client_id = sq_col_text(a, st, 4);
	out->valid_from = sq_col_text(a, st, 5);
	out->valid_until = sq_col_text(a, st, 6);
	out->type = sq_col_text(a, st, 7);
	out->label = sq_col_text(a, st, 8);
	out->days = sqlite3_column_int(st, 9);
	out->every_weeks = sqlite3_column_int(st, 10);
	out->anchor_date = sq_col_text(a, st, 11);
	out->start_time = sq_col_text(a, st, 12);
	out->duration_min = sqlite3_column_int(st, 13);
	out->qualification = sq_col_text(a, st, 14);
	out->tasks = sq_col_text(a, st, 15);
	out->funder = sq_col_text(a, st, 16);
	out->note = sq_col_text(a, st, 17);
	out->version = sqlite3_column_int64(st, 18);
	out->created_at = sqlite3_column_int64(st, 19);
	out->created_by = sq_col_text(a, st, 20);
}

int
sq_intervention_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		     struct lia_intervention **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "intervention_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		read_intervention(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "intervention_list");
	sq_reset(st);
	return status;
}
