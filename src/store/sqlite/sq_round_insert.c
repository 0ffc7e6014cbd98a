/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * round_insert on SQLite: a meal delivery round of one organisation and day,
 * stored with the version given (1 for a new round), and its change-feed row. Its
 * visits point at it (visits.round_id). CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO rounds (id, org_id, round_date, name, worker_id, version, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int
sq_round_insert(struct lia_conn *lc, const struct lia_round *r)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "round_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "round_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, r->id);
	sq_bind_text(c, st, 2, r->org_id);
	sq_bind_text(c, st, 3, r->round_date);
	sq_bind_text(c, st, 4, r->name);
	sq_bind_text(c, st, 5, r->worker_id);
	sq_bind_int64(c, st, 6, r->version);
	sq_bind_int64(c, st, 7, r->created_at);
	status = sq_step_done(c, st, "round_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, r->org_id, "round", r->id, "insert", r->version);
}
