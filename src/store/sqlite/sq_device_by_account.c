/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_by_account on SQLite: the device a received frame names by its DC-09
 * account (the first look of the receiver, for every frame); the account's
 * UNIQUE constraint gives the index. NOT_FOUND for an unknown account.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_DEVICE_COLS " FROM devices d WHERE d.account = ?1";

int
sq_device_by_account(struct lia_conn *lc, struct lia_arena *a, const char *account,
		     struct lia_device *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "device_by_account");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_device_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "device_by_account");
	sq_reset(st);
	return status;
}
