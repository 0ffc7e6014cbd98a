/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_close on PostgreSQL: ends a version of a prescription line at an
 * instant (valid_until, exclusive) with why and by whom, under optimistic concurrency
 * (STALE or NOT_FOUND), then appends the change feed row with the new version
 * expected_version + 1 (p->version is not read). A change inserts the next version
 * with prescription_insert in the same transaction.
 */
#include "pg_internal.h"

int
pg_prescription_close(struct lia_conn *c, const struct lia_prescription *p,
		      int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "prescription_close");
	if (st != LIA_STORE_OK)
		return st;
	int64_t new_version = expected_version + 1;
	char ev[PG_I64_LEN], nv[PG_I64_LEN], until[PG_I64_LEN];
	const char *prm[] = {p->id,
			     pg_i64(ev, expected_version),
			     pg_i64(nv, new_version),
			     pg_i64(until, p->valid_until),
			     p->end_reason,
			     p->end_note,
			     p->ended_by};
	PGresult *r;
	st = pg_exec(pc, "prescription_close",
		     "UPDATE prescriptions SET version = $3, valid_until = $4, end_reason = $5, "
		     "end_note = $6, ended_by = $7 WHERE id = $1 AND version = $2 "
		     "RETURNING org_id",
		     7, prm, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "prescription_close.why",
					   "SELECT 1 FROM prescriptions WHERE id = $1", p->id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "prescription", p->id, "update",
			      new_version);
	PQclear(r);
	return st;
}
