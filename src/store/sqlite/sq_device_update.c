/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_update on SQLite: installs, moves or reconfigures a device (client,
 * protocol, model, label, sealed key, supervision, active) at the version the editor
 * read, like client_update; otherwise a second look tells STALE from NOT_FOUND. The
 * account, the owner and the link's heartbeat columns are never written here (the
 * heartbeat belongs to device_touch and device_mark_silent). One change-feed row.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"UPDATE devices SET client_id = ?3, protocol = ?4, model_id = ?5, label = ?6, "
	"key_sealed = ?7, key_format = ?8, supervision_s = ?9, active = ?10, "
	"version = version + 1 WHERE id = ?1 AND version = ?2 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM devices WHERE id = ?1";

int
sq_device_update(struct lia_conn *lc, const struct lia_device *d, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "device_update");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "device_update");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, d->id);
	sq_bind_int64(c, st, 2, expected_version);
	sq_bind_text(c, st, 3, d->client_id);
	sq_bind_text(c, st, 4, d->protocol);
	sq_bind_text(c, st, 5, d->model_id);
	sq_bind_text(c, st, 6, d->label);
	sq_bind_text(c, st, 7, d->key_sealed);
	sq_bind_text(c, st, 8, d->key_format);
	sq_bind_int64(c, st, 9, d->supervision_s);
	sq_bind_int64(c, st, 10, d->active ? 1 : 0);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "device_update");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, d->id, "device_update");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "device", d->id, "update", expected_version + 1);
}
