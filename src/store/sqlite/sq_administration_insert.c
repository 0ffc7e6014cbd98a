/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * administration_insert on SQLite: appends what happened to a dose (records are never
 * updated: the record is the medication's legal trace) and its change-feed row,
 * stored with the version given (1). CONFLICT when the id exists, or when the
 * scheduled dose (series_id, due_at <> 0) already has its record (unique partial
 * index administrations_dose): two carers recording the same 08:00 dose cannot both
 * succeed. As-needed doses (due_at 0) are outside that index and recorded each time.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO administrations (id, org_id, client_id, prescription_id, series_id, due_at, "
	"slot_at, outcome, mode, occurred_at, recorded_at, late, organiser_id, reason, note, "
	"recorded_by, recorded_as, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

int
sq_administration_insert(struct lia_conn *lc, const struct lia_administration *ad)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "administration_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "administration_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, ad->id);
	sq_bind_text(c, st, 2, ad->org_id);
	sq_bind_text(c, st, 3, ad->client_id);
	sq_bind_text(c, st, 4, ad->prescription_id);
	sq_bind_text(c, st, 5, ad->series_id);
	sq_bind_int64(c, st, 6, ad->due_at);
	sq_bind_int64(c, st, 7, ad->slot_at);
	sq_bind_text(c, st, 8, ad->outcome);
	sq_bind_text(c, st, 9, ad->mode);
	sq_bind_int64(c, st, 10, ad->occurred_at);
	sq_bind_int64(c, st, 11, ad->recorded_at);
	sq_bind_int64(c, st, 12, ad->late ? 1 : 0);
	sq_bind_text(c, st, 13, ad->organiser_id);
	sq_bind_text(c, st, 14, ad->reason);
	sq_bind_text(c, st, 15, ad->note);
	sq_bind_text(c, st, 16, ad->recorded_by);
	sq_bind_text(c, st, 17, ad->recorded_as);
	sq_bind_int64(c, st, 18, ad->version);
	status = sq_step_done(c, st, "administration_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, ad->org_id, "administration", ad->id, "insert", ad->version);
}
