/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_marker_get on SQLite: the newest entry id a reader has seen in a client's
 * notebook ("3 new entries since your last visit"). NOT_FOUND when the reader
 * never opened it. Primary-key look-up.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT last_read_id FROM notebook_reads WHERE account_id = ?1 AND client_id = ?2";

int
sq_read_marker_get(struct lia_conn *lc, struct lia_arena *a, const char *account_id,
		   const char *client_id, const char **last_read_id)
{
	struct sq_conn *c = sq_conn(lc);
	*last_read_id = NULL;
	sqlite3_stmt *st = sq_stmt(c, sql, "read_marker_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account_id);
	sq_bind_text(c, st, 2, client_id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		*last_read_id = sq_col_text(a, st, 0);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "read_marker_get");
	sq_reset(st);
	return status;
}
