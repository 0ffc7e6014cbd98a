/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * changes_since on PostgreSQL: the change feed after a sequence number, for
 * replication and FHIR _history. Writers hold the write lock until after COMMIT, so
 * seq order is commit order; rolled-back writes may leave gaps, never reorderings.
 */
#include "pg_internal.h"

int
pg_changes_since(struct lia_conn *c, struct lia_arena *a, int64_t after_seq, int limit,
		 struct lia_change **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char after[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {pg_i64(after, after_seq), pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "changes_since",
			 "SELECT seq, org_id, entity, entity_id, op, version, at FROM changes "
			 "WHERE seq > $1 ORDER BY seq LIMIT $2::bigint",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++) {
		struct lia_change *x = &(*items)[i];
		x->seq = pg_col_i64(r, i, 0);
		x->org_id = pg_col_text(a, r, i, 1);
		x->entity = pg_col_text(a, r, i, 2);
		x->entity_id = pg_col_text(a, r, i, 3);
		x->op = pg_col_text(a, r, i, 4);
		x->version = pg_col_i64(r, i, 5);
		x->at = pg_col_i64(r, i, 6);
	}
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
