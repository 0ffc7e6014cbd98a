/* SPDX-License-Identifier: EUPL-1.2 */
/* session_purge on SQLite: deletes sessions that expired before a given instant. */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "DELETE FROM sessions WHERE expires_at < ?1";

int
sq_session_purge(struct lia_conn *lc, int64_t before, int64_t *deleted)
{
	struct sq_conn *c = sq_conn(lc);
	*deleted = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "session_purge");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, before);
	int status = sq_step_done(c, st, "session_purge");
	if (status == LIA_STORE_OK)
		*deleted = sqlite3_changes64(c->db);
	return status;
}
