/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_list on PostgreSQL: the attachments of an entry without their content
 * (attachment_get fetches one), in (created_at, id) order.
 */
#include "pg_internal.h"

int
pg_attachment_list(struct lia_conn *c, struct lia_arena *a, const char *entry_id,
		   struct lia_attachment **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {entry_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "attachment_list",
			 "SELECT " PG_ATTACHMENT_COLS " FROM attachments WHERE entry_id = $1 "
			 "ORDER BY created_at, id COLLATE \"C\"",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	int rows = PQntuples(r);
	if (rows > 0)
		*items = lia_arena_alloc(a, (size_t)rows * sizeof **items);
	for (int i = 0; i < rows; i++)
		pg_attachment_read(a, r, i, &(*items)[i]);
	*n = (size_t)rows;
	PQclear(r);
	return LIA_STORE_OK;
}
