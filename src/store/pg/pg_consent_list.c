/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consent_list on PostgreSQL: every consent decision of a client, revoked ones
 * included, with the grantee organisation's path (NULL for a person grantee), in
 * (created_at, id) order.
 */
#include "pg_internal.h"

int
pg_consent_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		struct lia_consent **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "consent_list",
			 "SELECT k.id, k.org_id, k.client_id, k.grantee_account, k.grantee_org, "
			 "o.path, k.category, k.decision, k.starts_at, k.ends_at, k.revoked_at, "
			 "k.decided_by, k.decided_as, k.created_at "
			 "FROM consents k LEFT JOIN orgs o ON o.id = k.grantee_org "
			 "WHERE k.client_id = $1 ORDER BY k.created_at, k.id COLLATE \"C\"",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_consent *x = &(*items)[i];
		x->id = pg_col_text(a, r, i, 0);
		x->org_id = pg_col_text(a, r, i, 1);
		x->client_id = pg_col_text(a, r, i, 2);
		x->grantee_account = pg_col_text(a, r, i, 3);
		x->grantee_org = pg_col_text(a, r, i, 4);
		x->grantee_org_path = pg_col_text(a, r, i, 5);
		x->category = pg_col_text(a, r, i, 6);
		x->decision = pg_col_text(a, r, i, 7);
		x->starts_at = pg_col_i64(r, i, 8);
		x->ends_at = pg_col_i64(r, i, 9);
		x->revoked_at = pg_col_i64(r, i, 10);
		x->decided_by = pg_col_text(a, r, i, 11);
		x->decided_as = pg_col_text(a, r, i, 12);
		x->created_at = pg_col_i64(r, i, 13);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
