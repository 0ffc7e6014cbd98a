/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * role_insert on SQLite: grants a role on an organisation node and records the
 * change (roles carry no version column: version 1). CONFLICT when the account
 * already holds that role on that node.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "INSERT INTO account_roles (id, org_id, account_id, role, created_at) "
			  "VALUES (?1, ?2, ?3, ?4, ?5)";

int
sq_role_insert(struct lia_conn *lc, const struct lia_role *r)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "role_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "role_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, r->id);
	sq_bind_text(c, st, 2, r->org_id);
	sq_bind_text(c, st, 3, r->account_id);
	sq_bind_text(c, st, 4, r->role);
	sq_bind_int64(c, st, 5, r->created_at);
	status = sq_step_done(c, st, "role_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, r->org_id, "role", r->id, "insert", 1);
}
