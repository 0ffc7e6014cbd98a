/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * PostgreSQL connection, transactions and the helpers every pg_<op>.c uses (see
 * pg_internal.h): statements prepared once per server session and run with text
 * parameters, SQLSTATE mapping, column readers, the change feed append. A write
 * transaction is a session advisory lock taken before BEGIN ... SERIALIZABLE, so the
 * snapshot starts after the previous writer committed and the audit chain head and the
 * change feed see one total order of writes.
 */
#include "pg_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/clock.h"

/* client_min_messages hides the NOTICEs of IF NOT EXISTS. A server configured with
 * synchronous_commit = off would acknowledge commits that are not on disk: the
 * contract promises durable commits, so such a session turns it back on. */
/* plan_cache_mode: our statements are prepared once with optional filters
 * ("$n IS NULL OR ..."); a generic plan cannot see which are set and ends up scanning
 * and sorting a client's whole notebook (100 ms at 5,000 entries), where a plan made
 * with the values uses the index (PostgreSQL >= 12). */
static const char session_setup[] = "SET client_min_messages = warning; "
				    "SET plan_cache_mode = force_custom_plan; "
				    "SELECT set_config('synchronous_commit', 'on', false) "
				    "WHERE current_setting('synchronous_commit') = 'off'";

static void
forget_prepared(struct pg_conn *pc)
{
	for (size_t i = 0; i < pc->nprepared; i++)
		free(pc->prepared[i]);
	pc->nprepared = 0;
}

static bool
is_prepared(const struct pg_conn *pc, const char *name)
{
	for (size_t i = 0; i < pc->nprepared; i++)
		if (strcmp(pc->prepared[i], name) == 0)
			return true;
	return false;
}

static void
add_prepared(struct pg_conn *pc, const char *name)
{
	if (pc->nprepared == pc->cap_prepared) {
		pc->cap_prepared = pc->cap_prepared ? pc->cap_prepared * 2 : 32;
		pc->prepared = lia_xrealloc(pc->prepared, pc->cap_prepared * sizeof(char *));
	}
	pc->prepared[pc->nprepared++] = lia_xstrdup(name);
}

static int
setup_session(struct pg_conn *pc)
{
	PGresult *r = PQexec(pc->pg, session_setup);
	ExecStatusType s = PQresultStatus(r);
	int st = (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) ? LIA_STORE_OK :
								   pg_status_of(pc, "conn_open", r);
	PQclear(r);
	return st;
}

/* A lost connection is reset once, on the call after the loss. The server has rolled
 * back the open transaction and released the session lock with the old session, so
 * inside a transaction the caller must start over: RETRY. */
static int
ensure_conn(struct pg_conn *pc)
{
	if (PQstatus(pc->pg) == CONNECTION_OK)
		return LIA_STORE_OK;
	bool was_in_tx = pc->in_tx || pc->has_lock;
	pc->in_tx = false;
	pc->has_lock = false;
	forget_prepared(pc);
	PQreset(pc->pg);
	if (PQstatus(pc->pg) != CONNECTION_OK) {
		lia_log(LIA_LOG_ERROR, "store.pg.reset_failed", "status=%d", (int)PQstatus(pc->pg));
		return LIA_STORE_ERROR;
	}
	lia_log(LIA_LOG_WARN, "store.pg.reconnected", "in_tx=%d", was_in_tx ? 1 : 0);
	int st = setup_session(pc);
	if (st != LIA_STORE_OK)
		return st;
	return was_in_tx ? LIA_STORE_RETRY : LIA_STORE_OK;
}

