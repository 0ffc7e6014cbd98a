/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_type_list on PostgreSQL: every alarm type (a short reference table seeded by
 * the migration), ordered by type in byte order as on SQLite. Also the row reader
 * device_code_lookup uses (PG_ALARM_TYPE_COLS, table alias t).
 */
#include "pg_internal.h"

void
pg_alarm_type_read(struct lia_arena *a, const PGresult *r, int row, struct lia_alarm_type *out)
{
	out->type = pg_col_text(a, r, row, 0);
	out->kind = pg_col_text(a, r, row, 1);
	out->severity = pg_col_text(a, r, row, 2);
	out->escalate = pg_col_i64(r, row, 3) != 0;
	out->label_fr = pg_col_text(a, r, row, 4);
	out->label_en = pg_col_text(a, r, row, 5);
}

int
pg_alarm_type_list(struct lia_conn *c, struct lia_arena *a, struct lia_alarm_type **items,
		   size_t *n)
{
	*items = NULL;
	*n = 0;
	PGresult *r;
	int st = pg_exec(pg_of(c), "alarm_type_list",
			 "SELECT " PG_ALARM_TYPE_COLS " FROM alarm_types t "
			 "ORDER BY t.type COLLATE \"C\"",
			 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_alarm_type_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
