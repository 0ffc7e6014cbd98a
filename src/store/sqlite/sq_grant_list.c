/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * grant_list on SQLite: every funder's grant of a client, ended ones included, in
 * (starts_on, id) order. Served by index funder_grants_client; a client has a
 * handful of grants, so the sort is free.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, client_id, funder, funder_name, funder_id, decision_ref, "
	"beneficiary_ref, minutes_per_month, starts_on, ends_on, version, created_at, "
	"created_by FROM funder_grants WHERE client_id = ?1 ORDER BY starts_on, id";

static void
read_grant(sqlite3_stmt *st, struct lia_arena *a, struct lia_grant *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->funder = sq_col_text(a, st, 3);
	out->funder_name = sq_col_text(a, st, 4);
	out->funder_id = sq_col_text(a, st, 5);
	out->decision_ref = sq_col_text(a, st, 6);
	out->beneficiary_ref = sq_col_text(a, st, 7);
	out->minutes_per_month = sqlite3_column_int64(st, 8);
	out->starts_on = sq_col_text(a, st, 9);
	out->ends_on = sq_col_text(a, st, 10);
	out->version = sqlite3_column_int64(st, 11);
	out->created_at = sqlite3_column_int64(st, 12);
	out->created_by = sq_col_text(a, st, 13);
}

int
sq_grant_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
	      struct lia_grant **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "grant_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		read_grant(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "grant_list");
	sq_reset(st);
	return status;
}
