/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consent_revoke on PostgreSQL: sets revoked_at once and appends the change feed row
 * (version 2: a consent changes only by its revocation). A consent already revoked is
 * NOT_FOUND, like a missing one, so the first revocation's instant is kept.
 */
#include "pg_internal.h"

int
pg_consent_revoke(struct lia_conn *c, const char *id, int64_t at)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "consent_revoke");
	if (st != LIA_STORE_OK)
		return st;
	char when[PG_I64_LEN];
	const char *p[] = {id, pg_i64(when, at)};
	PGresult *r;
	st = pg_exec(pc, "consent_revoke",
		     "UPDATE consents SET revoked_at = $2 WHERE id = $1 AND revoked_at = 0 "
		     "RETURNING org_id",
		     2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		st = pg_change_append(pc, PQgetvalue(r, 0, 0), "consent", id, "update", 2);
	PQclear(r);
	return st;
}
