/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * transfer_insert on PostgreSQL: records a transfer to the emergency department
 * (never updated) and its change-feed row ("transfer", version 1). ON CONFLICT DO
 * NOTHING turns an existing id into CONFLICT and leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_transfer_insert(struct lia_conn *c, const struct lia_transfer *t)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "transfer_insert");
	if (st != LIA_STORE_OK)
		return st;
	char at[PG_I64_LEN];
	const char *p[] = {
		t->id, t->client_id, t->org_id, t->data, pg_i64(at, t->created_at), t->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "transfer_insert",
		    "INSERT INTO transfers (id, client_id, org_id, data, created_at, created_by) "
		    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
		    6, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, t->org_id, "transfer", t->id, "insert", 1);
}
