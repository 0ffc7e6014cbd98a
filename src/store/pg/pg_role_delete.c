/* SPDX-License-Identifier: EUPL-1.2 */
/* role_delete on PostgreSQL: withdraws one role of an account, with its change row. */
#include "pg_internal.h"

int
pg_role_delete(struct lia_conn *c, const char *account_id, const char *role_id)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "role_delete");
	if (st != LIA_STORE_OK)
		return st;
	const char *p[] = {role_id, account_id};
	PGresult *r;
	/* RETURNING gives the owning organisation the change feed row needs. */
	st = pg_exec(pc, "role_delete",
		     "DELETE FROM account_roles WHERE id = $1 AND account_id = $2 RETURNING org_id",
		     2, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return LIA_STORE_NOT_FOUND;
	}
	st = pg_change_append(pc, PQgetvalue(r, 0, 0), "role", role_id, "delete", 1);
	PQclear(r);
	return st;
}
