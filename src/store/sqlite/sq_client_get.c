/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_get on SQLite: one client with its home organisation's path (for the scope
 * check), read on nearly every request about a client: two primary-key look-ups.
 * Also holds the row reader shared with client_search (columns SQ_CLIENT_COLS).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "SELECT " SQ_CLIENT_COLS
			  " FROM clients c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?1";

void
sq_client_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_client *out)
{
	out->id = sq_col_text(a, st, 0);
	out->org_id = sq_col_text(a, st, 1);
	out->org_path = sq_col_text(a, st, 2);
	out->version = sqlite3_column_int64(st, 3);
	out->ins_matricule = sq_col_text(a, st, 4);
	out->ins_oid = sq_col_text(a, st, 5);
	out->identity_status = sq_col_text(a, st, 6);
	out->insi_checked_at = sqlite3_column_int64(st, 7);
	out->identity_document = sq_col_text(a, st, 8);
	out->birth_name = sq_col_text(a, st, 9);
	out->birth_given_names = sq_col_text(a, st, 10);
	out->first_given_name = sq_col_text(a, st, 11);
	out->sex = sq_col_text(a, st, 12);
	out->birth_date = sq_col_text(a, st, 13);
	out->birth_place_code = sq_col_text(a, st, 14);
	out->used_name = sq_col_text(a, st, 15);
	out->used_given_name = sq_col_text(a, st, 16);
	out->address_line = sq_col_text(a, st, 17);
	out->postal_code = sq_col_text(a, st, 18);
	out->city = sq_col_text(a, st, 19);
	out->phone = sq_col_text(a, st, 20);
	out->gir = sqlite3_column_int(st, 21);
	out->name_key = sq_col_text(a, st, 22);
	out->used_name_key = sq_col_text(a, st, 23);
	out->identity_key = sq_col_text(a, st, 24);
	out->created_at = sqlite3_column_int64(st, 25);
	out->updated_at = sqlite3_column_int64(st, 26);
}

int
sq_client_get(struct lia_conn *lc, struct lia_arena *a, const char *id, struct lia_client *out)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql, "client_get");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		sq_client_read(st, a, out);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND : sq_status(c, rc, "client_get");
	sq_reset(st);
	return status;
}
