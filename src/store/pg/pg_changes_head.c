/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * changes_head on PostgreSQL: the highest seq of the change feed (0 when empty).
 * max() on the primary key reads one end of its index. Writers commit one at a time
 * (store.h), so no lower seq can still be committed after it is read.
 */
#include "pg_internal.h"

int
pg_changes_head(struct lia_conn *c, int64_t *seq)
{
	*seq = 0;
	PGresult *r;
	int st = pg_exec(pg_of(c), "changes_head", "SELECT coalesce(max(seq), 0) FROM changes", 0,
			 NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	*seq = pg_col_i64(r, 0, 0);
	PQclear(r);
	return LIA_STORE_OK;
}
