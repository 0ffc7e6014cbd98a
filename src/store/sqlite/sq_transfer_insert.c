/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * transfer_insert on SQLite: records a transfer to the emergency department (never
 * updated: the sheet that left with the client is not rewritten) and its change-feed
 * row ("transfer", version 1). CONFLICT when the id exists.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "INSERT INTO transfers (id, client_id, org_id, data, created_at, "
			  "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
sq_transfer_insert(struct lia_conn *lc, const struct lia_transfer *t)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "transfer_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "transfer_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, t->id);
	sq_bind_text(c, st, 2, t->client_id);
	sq_bind_text(c, st, 3, t->org_id);
	sq_bind_text(c, st, 4, t->data);
	sq_bind_int64(c, st, 5, t->created_at);
	sq_bind_text(c, st, 6, t->created_by);
	status = sq_step_done(c, st, "transfer_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, t->org_id, "transfer", t->id, "insert", 1);
}
