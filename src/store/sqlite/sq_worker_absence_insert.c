/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_absence_insert on SQLite: a period a field worker is not available (leave,
 * training), and its change-feed row. Append-only, no version column: the feed
 * carries version 1. CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO worker_absences (id, org_id, account_id, starts_at, ends_at, reason, "
	"created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int
sq_worker_absence_insert(struct lia_conn *lc, const struct lia_worker_absence *w)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "worker_absence_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "worker_absence_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, w->id);
	sq_bind_text(c, st, 2, w->org_id);
	sq_bind_text(c, st, 3, w->account_id);
	sq_bind_int64(c, st, 4, w->starts_at);
	sq_bind_int64(c, st, 5, w->ends_at);
	sq_bind_text(c, st, 6, w->reason);
	sq_bind_int64(c, st, 7, w->created_at);
	sq_bind_text(c, st, 8, w->created_by);
	status = sq_step_done(c, st, "worker_absence_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, w->org_id, "worker_absence", w->id, "insert", 1);
}
