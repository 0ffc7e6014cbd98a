/* SPDX-License-Identifier: EUPL-1.2 */
/* person_link_list on PostgreSQL: the client records a person account is linked to. */
#include "pg_internal.h"

int
pg_person_link_list(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		    struct lia_person_link **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {account_id};
	PGresult *r;
	/* relation breaks ties so that a client with two relations lists in a stable
	 * order; byte order (COLLATE "C") as on SQLite. */
	int st = pg_exec(pg_of(c), "person_link_list",
			 "SELECT id, org_id, account_id, client_id, relation, created_at "
			 "FROM client_persons WHERE account_id = $1 "
			 "ORDER BY client_id COLLATE \"C\", relation COLLATE \"C\"",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_person_link *x = &(*items)[i];
		x->id = pg_col_text(a, r, i, 0);
		x->org_id = pg_col_text(a, r, i, 1);
		x->account_id = pg_col_text(a, r, i, 2);
		x->client_id = pg_col_text(a, r, i, 3);
		x->relation = pg_col_text(a, r, i, 4);
		x->created_at = pg_col_i64(r, i, 5);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
