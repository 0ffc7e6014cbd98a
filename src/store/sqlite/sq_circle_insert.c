/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * circle_insert on SQLite: a person or an organisation joins a client's care
 * circle, stored with the version given (1 for a new member), and its change-feed
 * row. A member who comes back after leaving gets a new row: periods are kept.
 * CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO care_circle (id, org_id, client_id, account_id, member_org_id, "
	"circle_role, starts_on, ends_on, version, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

int
sq_circle_insert(struct lia_conn *lc, const struct lia_circle_member *m)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "circle_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "circle_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, m->id);
	sq_bind_text(c, st, 2, m->org_id);
	sq_bind_text(c, st, 3, m->client_id);
	sq_bind_text(c, st, 4, m->account_id);
	sq_bind_text(c, st, 5, m->member_org_id);
	sq_bind_text(c, st, 6, m->circle_role);
	sq_bind_text(c, st, 7, m->starts_on);
	sq_bind_text(c, st, 8, m->ends_on);
	sq_bind_int64(c, st, 9, m->version);
	sq_bind_int64(c, st, 10, m->created_at);
	status = sq_step_done(c, st, "circle_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, m->org_id, "circle_member", m->id, "insert", m->version);
}
