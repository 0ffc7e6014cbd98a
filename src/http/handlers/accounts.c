/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Accounts and roles: POST /api/v1/accounts, GET /api/v1/accounts/{id},
 * POST /api/v1/accounts/{id}/roles, DELETE /api/v1/accounts/{id}/roles/{role_id}.
 * An administrator grants roles only on nodes of their own subtree; every grant and
 * revocation is a permission change, audited.
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "domain/password.h"
#include "http/handlers/account_json.h"
#include "http/handlers/handlers.h"

#define MAX_GRANTS 16

static const char *const account_kinds[] = {"staff", "person", NULL};
static const char *const relations[] = {"self", "legal_representative", "caregiver", NULL};

struct account_write {
	struct lia_account acc;
	struct lia_role roles[MAX_GRANTS];
	size_t nroles;
	struct lia_person_link links[MAX_GRANTS];
	size_t nlinks;
};

/* The access decision on managing accounts at org_id; adds the audit entry. */
static bool
may_manage(struct lia_req *r, const char *org_id, enum lia_manage what, const char *action,
	   const char *object_id, const char **org_path)
{
	struct lia_org org;
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(org_id) || c->ops->org_get(c, r->arena, org_id, &org) != LIA_STORE_OK) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "org_id", LIA_FE_UNKNOWN_REFERENCE);
		lia_reply_problem(r, &p);
		return false;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org.path, what, &d);
	struct lia_audit_entry *e =
		lia_req_audit(r, action, NULL, org.id, d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	e->object_id = object_id;
	if (!d.allow)
		lia_reply_error(r, LIA_P_FORBIDDEN);
	if (org_path)
		*org_path = org.path;
	return d.allow;
}

static int
create_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct account_write *w = r->ctx;
	int st = c->ops->account_insert(c, &w->acc);
	if (st == LIA_STORE_CONFLICT) {
		lia_reply_error(r, LIA_P_LOGIN_TAKEN);
		return st;
	}
	for (size_t i = 0; st == LIA_STORE_OK && i < w->nroles; i++)
		st = c->ops->role_insert(c, &w->roles[i]);
	for (size_t i = 0; st == LIA_STORE_OK && i < w->nlinks; i++)
		st = c->ops->person_link_insert(c, &w->links[i]);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, lia_account_json(&w->acc, w->roles, w->nroles, w->links, w->nlinks));
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/accounts/%s", w->acc.id));
	return LIA_STORE_OK;
}

static char *
new_id(struct lia_req *r)
{
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	return id;
}

/* Decodes the "roles" array: each grant needs the right on its node. */
static bool
decode_roles(struct lia_req *r, const cJSON *arr, struct account_write *w, struct lia_problem *p)
{
	int i = 0;
	for (const cJSON *x = arr ? arr->child : NULL; x; x = x->next, i++) {
		const char *role = NULL, *org_id = NULL;
		struct lia_json_field spec[] = {
			{"role", LIA_JSON_STRING, LIA_JSON_REQUIRED, 32, 0, 0, NULL, &role, NULL},
			{"org_id", LIA_JSON_STRING, LIA_JSON_REQUIRED, 36, 0, 0, NULL, &org_id, NULL},
		};
		char prefix[32];
		snprintf(prefix, sizeof prefix, "roles[%d].", i);
		if (!lia_json_decode(r->arena, x, spec, 2, prefix, p))
			continue;
		if (!lia_role_valid(role)) {
			char f[48];
			snprintf(f, sizeof f, "%srole", prefix);
			lia_problem_field(p, f, LIA_FE_INVALID_VALUE);
			continue;
		}
		struct lia_role *g = &w->roles[w->nroles++];
		g->id = new_id(r);
		g->account_id = w->acc.id;
		g->org_id = org_id;
		g->role = role;
		g->created_at = w->acc.created_at;
	}
	return p->kind == LIA_P_NONE;
}

