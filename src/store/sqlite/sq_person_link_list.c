/* SPDX-License-Identifier: EUPL-1.2 */
/* person_link_list on SQLite: the client records a person account is linked to. */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT id, org_id, account_id, client_id, relation, created_at FROM client_persons "
	"WHERE account_id = ?1 ORDER BY client_id, relation";

int
sq_person_link_list(struct lia_conn *lc, struct lia_arena *a, const char *account_id,
		    struct lia_person_link **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "person_link_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, account_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_person_link *l = &(*items)[(*n)++];
		l->id = sq_col_text(a, st, 0);
		l->org_id = sq_col_text(a, st, 1);
		l->account_id = sq_col_text(a, st, 2);
		l->client_id = sq_col_text(a, st, 3);
		l->relation = sq_col_text(a, st, 4);
		l->created_at = sqlite3_column_int64(st, 5);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "person_link_list");
	sq_reset(st);
	return status;
}
