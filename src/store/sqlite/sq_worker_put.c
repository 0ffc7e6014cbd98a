/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * worker_put on SQLite: a field worker's profile beside the account. The first
 * write inserts it at version 1 (expected_version 0; CONFLICT when one exists);
 * later ones replace the profile columns (qualifications, home coordinates,
 * availability) at the version the editor read, like client_update. account_id
 * and org_id never change here. Coordinates are SQL NULL unless has_coords. One
 * change-feed row, keyed by the account id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql_insert[] =
	"INSERT INTO worker_profiles (account_id, org_id, qualifications, has_coords, "
	"latitude, longitude, availability, version, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8) RETURNING org_id";
static const char sql_update[] =
	"UPDATE worker_profiles SET qualifications = ?3, has_coords = ?4, latitude = ?5, "
	"longitude = ?6, availability = ?7, updated_at = ?8, version = version + 1 "
	"WHERE account_id = ?1 AND version = ?9 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM worker_profiles WHERE account_id = ?1";

int
sq_worker_put(struct lia_conn *lc, const struct lia_worker *w, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int written = 0;
	int status = sq_require_tx(c, "worker_put");
	if (status != LIA_STORE_OK)
		return status;
	int insert = expected_version == 0;
	sqlite3_stmt *st = sq_stmt(c, insert ? sql_insert : sql_update, "worker_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, w->account_id);
	if (insert)
		sq_bind_text(c, st, 2, w->org_id);
	sq_bind_text(c, st, 3, w->qualifications);
	sq_bind_int64(c, st, 4, w->has_coords);
	sq_bind_double(c, st, 5, w->has_coords, w->latitude);
	sq_bind_double(c, st, 6, w->has_coords, w->longitude);
	sq_bind_text(c, st, 7, w->availability);
	sq_bind_int64(c, st, 8, w->updated_at);
	if (!insert)
		sq_bind_int64(c, st, 9, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		written = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "worker_put");
	sq_reset(st);
	if (status == LIA_STORE_OK && !written)
		status = sq_stale_or_missing(c, sql_exists, w->account_id, "worker_put");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "worker", w->account_id, insert ? "insert" : "update",
				expected_version + 1);
}
