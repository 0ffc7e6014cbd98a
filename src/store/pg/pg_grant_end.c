/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * grant_end on PostgreSQL: closes a funder's grant (ends_on, inclusive) under
 * optimistic concurrency, then appends the change feed row with the new version.
 */
#include "pg_internal.h"

int
pg_grant_end(struct lia_conn *c, const char *id, const char *ends_on, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "grant_end");
	if (st != LIA_STORE_OK)
		return st;
	char ev[PG_I64_LEN];
	const char *p[] = {id, ends_on, pg_i64(ev, expected_version)};
	PGresult *r;
	st = pg_exec(pc, "grant_end",
		     "UPDATE funder_grants SET ends_on = $2, version = version + 1 "
		     "WHERE id = $1 AND version = $3 RETURNING org_id, version",
		     3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "grant_end.why",
					   "SELECT 1 FROM funder_grants WHERE id = $1", id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "grant", id, "update", pg_col_i64(r, 0, 1));
	PQclear(r);
	return st;
}
