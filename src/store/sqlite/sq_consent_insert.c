/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consent_insert on SQLite: records a consent decision (grant or refuse) of the
 * client for one grantee and category, and its change-feed row (version 1:
 * consents carry no version column). CONFLICT on the same id.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO consents (id, org_id, client_id, grantee_account, grantee_org, category, "
	"decision, starts_at, ends_at, revoked_at, decided_by, decided_as, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

int
sq_consent_insert(struct lia_conn *lc, const struct lia_consent *k)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "consent_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "consent_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, k->id);
	sq_bind_text(c, st, 2, k->org_id);
	sq_bind_text(c, st, 3, k->client_id);
	sq_bind_text(c, st, 4, k->grantee_account);
	sq_bind_text(c, st, 5, k->grantee_org);
	sq_bind_text(c, st, 6, k->category);
	sq_bind_text(c, st, 7, k->decision);
	sq_bind_int64(c, st, 8, k->starts_at);
	sq_bind_int64(c, st, 9, k->ends_at);
	sq_bind_int64(c, st, 10, k->revoked_at);
	sq_bind_text(c, st, 11, k->decided_by);
	sq_bind_text(c, st, 12, k->decided_as);
	sq_bind_int64(c, st, 13, k->created_at);
	status = sq_step_done(c, st, "consent_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, k->org_id, "consent", k->id, "insert", 1);
}
