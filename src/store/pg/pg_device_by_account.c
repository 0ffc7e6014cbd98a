/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_by_account on PostgreSQL: the device a received DC-09 frame names by its
 * account number (unique, upper-case hex: the receiver normalises it before asking).
 * Runs for every frame, on the unique index of devices.account.
 */
#include "pg_internal.h"

int
pg_device_by_account(struct lia_conn *c, struct lia_arena *a, const char *account,
		     struct lia_device *out)
{
	const char *p[] = {account};
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_by_account",
			 "SELECT " PG_DEVICE_COLS " FROM devices WHERE account = $1", 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_device_read(a, r, 0, out);
	PQclear(r);
	return st;
}
