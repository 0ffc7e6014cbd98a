/* SPDX-License-Identifier: EUPL-1.2 */
/* Plugin selection and the write-transaction runner shared by both backends. */
#include "store/store.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/log.h"
#include "core/uuid.h"

#define MAX_ATTEMPTS 20

const struct lia_store_ops *
lia_store_ops_for(const char *url)
{
	if (!url)
		return &lia_store_sqlite;
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "host=", 5) == 0 || strncmp(url, "dbname=", 7) == 0)
		return &lia_store_pg;
	return &lia_store_sqlite;
}

int
lia_store_connect(const char *url, struct lia_conn **out)
{
	return lia_store_ops_for(url)->conn_open(url, out);
}

static void
backoff(int attempt)
{
	/* 1, 2, 4 ... ms, capped at 64 ms: enough for a competing batch to commit. */
	long ms = 1L << (attempt < 6 ? attempt : 6);
	struct timespec ts = {0, ms * 1000000L};
	nanosleep(&ts, NULL);
}

#ifdef LIA_FAULT_INJECTION
/* Test builds only (scripts/test.sh): while the file named by LIAISON_FAULT_FILE
 * exists, every commit fails as on a full disk, so that tests can show that a
 * failed commit acknowledges nothing and leaves nothing half-done. */
static bool
commit_fault(void)
{
	const char *path = getenv("LIAISON_FAULT_FILE");
	struct stat st;
	return path && stat(path, &st) == 0;
}
#else
static bool
commit_fault(void)
{
	return false;
}
#endif

bool
lia_store_fault_injection(void)
{
#ifdef LIA_FAULT_INJECTION
	return true;
#else
	return false;
#endif
}

static int
run(struct lia_conn *c, lia_store_write_fn fn, void *cls, int (*commit)(struct lia_conn *))
{
	int st = LIA_STORE_ERROR;
	for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		st = c->ops->begin_write(c);
		if (st == LIA_STORE_OK) {
			st = fn(c, cls);
			if (st == LIA_STORE_OK)
				st = commit_fault() ? LIA_STORE_ERROR : commit(c);
			/* A failed COMMIT can leave the transaction open (SQLITE_BUSY). */
			if (st != LIA_STORE_OK)
				c->ops->rollback(c);
		}
		if (st != LIA_STORE_RETRY)
			return st;
		lia_log(LIA_LOG_DEBUG, "store.retry", "attempt=%d", attempt + 1);
		backoff(attempt);
	}
	lia_log(LIA_LOG_WARN, "store.retry_exhausted", "attempts=%d", MAX_ATTEMPTS);
	return st;
}

int
lia_store_write(struct lia_conn *c, lia_store_write_fn fn, void *cls)
{
	return run(c, fn, cls, c->ops->commit);
}

int
lia_store_write_nosync(struct lia_conn *c, lia_store_write_fn fn, void *cls)
{
	return run(c, fn, cls, c->ops->commit_nosync);
}

const char *
lia_store_status_name(int status)
{
	switch (status) {
	case LIA_STORE_OK: return "ok";
	case LIA_STORE_NOT_FOUND: return "not_found";
	case LIA_STORE_CONFLICT: return "conflict";
	case LIA_STORE_STALE: return "stale";
	case LIA_STORE_RETRY: return "retry";
	default: return "error";
	}
}

int
lia_store_org_find(struct lia_conn *c, struct lia_arena *a, const char *id_or_name,
		   struct lia_org *out)
{
	if (lia_uuid_valid(id_or_name))
		return c->ops->org_get(c, a, id_or_name, out);
	struct lia_org *orgs;
	size_t n;
	int st = c->ops->org_list(c, a, "/", &orgs, &n);
	if (st != LIA_STORE_OK)
		return st;
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(orgs[i].name, id_or_name)) {
			*out = orgs[i];
			found++;
		}
	if (found > 1)
		return LIA_STORE_CONFLICT;
	return found ? LIA_STORE_OK : LIA_STORE_NOT_FOUND;
}
