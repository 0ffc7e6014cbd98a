/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * role_list on PostgreSQL: the roles of an account with their node's path, for scope
 * checks. Ordered in byte order (COLLATE "C") so both backends list alike.
 */
#include "pg_internal.h"

int
pg_role_list(struct lia_conn *c, struct lia_arena *a, const char *account_id,
	     struct lia_role **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {account_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "role_list",
			 "SELECT r.id, r.account_id, r.org_id, o.path, r.role, r.created_at "
			 "FROM account_roles r JOIN orgs o ON o.id = r.org_id "
			 "WHERE r.account_id = $1 ORDER BY o.path, r.role COLLATE \"C\"",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_role *x = &(*items)[i];
		x->id = pg_col_text(a, r, i, 0);
		x->account_id = pg_col_text(a, r, i, 1);
		x->org_id = pg_col_text(a, r, i, 2);
		x->org_path = pg_col_text(a, r, i, 3);
		x->role = pg_col_text(a, r, i, 4);
		x->created_at = pg_col_i64(r, i, 5);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
