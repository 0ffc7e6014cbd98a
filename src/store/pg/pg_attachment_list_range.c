/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_list_range on PostgreSQL: the attachments of a client's entries whose ids
 * lie in [from_entry_id, to_entry_id], without content, ordered by entry, then
 * (created_at, id): one query for a page of the notebook (entry ids are time-ordered).
 */
#include "pg_internal.h"

int
pg_attachment_list_range(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			 const char *from_entry_id, const char *to_entry_id,
			 struct lia_attachment **items, size_t *n)
{
	*items = NULL;
	*n = 0;
	const char *p[] = {client_id, from_entry_id, to_entry_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "attachment_list_range",
			 "SELECT " PG_ATTACHMENT_COLS " FROM attachments "
			 "WHERE entry_id COLLATE \"C\" >= $2 AND entry_id COLLATE \"C\" <= $3 "
			 "AND client_id = $1 "
			 "ORDER BY entry_id COLLATE \"C\", created_at, id COLLATE \"C\"",
			 3, p, &r);
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
