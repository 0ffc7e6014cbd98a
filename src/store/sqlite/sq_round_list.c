/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * round_list on SQLite: the rounds of a subtree's organisations on one date, in
 * (name, id) order. The organisations come from the path range on the unique
 * index of orgs.path (as org_list), then each one's rounds of the day from index
 * rounds_org_date: CROSS JOIN keeps orgs the outer loop.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ROUND_COLS " FROM orgs o CROSS JOIN rounds r "
			  "ON r.org_id = o.id AND r.round_date = ?2 "
			  "WHERE o.path >= ?1 AND o.path < ?1 || char(127) ORDER BY r.name, r.id";

int
sq_round_list(struct lia_conn *lc, struct lia_arena *a, const char *path_prefix,
	      const char *round_date, struct lia_round **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "round_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, path_prefix ? path_prefix : "");
	sq_bind_text(c, st, 2, round_date);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_round_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "round_list");
	sq_reset(st);
	return status;
}
