/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_search on SQLite: clients in scope matching the optional filters, in
 * (name_key, id) order, strictly after the cursor. The scope filter is composed
 * from fixed fragments for 1..SQ_MAX_SCOPES paths (one statement per count, each
 * prepared once); more paths are searched in chunks whose pages are merged, so the
 * answer does not depend on how many roles the caller holds. The name prefix is a
 * key range, never LIKE: user input never becomes a pattern.
 */
#include "store/sqlite/sq_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 200

#define SEARCH(scopes)                                                                \
	"SELECT " SQ_CLIENT_COLS " FROM clients c JOIN orgs o ON o.id = c.org_id "    \
	"WHERE (" scopes ") "                                                         \
	"AND (?9 IS NULL OR (c.name_key >= ?9 AND c.name_key < ?9 || char(127)) "     \
	"OR (c.used_name_key >= ?9 AND c.used_name_key < ?9 || char(127))) "          \
	"AND (?10 IS NULL OR c.birth_date = ?10) "                                    \
	"AND (?11 IS NULL OR c.ins_matricule = ?11) "                                 \
	"AND (?12 IS NULL OR c.name_key > ?12 OR (c.name_key = ?12 AND c.id > ?13)) " \
	"ORDER BY c.name_key, c.id LIMIT ?14"

static const char *const sqls[SQ_MAX_SCOPES] = {
	SEARCH(SQ_SCOPES_1), SEARCH(SQ_SCOPES_2), SEARCH(SQ_SCOPES_3), SEARCH(SQ_SCOPES_4),
	SEARCH(SQ_SCOPES_5), SEARCH(SQ_SCOPES_6), SEARCH(SQ_SCOPES_7), SEARCH(SQ_SCOPES_8),
};

/* Appends at most limit matches under paths[0..npaths) to items[*n...]. */
static int
search_chunk(struct sq_conn *c, struct lia_arena *a, const struct lia_client_query *q,
	     const char *const *paths, int npaths, int limit, struct lia_client *items, size_t *n)
{
	sqlite3_stmt *st = sq_stmt(c, sqls[npaths - 1], "client_search");
	if (!st)
		return LIA_STORE_ERROR;
	for (int i = 0; i < npaths; i++)
		sq_bind_text(c, st, i + 1, paths[i]);
	sq_bind_text(c, st, 9, q->name_prefix);
	sq_bind_text(c, st, 10, q->birth_date);
	sq_bind_text(c, st, 11, q->ins_matricule);
	sq_bind_text(c, st, 12, q->after_name_key);
	sq_bind_text(c, st, 13, q->after_id);
	sq_bind_int64(c, st, 14, limit);
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW)
		sq_client_read(st, a, &items[(*n)++]);
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "client_search");
	sq_reset(st);
	return status;
}

static int
cmp_key(const void *pa, const void *pb)
{
	const struct lia_client *x = pa, *y = pb;
	int d = strcmp(x->name_key, y->name_key);
	return d ? d : strcmp(x->id, y->id);
}

int
sq_client_search(struct lia_conn *lc, struct lia_arena *a, const struct lia_client_query *q,
		 struct lia_client **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0 || q->nscope <= 0)
		return LIA_STORE_OK;
	int nchunks = (q->nscope + SQ_MAX_SCOPES - 1) / SQ_MAX_SCOPES;
	struct lia_client *buf = lia_arena_alloc(a, (size_t)nchunks * (size_t)limit * sizeof *buf);
	size_t got = 0;
	for (int i = 0; i < q->nscope; i += SQ_MAX_SCOPES) {
		int k = q->nscope - i < SQ_MAX_SCOPES ? q->nscope - i : SQ_MAX_SCOPES;
		int status = search_chunk(c, a, q, q->scope_paths + i, k, limit, buf, &got);
		if (status != LIA_STORE_OK)
			return status;
	}
	if (nchunks > 1) {
		/* Overlapping scopes in different chunks may find a client twice. */
		qsort(buf, got, sizeof *buf, cmp_key);
		size_t w = 0;
		for (size_t r = 0; r < got; r++)
			if (w == 0 || strcmp(buf[w - 1].id, buf[r].id) != 0)
				buf[w++] = buf[r];
		got = w < (size_t)limit ? w : (size_t)limit;
	}
	*items = buf;
	*n = got;
	return LIA_STORE_OK;
}
