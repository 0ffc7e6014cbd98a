/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_insert on SQLite: a new organisation node (its own owner: org_id = id) and
 * its change-feed row. CONFLICT when the id (or path) exists.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO orgs (id, org_id, parent_id, kind, name, tz, path, version, created_at) "
	"VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int
sq_org_insert(struct lia_conn *lc, const struct lia_org *o)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "org_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "org_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, o->id);
	sq_bind_text(c, st, 2, o->parent_id);
	sq_bind_text(c, st, 3, o->kind);
	sq_bind_text(c, st, 4, o->name);
	sq_bind_text(c, st, 5, o->tz);
	sq_bind_text(c, st, 6, o->path);
	sq_bind_int64(c, st, 7, o->version);
	sq_bind_int64(c, st, 8, o->created_at);
	status = sq_step_done(c, st, "org_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, o->id, "org", o->id, "insert", o->version);
}
