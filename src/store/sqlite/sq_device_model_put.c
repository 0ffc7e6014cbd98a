/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_model_put on SQLite: a device model and its code → alarm-type mapping.
 * The first write inserts the model at version 1 (expected_version 0; CONFLICT when
 * the id exists); later ones replace the label at the version the editor read, like
 * org_settings_put, a second look telling STALE from NOT_FOUND. Either way the
 * model's codes are then replaced as a whole by m->codes: the mapping is edited as
 * one document, and a code left out is looked up in "generic" again. A code naming
 * an unknown alarm type fails on the foreign key (ERROR). One change-feed row; models
 * belong to no organisation (org_id "").
 */
#include "store/sqlite/sq_internal.h"

static const char sql_insert[] = "INSERT INTO device_models (id, label, version, updated_at) "
				 "VALUES (?1, ?2, 1, ?3)";
static const char sql_update[] = "UPDATE device_models SET label = ?2, updated_at = ?3, "
				 "version = version + 1 WHERE id = ?1 AND version = ?4";
static const char sql_exists[] = "SELECT 1 FROM device_models WHERE id = ?1";
static const char sql_clear[] = "DELETE FROM device_codes WHERE model_id = ?1";
static const char sql_code[] = "INSERT INTO device_codes (model_id, protocol, code, alarm_type) "
			       "VALUES (?1, ?2, ?3, ?4)";

static int
replace_codes(struct sq_conn *c, const struct lia_device_model *m)
{
	sqlite3_stmt *st = sq_stmt(c, sql_clear, "device_model_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, m->id);
	int status = sq_step_done(c, st, "device_model_put");
	for (size_t i = 0; status == LIA_STORE_OK && i < m->ncodes; i++) {
		st = sq_stmt(c, sql_code, "device_model_put");
		if (!st)
			return LIA_STORE_ERROR;
		sq_bind_text(c, st, 1, m->id);
		sq_bind_text(c, st, 2, m->codes[i].protocol);
		sq_bind_text(c, st, 3, m->codes[i].code);
		sq_bind_text(c, st, 4, m->codes[i].alarm_type);
		status = sq_step_done(c, st, "device_model_put");
	}
	return status;
}

int
sq_device_model_put(struct lia_conn *lc, const struct lia_device_model *m, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "device_model_put");
	if (status != LIA_STORE_OK)
		return status;
	int insert = expected_version == 0;
	sqlite3_stmt *st = sq_stmt(c, insert ? sql_insert : sql_update, "device_model_put");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, m->id);
	sq_bind_text(c, st, 2, m->label);
	sq_bind_int64(c, st, 3, m->updated_at);
	if (!insert)
		sq_bind_int64(c, st, 4, expected_version);
	status = sq_step_done(c, st, "device_model_put");
	if (status == LIA_STORE_OK && !insert && sqlite3_changes(c->db) == 0)
		status = sq_stale_or_missing(c, sql_exists, m->id, "device_model_put");
	if (status == LIA_STORE_OK)
		status = replace_codes(c, m);
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, "", "device_model", m->id, insert ? "insert" : "update",
				expected_version + 1);
}
