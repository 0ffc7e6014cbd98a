/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_settings_put on SQLite: the first write of a node's settings inserts them at
 * version 1 (expected_version 0; CONFLICT when the node already has some), every
 * later one replaces them at the version the editor read, like client_update: a
 * second look tells STALE from NOT_FOUND. The new version is always
 * expected_version + 1, whatever s->version holds. One change-feed row, owned by
 * the node itself.
 */
#include "store/sqlite/sq_internal.h"

static const char sql_insert[] =
	"INSERT INTO org_settings (org_id, settings, version, updated_at, updated_by) "
	"VALUES (?1, ?2, 1, ?3, ?4)";
static const char sql_update[] =
	"UPDATE org_settings SET settings = ?2, updated_at = ?3, updated_by = ?4, "
	"version = version + 1 WHERE org_id = ?1 AND version = ?5";
static const char sql_exists[] = "SELECT 1 FROM org_settings WHERE org_id = ?1";

int
sq_org_settings_put(struct lia_conn *lc, const struct lia_org_settings *s, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "org_settings_put");
	if (status != LIA_STORE_OK)
		return status;
	int insert = expected_version == 0;
	sqlite3_stmt *st = sq_stmt(c, insert ? sql_insert : sql_update, "org_settings_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, s->org_id);
	sq_bind_text(c, st, 2, s->settings);
	sq_bind_int64(c, st, 3, s->updated_at);
	sq_bind_text(c, st, 4, s->updated_by);
	if (!insert)
		sq_bind_int64(c, st, 5, expected_version);
	status = sq_step_done(c, st, "org_settings_put");
	if (status == LIA_STORE_OK && !insert && sqlite3_changes(c->db) == 0)
		status = sq_stale_or_missing(c, sql_exists, s->org_id, "org_settings_put");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, s->org_id, "org_settings", s->org_id,
				insert ? "insert" : "update", expected_version + 1);
}
