/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_list on SQLite: the field workers of a subtree, i.e. enabled staff
 * accounts holding an aide, aide_soignant or nurse role on a node whose path
 * starts with path_prefix, each with its profile or, when it has none yet, the
 * defaults of store.h (no qualification, no availability, no coordinates, version
 * 0, the account's own organisation). The role test is an EXISTS, so an account
 * with several matching roles is listed once; it probes the (account_id, org_id,
 * role) unique index and the node's primary key. The path prefix is a key range
 * (as org_list): paths are ASCII, never patterns.
 */
#include "store/sqlite/sq_internal.h"

#define SELECT_WORKERS                                                              \
	"SELECT a.id, coalesce(p.org_id, a.org_id), a.display_name, "               \
	"coalesce(p.qualifications, '[]'), coalesce(p.has_coords, 0), p.latitude, " \
	"p.longitude, coalesce(p.availability, '[]'), coalesce(p.version, 0), "     \
	"coalesce(p.updated_at, 0) "                                                \
	"FROM accounts a LEFT JOIN worker_profiles p ON p.account_id = a.id "
#define IS_FIELD_WORKER                                                               \
	"a.kind = 'staff' AND a.disabled = 0 "                                        \
	"AND EXISTS (SELECT 1 FROM account_roles r JOIN orgs o ON o.id = r.org_id "   \
	"WHERE r.account_id = a.id AND r.role IN ('aide', 'aide_soignant', 'nurse') " \
	"AND o.path >= ?1 AND o.path < ?1 || char(127))"

static const char sql[] = SELECT_WORKERS "WHERE " IS_FIELD_WORKER " ORDER BY a.id";
/* SQLite plans without the bound values: a separate statement with a plain
 * equality looks the one account up by primary key instead of walking them all. */
static const char sql_one[] = SELECT_WORKERS "WHERE a.id = ?2 AND " IS_FIELD_WORKER;

int
sq_worker_list(struct lia_conn *lc, struct lia_arena *a, const char *path_prefix,
	       const char *account_id, struct lia_worker **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, account_id ? sql_one : sql, "worker_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, path_prefix ? path_prefix : "");
	if (account_id)
		sq_bind_text(c, st, 2, account_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_worker *w = &(*items)[(*n)++];
		w->account_id = sq_col_text(a, st, 0);
		w->org_id = sq_col_text(a, st, 1);
		w->display_name = sq_col_text(a, st, 2);
		w->qualifications = sq_col_text(a, st, 3);
		w->has_coords = sqlite3_column_int(st, 4) != 0;
		w->latitude = w->has_coords ? sq_col_double(st, 5, 0) : 0;
		w->longitude = w->has_coords ? sq_col_double(st, 6, 0) : 0;
		w->availability = sq_col_text(a, st, 7);
		w->version = sqlite3_column_int64(st, 8);
		w->updated_at = sqlite3_column_int64(st, 9);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "worker_list");
	sq_reset(st);
	return status;
}
