/* SPDX-License-Identifier: EUPL-1.2 */
/* Session-token authentication (see auth.h). */
#include "http/auth.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/log.h"
#include "http/auth_cache.h"

void
lia_auth_new_token(char token[LIA_TOKEN_STRLEN + 1], char hash[65])
{
	unsigned char raw[LIA_TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, LIA_TOKEN_STRLEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	lia_auth_token_hash(token, hash);
}

void
lia_auth_token_hash(const char *token, char hash[65])
{
	/* A token carries 256 random bits: a plain hash suffices (no stretching). */
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(hash, 65, d, sizeof d);
}

void
lia_auth_csrf_token(const char *token, char out[65])
{
	unsigned char d[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	unsigned char key[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(key, (const unsigned char *)token, strlen(token));
	crypto_auth_hmacsha256_init(&st, key, sizeof key);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"liaison-csrf", 12);
	crypto_auth_hmacsha256_final(&st, d);
	sodium_bin2hex(out, 65, d, sizeof d);
	sodium_memzero(key, sizeof key);
}

/* The value of cookie `name` in a Cookie header, copied into the arena. */
static const char *
cookie_value(struct lia_arena *a, const char *header, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;
	while (p && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=')
			return lia_arena_strndup(a, p + nlen + 1, len - nlen - 1);
		p = end;
	}
	return NULL;
}

static bool
fail(struct lia_req *r, enum lia_problem_kind kind)
{
	lia_reply_error(r, kind);
	lia_reply_header(r, "WWW-Authenticate", "Bearer realm=\"liaison\"");
	return false;
}

/* Reads the session, account, roles and links from the database; false with the
 * reply set when the token does not open a live session. */
static bool
load_snapshot(struct lia_req *r, const char *hash, int64_t now, struct lia_auth_snapshot *snap)
{
	struct lia_conn *c = lia_req_conn(r);
	if (!c) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return false;
	}
	struct lia_session s;
	int st = c->ops->session_get(c, r->arena, hash, &s);
	if (st == LIA_STORE_NOT_FOUND)
		return fail(r, LIA_P_UNAUTHENTICATED);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	if (s.revoked_at)
		return fail(r, LIA_P_UNAUTHENTICATED);
	if (s.expires_at <= now)
		return fail(r, LIA_P_SESSION_EXPIRED);
	memset(snap, 0, sizeof *snap);
	snap->session_expires_at = s.expires_at;
	if (c->ops->account_get(c, r->arena, s.account_id, &snap->account) != LIA_STORE_OK ||
	    snap->account.disabled)
		return fail(r, LIA_P_UNAUTHENTICATED);
	if (c->ops->role_list(c, r->arena, snap->account.id, &snap->roles, &snap->nroles) !=
		    LIA_STORE_OK ||
	    (!strcmp(snap->account.kind, "person") &&
	     c->ops->person_link_list(c, r->arena, snap->account.id, &snap->links,
				      &snap->nlinks) != LIA_STORE_OK)) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return false;
	}
	return true;
}

static bool
csrf_ok(struct lia_req *r, const char *token)
{
	char csrf[65];
	lia_auth_csrf_token(token, csrf);
	if (r->h_csrf && strlen(r->h_csrf) == 64 && sodium_memcmp(csrf, r->h_csrf, 64) == 0)
		return true;
	struct lia_problem p = {0};
	lia_problem_set(&p, LIA_P_FORBIDDEN, "Cookie sessions must send X-CSRF-Token for changes",
			"Les sessions par cookie doivent envoyer X-CSRF-Token pour modifier");
	lia_reply_problem(r, &p);
	return false;
}

bool
lia_auth_request(struct lia_req *r)
{
	const char *token = NULL;
	bool from_cookie = false;
	if (r->h_authorization && strncasecmp(r->h_authorization, "Bearer ", 7) == 0) {
		token = r->h_authorization + 7;
	} else if (r->h_cookie) {
		token = cookie_value(r->arena, r->h_cookie, LIA_COOKIE_NAME);
		from_cookie = token != NULL;
	}
	if (!token || strlen(token) != LIA_TOKEN_STRLEN)
		return fail(r, LIA_P_UNAUTHENTICATED);
	if (from_cookie && strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
	    !csrf_ok(r, token))
		return false;

	char hash[65];
	lia_auth_token_hash(token, hash);
	int64_t now = lia_clock_now_us();
	struct lia_auth_snapshot snap;
	if (!lia_auth_cache_get(hash, now, r->arena, &snap)) {
		uint64_t epoch = lia_auth_cache_epoch(); /* before the reads: see auth_cache.h */
		if (!load_snapshot(r, hash, now, &snap))
			return false;
		lia_auth_cache_put(hash, epoch, now, &snap);
	}
	r->account = snap.account;
	r->actor.account_id = snap.account.id;
	r->actor.kind = snap.account.kind;
	r->actor.org_id = snap.account.org_id;
	r->actor.roles = snap.roles;
	r->actor.nroles = snap.nroles;
	r->actor.links = snap.links;
	r->actor.nlinks = snap.nlinks;
	r->authenticated = true;
	r->token_hash = lia_arena_strdup(r->arena, hash);
	return true;
}
