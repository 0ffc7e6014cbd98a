/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alert_events_since on SQLite: the alert log after a seq, in seq order, each row
 * with its alert as it is now, limited to alerts whose organisation lies under one
 * of the scope paths: what the live stream (SSE) sends, and replays from a client's
 * last event id. No scope path means every organisation (server-internal uses, like
 * alert_list).
 *
 * The log is walked from `after` along its rowid (CROSS JOIN keeps alert_events the
 * outer loop), each row joined to its alert and the alert's organisation by primary
 * key, and the walk stops at limit: a stream that keeps up reads only the new rows.
 * Scope paths are composed from the fixed fragments of sq_internal.h for 0..8
 * paths; more paths are read in chunks whose pages are merged by seq.
 */
#include "store/sqlite/sq_internal.h"

#include <stdlib.h>

/* ?1..?8 scope paths, ?9 after, ?10 limit. The alert's columns come first so that
 * sq_alert_read reads them where it expects them. */
#define LIST(scopes)                                                                            \
	"SELECT " SQ_ALERT_COLS ", ev.seq, ev.alert_id, ev.org_id, ev.kind, ev.version, ev.at " \
	"FROM alert_events ev CROSS JOIN alerts al ON al.id = ev.alert_id "                     \
	"CROSS JOIN orgs o ON o.id = al.org_id "                                                \
	"WHERE ev.seq > ?9 AND (" scopes ") ORDER BY ev.seq LIMIT ?10"

static const char *const sqls[SQ_MAX_SCOPES + 1] = {
	LIST("1"),         LIST(SQ_SCOPES_1), LIST(SQ_SCOPES_2),
	LIST(SQ_SCOPES_3), LIST(SQ_SCOPES_4), LIST(SQ_SCOPES_5),
	LIST(SQ_SCOPES_6), LIST(SQ_SCOPES_7), LIST(SQ_SCOPES_8),
};

/* Appends at most limit rows under paths[0..npaths) to *items. */
static int
list_chunk(struct sq_conn *c, struct lia_arena *a, int64_t after, const char *const *paths,
	   int npaths, int limit, struct lia_alert_event **items, size_t *n, size_t *cap)
{
	sqlite3_stmt *st = sq_stmt(c, sqls[npaths], "alert_events_since");
	if (!st)
		return LIA_STORE_ERROR;
	for (int i = 0; i < npaths; i++)
		sq_bind_text(c, st, i + 1, paths[i]);
	sq_bind_int64(c, st, 9, after);
	sq_bind_int64(c, st, 10, limit);
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, cap, *n, sizeof **items);
		struct lia_alert_event *ev = &(*items)[(*n)++];
		sq_alert_read(st, a, &ev->alert);
		ev->seq = sqlite3_column_int64(st, SQ_ALERT_NCOLS);
		ev->alert_id = sq_col_text(a, st, SQ_ALERT_NCOLS + 1);
		ev->org_id = sq_col_text(a, st, SQ_ALERT_NCOLS + 2);
		ev->kind = sq_col_text(a, st, SQ_ALERT_NCOLS + 3);
		ev->version = sqlite3_column_int64(st, SQ_ALERT_NCOLS + 4);
		ev->at = sqlite3_column_int64(st, SQ_ALERT_NCOLS + 5);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "alert_events_since");
	sq_reset(st);
	return status;
}

static int
cmp_seq(const void *pa, const void *pb)
{
	const struct lia_alert_event *x = pa, *y = pb;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

int
sq_alert_events_since(struct lia_conn *lc, struct lia_arena *a, int64_t after,
		      const char *const *scope_paths, int nscope, int limit,
		      struct lia_alert_event **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	size_t cap = 0;
	if (nscope <= 0)
		return list_chunk(c, a, after, NULL, 0, limit, items, n, &cap);
	for (int i = 0; i < nscope; i += SQ_MAX_SCOPES) {
		int k = nscope - i < SQ_MAX_SCOPES ? nscope - i : SQ_MAX_SCOPES;
		int status = list_chunk(c, a, after, scope_paths + i, k, limit, items, n, &cap);
		if (status != LIA_STORE_OK)
			return status;
	}
	if (nscope > SQ_MAX_SCOPES && *n > 1) {
		/* Overlapping scopes in different chunks may find a row twice. */
		qsort(*items, *n, sizeof **items, cmp_seq);
		size_t w = 0;
		for (size_t r = 0; r < *n; r++)
			if (w == 0 || (*items)[w - 1].seq != (*items)[r].seq)
				(*items)[w++] = (*items)[r];
		*n = w < (size_t)limit ? w : (size_t)limit;
	}
	return LIA_STORE_OK;
}
