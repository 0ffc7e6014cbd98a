/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Schema migrations on SQLite: every migration compiled in (migrations.h) whose
 * number is not yet in schema_migrations runs in its own BEGIN IMMEDIATE
 * transaction together with its bookkeeping row, so a migration is either wholly
 * applied or not at all, and two processes migrating at once apply each only once.
 */
#include "store/sqlite/sq_internal.h"

#include "core/clock.h"
#include "core/log.h"
#include "store/migrations.h"

static const char sql_create[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	"number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
static const char sql_exists[] =
	"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
static const char sql_version[] = "SELECT coalesce(max(number), 0) FROM schema_migrations";
static const char sql_applied[] = "SELECT 1 FROM schema_migrations WHERE number = ?1";
static const char sql_record[] =
	"INSERT INTO schema_migrations (number, name, applied_at) VALUES (?1, ?2, ?3)";

/* Runs a one-row query; *found tells whether it answered, *v holds column 0. */
static int
query_int(struct sq_conn *c, const char *sql, int arg, int *found, int64_t *v)
{
	sqlite3_stmt *st = sq_stmt(c, sql, "migrate");
	if (!st)
		return LIA_STORE_ERROR;
	if (sqlite3_bind_parameter_count(st) > 0)
		sq_bind_int64(c, st, 1, arg);
	int rc = sq_step(c, st);
	int status = LIA_STORE_OK;
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "migrate");
	sq_reset(st);
	return status;
}

/* The migration's SQL and its bookkeeping row, inside the caller's transaction. */
static int
run(struct sq_conn *c, const struct lia_migration *m)
{
	int rc = sqlite3_exec(c->db, m->sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		lia_log(LIA_LOG_ERROR, "store.migrate.failed", "migration=%s", m->name);
		return sq_status(c, rc, "migrate");
	}
	sqlite3_stmt *st = sq_stmt(c, sql_record, "migrate");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_int64(c, st, 1, m->number);
	sq_bind_text(c, st, 2, m->name);
	sq_bind_int64(c, st, 3, lia_clock_now_us());
	return sq_step_done(c, st, "migrate");
}

static int
apply(struct sq_conn *c, const struct lia_migration *m, int *applied)
{
	int found = 0;
	int64_t v = 0;
	int st = sq_begin_write(&c->base);
	if (st != LIA_STORE_OK)
		return st;
	/* Checked under the write lock: another process may have just applied it. */
	st = query_int(c, sql_applied, m->number, &found, &v);
	if (st == LIA_STORE_OK && !found)
		st = run(c, m);
	if (st == LIA_STORE_OK)
		st = sq_commit(&c->base);
	if (st != LIA_STORE_OK) {
		sq_rollback(&c->base);
		return st;
	}
	if (!found) {
		(*applied)++;
		lia_log(LIA_LOG_INFO, "store.migrate.applied", "migration=%s", m->name);
	}
	return LIA_STORE_OK;
}

int
sq_migrate(struct lia_conn *lc, int *applied)
{
	struct sq_conn *c = sq_conn(lc);
	*applied = 0;
	int rc = sqlite3_exec(c->db, sql_create, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_status(c, rc, "migrate");
	int version = 0;
	int st = sq_schema_version(lc, &version);
	for (size_t i = 0; st == LIA_STORE_OK && i < lia_migrations_sqlite_count; i++)
		if (lia_migrations_sqlite[i].number > version)
			st = apply(c, &lia_migrations_sqlite[i], applied);
	return st;
}

int
sq_schema_version(struct lia_conn *lc, int *version)
{
	struct sq_conn *c = sq_conn(lc);
	int found = 0;
	int64_t v = 0;
	*version = 0;
	int st = query_int(c, sql_exists, 0, &found, &v);
	if (st != LIA_STORE_OK || !found)
		return st;
	st = query_int(c, sql_version, 0, &found, &v);
	if (st == LIA_STORE_OK && found)
		*version = (int)v;
	return st;
}
