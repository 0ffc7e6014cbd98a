/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * plan_clients on SQLite: the clients whose care plan still runs on or after a date,
 * in client_id order, a page at a time, for the daily visit generation. Walks index
 * interventions_client in order, so each page costs its own rows only.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT client_id, MIN(org_id) FROM interventions "
	"WHERE client_id > ?2 AND (valid_until IS NULL OR valid_until > ?1) "
	"GROUP BY client_id ORDER BY client_id LIMIT ?3";

int
sq_plan_clients(struct lia_conn *lc, struct lia_arena *a, const char *from, const char *after,
		int limit, struct lia_plan_client **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "plan_clients");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, from);
	sq_bind_text(c, st, 2, after ? after : "");
	sq_bind_int64(c, st, 3, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		(*items)[*n].client_id = sq_col_text(a, st, 0);
		(*items)[(*n)++].org_id = sq_col_text(a, st, 1);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "plan_clients");
	sq_reset(st);
	return status;
}
