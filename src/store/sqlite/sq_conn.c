/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * SQLite connection: opening a database file with the settings that make a write
 * durable before it is acknowledged (WAL, synchronous=FULL), write transactions
 * (BEGIN IMMEDIATE takes the single write lock up front, so a busy database shows
 * up at BEGIN, where lia_store_write can retry, rather than at the first write),
 * savepoints, and the helpers every operation file uses: the per-connection cache
 * of prepared statements, binds, columns, result mapping and the change feed.
 */
#include "store/sqlite/sq_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"

#define BUSY_TIMEOUT_MS 5000

/* synchronous=FULL: a commit returns only once the WAL is on disk (DESIGN.md,
 * principle 1). journal_size_limit trims the WAL after checkpoints. */
/* synchronous=NORMAL: in WAL mode a COMMIT then writes the log without flushing
 * it, and sq_commit / sq_sync flush it with fdatasync(2) — which makes every
 * commit as durable as synchronous=FULL, but lets the group committer flush once
 * for several batches while the next one runs (store.h, commit_nosync). */
static const char pragmas[] = "PRAGMA synchronous=NORMAL;"
			      "PRAGMA foreign_keys=ON;"
			      "PRAGMA journal_size_limit=67108864;"
			      "PRAGMA temp_store=MEMORY;"
			      /* Checkpoints run apart from commits (sq_checkpoint, called by
			       * the server's checkpoint thread and after CLI commits): inside a
			       * commit they took a fifth of the group committer's time. */
			      "PRAGMA wal_autocheckpoint=0;";

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";
static const char sql_savepoint[] = "SAVEPOINT sp";
static const char sql_release[] = "RELEASE sp";
static const char sql_rollback_to[] = "ROLLBACK TO sp";
static const char sql_ping[] = "SELECT 1";
static const char sql_change[] = "INSERT INTO changes (org_id, entity, entity_id, op, version, at) "
				 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* ---- statement cache ---- */

static size_t
slot_of(const char *sql, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)sql * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 32) & (cap - 1);
}

static void
cache_put(struct sq_stmt_slot *slots, size_t cap, const char *sql, sqlite3_stmt *st)
{
	size_t i = slot_of(sql, cap);
	while (slots[i].sql)
		i = (i + 1) & (cap - 1);
	slots[i].sql = sql;
	slots[i].st = st;
}

static void
cache_grow(struct sq_conn *c)
{
	size_t cap = c->cap ? c->cap * 2 : 64;
	struct sq_stmt_slot *slots = lia_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].sql)
			cache_put(slots, cap, c->slots[i].sql, c->slots[i].st);
	free(c->slots);
	c->slots = slots;
	c->cap = cap;
}

sqlite3_stmt *
sq_stmt(struct sq_conn *c, const char *sql, const char *op)
{
	if (c->cap) {
		size_t i = slot_of(sql, c->cap);
		while (c->slots[i].sql) {
			if (c->slots[i].sql == sql)
				return c->slots[i].st;
			i = (i + 1) & (c->cap - 1);
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		sq_status(c, rc, op);
		return NULL;
	}
	/* Keep the table at most half full so that probes stay short. */
	if ((c->nslots + 1) * 2 > c->cap)
		cache_grow(c);
	cache_put(c->slots, c->cap, sql, st);
	c->nslots++;
	return st;
}

/* ---- binds, steps, columns ---- */

static void
bind_result(struct sq_conn *c, int rc)
{
	if (rc != SQLITE_OK && c->bind_rc == SQLITE_OK)
		c->bind_rc = rc;
}

void
sq_bind_text(struct sq_conn *c, sqlite3_stmt *st, int i, const char *s)
{
	/* SQLITE_STATIC: the caller's string outlives the step, and sq_reset clears
	 * the binding before the statement is used again. */
	bind_result(c,
		    s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i));
}

void
sq_bind_int64(struct sq_conn *c, sqlite3_stmt *st, int i, int64_t v)
{
	bind_result(c, sqlite3_bind_int64(st, i, (sqlite3_int64)v));
}

int
sq_step(struct sq_conn *c, sqlite3_stmt *st)
{
	if (c->bind_rc != SQLITE_OK) {
		int rc = c->bind_rc;
		c->bind_rc = SQLITE_OK;
		return rc;
	}
	return sqlite3_step(st);
}

