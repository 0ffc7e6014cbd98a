/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_end on PostgreSQL: closes a member's period (ends_on) under optimistic
 * concurrency, then appends the change feed row with the new version. When no row
 * changed, a second look tells STALE (the row exists) from NOT_FOUND.
 */
#include "pg_internal.h"

static int
why_unchanged(struct pg_conn *pc, const char *id)
{
	const char *p[] = {id};
	int64_t rows = 0;
	int st = pg_run(pc, "circle_end.why", "SELECT 1 FROM care_circle WHERE id = $1", 1, p,
			&rows);
	if (st != LIA_STORE_OK)
		return st;
	return rows > 0 ? LIA_STORE_STALE : LIA_STORE_NOT_FOUND;
}

int
pg_circle_end(struct lia_conn *c, const char *id, const char *ends_on, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "circle_end");
	if (st != LIA_STORE_OK)
		return st;
	char ev[PG_I64_LEN];
	const char *p[] = {id, ends_on, pg_i64(ev, expected_version)};
	PGresult *r;
	st = pg_exec(pc, "circle_end",
		     "UPDATE care_circle SET ends_on = $2, version = version + 1 "
		     "WHERE id = $1 AND version = $3 RETURNING org_id, version",
		     3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return why_unchanged(pc, id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "circle_member", id, "update",
			      pg_col_i64(r, 0, 1));
	PQclear(r);
	return st;
}
