/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_insert on PostgreSQL: adds a client record and its change feed row. A taken
 * id or INS matricule (partial unique index) is a CONFLICT reported by ON CONFLICT DO
 * NOTHING, so the caller's transaction stays usable, e.g. to audit the refusal.
 */
#include "pg_internal.h"

int
pg_client_insert(struct lia_conn *c, const struct lia_client *cl)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "client_insert");
	if (st != LIA_STORE_OK)
		return st;
	char v[PG_I64_LEN], insi[PG_I64_LEN], gir[PG_I64_LEN], cat[PG_I64_LEN], uat[PG_I64_LEN];
	const char *p[] = {cl->id,
			   cl->org_id,
			   pg_i64(v, cl->version),
			   cl->ins_matricule,
			   cl->ins_oid,
			   cl->identity_status,
			   pg_i64(insi, cl->insi_checked_at),
			   cl->identity_document,
			   cl->birth_name,
			   cl->birth_given_names,
			   cl->first_given_name,
			   cl->sex,
			   cl->birth_date,
			   cl->birth_place_code,
			   cl->used_name,
			   cl->used_given_name,
			   cl->address_line,
			   cl->postal_code,
			   cl->city,
			   cl->phone,
			   pg_i64(gir, cl->gir),
			   cl->name_key,
			   cl->used_name_key,
			   cl->identity_key,
			   pg_i64(cat, cl->created_at),
			   pg_i64(uat, cl->updated_at)};
	int64_t rows = 0;
	st = pg_run(pc, "client_insert",
		    "INSERT INTO clients (id, org_id, version, ins_matricule, ins_oid, "
		    "identity_status, insi_checked_at, identity_document, birth_name, "
		    "birth_given_names, first_given_name, sex, birth_date, birth_place_code, "
		    "used_name, used_given_name, address_line, postal_code, city, phone, gir, "
		    "name_key, used_name_key, identity_key, created_at, updated_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
		    "$16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) "
		    "ON CONFLICT DO NOTHING",
		    26, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, cl->org_id, "client", cl->id, "insert", cl->version);
}
