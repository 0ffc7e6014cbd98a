/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_type_list on SQLite: every alarm type (seeded by migration 0005), ordered
 * by type. Also holds the row reader shared with device_code_lookup (columns
 * SQ_ALARM_TYPE_COLS); escalate, stored 0/1, is read back as a bool.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_ALARM_TYPE_COLS " FROM alarm_types t ORDER BY t.type";

void
sq_alarm_type_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_alarm_type *out)
{
	out->type = sq_col_text(a, st, 0);
	out->kind = sq_col_text(a, st, 1);
	out->severity = sq_col_text(a, st, 2);
	out->escalate = sqlite3_column_int(st, 3) != 0;
	out->label_fr = sq_col_text(a, st, 4);
	out->label_en = sq_col_text(a, st, 5);
}

int
sq_alarm_type_list(struct lia_conn *lc, struct lia_arena *a, struct lia_alarm_type **items,
		   size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "alarm_type_list");
	if (!st)
		return LIA_STORE_ERROR;
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_alarm_type_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "alarm_type_list");
	sq_reset(st);
	return status;
}
