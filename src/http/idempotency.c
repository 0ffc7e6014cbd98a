/* SPDX-License-Identifier: EUPL-1.2 */
/* Idempotency-Key handling around a request's write job (see idempotency.h). */
#include "http/idempotency.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/clock.h"

struct wrapped {
	struct lia_req *r;
	lia_store_write_fn fn;
	char hash[65];
};

static const char *
header_of(const struct lia_req *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (!strcmp(r->headers[i][0], name))
			return r->headers[i][1];
	return NULL;
}

static int
run(struct lia_conn *c, void *cls)
{
	struct wrapped *w = cls;
	struct lia_req *r = w->r;
	struct lia_idempotency prev;
	int st = c->ops->idempotency_get(c, r->arena, r->account.id, r->h_idempotency_key, &prev);
	if (st == LIA_STORE_OK) {
		if (strcmp(prev.request_hash, w->hash) != 0) {
			lia_reply_error(r, LIA_P_IDEMPOTENCY_KEY_REUSED);
			return LIA_STORE_CONFLICT;
		}
		free(r->reply);
		r->reply = lia_xstrdup(prev.body);
		r->reply_len = strlen(prev.body);
		r->status = prev.status;
		if (prev.location)
			lia_reply_header(r, "Location", prev.location);
		if (prev.etag)
			lia_reply_header(r, "ETag", prev.etag);
		lia_reply_header(r, "Idempotent-Replayed", "true");
		/* The retry is traced, the resource is not written again. */
		for (size_t i = 0; i < r->naudit; i++)
			r->audit[i].detail = "idempotent_replay";
		return LIA_STORE_OK;
	}
	if (st != LIA_STORE_NOT_FOUND)
		return st;
	st = w->fn(c, r);
	if (st != LIA_STORE_OK || r->status < 200 || r->status >= 300)
		return st;
	struct lia_idempotency rec = {
		.account_id = r->account.id,
		.key = r->h_idempotency_key,
		.org_id = r->account.org_id,
		.request_hash = w->hash,
		.status = r->status,
		.body = r->reply ? r->reply : "",
		.location = header_of(r, "Location"),
		.etag = header_of(r, "ETag"),
		.created_at = lia_clock_now_us(),
	};
	return c->ops->idempotency_put(c, &rec);
}

bool
lia_idempotency_key_ok(struct lia_req *r)
{
	const char *k = r->h_idempotency_key;
	size_t n = strlen(k);
	bool ok = n > 0 && n <= LIA_IDEMPOTENCY_KEY_MAX;
	for (size_t i = 0; ok && i < n; i++)
		ok = k[i] > 0x20 && k[i] < 0x7f;
	if (!ok) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "Idempotency-Key", n > LIA_IDEMPOTENCY_KEY_MAX ? LIA_FE_TOO_LONG
										      : LIA_FE_INVALID_FORMAT);
		lia_reply_problem(r, &p);
	}
	return ok;
}

void
lia_idempotency_wrap(struct lia_req *r)
{
	struct wrapped *w = lia_arena_alloc(r->arena, sizeof *w);
	w->r = r;
	w->fn = r->job.fn;
	crypto_hash_sha256_state st;
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->method, strlen(r->method) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->uri.path, strlen(r->uri.path) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->body, r->body_len);
	crypto_hash_sha256_final(&st, d);
	sodium_bin2hex(w->hash, sizeof w->hash, d, sizeof d);
	r->job.fn = run;
	r->job.cls = w;
}
