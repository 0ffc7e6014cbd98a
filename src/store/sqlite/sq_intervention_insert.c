/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * intervention_insert on SQLite: one version of a care-plan intervention, stored
 * with the version given (1 for a new row), and its change-feed row. A change of
 * plan closes the version in force (intervention_close) and inserts the next seq
 * of the same series; CONFLICT when the id or (series_id, seq) exists, so two
 * editors racing on the same series cannot both add version n + 1.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO interventions (id, series_id, seq, org_id, client_id, valid_from, "
	"valid_until, type, label, days, every_weeks, anchor_date, start_time, duration_min, "
	"qualification, tasks, funder, note, version, created_at, created_by) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	"?18, ?19, ?20, ?21)";

int
sq_intervention_insert(struct lia_conn *lc, const struct lia_intervention *iv)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "intervention_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "intervention_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, iv->id);
	sq_bind_text(c, st, 2, iv->series_id);
	sq_bind_int64(c, st, 3, iv->seq);
	sq_bind_text(c, st, 4, iv->org_id);
	sq_bind_text(c, st, 5, iv->client_id);
	sq_bind_text(c, st, 6, iv->valid_from);
	sq_bind_text(c, st, 7, iv->valid_until);
	sq_bind_text(c, st, 8, iv->type);
	sq_bind_text(c, st, 9, iv->label);
	sq_bind_int64(c, st, 10, iv->days);
	sq_bind_int64(c, st, 11, iv->every_weeks);
	sq_bind_text(c, st, 12, iv->anchor_date);
	sq_bind_text(c, st, 13, iv->start_time);
	sq_bind_int64(c, st, 14, iv->duration_min);
	sq_bind_text(c, st, 15, iv->qualification);
	sq_bind_text(c, st, 16, iv->tasks);
	sq_bind_text(c, st, 17, iv->funder);
	sq_bind_text(c, st, 18, iv->note);
	sq_bind_int64(c, st, 19, iv->version);
	sq_bind_int64(c, st, 20, iv->created_at);
	sq_bind_text(c, st, 21, iv->created_by);
	status = sq_step_done(c, st, "intervention_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, iv->org_id, "intervention", iv->id, "insert", iv->version);
}
