/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * break_glass_insert on PostgreSQL: records an emergency access (who, whose record,
 * why, until when). Not replicated: no change feed row. A taken id is a CONFLICT that
 * leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_break_glass_insert(struct lia_conn *c, const struct lia_break_glass *b)
{
	char started[PG_I64_LEN], expires[PG_I64_LEN];
	const char *p[] = {b->id,
			   b->org_id,
			   b->client_id,
			   b->account_id,
			   b->reason,
			   pg_i64(started, b->started_at),
			   pg_i64(expires, b->expires_at)};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "break_glass_insert",
			"INSERT INTO break_glass (id, org_id, client_id, account_id, reason, "
			"started_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			"ON CONFLICT DO NOTHING",
			7, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_CONFLICT;
	return st;
}
