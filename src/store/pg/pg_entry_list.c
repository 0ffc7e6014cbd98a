/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * entry_list on PostgreSQL: one page of a client's notebook, newest first. Ids are
 * UUIDv7 in a COLLATE "C" column, so id order is byte order is time order, and the
 * cursors (before_id for the next page, after_id for the unread ones) are plain id
 * comparisons that walk the (client_id, id) index. One static statement: each
 * optional filter is a bound NULL when unused.
 */
#include "pg_internal.h"

#define MAX_LIMIT 500

static const char sql[] = "SELECT " PG_ENTRY_COLS PG_ENTRY_FROM " "
			  "WHERE e.client_id = $1 "
			  "AND ($2::text IS NULL OR e.id < $2) "
			  "AND ($3::text IS NULL OR e.id > $3) "
			  "AND ($4::text IS NULL OR e.category = $4) "
			  "AND ($5::boolean IS NULL OR e.urgent = $5) "
			  "AND ($6::text IS NULL OR e.author_role = $6) "
			  "AND ($7::bigint IS NULL OR e.written_at >= $7) "
			  "ORDER BY e.id DESC LIMIT $8::bigint";

int
pg_entry_list(struct lia_conn *c, struct lia_arena *a, const struct lia_entry_query *q,
	      struct lia_entry **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0)
		return LIA_STORE_OK;
	char since[PG_I64_LEN], lim[PG_I64_LEN];
	const char *p[] = {q->client_id,
			   q->before_id,
			   q->after_id,
			   q->category,
			   q->urgent < 0 ? NULL : pg_bool(q->urgent != 0),
			   q->author_role,
			   q->since > 0 ? pg_i64(since, q->since) : NULL,
			   pg_i64(lim, limit)};
	PGresult *r;
	int st = pg_exec(pg_of(c), "entry_list", sql, 8, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_entry_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
