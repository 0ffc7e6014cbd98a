/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_event_list on PostgreSQL: one alert's log (alert_events) in seq order, without
 * the alert copy. Also the log's row reader (alert_events_since uses it) and its
 * writer, which alert_insert and alert_update call themselves so that no path can
 * change an alert without logging it. seq is a BIGSERIAL: every write holds the
 * write lock (store.h), so seq order is commit order and a reader resuming after
 * a seq cannot miss a row committed later with a smaller one.
 */
#include "pg_internal.h"

void
pg_alert_event_read(struct lia_arena *a, const PGresult *r, int row, int col,
		    struct lia_alert_event *out)
{
	out->seq = pg_col_i64(r, row, col);
	out->alert_id = pg_col_text(a, r, row, col + 1);
	out->org_id = pg_col_text(a, r, row, col + 2);
	out->kind = pg_col_text(a, r, row, col + 3);
	out->version = pg_col_i64(r, row, col + 4);
	out->at = pg_col_i64(r, row, col + 5);
}

int
pg_alert_event_append(struct pg_conn *pc, const char *alert_id, const char *org_id,
		      const char *kind, const char *if_null, int64_t version, int64_t at)
{
	char v[PG_I64_LEN], when[PG_I64_LEN];
	const char *p[] = {alert_id, org_id, kind ? kind : if_null, pg_i64(v, version),
			   pg_i64(when, at)};
	return pg_run(pc, "alert_event_append",
		      "INSERT INTO alert_events (alert_id, org_id, kind, version, at) "
		      "VALUES ($1, $2, $3, $4, $5)",
		      5, p, NULL);
}

int
pg_alert_event_list(struct lia_conn *c, struct lia_arena *a, const char *alert_id,
		    struct lia_alert_event **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {alert_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alert_event_list",
			 "SELECT " PG_ALERT_EVENT_COLS " FROM alert_events e "
			 "WHERE e.alert_id = $1 ORDER BY e.seq",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_alert_event_read(a, r, i, 0, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
