/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_get on PostgreSQL: one client record with its home organisation's path (for
 * the scope check); also the row reader client_search uses.
 */
#include "pg_internal.h"

void
pg_client_read(struct lia_arena *a, const PGresult *r, int row, struct lia_client *out)
{
	out->id = pg_col_text(a, r, row, 0);
	out->org_id = pg_col_text(a, r, row, 1);
	out->org_path = pg_col_text(a, r, row, 2);
	out->version = pg_col_i64(r, row, 3);
	out->ins_matricule = pg_col_text(a, r, row, 4);
	out->ins_oid = pg_col_text(a, r, row, 5);
	out->identity_status = pg_col_text(a, r, row, 6);
	out->insi_checked_at = pg_col_i64(r, row, 7);
	out->identity_document = pg_col_text(a, r, row, 8);
	out->birth_name = pg_col_text(a, r, row, 9);
	out->birth_given_names = pg_col_text(a, r, row, 10);
	out->first_given_name = pg_col_text(a, r, row, 11);
	out->sex = pg_col_text(a, r, row, 12);
	out->birth_date = pg_col_text(a, r, row, 13);
	out->birth_place_code = pg_col_text(a, r, row, 14);
	out->used_name = pg_col_text(a, r, row, 15);
	out->used_given_name = pg_col_text(a, r, row, 16);
	out->address_line = pg_col_text(a, r, row, 17);
	out->postal_code = pg_col_text(a, r, row, 18);
	out->city = pg_col_text(a, r, row, 19);
	out->phone = pg_col_text(a, r, row, 20);
	out->gir = (int)pg_col_i64(r, row, 21);
	out->name_key = pg_col_text(a, r, row, 22);
	out->used_name_key = pg_col_text(a, r, row, 23);
	out->identity_key = pg_col_text(a, r, row, 24);
	out->created_at = pg_col_i64(r, row, 25);
	out->updated_at = pg_col_i64(r, row, 26);
}

int
pg_client_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_client *out)
{
	const char *p[] = {id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "client_get",
			 "SELECT " PG_CLIENT_COLS " FROM clients c JOIN orgs o ON o.id = c.org_id "
			 "WHERE c.id = $1",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		pg_client_read(a, r, 0, out);
	PQclear(r);
	return st;
}
