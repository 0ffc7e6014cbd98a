/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * grant_insert on SQLite: records a funder's decision (minutes per month over a
 * period), stored with the version given (1 for a new grant), and its change-feed
 * row. CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO funder_grants (id, org_id, client_id, funder, funder_name, funder_id, "
	"decision_ref, beneficiary_ref, minutes_per_month, starts_on, ends_on, version, "
	"created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	"?13, ?14)";

int
sq_grant_insert(struct lia_conn *lc, const struct lia_grant *g)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "grant_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "grant_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, g->id);
	sq_bind_text(c, st, 2, g->org_id);
	sq_bind_text(c, st, 3, g->client_id);
	sq_bind_text(c, st, 4, g->funder);
	sq_bind_text(c, st, 5, g->funder_name);
	sq_bind_text(c, st, 6, g->funder_id);
	sq_bind_text(c, st, 7, g->decision_ref);
	sq_bind_text(c, st, 8, g->beneficiary_ref);
	sq_bind_int64(c, st, 9, g->minutes_per_month);
	sq_bind_text(c, st, 10, g->starts_on);
	sq_bind_text(c, st, 11, g->ends_on);
	sq_bind_int64(c, st, 12, g->version);
	sq_bind_int64(c, st, 13, g->created_at);
	sq_bind_text(c, st, 14, g->created_by);
	status = sq_step_done(c, st, "grant_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, g->org_id, "grant", g->id, "insert", g->version);
}
