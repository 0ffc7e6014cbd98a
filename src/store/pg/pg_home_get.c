/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * home_get on PostgreSQL: the client's home record for the field app. Coordinates are
 * SQL NULL when has_coords is 0 and read back as 0.
 */
#include "pg_internal.h"

int
pg_home_get(struct lia_conn *c, struct lia_arena *a, const char *client_id, struct lia_home *out)
{
	const char *p[] = {client_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "home_get",
			 "SELECT client_id, org_id, has_coords, latitude, longitude, access_notes, "
			 "nfc_tags, qr_code, version, updated_at FROM client_homes "
			 "WHERE client_id = $1",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		st = LIA_STORE_NOT_FOUND;
	} else {
		out->client_id = pg_col_text(a, r, 0, 0);
		out->org_id = pg_col_text(a, r, 0, 1);
		out->has_coords = pg_col_i64(r, 0, 2) != 0;
		out->latitude = pg_col_f64(r, 0, 3, 0);
		out->longitude = pg_col_f64(r, 0, 4, 0);
		out->access_notes = pg_col_text(a, r, 0, 5);
		out->nfc_tags = pg_col_text(a, r, 0, 6);
		out->qr_code = pg_col_text(a, r, 0, 7);
		out->version = pg_col_i64(r, 0, 8);
		out->updated_at = pg_col_i64(r, 0, 9);
	}
	PQclear(r);
	return st;
}
