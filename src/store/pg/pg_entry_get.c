/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * entry_get on PostgreSQL: one notebook entry with the id of the entry that corrects
 * it (superseded_by); also the row reader entry_list uses.
 */
#include "pg_internal.h"

void
pg_entry_read(struct lia_arena *a, const PGresult *r, int row, struct lia_entry *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->client_id = pg_col_text(a, r, row, 2);
	out->kind = pg_col_text(a, r, row, 3);
	out->category = pg_col_text(a, r, row, 4);
	out->audience = pg_col_text(a, r, row, 5);
	out->urgent = pg_col_bool(r, row, 6);
	out->text = pg_col_text(a, r, row, 7);
	out->target = pg_col_text(a, r, row, 8);
	out->data = pg_col_text(a, r, row, 9);
	out->actions = pg_col_text(a, r, row, 10);
	out->results = pg_col_text(a, r, row, 11);
	out->author_id = pg_col_text(a, r, row, 12);
	out->author_role = pg_col_text(a, r, row, 13);
	out->fact_at = pg_col_i64(r, row, 14);
	out->written_at = pg_col_i64(r, row, 15);
	out->visit_id = pg_col_text(a, r, row, 16);
	out->reply_to = pg_col_text(a, r, row, 17);
	out->results_for = pg_col_text(a, r, row, 18);
	out->supersedes = pg_col_text(a, r, row, 19);
	out->correction_reason = pg_col_text(a, r, row, 20);
	out->tags = pg_col_text(a, r, row, 21);
	out->superseded_by = pg_col_text(a, r, row, 22);
}

int
pg_entry_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_entry *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "entry_get",
			 "SELECT " PG_ENTRY_COLS PG_ENTRY_FROM " WHERE e.id = $1", 1, p,
			 &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_entry_read(a, r, 0, out);
	PQclear(r);
	return st;
}
