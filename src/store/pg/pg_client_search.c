/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * client_search on PostgreSQL: clients whose home organisation lies in one of the
 * caller's scopes, filtered by name prefix, birth date or INS, one page at a time in
 * (name_key, id) order with a keyset cursor. Scopes are a bound text[] compared with
 * starts_with(), never LIKE: a path holding % or _ must not widen the scope. The
 * name prefix is a byte range on the COLLATE "C" keys (keys are ASCII below 127).
 * The cursor is a row comparison; with no after_id it is NULL on equal name keys,
 * so the page starts after every client of that name key.
 */
#include "pg_internal.h"

#define MAX_LIMIT 200

static const char sql[] =
	"SELECT " PG_CLIENT_COLS " FROM clients c JOIN orgs o ON o.id = c.org_id "
	"WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s WHERE starts_with(o.path, s)) "
	"AND ($2::text IS NULL "
	"  OR (c.name_key >= $2 AND c.name_key < $2 || chr(127)) "
	"  OR (c.used_name_key >= $2 AND c.used_name_key < $2 || chr(127))) "
	"AND ($3::text IS NULL OR c.birth_date = $3) "
	"AND ($4::text IS NULL OR c.ins_matricule = $4) "
	"AND ($5::text IS NULL OR (c.name_key, c.id) > ($5, $6::text)) "
	"ORDER BY c.name_key, c.id LIMIT $7::bigint";

int
pg_client_search(struct lia_conn *c, struct lia_arena *a, const struct lia_client_query *q,
		 struct lia_client **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (q->nscope <= 0 || limit <= 0)
		return LIA_STORE_OK;
	char lim[PG_I64_LEN];
	const char *p[] = {pg_text_array(a, q->scope_paths, q->nscope),
			   q->name_prefix && *q->name_prefix ? q->name_prefix : NULL,
			   q->birth_date,
			   q->ins_matricule,
			   q->after_name_key,
			   q->after_id,
			   pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "client_search", sql, 7, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_client_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
