/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * role_delete on SQLite: withdraws one role of an account and records the change
 * (version 1, as roles carry none). The account id in the WHERE clause keeps a
 * caller from deleting another account's role by id. NOT_FOUND when no such role.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"DELETE FROM account_roles WHERE id = ?1 AND account_id = ?2 RETURNING org_id";

int
sq_role_delete(struct lia_conn *lc, const char *account_id, const char *role_id)
{
	struct sq_conn *c = sq_conn(lc);
	/* Organisation ids are UUIDs, so the buffer fits any valid one. */
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int status = sq_require_tx(c, "role_delete");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "role_delete");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, role_id);
	sq_bind_text(c, st, 2, account_id);
	int rc = sq_step(c, st);
	int found = rc == SQLITE_ROW;
	if (found) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "role_delete");
	else if (!found)
		status = LIA_STORE_NOT_FOUND;
	sq_reset(st);
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "role", role_id, "delete", 1);
}
