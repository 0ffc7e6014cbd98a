/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_insert on PostgreSQL: adds a visit (an occurrence generated from the care
 * plan, or a one-off) and appends the change feed row. ON CONFLICT DO NOTHING without
 * a target covers the primary key and the partial unique index on
 * (series_id, occurrence_date), so regenerating an occurrence that exists is a
 * CONFLICT that leaves the generator's transaction usable.
 */
#include "pg_internal.h"

int
pg_visit_insert(struct lia_conn *c, const struct lia_visit *v)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "visit_insert");
	if (st != LIA_STORE_OK)
		return st;
	char ps[PG_I64_LEN], pe[PG_I64_LEN], rpos[PG_I64_LEN], cin[PG_I64_LEN], cind[PG_I64_LEN],
		cout[PG_I64_LEN], coutd[PG_I64_LEN], rs[PG_I64_LEN], re[PG_I64_LEN],
		late[PG_I64_LEN], overdue[PG_I64_LEN], ver[PG_I64_LEN], cat[PG_I64_LEN],
		uat[PG_I64_LEN];
	const char *p[] = {v->id,
			   v->org_id,
			   v->client_id,
			   v->series_id,
			   v->intervention_id,
			   v->occurrence_date,
			   v->type,
			   v->label,
			   pg_i64(ps, v->planned_start),
			   pg_i64(pe, v->planned_end),
			   v->qualification,
			   v->tasks,
			   v->funder,
			   v->status,
			   v->suspended_by,
			   pg_flag(v->manual),
			   v->worker_id,
			   v->cancel_reason,
			   v->cancel_note,
			   v->round_id,
			   pg_i64(rpos, v->round_position),
			   pg_i64(cin, v->check_in_at),
			   pg_i64(cind, v->check_in_device_at),
			   v->check_in_method,
			   pg_i64(cout, v->check_out_at),
			   pg_i64(coutd, v->check_out_device_at),
			   v->check_out_method,
			   pg_i64(rs, v->retained_start),
			   pg_i64(re, v->retained_end),
			   v->correction_code,
			   v->tasks_done,
			   v->delivery_outcome,
			   v->delivery_reason,
			   v->anomalies,
			   pg_i64(late, v->late_alert_at),
			   pg_i64(overdue, v->overdue_alert_at),
			   pg_i64(ver, v->version),
			   pg_i64(cat, v->created_at),
			   pg_i64(uat, v->updated_at)};
	int64_t rows = 0;
	st = pg_run(pc, "visit_insert",
		    "INSERT INTO visits (id, org_id, client_id, series_id, intervention_id, "
		    "occurrence_date, type, label, planned_start, planned_end, qualification, "
		    "tasks, funder, status, suspended_by, manual, worker_id, cancel_reason, "
		    "cancel_note, round_id, round_position, check_in_at, check_in_device_at, "
		    "check_in_method, check_out_at, check_out_device_at, check_out_method, "
		    "retained_start, retained_end, correction_code, tasks_done, "
		    "delivery_outcome, delivery_reason, anomalies, late_alert_at, "
		    "overdue_alert_at, version, created_at, updated_at) VALUES ($1, $2, $3, $4, "
		    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
		    "$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, "
		    "$36, $37, $38, $39) ON CONFLICT DO NOTHING",
		    39, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, v->org_id, "visit", v->id, "insert", v->version);
}
