/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * home_get on SQLite: a client's home for the field app. Coordinates are SQL NULL
 * unless has_coords; they read back as 0 then. NOT_FOUND when the client has no
 * home record yet.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT client_id, org_id, has_coords, latitude, longitude, access_notes, nfc_tags, "
	"qr_code, version, updated_at FROM client_homes WHERE client_id = ?1";

int
sq_home_get(struct lia_conn *lc, struct lia_arena *a, const char *client_id, struct lia_home *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "home_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		out->client_id = sq_col_text(a, st, 0);
		out->org_id = sq_col_text(a, st, 1);
		out->has_coords = sqlite3_column_int(st, 2) != 0;
		out->latitude = out->has_coords ? sq_col_double(st, 3, 0) : 0;
		out->longitude = out->has_coords ? sq_col_double(st, 4, 0) : 0;
		out->access_notes = sq_col_text(a, st, 5);
		out->nfc_tags = sq_col_text(a, st, 6);
		out->qr_code = sq_col_text(a, st, 7);
		out->version = sqlite3_column_int64(st, 8);
		out->updated_at = sqlite3_column_int64(st, 9);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "home_get");
	}
	sq_reset(st);
	return status;
}
