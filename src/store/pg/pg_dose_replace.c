/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_replace on PostgreSQL: rebuilds a client's doses from an instant on. Two round
 * trips whatever the number of doses: the DELETE, then one INSERT of every dose from
 * parallel arrays (unnest), since round trips, not rows, are what costs on
 * PostgreSQL and a rebuild holds about a hundred doses. A dose already there before
 * `from` (or twice in items) is kept once: ON CONFLICT (series_id, due_at) DO NOTHING.
 * Not one statement with the DELETE in a WITH: the parts of one statement run with no
 * order between them, so the INSERT could meet a row being deleted and skip its dose.
 * alerted_at is left to its default 0: new doses are not alerted. Derived data: no
 * change feed row.
 */
#include "pg_internal.h"

#include <limits.h>
#include <string.h>

/* The due instants as a bigint[] literal, in a. */
static const char *
due_array(struct lia_arena *a, const struct lia_dose *items, size_t n)
{
	char *out = lia_arena_alloc(a, n * PG_I64_LEN + 3);
	char *p = out;
	*p++ = '{';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ',';
		char v[PG_I64_LEN];
		size_t len = strlen(pg_i64(v, items[i].due_at));
		memcpy(p, v, len);
		p += len;
	}
	*p++ = '}';
	*p = '\0';
	return out;
}

/* Inserts items (n > 0) in one statement. */
static int
insert_all(struct pg_conn *pc, struct lia_arena *a, const struct lia_dose *items, size_t n)
{
	const char **series = lia_arena_alloc(a, n * sizeof *series);
	const char **presc = lia_arena_alloc(a, n * sizeof *presc);
	const char **orgs = lia_arena_alloc(a, n * sizeof *orgs);
	const char **clients = lia_arena_alloc(a, n * sizeof *clients);
	for (size_t i = 0; i < n; i++) {
		/* pg_text_array writes NULL as "": refuse it here, as the NOT NULL columns
		 * do on SQLite, rather than store an empty series. */
		if (!items[i].series_id || !items[i].prescription_id || !items[i].org_id ||
		    !items[i].client_id) {
			LIA_BUG("store.pg.null_column", "op=dose_replace item=%zu", i);
			return LIA_STORE_ERROR;
		}
		series[i] = items[i].series_id;
		presc[i] = items[i].prescription_id;
		orgs[i] = items[i].org_id;
		clients[i] = items[i].client_id;
	}
	const char *p[] = {pg_text_array(a, series, (int)n), due_array(a, items, n),
			   pg_text_array(a, presc, (int)n), pg_text_array(a, orgs, (int)n),
			   pg_text_array(a, clients, (int)n)};
	return pg_run(pc, "dose_replace.insert",
		      "INSERT INTO doses (series_id, due_at, prescription_id, org_id, client_id) "
		      "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], "
		      "$5::text[]) ON CONFLICT (series_id, due_at) DO NOTHING",
		      5, p, NULL);
}

int
pg_dose_replace(struct lia_conn *c, const char *client_id, int64_t from,
		const struct lia_dose *items, size_t n)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "dose_replace");
	if (st != LIA_STORE_OK)
		return st;
	/* pg_text_array counts in int; a rebuild is a few hundred doses at most. */
	if (n > INT_MAX / 2) {
		LIA_BUG("store.pg.too_many", "op=dose_replace n=%zu", n);
		return LIA_STORE_ERROR;
	}
	char f[PG_I64_LEN];
	const char *p[] = {client_id, pg_i64(f, from)};
	st = pg_run(pc, "dose_replace.delete",
		    "DELETE FROM doses WHERE client_id = $1 AND due_at >= $2", 2, p, NULL);
	if (st != LIA_STORE_OK || n == 0)
		return st;
	struct lia_arena *a = lia_arena_new();
	st = insert_all(pc, a, items, n);
	lia_arena_free(a);
	return st;
}