static bool
decode_links(struct lia_req *r, const cJSON *arr, struct account_write *w, struct lia_problem *p)
{
	int i = 0;
	struct lia_conn *c = lia_req_conn(r);
	for (const cJSON *x = arr ? arr->child : NULL; x; x = x->next, i++) {
		const char *client_id = NULL, *relation = NULL;
		struct lia_json_field spec[] = {
			{"client_id", LIA_JSON_STRING, LIA_JSON_REQUIRED, 36, 0, 0, NULL, &client_id, NULL},
			{"relation", LIA_JSON_STRING, LIA_JSON_REQUIRED, 32, 0, 0, relations, &relation, NULL},
		};
		char prefix[32];
		snprintf(prefix, sizeof prefix, "links[%d].", i);
		if (!lia_json_decode(r->arena, x, spec, 2, prefix, p))
			continue;
		struct lia_client cl;
		struct lia_decision d = {0};
		if (lia_uuid_valid(client_id) &&
		    c->ops->client_get(c, r->arena, client_id, &cl) == LIA_STORE_OK)
			lia_access_manage(&r->actor, cl.org_path, LIA_MANAGE_ACCOUNTS, &d);
		if (!d.allow) {
			char f[48];
			snprintf(f, sizeof f, "%sclient_id", prefix);
			lia_problem_field(p, f, LIA_FE_UNKNOWN_REFERENCE);
			continue;
		}
		struct lia_person_link *l = &w->links[w->nlinks++];
		l->id = new_id(r);
		l->org_id = cl.org_id;
		l->account_id = w->acc.id;
		l->client_id = cl.id;
		l->relation = relation;
		l->created_at = w->acc.created_at;
		/* Linking a person to a client shows in that client's access log. */
		lia_req_audit(r, "person_link.create", cl.id, cl.org_id, "ok", relation)->object_id =
			w->acc.id;
	}
	return p->kind == LIA_P_NONE;
}

