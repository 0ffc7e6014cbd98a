/* SPDX-License-Identifier: EUPL-1.2 */
/* meta_get on PostgreSQL: reads one installation setting from the meta table. */
#include "pg_internal.h"

int
pg_meta_get(struct lia_conn *c, struct lia_arena *a, const char *key, const char **value)
{
	*value = NULL;
	const char *p[] = {key};
	PGresult *r;
	int st = pg_exec(pg_of(c), "meta_get", "SELECT value FROM meta WHERE key = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		*value = pg_col_text(a, r, 0, 0);
	PQclear(r);
	return st;
}
