/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_update on PostgreSQL: optimistic concurrency. The row changes only when its
 * version is the one the editor read (HTTP If-Match); otherwise a second look tells
 * STALE from NOT_FOUND. A taken INS matricule is checked in the same statement, so
 * the CONFLICT comes without a unique-violation error that would abort the caller's
 * transaction (the unique index still guards against anything that slips past).
 */
#include "pg_internal.h"

static int
why_unchanged(struct pg_conn *pc, const struct lia_client *cl, int64_t expected_version)
{
	const char *p[] = {cl->id, cl->ins_matricule};
	PGresult *r;
	int st = pg_exec(pc, "client_update.why",
			 "SELECT version, EXISTS (SELECT 1 FROM clients d "
			 "WHERE d.ins_matricule = $2 AND d.id <> $1) FROM clients WHERE id = $1",
			 2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else if (pg_col_i64(r, 0, 0) != expected_version)
		st = LIA_STORE_STALE;
	else if (pg_col_bool(r, 0, 1))
		st = LIA_STORE_CONFLICT;
	else
		st = LIA_STORE_ERROR; /* cannot happen under the write lock */
	PQclear(r);
	return st;
}

int
pg_client_update(struct lia_conn *c, const struct lia_client *cl, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "client_update");
	if (st != LIA_STORE_OK)
		return st;
	char ev[PG_I64_LEN], nv[PG_I64_LEN], insi[PG_I64_LEN], gir[PG_I64_LEN], uat[PG_I64_LEN];
	int64_t new_version = expected_version + 1;
	const char *p[] = {cl->id,
			   pg_i64(ev, expected_version),
			   pg_i64(nv, new_version),
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
			   pg_i64(uat, cl->updated_at)};
	PGresult *r;
	st = pg_exec(pc, "client_update",
		     "UPDATE clients SET version = $3, ins_matricule = $4, ins_oid = $5, "
		     "identity_status = $6, insi_checked_at = $7, identity_document = $8, "
		     "birth_name = $9, birth_given_names = $10, first_given_name = $11, "
		     "sex = $12, birth_date = $13, birth_place_code = $14, used_name = $15, "
		     "used_given_name = $16, address_line = $17, postal_code = $18, city = $19, "
		     "phone = $20, gir = $21, name_key = $22, used_name_key = $23, "
		     "identity_key = $24, updated_at = $25 "
		     "WHERE id = $1 AND version = $2 AND NOT EXISTS (SELECT 1 FROM clients d "
		     "WHERE d.ins_matricule = $4 AND d.id <> $1) RETURNING org_id",
		     25, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return why_unchanged(pc, cl, expected_version);
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "client", cl->id, "update", new_version);
	PQclear(r);
	return st;
}
