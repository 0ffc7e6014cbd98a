/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_settings_get on PostgreSQL: the planning settings stored on one organisation
 * node, as they are. Inheritance from the ancestors is the domain's job
 * (domain/planning.h), so a node without its own row is NOT_FOUND here.
 */
#include "pg_internal.h"

int
pg_org_settings_get(struct lia_conn *c, struct lia_arena *a, const char *org_id,
		    struct lia_org_settings *out)
{
	const char *p[] = {org_id};
	PGresult *r;
	int st = pg_exec(pg_of(c), "org_settings_get",
			 "SELECT org_id, settings, version, updated_at, updated_by "
			 "FROM org_settings WHERE org_id = $1",
			 1, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0) {
		st = LIA_STORE_NOT_FOUND;
	} else {
		out->org_id = pg_col_text(a, r, 0, 0);
		out->settings = pg_col_text(a, r, 0, 1);
		out->version = pg_col_i64(r, 0, 2);
		out->updated_at = pg_col_i64(r, 0, 3);
		out->updated_by = pg_col_text(a, r, 0, 4);
	}
	PQclear(r);
	return st;
}
