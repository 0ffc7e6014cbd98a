/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_update on SQLite: optimistic concurrency (DESIGN.md, principle 1). The row
 * changes only when its stored version is the one the editor read; otherwise a
 * second look tells a stale version (STALE) from a missing record (NOT_FOUND).
 * id, org_id and created_at never change here. One change-feed row per update.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"UPDATE clients SET version = ?2 + 1, ins_matricule = ?3, ins_oid = ?4, "
	"identity_status = ?5, insi_checked_at = ?6, identity_document = ?7, "
	"birth_name = ?8, birth_given_names = ?9, first_given_name = ?10, sex = ?11, "
	"birth_date = ?12, birth_place_code = ?13, used_name = ?14, used_given_name = ?15, "
	"address_line = ?16, postal_code = ?17, city = ?18, phone = ?19, gir = ?20, "
	"name_key = ?21, used_name_key = ?22, identity_key = ?23, updated_at = ?24 "
	"WHERE id = ?1 AND version = ?2 RETURNING org_id";
static const char sql_exists[] = "SELECT 1 FROM clients WHERE id = ?1";


static void
bind_all(struct sq_conn *c, sqlite3_stmt *st, const struct lia_client *cl, int64_t version)
{
	sq_bind_text(c, st, 1, cl->id);
	sq_bind_int64(c, st, 2, version);
	sq_bind_text(c, st, 3, cl->ins_matricule);
	sq_bind_text(c, st, 4, cl->ins_oid);
	sq_bind_text(c, st, 5, cl->identity_status);
	sq_bind_int64(c, st, 6, cl->insi_checked_at);
	sq_bind_text(c, st, 7, cl->identity_document);
	sq_bind_text(c, st, 8, cl->birth_name);
	sq_bind_text(c, st, 9, cl->birth_given_names);
	sq_bind_text(c, st, 10, cl->first_given_name);
	sq_bind_text(c, st, 11, cl->sex);
	sq_bind_text(c, st, 12, cl->birth_date);
	sq_bind_text(c, st, 13, cl->birth_place_code);
	sq_bind_text(c, st, 14, cl->used_name);
	sq_bind_text(c, st, 15, cl->used_given_name);
	sq_bind_text(c, st, 16, cl->address_line);
	sq_bind_text(c, st, 17, cl->postal_code);
	sq_bind_text(c, st, 18, cl->city);
	sq_bind_text(c, st, 19, cl->phone);
	sq_bind_int64(c, st, 20, cl->gir);
	sq_bind_text(c, st, 21, cl->name_key);
	sq_bind_text(c, st, 22, cl->used_name_key);
	sq_bind_text(c, st, 23, cl->identity_key);
	sq_bind_int64(c, st, 24, cl->updated_at);
}

int
sq_client_update(struct lia_conn *lc, const struct lia_client *cl, int64_t expected_version)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "client_update");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "client_update");
	if (!st)
		return LIA_STORE_ERROR;
	bind_all(c, st, cl, expected_version);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		/* The change feed needs the stored owner, not whatever cl->org_id holds. */
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "client_update");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = sq_stale_or_missing(c, sql_exists, cl->id, "client_update");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "client", cl->id, "update", expected_version + 1);
}