int
pg_status_of(struct pg_conn *pc, const char *name, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (!state) {
		if (PQstatus(pc->pg) != CONNECTION_OK) {
			lia_log(LIA_LOG_WARN, "store.pg.connection_lost", "op=%s in_tx=%d", name,
				pc->in_tx ? 1 : 0);
			return pc->in_tx ? LIA_STORE_RETRY : LIA_STORE_ERROR;
		}
		LIA_BUG("store.pg.error", "op=%s result=%s", name,
			r ? PQresStatus(PQresultStatus(r)) : "none");
		return LIA_STORE_ERROR;
	}
	if (strcmp(state, "23505") == 0)
		return LIA_STORE_CONFLICT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) {
		lia_log(LIA_LOG_DEBUG, "store.pg.serialization", "op=%s sqlstate=%s", name, state);
		return LIA_STORE_RETRY;
	}
	/* Schema names only: the message and detail may quote bound values. Class 42
	 * (syntax, undefined column) is about our SQL text, so its message helps. */
	const char *constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
	const char *table = PQresultErrorField(r, PG_DIAG_TABLE_NAME);
	const char *msg = strncmp(state, "42", 2) == 0 ?
				  PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) :
				  NULL;
	char quoted[160];
	snprintf(quoted, sizeof quoted, "%s", msg ? msg : "-");
	for (char *q = quoted; *q; q++)
		if (*q == '"' || *q == '\n')
			*q = '\''; /* keep the logfmt value in one piece */
	LIA_BUG("store.pg.error", "op=%s sqlstate=%s table=%s constraint=%s msg=\"%s\"", name,
		state, table ? table : "-", constraint ? constraint : "-", quoted);
	return LIA_STORE_ERROR;
}

int
pg_exec(struct pg_conn *pc, const char *name, const char *sql, int n, const char *const *params,
	PGresult **out)
{
	return pg_exec_params(pc, name, sql, n, params, NULL, NULL, out);
}

int
pg_exec_params(struct pg_conn *pc, const char *name, const char *sql, int n,
	       const char *const *params, const int *lengths, const int *formats, PGresult **out)
{
	*out = NULL;
	int st = ensure_conn(pc);
	if (st != LIA_STORE_OK)
		return st;
	if (!is_prepared(pc, name)) {
		/* Prepared statements outlive transactions, so one PREPARE per session. */
		PGresult *p = PQprepare(pc->pg, name, sql, n, NULL);
		if (PQresultStatus(p) != PGRES_COMMAND_OK) {
			st = pg_status_of(pc, name, p);
			PQclear(p);
			return st;
		}
		PQclear(p);
		add_prepared(pc, name);
	}
	PGresult *r = PQexecPrepared(pc->pg, name, n, params, lengths, formats, 0);
	ExecStatusType s = PQresultStatus(r);
	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
		*out = r;
		return LIA_STORE_OK;
	}
	st = pg_status_of(pc, name, r);
	PQclear(r);
	return st;
}

