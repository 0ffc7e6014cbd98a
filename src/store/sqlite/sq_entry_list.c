/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * entry_list on SQLite: a client's notebook, newest first (ids are UUIDv7, so id
 * order is write order), one page after the before_id cursor. Every filter is a
 * bound parameter that disables itself when NULL (or -1 for urgent, 0 for since),
 * so one statement serves every combination. The two cursors are written as
 * bounds that are always present (an absent one becomes a value beyond every id:
 * char(127) above, '' below) rather than "?2 IS NULL OR ...": SQLite then seeks
 * the (client_id, id) index notebook_client to the cursor, and a deep page reads
 * about limit rows instead of every newer entry.
 */
#include "store/sqlite/sq_internal.h"

#define MAX_LIMIT 500

#define FILTERS                                     \
	"AND e.id < coalesce(?2, char(127)) "       \
	"AND e.id > coalesce(?3, '') "              \
	"AND (?4 IS NULL OR e.category = ?4) "      \
	"AND (?5 < 0 OR e.urgent = ?5) "            \
	"AND (?6 IS NULL OR e.author_role = ?6) "   \
	"AND e.written_at >= ?7 "                   \
	"ORDER BY e.id DESC LIMIT ?8"

static const char sql[] = "SELECT " SQ_ENTRY_COLS SQ_ENTRY_FROM " WHERE e.client_id = ?1 " FILTERS;
/* SQLite plans without the bound values: the literal lets it use the partial index
 * of urgent entries instead of reading every entry of the client. */
static const char sql_urgent[] = "SELECT " SQ_ENTRY_COLS SQ_ENTRY_FROM
				 " WHERE e.client_id = ?1 AND e.urgent = 1 " FILTERS;

int
sq_entry_list(struct lia_conn *lc, struct lia_arena *a, const struct lia_entry_query *q,
	      struct lia_entry **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	int limit = q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	if (limit <= 0)
		return LIA_STORE_OK;
	sqlite3_stmt *st = sq_stmt(c, q->urgent > 0 ? sql_urgent : sql, "entry_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, q->client_id);
	sq_bind_text(c, st, 2, q->before_id);
	sq_bind_text(c, st, 3, q->after_id);
	sq_bind_text(c, st, 4, q->category);
	sq_bind_int64(c, st, 5, q->urgent < 0 ? -1 : q->urgent != 0);
	sq_bind_text(c, st, 6, q->author_role);
	sq_bind_int64(c, st, 7, q->since);
	sq_bind_int64(c, st, 8, limit);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		sq_entry_read(st, a, &(*items)[(*n)++]);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "entry_list");
	sq_reset(st);
	return status;
}
