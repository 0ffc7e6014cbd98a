/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_events_since on PostgreSQL: the alert log after a seq (a live stream's last
 * event id), in seq order, each row with its alert as it is now, for the alerts of
 * the reader's scope. The scope is an ARRAY() of the subtree's org ids compared with
 * starts_with(), never LIKE, as alert_list does; with no scope at all every
 * organisation is listed (server-internal uses only), as alert_list and SQLite do.
 * The seq range walks the primary key.
 */
#include "pg_internal.h"

int
pg_alert_events_since(struct lia_conn *c, struct lia_arena *a, int64_t after,
		      const char *const *scope_paths, int nscope, int limit,
		      struct lia_alert_event **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char aft[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {pg_i64(aft, after),
			   nscope > 0 ? pg_text_array(a, scope_paths, nscope) : NULL,
			   pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alert_events_since",
			 "SELECT " PG_ALERT_COLS ", " PG_ALERT_EVENT_COLS " FROM alert_events e "
			 "JOIN alerts al ON al.id = e.alert_id "
			 "WHERE e.seq > $1 AND ($2::text[] IS NULL OR e.org_id = ANY (ARRAY("
			 "  SELECT o.id COLLATE \"C\" FROM orgs o WHERE EXISTS (SELECT 1 "
			 "  FROM unnest($2::text[]) s WHERE starts_with(o.path, s))))) "
			 "ORDER BY e.seq LIMIT $3::bigint",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		pg_alert_read(a, r, i, &(*items)[i].alert);
		pg_alert_event_read(a, r, i, PG_ALERT_NCOLS, &(*items)[i]);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