int
pg_run(struct pg_conn *pc, const char *name, const char *sql, int n, const char *const *params,
       int64_t *rows)
{
	PGresult *r;
	int st = pg_exec(pc, name, sql, n, params, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (rows) {
		const char *t = PQcmdTuples(r);
		*rows = *t ? strtoll(t, NULL, 10) : PQntuples(r);
	}
	PQclear(r);
	return LIA_STORE_OK;
}

int
pg_simple(struct pg_conn *pc, const char *what, const char *sql)
{
	int st = ensure_conn(pc);
	if (st != LIA_STORE_OK)
		return st;
	PGresult *r = PQexec(pc->pg, sql);
	ExecStatusType s = PQresultStatus(r);
	st = (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) ? LIA_STORE_OK :
							       pg_status_of(pc, what, r);
	PQclear(r);
	return st;
}

int
pg_require_tx_at(const struct pg_conn *pc, const char *op, const char *file, int line)
{
	if (pc->in_tx)
		return LIA_STORE_OK;
	lia_log(LIA_LOG_ERROR, "store.pg.outside_tx", "src=%s:%d op=%s", file, line, op);
	return LIA_STORE_ERROR;
}

const char *
pg_i64(char buf[PG_I64_LEN], int64_t v)
{
	snprintf(buf, PG_I64_LEN, "%" PRId64, v);
	return buf;
}

const char *
pg_bool(bool v)
{
	return v ? "t" : "f";
}

const char *
pg_col_raw(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

const char *
pg_col_text(struct lia_arena *a, const PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return NULL;
	return lia_arena_strndup(a, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

int64_t
pg_col_i64(const PGresult *r, int row, int col)
{
	const char *v = pg_col_raw(r, row, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

bool
pg_col_bool(const PGresult *r, int row, int col)
{
	const char *v = pg_col_raw(r, row, col);
	return v && v[0] == 't';
}

const char *
pg_text_array(struct lia_arena *a, const char *const *items, int n)
{
	/* Array literal syntax: every element double-quoted, \ and " escaped. */
	size_t len = 3;
	for (int i = 0; i < n; i++)
		len += 2 * strlen(items[i] ? items[i] : "") + 3;
	char *out = lia_arena_alloc(a, len);
	char *p = out;
	*p++ = '{';
	for (int i = 0; i < n; i++) {
		if (i)
			*p++ = ',';
		*p++ = '"';
		for (const char *s = items[i] ? items[i] : ""; *s; s++) {
			if (*s == '"' || *s == '\\')
				*p++ = '\\';
			*p++ = *s;
		}
		*p++ = '"';
	}
	*p++ = '}';
	*p = '\0';
	return out;
}

const char *
pg_new_id(struct pg_conn *pc)
{
	size_t k = pc->ids_used++;
	struct pg_id_block **b = &pc->id_blocks;
	for (;;) {
		if (!*b)
			*b = lia_xcalloc(1, sizeof **b);
		if (k < PG_IDS_PER_BLOCK)
			break;
		k -= PG_IDS_PER_BLOCK;
		b = &(*b)->next;
	}
	lia_uuid7((*b)->ids[k]);
	return (*b)->ids[k];
}

bool
pg_owns_id(const struct pg_conn *pc, const char *id)
{
	/* Compare as integers: relational operators on pointers into different
	 * objects are undefined. */
	uintptr_t p = (uintptr_t)id;
	for (const struct pg_id_block *b = pc->id_blocks; b; b = b->next)
		if (p >= (uintptr_t)b->ids && p < (uintptr_t)b->ids + sizeof b->ids)
			return true;
	return false;
}

int
pg_change_append(struct pg_conn *pc, const char *org_id, const char *entity, const char *entity_id,
		 const char *op, int64_t version)
{
	char v[PG_I64_LEN], at[PG_I64_LEN];
	const char *p[] = {
		org_id, entity, entity_id, op, pg_i64(v, version), pg_i64(at, lia_clock_now_us())};
	return pg_run(pc, "change_append",
		      "INSERT INTO changes (org_id, entity, entity_id, op, version, at) "
		      "VALUES ($1, $2, $3, $4, $5, $6)",
		      6, p, NULL);
}

int
pg_conn_open(const char *url, struct lia_conn **out)
{
	*out = NULL;
	PGconn *pg = PQconnectdb(url);
	if (!pg || PQstatus(pg) != CONNECTION_OK) {
		/* libpq's message names the host and user, never a password. */
		const char *m = pg ? PQerrorMessage(pg) : "out of memory";
		char oneline[256];
		snprintf(oneline, sizeof oneline, "%s", m);
		for (char *q = oneline; *q; q++)
			if (*q == '\n' || *q == '"')
				*q = ' ';
		lia_log(LIA_LOG_ERROR, "store.pg.connect_failed", "error=\"%s\"", oneline);
		PQfinish(pg);
		return LIA_STORE_ERROR;
	}
	struct pg_conn *pc = lia_xcalloc(1, sizeof *pc);
	pc->base.ops = &lia_store_pg;
	pc->pg = pg;
	pc->url = lia_xstrdup(url);
	if (setup_session(pc) != LIA_STORE_OK) {
		pg_conn_close(&pc->base);
		return LIA_STORE_ERROR;
	}
	*out = &pc->base;
	return LIA_STORE_OK;
}

void
pg_conn_close(struct lia_conn *c)
{
	if (!c)
		return;
	struct pg_conn *pc = pg_of(c);
	/* Closing the session rolls back an open transaction and frees the lock. */
	PQfinish(pc->pg);
	forget_prepared(pc);
	free(pc->prepared);
	free(pc->url);
	for (struct pg_id_block *b = pc->id_blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(pc);
}

int
pg_ping(struct lia_conn *c)
{
	return pg_simple(pg_of(c), "ping", "SELECT 1");
}

int
pg_begin_write(struct lia_conn *c)
{
	struct pg_conn *pc = pg_of(c);
	if (pc->in_tx || pc->has_lock) {
		LIA_BUG("store.pg.nested_begin", "in_tx=%d", pc->in_tx ? 1 : 0);
		return LIA_STORE_ERROR;
	}
	/* Ids handed out by audit_append belong to one write (pg_audit_append.c). */
	pc->ids_used = 0;
	int st =
		pg_simple(pc, "begin_write.lock", "SELECT pg_advisory_lock(" PG_WRITE_LOCK_KEY ")");
	if (st == LIA_STORE_OK) {
		pc->has_lock = true;
		st = pg_simple(pc, "begin_write", "BEGIN ISOLATION LEVEL SERIALIZABLE");
	}
	if (st != LIA_STORE_OK) {
		pg_rollback(c);
		/* The server went away since the last call (restart, fail-over): nothing
		 * was written yet, so the runner may start over on a reset connection. */
		return PQstatus(pc->pg) != CONNECTION_OK ? LIA_STORE_RETRY : st;
	}
	pc->in_tx = true;
	return LIA_STORE_OK;
}

static void
unlock(struct pg_conn *pc)
{
	if (!pc->has_lock)
		return;
	pc->has_lock = false;
	if (PQstatus(pc->pg) != CONNECTION_OK)
		return;
	PGresult *r = PQexec(pc->pg, "SELECT pg_advisory_unlock(" PG_WRITE_LOCK_KEY ")");
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		pg_status_of(pc, "unlock", r);
	PQclear(r);
}

int
pg_sync(struct lia_conn *c)
{
	(void)c; /* every COMMIT already waited for the WAL flush */
	return LIA_STORE_OK;
}

int
pg_checkpoint(struct lia_conn *c)
{
	(void)c; /* PostgreSQL checkpoints by itself */
	return LIA_STORE_OK;
}

int
pg_commit(struct lia_conn *c)
{
	struct pg_conn *pc = pg_of(c);
	if (!pc->in_tx) {
		LIA_BUG("store.pg.commit_outside_tx", "has_lock=%d", pc->has_lock ? 1 : 0);
		return LIA_STORE_ERROR;
	}
	/* Whatever COMMIT answers, the transaction is over; a connection lost during
	 * COMMIT leaves the outcome unknown, so that is an ERROR, never a RETRY. */
	pc->in_tx = false;
	PGresult *r = PQexec(pc->pg, "COMMIT");
	int st;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		st = pg_status_of(pc, "commit", r);
	} else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		/* COMMIT of a transaction aborted by an earlier error answers ROLLBACK. */
		LIA_BUG("store.pg.commit_rolled_back", "tag=%s", PQcmdStatus(r));
		st = LIA_STORE_ERROR;
	} else {
		st = LIA_STORE_OK;
	}
	PQclear(r);
	unlock(pc);
	return st;
}

void
pg_rollback(struct lia_conn *c)
{
	struct pg_conn *pc = pg_of(c);
	if (PQstatus(pc->pg) != CONNECTION_OK) {
		/* The server ended the session: nothing is open any more. */
		pc->in_tx = false;
		pc->has_lock = false;
		return;
	}
	if (pc->in_tx) {
		pc->in_tx = false;
		PGresult *r = PQexec(pc->pg, "ROLLBACK");
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			pg_status_of(pc, "rollback", r);
		PQclear(r);
	}
	unlock(pc);
}

static int
in_tx_simple(struct lia_conn *c, const char *what, const char *sql)
{
	struct pg_conn *pc = pg_of(c);
	if (!pc->in_tx) {
		LIA_BUG("store.pg.savepoint_outside_tx", "op=%s", what);
		return LIA_STORE_ERROR;
	}
	return pg_simple(pc, what, sql);
}

int
pg_savepoint(struct lia_conn *c)
{
	return in_tx_simple(c, "savepoint", "SAVEPOINT sp");
}

int
pg_savepoint_release(struct lia_conn *c)
{
	return in_tx_simple(c, "savepoint_release", "RELEASE SAVEPOINT sp");
}

int
pg_savepoint_rollback(struct lia_conn *c)
{
	return in_tx_simple(c, "savepoint_rollback",
			    "ROLLBACK TO SAVEPOINT sp; RELEASE SAVEPOINT sp");
}
