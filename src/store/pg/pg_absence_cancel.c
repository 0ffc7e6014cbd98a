/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * absence_cancel on PostgreSQL: sets cancelled_at once and appends the change feed
 * row with the new version. An absence already cancelled is NOT_FOUND, like a missing
 * one, so the first cancellation's instant is kept; no expected version is asked
 * because cancelling twice has nothing to overwrite.
 */
#include "pg_internal.h"

int
pg_absence_cancel(struct lia_conn *c, const char *id, int64_t at)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "absence_cancel");
	if (st != LIA_STORE_OK)
		return st;
	char when[PG_I64_LEN];
	const char *p[] = {id, pg_i64(when, at)};
	PGresult *r;
	st = pg_exec(pc, "absence_cancel",
		     "UPDATE client_absences SET cancelled_at = $2, version = version + 1 "
		     "WHERE id = $1 AND cancelled_at = 0 RETURNING org_id, version",
		     2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		st = pg_change_append(pc, PQgetvalue(r, 0, 0), "absence", id, "update",
				      pg_col_i64(r, 0, 1));
	PQclear(r);
	return st;
}
