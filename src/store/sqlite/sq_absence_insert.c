/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * absence_insert on SQLite: a client's absence (hospital stay, holiday) over a
 * period of dates, stored with the version given (1 for a new one), and its
 * change-feed row. Suspending the visits of the period is the caller's work, in
 * the same transaction. CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO client_absences (id, org_id, client_id, starts_on, ends_on, reason, note, "
	"cancelled_at, version, created_at, created_by) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

int
sq_absence_insert(struct lia_conn *lc, const struct lia_absence *ab)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "absence_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "absence_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, ab->id);
	sq_bind_text(c, st, 2, ab->org_id);
	sq_bind_text(c, st, 3, ab->client_id);
	sq_bind_text(c, st, 4, ab->starts_on);
	sq_bind_text(c, st, 5, ab->ends_on);
	sq_bind_text(c, st, 6, ab->reason);
	sq_bind_text(c, st, 7, ab->note);
	sq_bind_int64(c, st, 8, ab->cancelled_at);
	sq_bind_int64(c, st, 9, ab->version);
	sq_bind_int64(c, st, 10, ab->created_at);
	sq_bind_text(c, st, 11, ab->created_by);
	status = sq_step_done(c, st, "absence_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, ab->org_id, "absence", ab->id, "insert", ab->version);
}
