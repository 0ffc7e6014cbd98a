/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * intervention_insert on PostgreSQL: adds one version of a care-plan intervention and
 * appends the change feed row. ON CONFLICT DO NOTHING without a target covers the
 * primary key and UNIQUE (series_id, seq), so two editors adding the same next
 * version get a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_intervention_insert(struct lia_conn *c, const struct lia_intervention *iv)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "intervention_insert");
	if (st != LIA_STORE_OK)
		return st;
	char seq[PG_I64_LEN], days[PG_I64_LEN], every[PG_I64_LEN], dur[PG_I64_LEN], v[PG_I64_LEN],
		at[PG_I64_LEN];
	const char *p[] = {iv->id,
			   iv->series_id,
			   pg_i64(seq, iv->seq),
			   iv->org_id,
			   iv->client_id,
			   iv->valid_from,
			   iv->valid_until,
			   iv->type,
			   iv->label,
			   pg_i64(days, iv->days),
			   pg_i64(every, iv->every_weeks),
			   iv->anchor_date,
			   iv->start_time,
			   pg_i64(dur, iv->duration_min),
			   iv->qualification,
			   iv->tasks,
			   iv->funder,
			   iv->note,
			   pg_i64(v, iv->version),
			   pg_i64(at, iv->created_at),
			   iv->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "intervention_insert",
		    "INSERT INTO interventions (id, series_id, seq, org_id, client_id, "
		    "valid_from, valid_until, type, label, days, every_weeks, anchor_date, "
		    "start_time, duration_min, qualification, tasks, funder, note, version, "
		    "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
		    "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) "
		    "ON CONFLICT DO NOTHING",
		    21, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, iv->org_id, "intervention", iv->id, "insert", iv->version);
}
