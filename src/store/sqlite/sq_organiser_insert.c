/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * organiser_insert on SQLite: records a week's pill-organiser preparation (never
 * updated: preparing the week again is a new row that supersedes the previous one)
 * and its change-feed row ("pill_organiser"). CONFLICT when the id exists or another
 * preparation already supersedes the same one (UNIQUE supersedes), so a preparation
 * has one successor and the week's current one is never in doubt.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO pill_organisers (id, org_id, client_id, week_start, prescriptions, note, "
	"supersedes, prepared_at, prepared_by, prepared_as, version) VALUES (?1, ?2, ?3, ?4, "
	"?5, ?6, ?7, ?8, ?9, ?10, ?11)";

int
sq_organiser_insert(struct lia_conn *lc, const struct lia_organiser *o)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "organiser_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "organiser_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, o->id);
	sq_bind_text(c, st, 2, o->org_id);
	sq_bind_text(c, st, 3, o->client_id);
	sq_bind_text(c, st, 4, o->week_start);
	sq_bind_text(c, st, 5, o->prescriptions);
	sq_bind_text(c, st, 6, o->note);
	sq_bind_text(c, st, 7, o->supersedes);
	sq_bind_int64(c, st, 8, o->prepared_at);
	sq_bind_text(c, st, 9, o->prepared_by);
	sq_bind_text(c, st, 10, o->prepared_as);
	sq_bind_int64(c, st, 11, o->version);
	status = sq_step_done(c, st, "organiser_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, o->org_id, "pill_organiser", o->id, "insert", o->version);
}
