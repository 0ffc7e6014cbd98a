/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_get on PostgreSQL: one version of a prescription line; also the row
 * reader prescription_list uses (PG_PRESCRIPTION_COLS). The flags are 0/1 BIGINT
 * columns, as on SQLite.
 */
#include "pg_internal.h"

void
pg_prescription_read(struct lia_arena *a, const PGresult *r, int row, struct lia_prescription *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->series_id = pg_col_text(a, r, row, 1);
	out->seq = pg_col_i64(r, row, 2);
	out->org_id = pg_col_text(a, r, row, 3);
	out->client_id = pg_col_text(a, r, row, 4);
	out->valid_from = pg_col_i64(r, row, 5);
	out->valid_until = pg_col_i64(r, row, 6);
	out->end_reason = pg_col_text(a, r, row, 7);
	out->end_note = pg_col_text(a, r, row, 8);
	out->ended_by = pg_col_text(a, r, row, 9);
	out->drug_label = pg_col_text(a, r, row, 10);
	out->drug_code_system = pg_col_text(a, r, row, 11);
	out->drug_code = pg_col_text(a, r, row, 12);
	out->form = pg_col_text(a, r, row, 13);
	out->dose = pg_col_text(a, r, row, 14);
	out->route = pg_col_text(a, r, row, 15);
	out->times = pg_col_text(a, r, row, 16);
	out->as_needed = pg_col_i64(r, row, 17) != 0;
	out->max_per_day = (int)pg_col_i64(r, row, 18);
	out->starts_on = pg_col_text(a, r, row, 19);
	out->ends_on = pg_col_text(a, r, row, 20);
	out->in_organiser = pg_col_i64(r, row, 21) != 0;
	out->prescriber_name = pg_col_text(a, r, row, 22);
	out->prescriber_rpps = pg_col_text(a, r, row, 23);
	out->prescribed_on = pg_col_text(a, r, row, 24);
	out->instructions = pg_col_text(a, r, row, 25);
	out->source = pg_col_text(a, r, row, 26);
	out->attachment_id = pg_col_text(a, r, row, 27);
	out->version = pg_col_i64(r, row, 28);
	out->created_at = pg_col_i64(r, row, 29);
	out->created_by = pg_col_text(a, r, row, 30);
}

int
pg_prescription_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		    struct lia_prescription *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "prescription_get",
			 "SELECT " PG_PRESCRIPTION_COLS " FROM prescriptions WHERE id = $1", 1, p,
			 &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_prescription_read(a, r, 0, out);
	PQclear(r);
	return st;
}
