/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_list on PostgreSQL: one page of alerts, newest first ((raised_at, id)
 * descending) with a keyset cursor (set by before_id). Like visit_list, one static
 * statement whose unused filters are bound NULLs that fold away under
 * force_custom_plan, and a scope that is an ARRAY() of the subtree's org ids
 * (starts_with, never LIKE) feeding alerts_org.
 * The state filter is a text[] bound by the caller: "open" becomes
 * {raised,acknowledged,in_progress}, the very list of the partial index alerts_open,
 * so the planner can prove that index applies; one state is a one-element array.
 * With no scope at all every organisation is listed (server-internal uses only),
 * as visit_list does.
 */
#include "pg_internal.h"

#include <string.h>

#define MAX_LIMIT 500

static const char sql[] =
	"SELECT " PG_ALERT_COLS " FROM alerts al "
	"WHERE ($1::text[] IS NULL OR al.org_id = ANY (ARRAY(SELECT o.id COLLATE \"C\" "
	"  FROM orgs o WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s "
	"  WHERE starts_with(o.path, s))))) "
	"AND ($2::text IS NULL OR al.client_id = $2) "
	"AND ($3::text[] IS NULL OR al.state = ANY ($3::text[])) "
	"AND ($4::text IS NULL OR al.type = $4) "
	"AND ($5::bigint IS NULL OR (al.raised_at <= $5 "
	"  AND (al.raised_at, al.id) < ($5, $6::text))) "
	"ORDER BY al.raised_at DESC, al.id DESC LIMIT $7::bigint";

static const char *const open_states[] = {"raised", "acknowledged", "in_progress"};

int
pg_alert_list(struct lia_conn *c, struct lia_arena *a, const struct lia_alert_query *q,
	      struct lia_alert **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0)
		return LIA_STORE_OK;
	const char *states = NULL;
	if (q->state && strcmp(q->state, "open") == 0)
		states = pg_text_array(a, open_states, 3);
	else if (q->state)
		states = pg_text_array(a, &q->state, 1);
	bool cursor = q->before_id != NULL;
	char before[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {q->nscope > 0 ? pg_text_array(a, q->scope_paths, q->nscope) : NULL,
			   q->client_id,
			   states,
			   q->type,
			   cursor ? pg_i64(before, q->before_raised_at) : NULL,
			   q->before_id,
			   pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "alert_list", sql, 7, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_alert_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
