/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dlu_put on PostgreSQL: expected_version 0 creates the client's DLU
 * (CONFLICT when one exists, by ON CONFLICT DO NOTHING so the caller's transaction
 * stays usable); any other version replaces its data under optimistic concurrency
 * (STALE or NOT_FOUND). The owner follows the client and is not rewritten by an
 * update. The stored version is expected_version + 1 either way (p->version is not
 * read), and the change feed row (entity id: the client id) names the stored owner.
 */
#include "pg_internal.h"

int
pg_dlu_put(struct lia_conn *c, const struct lia_dlu *p, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "dlu_put");
	if (st != LIA_STORE_OK)
		return st;
	bool insert = expected_version == 0;
	int64_t new_version = expected_version + 1;
	char nv[PG_I64_LEN], at[PG_I64_LEN], ev[PG_I64_LEN];
	/* $2: the owner (insert) or the version checked (update). */
	const char *prm[] = {p->client_id,
			     insert ? p->org_id : pg_i64(ev, expected_version),
			     p->data,
			     pg_i64(nv, new_version),
			     pg_i64(at, p->updated_at),
			     p->updated_by};
	PGresult *r;
	if (insert)
		st = pg_exec(pc, "dlu_put.insert",
			     "INSERT INTO dlus (client_id, org_id, data, version, "
			     "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6) "
			     "ON CONFLICT DO NOTHING RETURNING org_id",
			     6, prm, &r);
	else
		st = pg_exec(pc, "dlu_put.update",
			     "UPDATE dlus SET data = $3, version = $4, "
			     "updated_at = $5, updated_by = $6 "
			     "WHERE client_id = $1 AND version = $2 RETURNING org_id",
			     6, prm, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		if (insert)
			return LIA_STORE_CONFLICT;
		return pg_stale_or_missing(pc, "dlu_put.why",
					   "SELECT 1 FROM dlus WHERE client_id = $1", p->client_id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "dlu", p->client_id,
			      insert ? "insert" : "update", new_version);
	PQclear(r);
	return st;
}
