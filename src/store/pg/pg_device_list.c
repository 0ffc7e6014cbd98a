/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * device_list on PostgreSQL: one page of devices in id order with a keyset cursor
 * (after_id). As in visit_list, one static statement whose unused filters are bound
 * NULLs that fold away under force_custom_plan, and a scope that is an ARRAY() of the
 * subtree's org ids (starts_with, never LIKE). With no scope at all every
 * organisation is listed (server-internal uses only), as alert_list does.
 */
#include "pg_internal.h"

#define MAX_LIMIT 500

static const char sql[] =
	"SELECT " PG_DEVICE_COLS " FROM devices "
	"WHERE ($1::text[] IS NULL OR org_id = ANY (ARRAY(SELECT o.id COLLATE \"C\" "
	"  FROM orgs o WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s "
	"  WHERE starts_with(o.path, s))))) "
	"AND ($2::text IS NULL OR client_id = $2) "
	"AND ($3::text IS NULL OR id > $3) "
	"ORDER BY id LIMIT $4::bigint";

int
pg_device_list(struct lia_conn *c, struct lia_arena *a, const struct lia_device_query *q,
	       struct lia_device **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0)
		return LIA_STORE_OK;
	char lim[PG_I64_LEN];
	const char *p[] = {q->nscope > 0 ? pg_text_array(a, q->scope_paths, q->nscope) : NULL,
			   q->client_id, q->after_id, pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "device_list", sql, 4, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_device_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
