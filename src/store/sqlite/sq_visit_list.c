/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_list on SQLite: visits matching the optional filters of lia_visit_query,
 * in (planned_start, id) order, strictly after the cursor, at most limit.
 *
 * SQLite plans a statement once, without the bound values, so "?n IS NULL OR
 * column = ?n" never reaches an index. The statement is therefore picked by the
 * most selective filter present, which becomes a plain equality on its index:
 * round (visits_round), client (visits_client), worker (visits_worker), series
 * (visits_occurrence); the other filters stay as self-disabling terms. Without any
 * of them the organisations drive (CROSS JOIN keeps orgs the outer loop): each
 * organisation in scope, or every one, reads its visits of the period from
 * visits_org (org_id, planned_start), never the whole table. The period and the
 * cursor are one range on planned_start that is always present (an absent bound
 * becomes the extreme value), so a week or a deep page reads only its rows.
 *
 * Scope paths are composed from the fixed fragments of sq_internal.h for 0..8
 * paths, one statement per (driving filter, count), each prepared once; more paths
 * are listed in chunks whose pages are merged, as in client_search.
 */
#include "store/sqlite/sq_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 5000

/* ?1..?8 scope paths, ?9 client, ?10 worker, ?11 round, ?12 series, ?13..?14 the
 * planned_start range, ?15 status, ?16 unassigned, ?17..?18 cursor, ?19 limit. */
#define FILTERS                                                                         \
	"AND (?9 IS NULL OR v.client_id = ?9) AND (?10 IS NULL OR v.worker_id = ?10) "  \
	"AND (?11 IS NULL OR v.round_id = ?11) AND (?12 IS NULL OR v.series_id = ?12) " \
	"AND v.planned_start >= ?13 AND v.planned_start < ?14 "                         \
	"AND (?15 IS NULL OR v.status = ?15) AND (?16 = 0 OR v.worker_id IS NULL) "     \
	"AND (?18 IS NULL OR v.planned_start > ?17 OR v.id > ?18) "                     \
	"ORDER BY v.planned_start, v.id LIMIT ?19"

#define LIST(from_where, scopes) \
	"SELECT " SQ_VISIT_COLS " FROM " from_where " AND (" scopes ") " FILTERS
#define BY_VISITS(term) "visits v CROSS JOIN orgs o ON o.id = v.org_id WHERE " term
#define BY_ORGS "orgs o CROSS JOIN visits v ON v.org_id = o.id WHERE 1"
#define ROW(fw)                                                                              \
	{                                                                                    \
		LIST(fw, "1"), LIST(fw, SQ_SCOPES_1), LIST(fw, SQ_SCOPES_2),                 \
			LIST(fw, SQ_SCOPES_3), LIST(fw, SQ_SCOPES_4), LIST(fw, SQ_SCOPES_5), \
			LIST(fw, SQ_SCOPES_6), LIST(fw, SQ_SCOPES_7), LIST(fw, SQ_SCOPES_8), \
	}

enum drive { ROUND, CLIENT, WORKER, SERIES, ORGS, NDRIVES };

static const char *const sqls[NDRIVES][SQ_MAX_SCOPES + 1] = {
	[ROUND] = ROW(BY_VISITS("v.round_id = ?11")),
	[CLIENT] = ROW(BY_VISITS("v.client_id = ?9")),
	[WORKER] = ROW(BY_VISITS("v.worker_id = ?10")),
	[SERIES] = ROW(BY_VISITS("v.series_id = ?12")),
	[ORGS] = ROW(BY_ORGS),
};

static enum drive
pick_drive(const struct lia_visit_query *q)
{
	if (q->round_id)
		return ROUND;
	if (q->client_id)
		return CLIENT;
	if (q->worker_id)
		return WORKER;
	if (q->series_id)
		return SERIES;
	return ORGS;
}

/* Appends at most limit matches under paths[0..npaths) to *items. */
static int
list_chunk(struct sq_conn *c, struct lia_arena *a, const struct lia_visit_query *q,
	   const char *const *paths, int npaths, int limit, struct lia_visit **items, size_t *n,
	   size_t *cap)
{
	sqlite3_stmt *st = sq_stmt(c, sqls[pick_drive(q)][npaths], "visit_list");
	if (!st)
		return LIA_STORE_ERROR;
	int64_t lo = q->from;
	if (q->after_id && q->after_start > lo)
		lo = q->after_start;
	for (int i = 0; i < npaths; i++)
		sq_bind_text(c, st, i + 1, paths[i]);
	sq_bind_text(c, st, 9, q->client_id);
	sq_bind_text(c, st, 10, q->worker_id);
	sq_bind_text(c, st, 11, q->round_id);
	sq_bind_text(c, st, 12, q->series_id);
	sq_bind_int64(c, st, 13, lo);
	sq_bind_int64(c, st, 14, q->to ? q->to : INT64_MAX);
	sq_bind_text(c, st, 15, q->status);
	sq_bind_int64(c, st, 16, q->unassigned);
	sq_bind_int64(c, st, 17, q->after_start);
	sq_bind_text(c, st, 18, q->after_id);
	sq_bind_int64(c, st, 19, limit);
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, cap, *n, sizeof **items);
		sq_visit_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "visit_list");
	sq_reset(st);
	return status;
}

static int
cmp_key(const void *pa, const void *pb)
{
	const struct lia_visit *x = pa, *y = pb;
	if (x->planned_start != y->planned_start)
		return x->planned_start < y->planned_start ? -1 : 1;
	return strcmp(x->id, y->id);
}

int
sq_visit_list(struct lia_conn *lc, struct lia_arena *a, const struct lia_visit_query *q,
	      struct lia_visit **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0)
		return LIA_STORE_OK;
	size_t cap = 0;
	if (q->nscope <= 0)
		return list_chunk(c, a, q, NULL, 0, limit, items, n, &cap);
	for (int i = 0; i < q->nscope; i += SQ_MAX_SCOPES) {
		int k = q->nscope - i < SQ_MAX_SCOPES ? q->nscope - i : SQ_MAX_SCOPES;
		int status = list_chunk(c, a, q, q->scope_paths + i, k, limit, items, n, &cap);
		if (status != LIA_STORE_OK)
			return status;
	}
	if (q->nscope > SQ_MAX_SCOPES && *n > 1) {
		/* Overlapping scopes in different chunks may find a visit twice. */
		qsort(*items, *n, sizeof **items, cmp_key);
		size_t w = 0;
		for (size_t r = 0; r < *n; r++)
			if (w == 0 || strcmp((*items)[w - 1].id, (*items)[r].id) != 0)
				(*items)[w++] = (*items)[r];
		*n = w < (size_t)limit ? w : (size_t)limit;
	}
	return LIA_STORE_OK;
}
