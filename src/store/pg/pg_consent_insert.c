/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consent_insert on PostgreSQL: records a consent decision of the client (or of their
 * legal representative) and appends the change feed row (version 1). A taken id is a
 * CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_consent_insert(struct lia_conn *c, const struct lia_consent *k)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "consent_insert");
	if (st != LIA_STORE_OK)
		return st;
	char starts[PG_I64_LEN], ends[PG_I64_LEN], revoked[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {k->id,
			   k->org_id,
			   k->client_id,
			   k->grantee_account,
			   k->grantee_org,
			   k->category,
			   k->decision,
			   pg_i64(starts, k->starts_at),
			   pg_i64(ends, k->ends_at),
			   pg_i64(revoked, k->revoked_at),
			   k->decided_by,
			   k->decided_as,
			   pg_i64(at, k->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "consent_insert",
		    "INSERT INTO consents (id, org_id, client_id, grantee_account, grantee_org, "
		    "category, decision, starts_at, ends_at, revoked_at, decided_by, decided_as, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
		    "ON CONFLICT DO NOTHING",
		    13, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, k->org_id, "consent", k->id, "insert", 1);
}
