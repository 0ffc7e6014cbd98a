/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * absence_insert on PostgreSQL: records a client's absence (hospital stay, holiday)
 * and appends the change feed row. A taken id is a CONFLICT that leaves the
 * transaction usable. Suspending the visits of the period is the caller's work.
 */
#include "pg_internal.h"

int
pg_absence_insert(struct lia_conn *c, const struct lia_absence *ab)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "absence_insert");
	if (st != LIA_STORE_OK)
		return st;
	char cancelled[PG_I64_LEN], v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {ab->id,
			   ab->org_id,
			   ab->client_id,
			   ab->starts_on,
			   ab->ends_on,
			   ab->reason,
			   ab->note,
			   pg_i64(cancelled, ab->cancelled_at),
			   pg_i64(v, ab->version),
			   pg_i64(at, ab->created_at),
			   ab->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "absence_insert",
		    "INSERT INTO client_absences (id, org_id, client_id, starts_on, ends_on, "
		    "reason, note, cancelled_at, version, created_at, created_by) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
		    11, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, ab->org_id, "absence", ab->id, "insert", ab->version);
}
