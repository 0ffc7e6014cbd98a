/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * round_insert on PostgreSQL: creates a meal delivery round for a day and appends the
 * change feed row. A taken id is a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_round_insert(struct lia_conn *c, const struct lia_round *r)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "round_insert");
	if (st != LIA_STORE_OK)
		return st;
	char v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {r->id,
			   r->org_id,
			   r->round_date,
			   r->name,
			   r->worker_id,
			   pg_i64(v, r->version),
			   pg_i64(at, r->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "round_insert",
		    "INSERT INTO rounds (id, org_id, round_date, name, worker_id, version, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
		    7, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, r->org_id, "round", r->id, "insert", r->version);
}
