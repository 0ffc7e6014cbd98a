/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_model_list on SQLite: every device model with its codes, ordered by id
 * (a handful of models, a few dozen codes each: the administration screen and the
 * export of the mapping). The codes come in one pass (sq_device_model_codes).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT id, label, version, updated_at FROM device_models ORDER BY id";

int
sq_device_model_list(struct lia_conn *lc, struct lia_arena *a, struct lia_device_model **items,
		     size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "device_model_list");
	if (!st)
		return LIA_STORE_ERROR;
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_device_model *m = &(*items)[(*n)++];
		m->id = sq_col_text(a, st, 0);
		m->label = sq_col_text(a, st, 1);
		m->version = sqlite3_column_int64(st, 2);
		m->updated_at = sqlite3_column_int64(st, 3);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "device_model_list");
	sq_reset(st);
	if (status != LIA_STORE_OK)
		return status;
	return sq_device_model_codes(c, a, NULL, *items, *n, "device_model_list");
}
