/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_list on SQLite: the organisations of a subtree, in path order. Paths are
 * ASCII ("/<uuid>/.../"), so the range [prefix, prefix || char(127)) holds exactly
 * the paths starting with prefix, and the unique index on path serves it.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, parent_id, kind, name, tz, path, version, created_at FROM orgs "
	"WHERE path >= ?1 AND path < ?1 || char(127) ORDER BY path";

int
sq_org_list(struct lia_conn *lc, struct lia_arena *a, const char *path_prefix,
	    struct lia_org **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "org_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, path_prefix ? path_prefix : "");
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_org *o = &(*items)[(*n)++];
		o->id = sq_col_text(a, st, 0);
		o->parent_id = sq_col_text(a, st, 1);
		o->kind = sq_col_text(a, st, 2);
		o->name = sq_col_text(a, st, 3);
		o->tz = sq_col_text(a, st, 4);
		o->path = sq_col_text(a, st, 5);
		o->version = sqlite3_column_int64(st, 6);
		o->created_at = sqlite3_column_int64(st, 7);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "org_list");
	sq_reset(st);
	return status;
}
