/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_list on PostgreSQL: one page of visits in (planned_start, id) order with a
 * keyset cursor. One static statement: each optional filter is a bound NULL when
 * unused, and because the session plans every execution with its values
 * (plan_cache_mode = force_custom_plan, see pg_conn.c) the unused filters fold away
 * and the planner sees only the real conditions: a client's or a worker's week walks
 * visits_client or visits_worker over the planned_start range, a round visits_round.
 * The scope is an ARRAY() of the subtree's org ids rather than an IN (subquery): a
 * subquery under "$5 IS NULL OR" is never made a join (sublinks are pulled up before
 * the NULL tests fold), so IN would be tested visit by visit; the ARRAY() becomes one
 * initplan whose org_id = ANY (...) can drive visits_org for a coordinator's day.
 * Scopes are compared with starts_with(), never LIKE. The cursor, set by after_id, is
 * a row comparison beside a plain bound on planned_start that the index range takes.
 */
#include "pg_internal.h"

#define MAX_LIMIT 5000

static const char sql[] =
	"SELECT " PG_VISIT_COLS " FROM visits v "
	"WHERE ($1::text IS NULL OR v.client_id = $1) "
	"AND ($2::text IS NULL OR v.worker_id = $2) "
	"AND ($3::text IS NULL OR v.round_id = $3) "
	"AND ($4::text IS NULL OR v.series_id = $4) "
	"AND ($5::text[] IS NULL OR v.org_id = ANY (ARRAY(SELECT o.id COLLATE \"C\" FROM orgs o "
	"  WHERE EXISTS (SELECT 1 FROM unnest($5::text[]) s WHERE starts_with(o.path, s))))) "
	"AND v.planned_start >= $6::bigint "
	"AND ($7::bigint IS NULL OR v.planned_start < $7) "
	"AND ($8::text IS NULL OR v.status = $8) "
	"AND (NOT $9::boolean OR v.worker_id IS NULL) "
	"AND ($10::bigint IS NULL OR (v.planned_start >= $10 "
	"  AND (v.planned_start, v.id) > ($10, $11::text))) "
	"ORDER BY v.planned_start, v.id LIMIT $12::bigint";

int
pg_visit_list(struct lia_conn *c, struct lia_arena *a, const struct lia_visit_query *q,
	      struct lia_visit **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0)
		return LIA_STORE_OK;
	bool cursor = q->after_id != NULL;
	char from[PG_I64_LEN], to[PG_I64_LEN], after[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {q->client_id,
			   q->worker_id,
			   q->round_id,
			   q->series_id,
			   q->nscope > 0 ? pg_text_array(a, q->scope_paths, q->nscope) : NULL,
			   pg_i64(from, q->from),
			   q->to != 0 ? pg_i64(to, q->to) : NULL,
			   q->status,
			   pg_bool(q->unassigned),
			   cursor ? pg_i64(after, q->after_start) : NULL,
			   q->after_id,
			   pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "visit_list", sql, 12, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_visit_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
