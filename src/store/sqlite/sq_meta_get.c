/* SPDX-License-Identifier: EUPL-1.2 */
/* meta_get on SQLite: one installation setting by key; NOT_FOUND when unset. */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT value FROM meta WHERE key = ?1";

int
sq_meta_get(struct lia_conn *lc, struct lia_arena *a, const char *key, const char **value)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "meta_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, key);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		*value = sq_col_text(a, st, 0);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "meta_get");
	sq_reset(st);
	return status;
}
