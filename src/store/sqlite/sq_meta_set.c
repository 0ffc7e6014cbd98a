/* SPDX-License-Identifier: EUPL-1.2 */
/* meta_set on SQLite: sets one installation setting, replacing any previous value. */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "INSERT INTO meta (key, value) VALUES (?1, ?2) "
			  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int
sq_meta_set(struct lia_conn *lc, const char *key, const char *value)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "meta_set");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, key);
	sq_bind_text(c, st, 2, value);
	return sq_step_done(c, st, "meta_set");
}
