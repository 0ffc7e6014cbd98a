/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_list on SQLite: alerts matching the optional filters of lia_alert_query,
 * newest first ((raised_at, id) descending), strictly before the cursor, at most
 * limit. State "open" stands for raised, acknowledged or in progress.
 *
 * As in visit_list, the statement is picked by the filter that can drive it,
 * because SQLite plans without the bound values. The open alerts (the coordinators'
 * board, asked for all day) are read newest first from the partial index
 * alerts_open, whose condition the statement repeats word for word so that SQLite
 * may use it, and the scan stops at limit. Any other list walks the organisations
 * in scope (CROSS JOIN keeps orgs the outer loop) and reads each one's alerts from
 * alerts_org (org_id, raised_at), bounded above by the cursor. No scope path means
 * every organisation (server-internal uses, like visit_list).
 *
 * Scope paths are composed from the fixed fragments of sq_internal.h for 0..8
 * paths; more paths are listed in chunks whose pages are merged.
 */
#include "store/sqlite/sq_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 500

/* ?1..?8 scope paths, ?9 client, ?10 state, ?11 type, ?12 upper bound of
 * raised_at, ?13..?14 cursor, ?15 limit. */
#define FILTERS                                                                      \
	"AND (?9 IS NULL OR al.client_id = ?9) AND (?10 IS NULL OR al.state = ?10) " \
	"AND (?11 IS NULL OR al.type = ?11) AND al.raised_at <= ?12 "                \
	"AND (?14 IS NULL OR al.raised_at < ?13 OR al.id < ?14) "                    \
	"ORDER BY al.raised_at DESC, al.id DESC LIMIT ?15"

#define LIST(from_where, scopes) \
	"SELECT " SQ_ALERT_COLS " FROM " from_where " AND (" scopes ") " FILTERS
#define OPEN                                                     \
	"alerts al CROSS JOIN orgs o ON o.id = al.org_id WHERE " \
	"state IN ('raised','acknowledged','in_progress')"
#define BY_ORGS "orgs o CROSS JOIN alerts al ON al.org_id = o.id WHERE 1"
#define ROW(fw)                                                                              \
	{                                                                                    \
		LIST(fw, "1"), LIST(fw, SQ_SCOPES_1), LIST(fw, SQ_SCOPES_2),                 \
			LIST(fw, SQ_SCOPES_3), LIST(fw, SQ_SCOPES_4), LIST(fw, SQ_SCOPES_5), \
			LIST(fw, SQ_SCOPES_6), LIST(fw, SQ_SCOPES_7), LIST(fw, SQ_SCOPES_8), \
	}

static const char *const sqls_open[SQ_MAX_SCOPES + 1] = ROW(OPEN);
static const char *const sqls_orgs[SQ_MAX_SCOPES + 1] = ROW(BY_ORGS);

/* Appends at most limit matches under paths[0..npaths) to *items. */
static int
list_chunk(struct sq_conn *c, struct lia_arena *a, const struct lia_alert_query *q,
	   const char *const *paths, int npaths, int limit, struct lia_alert **items, size_t *n,
	   size_t *cap)
{
	int open = q->state && strcmp(q->state, "open") == 0;
	sqlite3_stmt *st = sq_stmt(c, (open ? sqls_open : sqls_orgs)[npaths], "alert_list");
	if (!st)
		return LIA_STORE_ERROR;
	for (int i = 0; i < npaths; i++)
		sq_bind_text(c, st, i + 1, paths[i]);
	sq_bind_text(c, st, 9, q->client_id);
	sq_bind_text(c, st, 10, open ? NULL : q->state);
	sq_bind_text(c, st, 11, q->type);
	sq_bind_int64(c, st, 12, q->before_id ? q->before_raised_at : INT64_MAX);
	sq_bind_int64(c, st, 13, q->before_raised_at);
	sq_bind_text(c, st, 14, q->before_id);
	sq_bind_int64(c, st, 15, limit);
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, cap, *n, sizeof **items);
		sq_alert_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "alert_list");
	sq_reset(st);
	return status;
}

/* Newest first. */
static int
cmp_key(const void *pa, const void *pb)
{
	const struct lia_alert *x = pa, *y = pb;
	if (x->raised_at != y->raised_at)
		return x->raised_at > y->raised_at ? -1 : 1;
	return -strcmp(x->id, y->id);
}

int
sq_alert_list(struct lia_conn *lc, struct lia_arena *a, const struct lia_alert_query *q,
	      struct lia_alert **items, size_t *n)
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
		/* Overlapping scopes in different chunks may find an alert twice. */
		qsort(*items, *n, sizeof **items, cmp_key);
		size_t w = 0;
		for (size_t r = 0; r < *n; r++)
			if (w == 0 || strcmp((*items)[w - 1].id, (*items)[r].id) != 0)
				(*items)[w++] = (*items)[r];
		*n = w < (size_t)limit ? w : (size_t)limit;
	}
	return LIA_STORE_OK;
}
