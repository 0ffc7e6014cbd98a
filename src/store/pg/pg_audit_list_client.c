/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * audit_list_client on PostgreSQL: who did what on one client's record, newest first,
 * one page at a time (the client's "who accessed my record" view).
 */
#include "pg_internal.h"

int
pg_audit_list_client(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		     int64_t before_seq, int limit, struct lia_audit_entry **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return LIA_STORE_OK;
	char before[PG_I64_LEN], lim[PG_I64_LEN];
	/* 0 means from the top: an open bound keeps one plan on the (client_id, seq) index. */
	const char *p[] = {client_id, pg_i64(before, before_seq > 0 ? before_seq : INT64_MAX),
			   pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "audit_list_client",
			 "SELECT " PG_AUDIT_COLS " FROM audit WHERE client_id = $1 AND seq < $2 "
			 "ORDER BY seq DESC LIMIT $3::bigint",
			 3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_audit_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