void
sq_reset(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
sq_step_done(struct sq_conn *c, sqlite3_stmt *st, const char *op)
{
	int rc = sq_step(c, st);
	int status = rc == SQLITE_DONE ? LIA_STORE_OK : sq_status(c, rc, op);
	sq_reset(st);
	return status;
}

const char *
sq_col_text(struct lia_arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	if (!s)
		return NULL;
	return lia_arena_strndup(a, (const char *)s, (size_t)sqlite3_column_bytes(st, i));
}

const char *
sq_col_borrow(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int
sq_col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const char *s = sq_col_borrow(st, i);
	size_t len = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
	buf[0] = '\0';
	if (!s || len >= size)
		return 0;
	memcpy(buf, s, len + 1);
	return 1;
}

void *
sq_grow(struct lia_arena *a, void *items, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = lia_arena_alloc(a, ncap * elem);
	if (n)
		memcpy(p, items, n * elem);
	*cap = ncap;
	return p;
}

/* ---- results ---- */

int
sq_status_at(struct sq_conn *c, int rc, const char *op, const char *file, int line)
{
	int primary = rc & 0xff;
	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return LIA_STORE_RETRY;
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return LIA_STORE_CONFLICT;
	/* SQLite's messages name tables and columns, never the bound values. */
	lia_log(LIA_LOG_ERROR, "store.sqlite.error", "src=%s:%d op=%s rc=%d msg=\"%s\"", file, line,
		op, rc, c && c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
	return LIA_STORE_ERROR;
}

int
sq_stale_or_missing(struct sq_conn *c, const char *sql_exists, const char *id, const char *op)
{
	sqlite3_stmt *st = sq_stmt(c, sql_exists, op);
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	int rc = sq_step(c, st);
	int status = rc == SQLITE_ROW  ? LIA_STORE_STALE :
		     rc == SQLITE_DONE ? LIA_STORE_NOT_FOUND :
					 sq_status(c, rc, op);
	sq_reset(st);
	return status;
}

int
sq_require_tx_at(struct sq_conn *c, const char *op, const char *file, int line)
{
	if (!sqlite3_get_autocommit(c->db))
		return LIA_STORE_OK;
	lia_log(LIA_LOG_ERROR, "store.sqlite.no_transaction", "src=%s:%d op=%s", file, line, op);
	return LIA_STORE_ERROR;
}

int
sq_change_append(struct sq_conn *c, const char *org_id, const char *entity, const char *entity_id,
		 const char *op, int64_t version)
{
	sqlite3_stmt *st = sq_stmt(c, sql_change, "change_append");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, org_id);
	sq_bind_text(c, st, 2, entity);
	sq_bind_text(c, st, 3, entity_id);
	sq_bind_text(c, st, 4, op);
	sq_bind_int64(c, st, 5, version);
	sq_bind_int64(c, st, 6, lia_clock_now_us());
	return sq_step_done(c, st, "change_append");
}

/* ---- opening and closing ---- */

/* Creates the database file readable by its owner only; SQLite gives the -wal and
 * -shm files the database file's mode. An existing file is not opened at all: closing
 * any descriptor of the database file drops every POSIX lock this process holds on it
 * (SQLite's "how to corrupt" 2.2), including the shared lock of the connections
 * already open, after which another process closing its own connection believes it
 * is the last one and checkpoints and resets the log under them. */
static int
create_private(const char *path)
{
	if (strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0)
		return 0;
	struct stat sb;
	if (stat(path, &sb) == 0)
		return 0;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1; /* another thread or process created it */
	close(fd);
	return 0;
}

static int
journal_mode_cb(void *cls, int ncol, char **vals, char **names)
{
	(void)names;
	int *is_wal = cls;
	*is_wal = ncol == 1 && vals[0] && strcmp(vals[0], "wal") == 0;
	return 0;
}

static int
configure(struct sq_conn *c)
{
	int is_wal = 0;
	sqlite3_extended_result_codes(c->db, 1);
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	int rc = sqlite3_exec(c->db, "PRAGMA journal_mode=WAL", journal_mode_cb, &is_wal, NULL);
	if (rc != SQLITE_OK)
		return sq_status(c, rc, "conn_open");
	if (!is_wal) {
		LIA_BUG("store.sqlite.no_wal", "op=conn_open");
		return LIA_STORE_ERROR;
	}
	rc = sqlite3_exec(c->db, pragmas, NULL, NULL, NULL);
	return rc == SQLITE_OK ? LIA_STORE_OK : sq_status(c, rc, "conn_open");
}

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void
global_config(void)
{
	/* SQLite's memory statistics take a process-wide mutex on every allocation,
	 * which the worker threads and the committer fought over (8 % of the
	 * committer's time). Must precede the first sqlite3_open. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
sq_conn_open(const char *url, struct lia_conn **out)
{
	*out = NULL;
	pthread_once(&global_once, global_config);
	if (!url || !*url) {
		lia_log(LIA_LOG_ERROR, "store.sqlite.open", "reason=empty_path");
		return LIA_STORE_ERROR;
	}
	if (create_private(url) != 0) {
		lia_log(LIA_LOG_ERROR, "store.sqlite.open", "path=%s errno=%d", url, errno);
		return LIA_STORE_ERROR;
	}
	struct sq_conn *c = lia_xcalloc(1, sizeof *c);
	c->base.ops = &lia_store_sqlite;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
		    SQLITE_OPEN_URI;
	int rc = sqlite3_open_v2(url, &c->db, flags, NULL);
	int st = rc == SQLITE_OK ? configure(c) : sq_status(c, rc, "conn_open");
	if (st != LIA_STORE_OK) {
		sq_conn_close(&c->base);
		return st == LIA_STORE_RETRY ? st : LIA_STORE_ERROR;
	}
	const char *db_path = sqlite3_db_filename(c->db, "main");
	c->wal_path = lia_xstrdup(sqlite3_filename_wal(db_path));
	*out = &c->base;
	return LIA_STORE_OK;
}

void
sq_conn_close(struct lia_conn *lc)
{
	if (!lc)
		return;
	struct sq_conn *c = sq_conn(lc);
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].sql)
			sqlite3_finalize(c->slots[i].st);
	free(c->slots);
	for (struct sq_id_block *b = c->id_blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	sqlite3_close(c->db);
	free(c->wal_path);
	free(c);
}

/* ---- transactions ---- */

static int
exec_cached(struct sq_conn *c, const char *sql, const char *op)
{
	sqlite3_stmt *st = sq_stmt(c, sql, op);
	return st ? sq_step_done(c, st, op) : LIA_STORE_ERROR;
}

int
sq_begin_write(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	/* Ids generated by audit_append belong to one transaction (sq_audit_append.c). */
	c->ids_used = 0;
	int st = exec_cached(c, sql_begin, "begin_write");
	c->in_tx = st == LIA_STORE_OK;
	return st;
}

int
sq_commit_nosync(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	int st = exec_cached(c, sql_commit, "commit");
	if (st == LIA_STORE_OK)
		c->in_tx = 0;
	return st;
}

int
sq_sync(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	/* fdatasync(2) flushes the file, whichever descriptor names it: opening the
	 * log afresh also follows SQLite if it ever recreated it. */
	int fd = open(c->wal_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return LIA_STORE_OK; /* no log: everything is in the database file */
		lia_log(LIA_LOG_ERROR, "store.sqlite.sync", "src=%s:%d errno=%d", __FILE__, __LINE__,
			errno);
		return LIA_STORE_ERROR;
	}
	int rc = fdatasync(fd);
	int err = errno;
	close(fd);
	if (rc != 0) {
		lia_log(LIA_LOG_ERROR, "store.sqlite.sync", "src=%s:%d errno=%d", __FILE__, __LINE__,
			err);
		return LIA_STORE_ERROR;
	}
	return LIA_STORE_OK;
}

int
sq_checkpoint(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	int frames = 0, done = 0;
	int rc = sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, &frames, &done);
	/* Busy means another checkpoint is running: it will do the work. */
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return LIA_STORE_OK;
	return rc == SQLITE_OK ? LIA_STORE_OK : sq_status(c, rc, "checkpoint");
}

int
sq_commit(struct lia_conn *lc)
{
	int st = sq_commit_nosync(lc);
	if (st == LIA_STORE_OK)
		st = sq_sync(lc);
	/* Commands run without the server's checkpoint thread: keep the log short. */
	if (st == LIA_STORE_OK)
		sq_checkpoint(lc);
	return st;
}

void
sq_rollback(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	if (!sqlite3_get_autocommit(c->db))
		exec_cached(c, sql_rollback, "rollback");
	c->in_tx = 0;
}

int
sq_savepoint(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	/* Outside BEGIN, SAVEPOINT would silently start a deferred transaction
	 * that has not taken the write lock. */
	if (!c->in_tx) {
		LIA_BUG("store.sqlite.no_transaction", "op=savepoint");
		return LIA_STORE_ERROR;
	}
	return exec_cached(c, sql_savepoint, "savepoint");
}

int
sq_savepoint_release(struct lia_conn *lc)
{
	return exec_cached(sq_conn(lc), sql_release, "savepoint_release");
}

int
sq_savepoint_rollback(struct lia_conn *lc)
{
	/* ROLLBACK TO keeps the savepoint on the stack; release it so that savepoints
	 * pair up the same way on both backends. */
	struct sq_conn *c = sq_conn(lc);
	int st = exec_cached(c, sql_rollback_to, "savepoint_rollback");
	return st == LIA_STORE_OK ? exec_cached(c, sql_release, "savepoint_rollback") : st;
}

int
sq_ping(struct lia_conn *lc)
{
	struct sq_conn *c = sq_conn(lc);
	sqlite3_stmt *st = sq_stmt(c, sql_ping, "ping");
	if (!st)
		return LIA_STORE_ERROR;
	int rc = sq_step(c, st);
	int status = rc == SQLITE_ROW ? LIA_STORE_OK : sq_status(c, rc, "ping");
	sq_reset(st);
	return status;
}
