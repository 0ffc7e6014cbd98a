/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_find_duplicate on SQLite: before creating or changing an identity, looks
 * for another client in scope with the same strict-traits key or the same INS
 * matricule (RNIV: one person, one record). Scope paths beyond SQ_MAX_SCOPES are
 * looked at in chunks; the first match wins.
 */
#include "store/sqlite/sq_internal.h"

#define FIND(scopes)                                                             \
	"SELECT c.id FROM clients c JOIN orgs o ON o.id = c.org_id "             \
	"WHERE (" scopes ") AND (c.identity_key = ?9 OR c.ins_matricule = ?10) " \
	"AND (?11 IS NULL OR c.id <> ?11) ORDER BY c.id LIMIT 1"

static const char *const sqls[SQ_MAX_SCOPES] = {
	FIND(SQ_SCOPES_1), FIND(SQ_SCOPES_2), FIND(SQ_SCOPES_3), FIND(SQ_SCOPES_4),
	FIND(SQ_SCOPES_5), FIND(SQ_SCOPES_6), FIND(SQ_SCOPES_7), FIND(SQ_SCOPES_8),
};

static int
find_chunk(struct sq_conn *c, struct lia_arena *a, const char *const *paths, int npaths,
	   const char *identity_key, const char *ins_matricule, const char *except_id,
	   struct lia_client *out)
{
	sqlite3_stmt *st = sq_stmt(c, sqls[npaths - 1], "client_find_duplicate");
	if (!st)
		return LIA_STORE_ERROR;
	for (int i = 0; i < npaths; i++)
		sq_bind_text(c, st, i + 1, paths[i]);
	sq_bind_text(c, st, 9, identity_key);
	sq_bind_text(c, st, 10, ins_matricule);
	sq_bind_text(c, st, 11, except_id);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	if (rc == SQLITE_ROW)
		out->id = sq_col_text(a, st, 0);
	else
		status = rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					     sq_status(c, rc, "client_find_duplicate");
	sq_reset(st);
	return status;
}

int
sq_client_find_duplicate(struct lia_conn *lc, struct lia_arena *a, const char *const *scope_paths,
			 int nscope, const char *identity_key, const char *ins_matricule,
			 const char *except_id, struct lia_client *out)
{
	struct sq_conn *c = sq_conn(lc);
	int status = LIA_STORE_NOT_FOUND;
	if (!identity_key && !ins_matricule)
		return status;
	for (int i = 0; i < nscope && status == LIA_STORE_NOT_FOUND; i += SQ_MAX_SCOPES) {
		int k = nscope - i < SQ_MAX_SCOPES ? nscope - i : SQ_MAX_SCOPES;
		status = find_chunk(c, a, scope_paths + i, k, identity_key, ins_matricule,
				    except_id, out);
	}
	return status;
}
