/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ack_insert on SQLite: an account acknowledges an urgent entry. CONFLICT when it
 * already did (primary key (entry_id, account_id)): the first acknowledgement
 * stands. Not a replicated entity: no change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "INSERT INTO notebook_acks (entry_id, account_id, org_id, client_id, "
			  "role, acked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
sq_ack_insert(struct lia_conn *lc, const struct lia_ack *k)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "ack_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, k->entry_id);
	sq_bind_text(c, st, 2, k->account_id);
	sq_bind_text(c, st, 3, k->org_id);
	sq_bind_text(c, st, 4, k->client_id);
	sq_bind_text(c, st, 5, k->role);
	sq_bind_int64(c, st, 6, k->acked_at);
	return sq_step_done(c, st, "ack_insert");
}
