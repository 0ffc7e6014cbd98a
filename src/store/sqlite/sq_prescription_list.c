/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_list on SQLite: every version of every prescription line of a client
 * (the treatment's history, from which the doses are derived), in (series_id, seq)
 * order. Served by index prescriptions_client; the sort is over one client's lines.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_PRESCRIPTION_COLS " FROM prescriptions p "
			  "WHERE p.client_id = ?1 ORDER BY p.series_id, p.seq";

int
sq_prescription_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		     struct lia_prescription **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "prescription_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_prescription_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "prescription_list");
	sq_reset(st);
	return status;
}
