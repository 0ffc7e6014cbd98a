/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_insert on SQLite: a new client record, stored with the version given
 * (1 for a new record), and its change-feed row. CONFLICT when the id or the INS
 * matricule exists (unique partial index clients_ins).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO clients (id, org_id, version, ins_matricule, ins_oid, identity_status, "
	"insi_checked_at, identity_document, birth_name, birth_given_names, "
	"first_given_name, sex, birth_date, birth_place_code, used_name, used_given_name, "
	"address_line, postal_code, city, phone, gir, name_key, used_name_key, "
	"identity_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";

int
sq_client_insert(struct lia_conn *lc, const struct lia_client *cl)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "client_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "client_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, cl->id);
	sq_bind_text(c, st, 2, cl->org_id);
	sq_bind_int64(c, st, 3, cl->version);
	sq_bind_text(c, st, 4, cl->ins_matricule);
	sq_bind_text(c, st, 5, cl->ins_oid);
	sq_bind_text(c, st, 6, cl->identity_status);
	sq_bind_int64(c, st, 7, cl->insi_checked_at);
	sq_bind_text(c, st, 8, cl->identity_document);
	sq_bind_text(c, st, 9, cl->birth_name);
	sq_bind_text(c, st, 10, cl->birth_given_names);
	sq_bind_text(c, st, 11, cl->first_given_name);
	sq_bind_text(c, st, 12, cl->sex);
	sq_bind_text(c, st, 13, cl->birth_date);
	sq_bind_text(c, st, 14, cl->birth_place_code);
	sq_bind_text(c, st, 15, cl->used_name);
	sq_bind_text(c, st, 16, cl->used_given_name);
	sq_bind_text(c, st, 17, cl->address_line);
	sq_bind_text(c, st, 18, cl->postal_code);
	sq_bind_text(c, st, 19, cl->city);
	sq_bind_text(c, st, 20, cl->phone);
	sq_bind_int64(c, st, 21, cl->gir);
	sq_bind_text(c, st, 22, cl->name_key);
	sq_bind_text(c, st, 23, cl->used_name_key);
	sq_bind_text(c, st, 24, cl->identity_key);
	sq_bind_int64(c, st, 25, cl->created_at);
	sq_bind_int64(c, st, 26, cl->updated_at);
	status = sq_step_done(c, st, "client_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, cl->org_id, "client", cl->id, "insert", cl->version);
}
