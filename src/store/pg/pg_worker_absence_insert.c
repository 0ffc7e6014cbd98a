/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_absence_insert on PostgreSQL: records a period a worker is unavailable and
 * appends the change feed row (version 1: the row has no version and is never
 * updated). A taken id is a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_worker_absence_insert(struct lia_conn *c, const struct lia_worker_absence *w)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "worker_absence_insert");
	if (st != LIA_STORE_OK)
		return st;
	char starts[PG_I64_LEN], ends[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {w->id,
			   w->org_id,
			   w->account_id,
			   pg_i64(starts, w->starts_at),
			   pg_i64(ends, w->ends_at),
			   w->reason,
			   pg_i64(at, w->created_at),
			   w->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "worker_absence_insert",
		    "INSERT INTO worker_absences (id, org_id, account_id, starts_at, ends_at, "
		    "reason, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
		    "ON CONFLICT DO NOTHING",
		    8, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, w->org_id, "worker_absence", w->id, "insert", 1);
}
