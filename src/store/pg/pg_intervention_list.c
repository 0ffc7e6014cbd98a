/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * intervention_list on PostgreSQL: every version of a client's care-plan
 * interventions, in (series_id, seq) order; series_id is COLLATE "C", so the order is
 * byte order as on SQLite.
 */
#include "pg_internal.h"

static void
read_intervention(struct lia_arena *a, const PGresult *r, int row, struct lia_intervention *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->series_id = pg_col_text(a, r, row, 1);
	out->seq = pg_col_i64(r, row, 2);
	out->org_id = pg_col_text(a, r, row, 3);
	out->client_id = pg_col_text(a, r, row, 4);
	out->valid_from = pg_col_text(a, r, row, 5);
	out->valid_until = pg_col_text(a, r, row, 6);
	out->type = pg_col_text(a, r, row, 7);
	out->label = pg_col_text(a, r, row, 8);
	out->days = (int)pg_col_i64(r, row, 9);
	out->every_weeks = (int)pg_col_i64(r, row, 10);
	out->anchor_date = pg_col_text(a, r, row, 11);
	out->start_time = pg_col_text(a, r, row, 12);
	out->duration_min = (int)pg_col_i64(r, row, 13);
	out->qualification = pg_col_text(a, r, row, 14);
	out->tasks = pg_col_text(a, r, row, 15);
	out->funder = pg_col_text(a, r, row, 16);
	out->note = pg_col_text(a, r, row, 17);
	out->version = pg_col_i64(r, row, 18);
	out->created_at = pg_col_i64(r, row, 19);
	out->created_by = pg_col_text(a, r, row, 20);
}

int
pg_intervention_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		     struct lia_intervention **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "intervention_list",
			 "SELECT id, series_id, seq, org_id, client_id, valid_from, valid_until, "
			 "type, label, days, every_weeks, anchor_date, start_time, duration_min, "
			 "qualification, tasks, funder, note, version, created_at, created_by "
			 "FROM interventions WHERE client_id = $1 ORDER BY series_id, seq",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		read_intervention(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
