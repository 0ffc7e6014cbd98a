/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Schema migrations on PostgreSQL: applies the scripts compiled in from sql/pg/ that
 * schema_migrations does not list yet, each with its bookkeeping row in one
 * transaction, so a failed script leaves neither half a schema nor a false record.
 * A session advisory lock keeps two processes from migrating at the same time.
 */
#include "pg_internal.h"

#include <stdlib.h>

#include "core/clock.h"
#include "store/migrations.h"

static const char create_table[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

static int
applied_max(struct pg_conn *pc, int *version)
{
	PGresult *r;
	int st = pg_exec(pc, "migrate.max",
			 "SELECT coalesce(max(number), 0) FROM schema_migrations", 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	*version = (int)pg_col_i64(r, 0, 0);
	PQclear(r);
	return LIA_STORE_OK;
}

static int
is_applied(struct pg_conn *pc, int number, bool *yes)
{
	char num[PG_I64_LEN];
	const char *p[] = {pg_i64(num, number)};
	int64_t rows = 0;
	int st = pg_run(pc, "migrate.applied", "SELECT 1 FROM schema_migrations WHERE number = $1",
			1, p, &rows);
	*yes = rows > 0;
	return st;
}

static int
apply_one(struct pg_conn *pc, const struct lia_migration *m)
{
	int st = pg_simple(pc, "migrate.begin", "BEGIN");
	if (st != LIA_STORE_OK)
		return st;
	pc->in_tx = true;
	/* PQexec runs a multi-statement script inside the open transaction. */
	st = pg_simple(pc, m->name, m->sql);
	if (st == LIA_STORE_OK) {
		char num[PG_I64_LEN], at[PG_I64_LEN];
		const char *p[] = {pg_i64(num, m->number), m->name, pg_i64(at, lia_clock_now_us())};
		st = pg_run(pc, "migrate.record",
			    "INSERT INTO schema_migrations (number, name, applied_at) "
			    "VALUES ($1, $2, $3)",
			    3, p, NULL);
	}
	pc->in_tx = false;
	int end = pg_simple(pc, "migrate.end", st == LIA_STORE_OK ? "COMMIT" : "ROLLBACK");
	if (st == LIA_STORE_OK)
		st = end;
	if (st == LIA_STORE_OK)
		lia_log(LIA_LOG_INFO, "store.migrated", "backend=postgresql migration=%s", m->name);
	return st;
}

int
pg_migrate(struct lia_conn *c, int *applied)
{
	struct pg_conn *pc = pg_of(c);
	*applied = 0;
	if (pc->in_tx || pc->has_lock) {
		LIA_BUG("store.pg.migrate_in_tx", "in_tx=%d", pc->in_tx ? 1 : 0);
		return LIA_STORE_ERROR;
	}
	int st = pg_simple(pc, "migrate.lock", "SELECT pg_advisory_lock(" PG_MIGRATE_LOCK_KEY ")");
	if (st != LIA_STORE_OK)
		return st;
	st = pg_simple(pc, "migrate.create", create_table);
	for (size_t i = 0; st == LIA_STORE_OK && i < lia_migrations_pg_count; i++) {
		bool done = false;
		st = is_applied(pc, lia_migrations_pg[i].number, &done);
		if (st == LIA_STORE_OK && !done) {
			st = apply_one(pc, &lia_migrations_pg[i]);
			if (st == LIA_STORE_OK)
				(*applied)++;
		}
	}
	/* The lock belongs to the session: release it even after a failure. */
	int unlocked = pg_simple(pc, "migrate.unlock",
				 "SELECT pg_advisory_unlock(" PG_MIGRATE_LOCK_KEY ")");
	return st == LIA_STORE_OK ? unlocked : st;
}

int
pg_schema_version(struct lia_conn *c, int *version)
{
	struct pg_conn *pc = pg_of(c);
	*version = 0;
	PGresult *r;
	/* An empty database has no schema_migrations table yet: version 0. */
	int st = pg_exec(pc, "schema_version",
			 "SELECT to_regclass('schema_migrations') IS NOT NULL", 0, NULL, &r);
	if (st != LIA_STORE_OK)
		return st;
	bool exists = pg_col_bool(r, 0, 0);
	PQclear(r);
	return exists ? applied_max(pc, version) : LIA_STORE_OK;
}
