/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * home_put on PostgreSQL: expected_version 0 creates the client's home record
 * (CONFLICT when one exists, by ON CONFLICT DO NOTHING so the caller's transaction
 * stays usable); any other version replaces every column but client_id and org_id
 * (the owner follows the client and never moves here) under optimistic concurrency
 * (STALE or NOT_FOUND). The stored version is expected_version + 1 either way
 * (h->version is not read), and the change feed row names the stored owner.
 * Coordinates are NULL unless has_coords.
 */
#include "pg_internal.h"

int
pg_home_put(struct lia_conn *c, const struct lia_home *h, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "home_put");
	if (st != LIA_STORE_OK)
		return st;
	bool insert = expected_version == 0;
	int64_t new_version = expected_version + 1;
	char lat[PG_F64_LEN], lon[PG_F64_LEN], nv[PG_I64_LEN], at[PG_I64_LEN], ev[PG_I64_LEN];
	/* $1 the key, $2 the version checked (update) or the owner (insert). */
	const char *p[] = {h->client_id,
			   insert ? h->org_id : pg_i64(ev, expected_version),
			   pg_flag(h->has_coords),
			   h->has_coords ? pg_f64(lat, h->latitude) : NULL,
			   h->has_coords ? pg_f64(lon, h->longitude) : NULL,
			   h->access_notes,
			   h->nfc_tags,
			   h->qr_code,
			   pg_i64(nv, new_version),
			   pg_i64(at, h->updated_at)};
	PGresult *r;
	if (insert)
		st = pg_exec(pc, "home_put.insert",
			     "INSERT INTO client_homes (client_id, org_id, has_coords, latitude, "
			     "longitude, access_notes, nfc_tags, qr_code, version, updated_at) "
			     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
			     "ON CONFLICT DO NOTHING RETURNING org_id",
			     10, p, &r);
	else
		st = pg_exec(
			pc, "home_put.update",
			"UPDATE client_homes SET has_coords = $3, latitude = $4, longitude = $5, "
			"access_notes = $6, nfc_tags = $7, qr_code = $8, version = $9, "
			"updated_at = $10 WHERE client_id = $1 AND version = $2 RETURNING org_id",
			10, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		if (insert)
			return LIA_STORE_CONFLICT;
		return pg_stale_or_missing(pc, "home_put.why",
					   "SELECT 1 FROM client_homes WHERE client_id = $1",
					   h->client_id);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "home", h->client_id,
			      insert ? "insert" : "update", new_version);
	PQclear(r);
	return st;
}
