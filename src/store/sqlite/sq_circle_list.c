/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_list on SQLite: every member of a client's care circle, past and present
 * (periods are kept as rows), in (starts_on, id) order, with each member
 * organisation's path for the scope checks. Served by index care_circle_client.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_CIRCLE_COLS " FROM care_circle m "
			  "LEFT JOIN orgs o ON o.id = m.member_org_id "
			  "WHERE m.client_id = ?1 ORDER BY m.starts_on, m.id";

int
sq_circle_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
	       struct lia_circle_member **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "circle_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_circle_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "circle_list");
	sq_reset(st);
	return status;
}
