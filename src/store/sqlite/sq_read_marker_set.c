/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * read_marker_set on SQLite: moves a reader's marker forward in one statement.
 * Ids are UUIDv7 text, so a later entry has a greater id; an older id (a page
 * opened in another tab, a late request) leaves the marker where it is. Not a
 * replicated entity: no change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO notebook_reads (account_id, client_id, org_id, last_read_id, read_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (account_id, client_id) DO UPDATE SET "
	"last_read_id = excluded.last_read_id, read_at = excluded.read_at "
	"WHERE excluded.last_read_id > notebook_reads.last_read_id";

int
sq_read_marker_set(struct lia_conn *lc, const char *account_id, const char *client_id,
		   const char *org_id, const char *last_read_id, int64_t at)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "read_marker_set");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account_id);
	sq_bind_text(c, st, 2, client_id);
	sq_bind_text(c, st, 3, org_id);
	sq_bind_text(c, st, 4, last_read_id);
	sq_bind_int64(c, st, 5, at);
	return sq_step_done(c, st, "read_marker_set");
}
