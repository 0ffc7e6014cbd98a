/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ack_insert on PostgreSQL: records that an account acknowledged an (urgent) entry.
 * Not replicated: no change feed row. A second acknowledgement by the same account is
 * a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_ack_insert(struct lia_conn *c, const struct lia_ack *k)
{
	char at[PG_I64_LEN];
	const char *p[] = {k->entry_id,  k->account_id, k->org_id,
			   k->client_id, k->role,       pg_i64(at, k->acked_at)};
	int64_t rows = 0;
	int st = pg_run(pg_of(c), "ack_insert",
			"INSERT INTO notebook_acks (entry_id, account_id, org_id, client_id, role, "
			"acked_at) VALUES ($1, $2, $3, $4, $5, $6) "
			"ON CONFLICT (entry_id, account_id) DO NOTHING",
			6, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_CONFLICT;
	return st;
}
