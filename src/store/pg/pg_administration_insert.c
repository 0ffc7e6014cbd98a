/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * administration_insert on PostgreSQL: records what happened to a dose and appends
 * the change feed row. ON CONFLICT DO NOTHING without a target covers the primary key
 * and the partial unique index administrations_dose, so a scheduled dose recorded
 * twice (two devices, or a retry) gets a CONFLICT that leaves the transaction usable;
 * as-needed doses (due_at 0) fall outside that index and are recorded each time.
 */
#include "pg_internal.h"

int
pg_administration_insert(struct lia_conn *c, const struct lia_administration *ad)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "administration_insert");
	if (st != LIA_STORE_OK)
		return st;
	char due[PG_I64_LEN], slot[PG_I64_LEN], occ[PG_I64_LEN], rec[PG_I64_LEN], v[PG_I64_LEN];
	const char *p[] = {ad->id,
			   ad->org_id,
			   ad->client_id,
			   ad->prescription_id,
			   ad->series_id,
			   pg_i64(due, ad->due_at),
			   pg_i64(slot, ad->slot_at),
			   ad->outcome,
			   ad->mode,
			   pg_i64(occ, ad->occurred_at),
			   pg_i64(rec, ad->recorded_at),
			   pg_flag(ad->late),
			   ad->organiser_id,
			   ad->reason,
			   ad->note,
			   ad->recorded_by,
			   ad->recorded_as,
			   pg_i64(v, ad->version)};
	int64_t rows = 0;
	st = pg_run(pc, "administration_insert",
		    "INSERT INTO administrations (" PG_ADMINISTRATION_COLS ") VALUES ($1, $2, $3, "
		    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
		    "ON CONFLICT DO NOTHING",
		    18, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, ad->org_id, "administration", ad->id, "insert", ad->version);
}
