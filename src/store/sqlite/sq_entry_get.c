/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * entry_get on SQLite: one notebook entry with the id of the entry that corrects
 * it, if any (superseded_by). Also holds the row reader shared with entry_list
 * (columns SQ_ENTRY_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ENTRY_COLS SQ_ENTRY_FROM " WHERE e.id = ?1";

void
sq_entry_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_entry *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->client_id = sq_col_text(a, st, 2);
	out->kind = sq_col_text(a, st, 3);
	out->category = sq_col_text(a, st, 4);
	out->audience = sq_col_text(a, st, 5);
	out->urgent = sqlite3_column_int(st, 6) != 0;
	out->text = sq_col_text(a, st, 7);
	out->target = sq_col_text(a, st, 8);
	out->data = sq_col_text(a, st, 9);
	out->actions = sq_col_text(a, st, 10);
	out->results = sq_col_text(a, st, 11);
	out->author_id = sq_col_text(a, st, 12);
	out->author_role = sq_col_text(a, st, 13);
	out->fact_at = sqlite3_column_int64(st, 14);
	out->written_at = sqlite3_column_int64(st, 15);
	out->visit_id = sq_col_text(a, st, 16);
	out->reply_to = sq_col_text(a, st, 17);
	out->results_for = sq_col_text(a, st, 18);
	out->supersedes = sq_col_text(a, st, 19);
	out->correction_reason = sq_col_text(a, st, 20);
	out->tags = sq_col_text(a, st, 21);
	out->superseded_by = sq_col_text(a, st, 22);
}

int
sq_entry_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_entry *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "entry_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_entry_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "entry_get");
	sq_reset(st);
	return status;
}
