/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_get on SQLite: one version of a prescription line. Also holds the
 * row reader shared with prescription_list (columns SQ_PRESCRIPTION_COLS); the
 * 0/1 columns as_needed and in_organiser are read back as bools.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_PRESCRIPTION_COLS " FROM prescriptions p WHERE p.id = ?1";

void
sq_prescription_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_prescription *out)
{
	out->id = sq_col_text(a, st, 0);
	out->series_id = sq_col_text(a, st, 1);
	out->seq = sqlite3_column_int64(st, 2);
	out->org_id = sq_col_text(a, st, 3);
	out->client_id = sq_col_text(a, st, 4);
	out->valid_from = sqlite3_column_int64(st, 5);
	out->valid_until = sqlite3_column_int64(st, 6);
	out->end_reason = sq_col_text(a, st, 7);
	out->end_note = sq_col_text(a, st, 8);
	out->ended_by = sq_col_text(a, st, 9);
	out->drug_label = sq_col_text(a, st, 10);
	out->drug_code_system = sq_col_text(a, st, 11);
	out->drug_code = sq_col_text(a, st, 12);
	out->form = sq_col_text(a, st, 13);
	out->dose = sq_col_text(a, st, 14);
	out->route = sq_col_text(a, st, 15);
	out->times = sq_col_text(a, st, 16);
	out->as_needed = sqlite3_column_int(st, 17) != 0;
	out->max_per_day = sqlite3_column_int(st, 18);
	out->starts_on = sq_col_text(a, st, 19);
	out->ends_on = sq_col_text(a, st, 20);
	out->in_organiser = sqlite3_column_int(st, 21) != 0;
	out->prescriber_name = sq_col_text(a, st, 22);
	out->prescriber_rpps = sq_col_text(a, st, 23);
	out->prescribed_on = sq_col_text(a, st, 24);
	out->instructions = sq_col_text(a, st, 25);
	out->source = sq_col_text(a, st, 26);
	out->attachment_id = sq_col_text(a, st, 27);
	out->version = sqlite3_column_int64(st, 28);
	out->created_at = sqlite3_column_int64(st, 29);
	out->created_by = sq_col_text(a, st, 30);
}

int
sq_prescription_get(struct lia_conn *lc, struct lia_arena *a, const char *id,
		    struct lia_prescription *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "prescription_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_prescription_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "prescription_get");
	sq_reset(st);
	return status;
}
