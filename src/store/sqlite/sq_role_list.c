/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * role_list on SQLite: the roles of an account with each node's path, read on every
 * authenticated request to compute the account's scope. Served by the leading
 * account_id column of the (account_id, org_id, role) unique index.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT r.id, r.account_id, r.org_id, o.path, r.role, r.created_at "
			  "FROM account_roles r JOIN orgs o ON o.id = r.org_id "
			  "WHERE r.account_id = ?1 ORDER BY o.path, r.role";

int
sq_role_list(struct lia_conn *lc, struct lia_arena *a, const char *account_id,
	     struct lia_role **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "role_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_role *r = &(*items)[(*n)++];
		r->id = sq_col_text(a, st, 0);
		r->account_id = sq_col_text(a, st, 1);
		r->org_id = sq_col_text(a, st, 2);
		r->org_path = sq_col_text(a, st, 3);
		r->role = sq_col_text(a, st, 4);
		r->created_at = sqlite3_column_int64(st, 5);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "role_list");
	sq_reset(st);
	return status;
}
