/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * visit_update on PostgreSQL: writes every column of a visit but its identity (id,
 * org_id, client_id, series_id, occurrence_date) and created_at, under optimistic
 * concurrency (STALE or NOT_FOUND), then appends the change feed row with the new
 * version expected_version + 1 (v->version is not read).
 */
#include "pg_internal.h"

int
pg_visit_update(struct lia_conn *c, const struct lia_visit *v, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "visit_update");
	if (st != LIA_STORE_OK)
		return st;
	int64_t new_version = expected_version + 1;
	char ev[PG_I64_LEN], nv[PG_I64_LEN], ps[PG_I64_LEN], pe[PG_I64_LEN], rpos[PG_I64_LEN],
		cin[PG_I64_LEN], cind[PG_I64_LEN], cout[PG_I64_LEN], coutd[PG_I64_LEN],
		rs[PG_I64_LEN], re[PG_I64_LEN], late[PG_I64_LEN], overdue[PG_I64_LEN],
		uat[PG_I64_LEN];
	const char *p[] = {v->id,
			   pg_i64(ev, expected_version),
			   pg_i64(nv, new_version),
			   v->intervention_id,
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
			   pg_i64(uat, v->updated_at)};
	PGresult *r;
	st = pg_exec(pc, "visit_update",
		     "UPDATE visits SET version = $3, intervention_id = $4, type = $5, label = $6, "
		     "planned_start = $7, planned_end = $8, qualification = $9, tasks = $10, "
		     "funder = $11, status = $12, suspended_by = $13, manual = $14, "
		     "worker_id = $15, cancel_reason = $16, cancel_note = $17, round_id = $18, "
		     "round_position = $19, check_in_at = $20, check_in_device_at = $21, "
		     "check_in_method = $22, check_out_at = $23, check_out_device_at = $24, "
		     "check_out_method = $25, retained_start = $26, retained_end = $27, "
		     "correction_code = $28, tasks_done = $29, delivery_outcome = $30, "
		     "delivery_reason = $31, anomalies = $32, late_alert_at = $33, "
		     "overdue_alert_at = $34, updated_at = $35 "
		     "WHERE id = $1 AND version = $2 RETURNING org_id",
		     35, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return pg_stale_or_missing(pc, "visit_update.why",
					   "SELECT 1 FROM visits WHERE id = $1", v->id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "visit", v->id, "update", new_version);
	PQclear(r);
	return st;
}
