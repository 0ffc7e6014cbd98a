/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_find_duplicate on PostgreSQL: before creating or editing an identity, looks
 * for another client in scope with the same strict traits or the same INS matricule
 * (RNIV: one identity, one record). Scopes are a bound text[] compared with
 * starts_with(), never LIKE.
 */
#include "pg_internal.h"

int
pg_client_find_duplicate(struct lia_conn *c, struct lia_arena *a, const char *const *scope_paths,
			 int nscope, const char *identity_key, const char *ins_matricule,
			 const char *except_id, struct lia_client *out)
{
	if (nscope <= 0 || (!identity_key && !ins_matricule))
		return LIA_STORE_NOT_FOUND;
	const char *p[] = {pg_text_array(a, scope_paths, nscope), identity_key, ins_matricule,
			   except_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "client_find_duplicate",
			 "SELECT c.id FROM clients c JOIN orgs o ON o.id = c.org_id "
			 "WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s "
			 "WHERE starts_with(o.path, s)) "
			 "AND (c.identity_key = $2::text OR c.ins_matricule = $3::text) "
			 "AND ($4::text IS NULL OR c.id <> $4) "
			 "ORDER BY c.id LIMIT 1",
			 4, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		out->id = pg_col_text(a, r, 0, 0);
	PQclear(r);
	return st;
}
