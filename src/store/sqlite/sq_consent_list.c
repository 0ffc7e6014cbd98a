/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consent_list on SQLite: every consent decision of a client, revoked ones
 * included, in (created_at, id) order, with the grantee organisation's path (NULL
 * for a person grantee) so that the access policy can match subtrees.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"SELECT k.id, k.org_id, k.client_id, k.grantee_account, k.grantee_org, o.path, "
	"k.category, k.decision, k.starts_at, k.ends_at, k.revoked_at, k.decided_by, "
	"k.decided_as, k.created_at FROM consents k LEFT JOIN orgs o ON o.id = k.grantee_org "
	"WHERE k.client_id = ?1 ORDER BY k.created_at, k.id";

int
sq_consent_list(struct lia_conn *lc, struct lia_arena *a, const char *client_id,
		struct lia_consent **items, size_t *n)
{
	struct sq_conn *c = sq_conn(lc);
	*items = NULL;
	*n = 0;
	sqlite3_stmt *st = sq_stmt(c, sql, "consent_list");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sq_step(c, st)) == SQLITE_ROW) {
		*items = sq_grow(a, *items, &cap, *n, sizeof **items);
		struct lia_consent *k = &(*items)[(*n)++];
		k->id = sq_col_text(a, st, 0);
		k->org_id = sq_col_text(a, st, 1);
		k->client_id = sq_col_text(a, st, 2);
		k->grantee_account = sq_col_text(a, st, 3);
		k->grantee_org = sq_col_text(a, st, 4);
		k->grantee_org_path = sq_col_text(a, st, 5);
		k->category = sq_col_text(a, st, 6);
		k->decision = sq_col_text(a, st, 7);
		k->starts_at = sqlite3_column_int64(st, 8);
		k->ends_at = sqlite3_column_int64(st, 9);
		k->revoked_at = sqlite3_column_int64(st, 10);
		k->decided_by = sq_col_text(a, st, 11);
		k->decided_as = sq_col_text(a, st, 12);
		k->created_at = sqlite3_column_int64(st, 13);
	}
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, "consent_list");
	sq_reset(st);
	return status;
}
