/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * account_insert on SQLite: a new account and its change-feed row. CONFLICT when
 * the login (or id) exists. The counters start from the record as given.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO accounts (id, org_id, login, password_hash, kind, display_name, "
	"disabled, failed_logins, locked_until, version, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

int
sq_account_insert(struct lia_conn *lc, const struct lia_account *acc)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "account_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "account_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, acc->id);
	sq_bind_text(c, st, 2, acc->org_id);
	sq_bind_text(c, st, 3, acc->login);
	sq_bind_text(c, st, 4, acc->password_hash);
	sq_bind_text(c, st, 5, acc->kind);
	sq_bind_text(c, st, 6, acc->display_name);
	sq_bind_int64(c, st, 7, acc->disabled ? 1 : 0);
	sq_bind_int64(c, st, 8, acc->failed_logins);
	sq_bind_int64(c, st, 9, acc->locked_until);
	sq_bind_int64(c, st, 10, acc->version);
	sq_bind_int64(c, st, 11, acc->created_at);
	status = sq_step_done(c, st, "account_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, acc->org_id, "account", acc->id, "insert", acc->version);
}
