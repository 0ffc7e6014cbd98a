/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_list on SQLite: a client's due doses with due_at in [from, to), in (due_at,
 * series_id) order: the day's schedule as the carer sees it. Served by index
 * doses_client. Also holds the row reader shared with dose_list_vigilance (columns
 * SQ_DOSE_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_DOSE_COLS " FROM doses d "
			  "WHERE d.client_id = ?1 AND d.due_at >= ?2 AND d.due_at < ?3 "
			  "ORDER BY d.due_at, d.series_id";

void
sq_dose_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_dose *out)
{
	out->series_id = sq_col_text(a, st, 0);
	out->due_at = sqlite3_column_int64(st, 1);
	out->prescription_id = sq_col_text(a, st, 2);
	out->org_id = sq_col_text(a, st, 3);
	out->client_id = sq_col_text(a, st, 4);
	out->alerted_at = sqlite3_column_int64(st, 5);
}

int
sq_dose_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id, int64_t from,
	     int64_t to, struct lia_dose **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "dose_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_int64(c, st, 2, from);
	sq_bind_int64(c, st, 3, to);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_dose_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "dose_list");
	sq_reset(st);
	return status;
}
