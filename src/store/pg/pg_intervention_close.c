/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * intervention_close on PostgreSQL: ends a version of an intervention (valid_until,
 * exclusive) under optimistic concurrency, then appends the change feed row with the
 * new version. The next version is a separate intervention_insert in the same
 * transaction.
 */
#include "pg_internal.h"

int
pg_intervention_close(struct lia_conn *c, const char *id, const char *valid_until,
		      int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "intervention_close");
	if (st != LIA_STORE_OK)
		return st;
	char ev[PG_I64_LEN];
	const char *p[] = {id, valid_until, pg_i64(ev, expected_version)};
	PGresult *r;
	st = pg_exec(pc, "intervention_close",
		     "UPDATE interventions SET valid_until = $2, version = version + 1 "
		     "WHERE id = $1 AND version = $3 RETURNING org_id, version",
		     3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "intervention_close.why",
					   "SELECT 1 FROM interventions WHERE id = $1", id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "intervention", id, "update",
			      pg_col_i64(r, 0, 1));
	PQclear(r);
	return st;
}
