/* SPDX-License-Identifier: EUPL-1.2 */
/* client_count on PostgreSQL: how many client records exist (demo loader, readiness). */
#include "pg_internal.h"

int
pg_client_count(struct lia_conn *c, int64_t *n)
{
	*n = 0;
	PGresult *r;
	int st = pg_exec(pg_of(c), "client_count", "SELECT count(*) FROM clients", 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	*n = pg_col_i64(r, 0, 0);
	PQclear(r);
	return LIA_STORE_OK;
}
