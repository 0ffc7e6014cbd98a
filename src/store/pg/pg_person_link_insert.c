/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * person_link_insert on PostgreSQL: links a person account to a client record and
 * appends the change feed row (version 1). An existing (client, account, relation)
 * is a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_person_link_insert(struct lia_conn *c, const struct lia_person_link *l)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "person_link_insert");
	if (st != LIA_STORE_OK)
		return st;
	char at[PG_I64_LEN];
	const char *p[] = {l->id,         l->org_id,   l->client_id,
			   l->account_id, l->relation, pg_i64(at, l->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "person_link_insert",
		    "INSERT INTO client_persons (id, org_id, client_id, account_id, relation, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
		    6, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, l->org_id, "person_link", l->id, "insert", 1);
}
