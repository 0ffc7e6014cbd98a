/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_model_get on SQLite: one device model with its codes, ordered by
 * (protocol, code). Also holds the codes reader shared with device_model_list,
 * which reads every model's codes in one pass ordered by model, then merges them
 * into the models (both in id order) instead of one query per model.
 */
#include "store/sqlite/sq_internal.h"

#include <string.h>

static const char sql[] = "SELECT id, label, version, updated_at FROM device_models WHERE id = ?1";
/* One model's codes, by primary key; every model's, for the list. */
static const char sql_codes_one[] = "SELECT model_id, protocol, code, alarm_type FROM device_codes "
				    "WHERE model_id = ?1 ORDER BY model_id, protocol, code";
static const char sql_codes_all[] = "SELECT model_id, protocol, code, alarm_type FROM device_codes "
				    "ORDER BY model_id, protocol, code";

int
sq_device_model_codes(struct sq_conn *c, struct lia_arena *a, const char *model_id,
		      struct lia_device_model *models, size_t n, const char *op)
{
	for (size_t i = 0; i < n; i++) {
		models[i].codes = NULL;
		models[i].ncodes = 0;
	}
	sqlite3_stmt *st = sq_stmt(c, model_id ? sql_codes_one : sql_codes_all, op);
	if (!st)
		return LIA_STORE_ERROR;
	if (model_id)
		sq_bind_text(c, st, 1, model_id);
	size_t m = 0, cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		const char *owner = sq_col_borrow(st, 0);
		/* Codes and models are both in id order: move forward to the owner. A code
		 * whose model is not in the array cannot exist (foreign key), but is
		 * skipped rather than trusted. */
		while (m < n && strcmp(models[m].id, owner) < 0) {
			m++;
			cap = 0;
		}
		if (m == n || strcmp(models[m].id, owner) != 0)
			continue;
		struct lia_device_model *md = &models[m];
		md->codes = sq_grow(a, md->codes, &cap, md->ncodes, sizeof *md->codes);
		struct lia_device_code *dc = &md->codes[md->ncodes++];
		dc->protocol = sq_col_text(a, st, 1);
		dc->code = sq_col_text(a, st, 2);
		dc->alarm_type = sq_col_text(a, st, 3);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, op);
	sq_reset(st);
	return status;
}

int
sq_device_model_get(struct lia_conn *lc, struct lia_arena *a, const char *id,
		    struct lia_device_model *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "device_model_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sq_col_text(a, st, 0);
		out->label = sq_col_text(a, st, 1);
		out->version = sqlite3_column_int64(st, 2);
		out->updated_at = sqlite3_column_int64(st, 3);
	} else {
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "device_model_get");
	}
	sq_reset(st);
	if (status != LIA_STORE_OK)
		return status;
	return sq_device_model_codes(c, a, out->id, out, 1, "device_model_get");
}
