/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * home_put on SQLite: a client's first home record is inserted at version 1
 * (expected_version 0; CONFLICT when one exists); later writes replace every
 * column but client_id and org_id (the owner follows the client and never moves
 * here) at the version the editor read, like client_update. Coordinates are stored
 * as SQL NULL unless has_coords. One change-feed row, keyed by the client id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql_insert[] =
	"INSERT INTO client_homes (client_id, org_id, has_coords, latitude, longitude, "
	"access_notes, nfc_tags, qr_code, version, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9) RETURNING org_id";
static const char sql_update[] =
	"UPDATE client_homes SET has_coords = ?3, latitude = ?4, longitude = ?5, "
	"access_notes = ?6, nfc_tags = ?7, qr_code = ?8, updated_at = ?9, "
	"version = version + 1 WHERE client_id = ?1 AND version = ?10 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM client_homes WHERE client_id = ?1";

int
sq_home_put(struct lia_conn *lc, const struct lia_home *h, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int written = 0;
	int status = sq_require_tx(c, "home_put");
	if (status != LIA_STORE_OK)
		return status;
	int insert = expected_version == 0;
	sqlite3_stmt *st = sq_stmt(c, insert ? sql_insert : sql_update, "home_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, h->client_id);
	if (insert)
		sq_bind_text(c, st, 2, h->org_id);
	sq_bind_int64(c, st, 3, h->has_coords);
	sq_bind_double(c, st, 4, h->has_coords, h->latitude);
	sq_bind_double(c, st, 5, h->has_coords, h->longitude);
	sq_bind_text(c, st, 6, h->access_notes);
	sq_bind_text(c, st, 7, h->nfc_tags);
	sq_bind_text(c, st, 8, h->qr_code);
	sq_bind_int64(c, st, 9, h->updated_at);
	if (!insert)
		sq_bind_int64(c, st, 10, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		/* The change feed needs the stored owner, not whatever h->org_id holds. */
		sq_col_copy(st, 0, org_id, sizeof org_id);
		written = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "home_put");
	sq_reset(st);
	if (status == LIA_STORE_OK && !written)
		status = sq_stale_or_missing(c, sql_exists, h->client_id, "home_put");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "home", h->client_id, insert ? "insert" : "update",
				expected_version + 1);
}
