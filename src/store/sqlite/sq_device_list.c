/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_list on SQLite: the devices of the organisations in scope (their org path
 * starts with one of the scope paths), optionally one client's, in id order after
 * the cursor, at most limit: the administration screen, a page at a time. No scope
 * path means every organisation (server-internal uses, like alert_list).
 *
 * The devices are walked along their primary key from the cursor (CROSS JOIN keeps
 * devices the outer loop, each joined to its organisation by primary key) and the
 * walk stops at limit, so a page costs about its own rows when the scope holds most
 * devices, as it does for an association's screen. Scope paths are composed from
 * the fixed fragments of sq_internal.h for 0..8 paths; more paths are listed in
 * chunks whose pages are merged by id.
 */
#include "store/sqlite/sq_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 500

/* ?1..?8 scope paths, ?9 client, ?10 cursor, ?11 limit. */
#define LIST(scopes)                                                                     \
	"SELECT " SQ_DEVICE_COLS " FROM devices d CROSS JOIN orgs o ON o.id = d.org_id " \
	"WHERE d.id > ?10 AND (?9 IS NULL OR d.client_id = ?9) AND (" scopes ") "        \
	"ORDER BY d.id LIMIT ?11"

static const char *const sqls[SQ_MAX_SCOPES + 1] = {
	LIST("1"),         LIST(SQ_SCOPES_1), LIST(SQ_SCOPES_2),
	LIST(SQ_SCOPES_3), LIST(SQ_SCOPES_4), LIST(SQ_SCOPES_5),
	LIST(SQ_SCOPES_6), LIST(SQ_SCOPES_7), LIST(SQ_SCOPES_8),
};

/* Appends at most limit matches under paths[0..npaths) to *items. */
static int
list_chunk(struct sq_conn *c, struct lia_arena *a, const struct lia_device_query *q,
	   const char *const *paths, int npaths, int limit, struct lia_device **items, size_t *n,
	   size_t *cap)
{
	sqlite3_stmt *st = sq_stmt(c, sqls[npaths], "device_list");
	if (!st)
		return LIA_STORE_ERROR;
	for (int i = 0; i < npaths; i++)
		sq_bind_text(c, st, i + 1, paths[i]);
	sq_bind_text(c, st, 9, q->client_id);
	sq_bind_text(c, st, 10, q->after_id ? q->after_id : "");
	sq_bind_int64(c, st, 11, limit);
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, cap, *n, sizeof **items);
		sq_device_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "device_list");
	sq_reset(st);
	return status;
}

static int
cmp_id(const void *pa, const void *pb)
{
	const struct lia_device *x = pa, *y = pb;
	return strcmp(x->id, y->id);
}

int
sq_device_list(struct lia_conn *lc, struct lia_arena *a, const struct lia_device_query *q,
	       struct lia_device **items, size_t *n)
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
		/* Overlapping scopes in different chunks may find a device twice. */
		qsort(*items, *n, sizeof **items, cmp_id);
		size_t w = 0;
		for (size_t r = 0; r < *n; r++)
			if (w == 0 || strcmp((*items)[w - 1].id, (*items)[r].id) != 0)
				(*items)[w++] = (*items)[r];
		*n = w < (size_t)limit ? w : (size_t)limit;
	}
	return LIA_STORE_OK;
}