static void
hash_then_write(struct lia_req *r)
{
	struct account_write *w = r->ctx;
	char *hash = lia_arena_alloc(r->arena, LIA_PASSWORD_HASH_MAX);
	if (!lia_password_hash(w->acc.password_hash, hash)) {
		LIA_BUG("account.hash_failed", "account=%s", w->acc.id);
		lia_req_audit_failed(r, "internal_error");
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	w->acc.password_hash = hash;
	lia_req_write(r, create_fn);
}

void
lia_h_account_create(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct account_write *w = lia_arena_alloc(r->arena, sizeof *w);
	r->ctx = w;
	const char *login = NULL, *password = NULL, *display = NULL, *kind = NULL, *org_id = NULL;
	const cJSON *roles = NULL, *links = NULL;
	struct lia_json_field spec[] = {
		{"login", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &login, NULL},
		{"password", LIA_JSON_STRING, LIA_JSON_REQUIRED, 1024, 0, 0, NULL, &password, NULL},
		{"display_name", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &display, NULL},
		{"kind", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, account_kinds, &kind, NULL},
		{"org_id", LIA_JSON_STRING, LIA_JSON_REQUIRED, 36, 0, 0, NULL, &org_id, NULL},
		{"roles", LIA_JSON_ARRAY, 0, MAX_GRANTS, 0, 0, NULL, &roles, NULL},
		{"links", LIA_JSON_ARRAY, 0, MAX_GRANTS, 0, 0, NULL, &links, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 7, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (strlen(password) < LIA_PASSWORD_MIN_LEN)
		lia_problem_field(&p, "password", LIA_FE_WEAK_PASSWORD);
	if (!strcmp(kind, "person") && roles && roles->child)
		lia_problem_field(&p, "roles", LIA_FE_INVALID_VALUE);
	if (!strcmp(kind, "staff") && links && links->child)
		lia_problem_field(&p, "links", LIA_FE_INVALID_VALUE);
	w->acc.id = new_id(r);
	w->acc.created_at = lia_clock_now_us();
	if (p.kind != LIA_P_NONE || !decode_roles(r, roles, w, &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!may_manage(r, org_id, LIA_MANAGE_ACCOUNTS, "account.create", w->acc.id, NULL))
		return;
	for (size_t i = 0; i < w->nroles; i++) {
		const char *path;
		if (!may_manage(r, w->roles[i].org_id, LIA_MANAGE_ACCOUNTS, "role.grant", w->acc.id,
				&path)) {
			/* Nothing is created: what was allowed so far did not happen. */
			for (size_t k = 0; k < r->naudit; k++)
				if (!strcmp(r->audit[k].outcome, "ok")) {
					r->audit[k].outcome = "failed";
					r->audit[k].detail = "role_grant_refused";
				}
			return;
		}
		w->roles[i].org_path = path;
	}
	if (!decode_links(r, links, w, &p)) {
		lia_reply_problem(r, &p);
		lia_req_audit_failed(r, "invalid_body");
		return;
	}
	w->acc.org_id = org_id;
	w->acc.login = login;
	w->acc.password_hash = password; /* replaced by its hash in hash_then_write */
	w->acc.kind = kind;
	w->acc.display_name = display;
	w->acc.version = 1;
	/* Argon2id is slow on purpose: off the HTTP worker threads (workq.h). */
	lia_req_defer(r, hash_then_write);
}

void
lia_h_account_get(struct lia_req *r)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_account acc;
	if (!lia_uuid_valid(r->params[0]) ||
	    c->ops->account_get(c, r->arena, r->params[0], &acc) != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	struct lia_org org;
	struct lia_decision d = {0};
	if (c->ops->org_get(c, r->arena, acc.org_id, &org) == LIA_STORE_OK)
		lia_access_manage(&r->actor, org.path, LIA_MANAGE_VIEW, &d);
	if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return;
	}
	struct lia_role *roles;
	size_t nroles;
	struct lia_person_link *links;
	size_t nlinks;
	if (c->ops->role_list(c, r->arena, acc.id, &roles, &nroles) != LIA_STORE_OK ||
	    c->ops->person_link_list(c, r->arena, acc.id, &links, &nlinks) != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	lia_reply_json(r, 200, lia_account_json(&acc, roles, nroles, links, nlinks));
}

static int
grant_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct account_write *w = r->ctx;
	int st = c->ops->role_insert(c, &w->roles[0]);
	r->auth_changed = true;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", w->roles[0].id);
	cJSON_AddStringToObject(o, "role", w->roles[0].role);
	cJSON_AddStringToObject(o, "org_id", w->roles[0].org_id);
	lia_reply_json(r, 201, o);
	return LIA_STORE_OK;
}

void
lia_h_role_grant(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct account_write *w = lia_arena_alloc(r->arena, sizeof *w);
	r->ctx = w;
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(r->params[0]) ||
	    c->ops->account_get(c, r->arena, r->params[0], &w->acc) != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	struct lia_problem p = {0};
	cJSON *wrapped = cJSON_CreateArray();
	cJSON_AddItemReferenceToArray(wrapped, body);
	w->acc.created_at = lia_clock_now_us();
	bool ok = decode_roles(r, wrapped, w, &p);
	cJSON_Delete(wrapped);
	if (ok && strcmp(w->acc.kind, "staff") != 0)
		lia_problem_field(&p, "role", LIA_FE_INVALID_VALUE);
	if (p.kind != LIA_P_NONE) {
		/* Field names without the "roles[0]." prefix the shared decoder added. */
		for (size_t i = 0; i < p.nfields; i++)
			if (!strncmp(p.fields[i].field, "roles[0].", 9))
				memmove(p.fields[i].field, p.fields[i].field + 9,
					strlen(p.fields[i].field + 9) + 1);
		lia_reply_problem(r, &p);
		return;
	}
	if (may_manage(r, w->roles[0].org_id, LIA_MANAGE_ACCOUNTS, "role.grant", w->acc.id, NULL))
		lia_req_write(r, grant_fn);
}

static int
revoke_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	int st = c->ops->role_delete(c, r->params[0], r->params[1]);
	r->auth_changed = true;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_empty(r, 204);
	return LIA_STORE_OK;
}

void
lia_h_role_revoke(struct lia_req *r)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_role *roles;
	size_t n;
	if (!lia_uuid_valid(r->params[0]) ||
	    c->ops->role_list(c, r->arena, r->params[0], &roles, &n) != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(roles[i].id, r->params[1])) {
			if (may_manage(r, roles[i].org_id, LIA_MANAGE_ACCOUNTS, "role.revoke",
				       r->params[0], NULL))
				lia_req_write(r, revoke_fn);
			return;
		}
	lia_reply_error(r, LIA_P_NOT_FOUND);
}
