/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * person_link_insert on SQLite: links a person account to a client record and
 * records the change (version 1: links carry no version). CONFLICT when the same
 * (client, account, relation) exists.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO client_persons (id, org_id, client_id, account_id, relation, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
sq_person_link_insert(struct lia_conn *lc, const struct lia_person_link *l)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "person_link_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "person_link_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, l->id);
	sq_bind_text(c, st, 2, l->org_id);
	sq_bind_text(c, st, 3, l->client_id);
	sq_bind_text(c, st, 4, l->account_id);
	sq_bind_text(c, st, 5, l->relation);
	sq_bind_int64(c, st, 6, l->created_at);
	status = sq_step_done(c, st, "person_link_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, l->org_id, "person_link", l->id, "insert", 1);
}
