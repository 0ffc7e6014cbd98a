/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dlu_put on SQLite: a client's first DLU is inserted at version 1 (expected_version
 * 0; CONFLICT when the client has one); later writes replace the whole JSON object at
 * the version the editor read, like escalation_plan_put: a second look tells STALE
 * from NOT_FOUND. The owner follows the client and is never rewritten. One
 * change-feed row ("dlu"), keyed by the client id.
 */
/*
 * dlu_put on SQLite: a client's first plan is inserted at version 1
 * (expected_version 0; CONFLICT when the client has one); later writes replace the
 * data at the version the editor read, like home_put: a second look tells STALE
 * from NOT_FOUND. The owner follows the client and is never rewritten. Alerts
 * already escalating keep the copy of the plan they started with. One change-feed
 * row, keyed by the client id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql_insert[] = "INSERT INTO dlus (client_id, org_id, data, version, updated_at, "
				 "updated_by) VALUES (?1, ?2, ?3, 1, ?4, ?5) RETURNING org_id";
static const char sql_update[] =
	"UPDATE dlus SET data = ?3, updated_at = ?4, updated_by = ?5, "
	"version = version + 1 WHERE client_id = ?1 AND version = ?6 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM dlus WHERE client_id = ?1";

int
sq_dlu_put(struct lia_conn *lc, const struct lia_dlu *p, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int written = 0;
	int status = sq_require_tx(c, "dlu_put");
	if (status != LIA_STORE_OK)
		return status;
	int insert = expected_version == 0;
	sqlite3_stmt *st = sq_stmt(c, insert ? sql_insert : sql_update, "dlu_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, p->client_id);
	if (insert)
		sq_bind_text(c, st, 2, p->org_id);
	sq_bind_text(c, st, 3, p->data);
	sq_bind_int64(c, st, 4, p->updated_at);
	sq_bind_text(c, st, 5, p->updated_by);
	if (!insert)
		sq_bind_int64(c, st, 6, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		written = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "dlu_put");
	sq_reset(st);
	if (status == LIA_STORE_OK && !written)
		status = sq_stale_or_missing(c, sql_exists, p->client_id, "dlu_put");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "dlu", p->client_id, insert ? "insert" : "update",
				expected_version + 1);
}
