/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_insert on PostgreSQL: adds an organisation node (its own owner) and its change
 * feed row. ON CONFLICT DO NOTHING reports a duplicate without an error, so the
 * caller's transaction stays usable after a CONFLICT, as on SQLite.
 */
#include "pg_internal.h"

int
pg_org_insert(struct lia_conn *c, const struct lia_org *o)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "org_insert");
	if (st != LIA_STORE_OK)
		return st;
	char v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {o->id,
			   o->parent_id,
			   o->kind,
			   o->name,
			   o->tz,
			   o->path,
			   pg_i64(v, o->version),
			   pg_i64(at, o->created_at)};
	int64_t rows = 0;
	st = pg_run(pc, "org_insert",
		    "INSERT INTO orgs (id, org_id, parent_id, kind, name, tz, path, version, "
		    "created_at) VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8) "
		    "ON CONFLICT DO NOTHING",
		    8, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, o->id, "org", o->id, "insert", o->version);
}
