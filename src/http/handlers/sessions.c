/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * POST /api/v1/sessions (sign in), DELETE /api/v1/sessions/current (sign out),
 * GET /api/v1/me. Sign-in failures are counted per account (locked after
 * login-max-failures, stored) and per address (in memory); a locked account is not
 * even checked, and an unknown login costs the same Argon2id work as a known one, so
 * that timing does not tell which logins exist.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "domain/password.h"
#include "http/auth.h"
#include "http/handlers/account_json.h"
#include "http/handlers/handlers.h"
#include "http/server.h"

struct login {
	const char *password;
	struct lia_account acc;
	bool found;
	bool ok;
	char token[LIA_TOKEN_STRLEN + 1];
	char hash[65];
	int64_t expires_at;
	int64_t lock_until;
	struct lia_role *roles;
	size_t nroles;
	struct lia_person_link *links;
	size_t nlinks;
};

static int
record_login(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct login *l = r->ctx;
	if (!l->ok)
		return l->found ? c->ops->account_login_failed(c, l->acc.id, l->lock_until)
				: LIA_STORE_OK;
	struct lia_session s = {
		.token_hash = l->hash,
		.org_id = l->acc.org_id,
		.account_id = l->acc.id,
		.created_at = lia_clock_now_us(),
		.expires_at = l->expires_at,
		.ip = r->ip,
	};
	int st = c->ops->session_insert(c, &s);
	if (st == LIA_STORE_OK && (l->acc.failed_logins || l->acc.locked_until))
		st = c->ops->account_login_ok(c, l->acc.id);
	return st;
}

static void
refuse(struct lia_req *r, struct login *l, const char *why)
{
	struct lia_audit_entry *e = lia_req_audit(r, "session.login", NULL,
						  l->found ? l->acc.org_id : NULL, "failed", why);
	e->actor_id = l->found ? l->acc.id : NULL;
	lia_throttle_fail(r->srv->ip_throttle, r->ip, lia_clock_now_us());
	lia_reply_error(r, LIA_P_INVALID_CREDENTIALS);
	lia_req_write(r, record_login);
}

static void check_password(struct lia_req *r);

static void
too_many(struct lia_req *r, struct login *l, const char *why, int retry_after)
{
	struct lia_audit_entry *e = lia_req_audit(r, "session.login", NULL,
						  l->found ? l->acc.org_id : NULL, "denied", why);
	e->actor_id = l->found ? l->acc.id : NULL;
	struct lia_problem p = {.kind = LIA_P_TOO_MANY_ATTEMPTS, .retry_after_s = retry_after};
	lia_reply_problem(r, &p);
}

void
lia_h_session_create(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *login = NULL, *password = NULL;
	struct lia_json_field spec[] = {
		{"login", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &login, NULL},
		{"password", LIA_JSON_STRING, LIA_JSON_REQUIRED, 1024, 0, 0, NULL, &password, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 2, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	struct login *l = lia_arena_alloc(r->arena, sizeof *l);
	r->ctx = l;
	int64_t now = lia_clock_now_us();
	int retry = 0;
	if (lia_throttle_blocked(r->srv->ip_throttle, r->ip, now, &retry)) {
		too_many(r, l, "address_throttled", retry);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	int st = c->ops->account_get_by_login(c, r->arena, login, &l->acc);
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND) {
		lia_reply_store_error(r, st);
		return;
	}
	l->found = st == LIA_STORE_OK;
	if (l->found && l->acc.locked_until > now) {
		too_many(r, l, "account_locked", (int)((l->acc.locked_until - now) / 1000000) + 1);
		return;
	}
	l->password = password;
	/* Argon2id is slow on purpose: it runs off the HTTP worker threads. */
	lia_req_defer(r, check_password);
}

/* The second half of sign-in, on the slow-work pool. */
static void
check_password(struct lia_req *r)
{
	struct login *l = r->ctx;
	int64_t now = lia_clock_now_us();
	struct lia_conn *c = lia_req_conn(r);
	if (!c) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	bool match = lia_password_verify(l->found ? l->acc.password_hash : NULL, l->password);
	if (!l->found || !match || l->acc.disabled) {
		if (l->found && l->acc.failed_logins + 1 >= r->srv->cfg->login_max_failures)
			l->lock_until = now + r->srv->cfg->login_lock_seconds * 1000000LL;
		refuse(r, l, !l->found ? "unknown_login" : !match ? "bad_password" : "disabled");
		return;
	}
	if (c->ops->role_list(c, r->arena, l->acc.id, &l->roles, &l->nroles) != LIA_STORE_OK ||
	    c->ops->person_link_list(c, r->arena, l->acc.id, &l->links, &l->nlinks) !=
		    LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	l->ok = true;
	lia_auth_new_token(l->token, l->hash);
	l->expires_at = now + r->srv->cfg->session_ttl * 1000000LL;

	struct lia_audit_entry *e = lia_req_audit(r, "session.login", NULL, l->acc.org_id, "ok", NULL);
	e->actor_id = l->acc.id;
	e->object_id = l->acc.id;

	char csrf[65];
	lia_auth_csrf_token(l->token, csrf);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "token", l->token);
	cJSON_AddStringToObject(o, "csrf_token", csrf);
	lia_json_add_time(o, "expires_at", l->expires_at);
	cJSON_AddItemToObject(o, "account", lia_account_json(&l->acc, l->roles, l->nroles,
							     l->links, l->nlinks));
	lia_reply_json(r, 201, o);
	lia_reply_header(r, "Set-Cookie",
			 lia_arena_printf(r->arena, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict%s",
					  LIA_COOKIE_NAME, l->token, r->srv->cfg->session_ttl,
					  r->srv->cfg->cookie_secure ? "; Secure" : ""));
	lia_req_write(r, record_login);
}

static int
revoke(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	int st = c->ops->session_revoke(c, r->token_hash, lia_clock_now_us());
	r->auth_changed = true;
	if (st == LIA_STORE_OK)
		lia_reply_empty(r, 204);
	else
		lia_reply_store_error(r, st);
	return st;
}

void
lia_h_session_delete(struct lia_req *r)
{
	lia_req_audit(r, "session.logout", NULL, r->account.org_id, "ok", NULL);
	lia_reply_header(r, "Set-Cookie",
			 lia_arena_printf(r->arena, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
					  LIA_COOKIE_NAME));
	lia_req_write(r, revoke);
}

void
lia_h_me(struct lia_req *r)
{
	lia_reply_json(r, 200, lia_account_json(&r->account, r->actor.roles, r->actor.nroles,
						r->actor.links, r->actor.nlinks));
}
