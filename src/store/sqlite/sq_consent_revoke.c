/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * consent_revoke on SQLite: withdraws a consent decision, once. A consent already
 * revoked is NOT_FOUND, like a missing one: the first instant of revocation stands
 * and the change feed gets a single update (version 2, the only one a consent has).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE consents SET revoked_at = ?2 "
			  "WHERE id = ?1 AND revoked_at = 0 RETURNING org_id";

int
sq_consent_revoke(struct lia_conn *lc, const char *id, int64_t at)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "consent_revoke");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "consent_revoke");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_int64(c, st, 2, at);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "consent_revoke");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = LIA_STORE_NOT_FOUND;
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "consent", id, "update", 2);
}
