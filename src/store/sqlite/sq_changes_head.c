/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * changes_head on SQLite: the highest seq of the change feed (0 when empty). seq is
 * the rowid, so MAX is one look at the end of the table.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT COALESCE(MAX(seq), 0) FROM changes";

int
sq_changes_head(struct lia_conn *lc, int64_t *seq)
{
	struct sq_conn *c = sq_conn(lc);
	*seq = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "changes_head");
	if (!st)
		return LIA_STORE_ERROR;
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else
		status = sq_status(c, rc, "changes_head");
	sq_reset(st);
	return status;
}
