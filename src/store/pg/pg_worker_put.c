/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_put on PostgreSQL: expected_version 0 creates the worker profile beside the
 * account (CONFLICT when one exists, by ON CONFLICT DO NOTHING so the caller's
 * transaction stays usable); any other version replaces the profile columns
 * (qualifications, home coordinates, availability) under optimistic concurrency
 * (STALE or NOT_FOUND); account_id and org_id never change here. The stored version
 * is expected_version + 1 either way (w->version and w->display_name, the account's,
 * are not read), and the change feed row names the stored organisation. Coordinates
 * are NULL unless has_coords.
 */
#include "pg_internal.h"

int
pg_worker_put(struct lia_conn *c, const struct lia_worker *w, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "worker_put");
	if (st != LIA_STORE_OK)
		return st;
	bool insert = expected_version == 0;
	int64_t new_version = expected_version + 1;
	char lat[PG_F64_LEN], lon[PG_F64_LEN], nv[PG_I64_LEN], at[PG_I64_LEN], ev[PG_I64_LEN];
	/* $1 the key, $2 the version checked (update) or the organisation (insert). */
	const char *p[] = {w->account_id,
			   insert ? w->org_id : pg_i64(ev, expected_version),
			   w->qualifications,
			   pg_flag(w->has_coords),
			   w->has_coords ? pg_f64(lat, w->latitude) : NULL,
			   w->has_coords ? pg_f64(lon, w->longitude) : NULL,
			   w->availability,
			   pg_i64(nv, new_version),
			   pg_i64(at, w->updated_at)};
	PGresult *r;
	if (insert)
		st = pg_exec(pc, "worker_put.insert",
			     "INSERT INTO worker_profiles (account_id, org_id, qualifications, "
			     "has_coords, latitude, longitude, availability, version, updated_at) "
			     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
			     "ON CONFLICT DO NOTHING RETURNING org_id",
			     9, p, &r);
	else
		st = pg_exec(pc, "worker_put.update",
			     "UPDATE worker_profiles SET qualifications = $3, has_coords = $4, "
			     "latitude = $5, longitude = $6, availability = $7, version = $8, "
			     "updated_at = $9 WHERE account_id = $1 AND version = $2 "
			     "RETURNING org_id",
			     9, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		if (insert)
			return LIA_STORE_CONFLICT;
		return pg_stale_or_missing(pc, "worker_put.why",
					   "SELECT 1 FROM worker_profiles WHERE account_id = $1",
					   w->account_id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "worker", w->account_id,
			      insert ? "insert" : "update", new_version);
	PQclear(r);
	return st;
}
