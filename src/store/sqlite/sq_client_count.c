/* SPDX-License-Identifier: EUPL-1.2 */
/* client_count on SQLite: how many client records exist (demo loader, readiness). */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT count(*) FROM clients";

int
sq_client_count(struct lia_conn *lc, int64_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "client_count");
	if (!st)
		return LIA_STORE_ERROR;
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		status = sq_status(c, rc, "client_count");
	sq_reset(st);
	return status;
}
