/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * medication_clients on PostgreSQL: the clients with a prescription version still in
 * force, in client_id byte order (COLLATE "C" keys), a page at a time, for the daily
 * extension of the doses. "valid_until = 0" is the very predicate of the partial
 * index prescriptions_open (sql/pg/0004-medication.sql), so the planner proves that
 * index applies and walks only the versions in force; keep the two texts in step.
 */
#include "pg_internal.h"

int
pg_medication_clients(struct lia_conn *c, struct lia_arena *a, const char *after, int limit,
		      struct lia_medication_client **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	/* A LIMIT below zero is an error on PostgreSQL (and "no limit" on SQLite): an
	 * empty page, as visit_list_vigilance answers. */
	if (limit <= 0)
		return LIA_STORE_OK;
	char lim[PG_I64_LEN];
	const char *p[] = {after ? after : "", pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "medication_clients",
			 "SELECT client_id, MIN(org_id) FROM prescriptions "
			 "WHERE valid_until = 0 AND client_id > $1 "
			 "GROUP BY client_id ORDER BY client_id LIMIT $2::bigint",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		(*items)[i].client_id = pg_col_text(a, r, i, 0);
		(*items)[i].org_id = pg_col_text(a, r, i, 1);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
