/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_replace on SQLite: rebuilds a client's due doses from an instant on, after a
 * change of prescription or for the daily extension of the horizon. The doses due
 * before `from` are history (an alert may have been raised for them) and stay; those
 * at or after it are deleted and the new set inserted, all in the caller's
 * transaction, so that a failure half-way leaves the old set whole. An item that
 * repeats a dose kept before `from` (same series_id and due_at) is skipped, not an
 * error: the kept row, and its alerted_at, stand. New doses are never alerted.
 * Derived data: no change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql_delete[] = "DELETE FROM doses WHERE client_id = ?1 AND due_at >= ?2";
/* ON CONFLICT on the primary key only: an OR IGNORE would also skip a row breaking a
 * NOT NULL or CHECK constraint, silently. */
static const char sql_insert[] =
	"INSERT INTO doses (series_id, due_at, prescription_id, org_id, client_id, alerted_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, 0) ON CONFLICT (series_id, due_at) DO NOTHING";

int
sq_dose_replace(struct lia_conn *lc, const char *client_id, int64_t from,
		const struct lia_dose *items, size_t n)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "dose_replace");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql_delete, "dose_replace");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	sq_bind_int64(c, st, 2, from);
	status = sq_step_done(c, st, "dose_replace");
	if (status != LIA_STORE_OK || n == 0)
		return status;
	st = sq_stmt(c, sql_insert, "dose_replace");
	if (!st)
		return LIA_STORE_ERROR;
	for (size_t i = 0; i < n && status == LIA_STORE_OK; i++) {
		const struct lia_dose *d = &items[i];
		sq_bind_text(c, st, 1, d->series_id);
		sq_bind_int64(c, st, 2, d->due_at);
		sq_bind_text(c, st, 3, d->prescription_id);
		sq_bind_text(c, st, 4, d->org_id);
		sq_bind_text(c, st, 5, d->client_id);
		status = sq_step_done(c, st, "dose_replace");
	}
	return status;
}
