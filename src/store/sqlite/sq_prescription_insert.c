/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_insert on SQLite: one version of a prescription line, stored with the
 * version given (1 for a new row), and its change-feed row. A change of treatment
 * closes the version in force (prescription_close) and inserts the next seq of the
 * same series; CONFLICT when the id or (series_id, seq) exists, so two nurses
 * transcribing a change of the same line at once cannot both add version n + 1.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO prescriptions (id, series_id, seq, org_id, client_id, valid_from, "
	"valid_until, end_reason, end_note, ended_by, drug_label, drug_code_system, drug_code, "
	"form, dose, route, times, as_needed, max_per_day, starts_on, ends_on, in_organiser, "
	"prescriber_name, prescriber_rpps, prescribed_on, instructions, source, attachment_id, "
	"version, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, "
	"?28, ?29, ?30, ?31)";

int
sq_prescription_insert(struct lia_conn *lc, const struct lia_prescription *p)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "prescription_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "prescription_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, p->id);
	sq_bind_text(c, st, 2, p->series_id);
	sq_bind_int64(c, st, 3, p->seq);
	sq_bind_text(c, st, 4, p->org_id);
	sq_bind_text(c, st, 5, p->client_id);
	sq_bind_int64(c, st, 6, p->valid_from);
	sq_bind_int64(c, st, 7, p->valid_until);
	sq_bind_text(c, st, 8, p->end_reason);
	sq_bind_text(c, st, 9, p->end_note);
	sq_bind_text(c, st, 10, p->ended_by);
	sq_bind_text(c, st, 11, p->drug_label);
	sq_bind_text(c, st, 12, p->drug_code_system);
	sq_bind_text(c, st, 13, p->drug_code);
	sq_bind_text(c, st, 14, p->form);
	sq_bind_text(c, st, 15, p->dose);
	sq_bind_text(c, st, 16, p->route);
	sq_bind_text(c, st, 17, p->times);
	sq_bind_int64(c, st, 18, p->as_needed ? 1 : 0);
	sq_bind_int64(c, st, 19, p->max_per_day);
	sq_bind_text(c, st, 20, p->starts_on);
	sq_bind_text(c, st, 21, p->ends_on);
	sq_bind_int64(c, st, 22, p->in_organiser ? 1 : 0);
	sq_bind_text(c, st, 23, p->prescriber_name);
	sq_bind_text(c, st, 24, p->prescriber_rpps);
	sq_bind_text(c, st, 25, p->prescribed_on);
	sq_bind_text(c, st, 26, p->instructions);
	sq_bind_text(c, st, 27, p->source);
	sq_bind_text(c, st, 28, p->attachment_id);
	sq_bind_int64(c, st, 29, p->version);
	sq_bind_int64(c, st, 30, p->created_at);
	sq_bind_text(c, st, 31, p->created_by);
	status = sq_step_done(c, st, "prescription_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, p->org_id, "prescription", p->id, "insert", p->version);
}
