/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * org_settings_put on PostgreSQL: expected_version 0 creates the node's settings row
 * (CONFLICT when it exists, by ON CONFLICT DO NOTHING so the caller's transaction
 * stays usable); any other version replaces the settings under optimistic concurrency
 * (STALE or NOT_FOUND). The stored version is expected_version + 1 either way, and the
 * change feed row carries it. s->version is not read.
 */
#include "pg_internal.h"

int
pg_org_settings_put(struct lia_conn *c, const struct lia_org_settings *s, int64_t expected_version)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "org_settings_put");
	if (st != LIA_STORE_OK)
		return st;
	int64_t new_version = expected_version + 1;
	char nv[PG_I64_LEN], ev[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {s->org_id,
			   s->settings,
			   pg_i64(nv, new_version),
			   pg_i64(at, s->updated_at),
			   s->updated_by,
			   pg_i64(ev, expected_version)};
	int64_t rows = 0;
	if (expected_version == 0) {
		st = pg_run(pc, "org_settings_put.insert",
			    "INSERT INTO org_settings (org_id, settings, version, updated_at, "
			    "updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
			    5, p, &rows);
		if (st != LIA_STORE_OK)
			return st;
		if (rows == 0)
			return LIA_STORE_CONFLICT;
		return pg_change_append(pc, s->org_id, "org_settings", s->org_id, "insert",
					new_version);
	}
	st = pg_run(pc, "org_settings_put.update",
		    "UPDATE org_settings SET settings = $2, version = $3, updated_at = $4, "
		    "updated_by = $5 WHERE org_id = $1 AND version = $6",
		    6, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return pg_stale_or_missing(pc, "org_settings_put.why",
					   "SELECT 1 FROM org_settings WHERE org_id = $1",
					   s->org_id);
	return pg_change_append(pc, s->org_id, "org_settings", s->org_id, "update", new_version);
}
