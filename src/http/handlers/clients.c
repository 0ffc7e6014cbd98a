/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * POST /api/v1/clients, GET and PATCH /api/v1/clients/{id}. Duplicate detection and
 * the write run on the committer thread, inside the batch transaction, so that two
 * simultaneous creations of the same person cannot both pass the check.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/client_body.h"
#include "http/handlers/handlers.h"

struct client_write {
	struct lia_client cl;
	int64_t expected_version;   /* 0 for a create */
	const char *scope[16];
	size_t nscope;
};

/* Same person already recorded in the actor's scope: 409 naming the record. */
static int
refuse_duplicate(struct lia_conn *c, struct lia_req *r, struct client_write *w)
{
	struct lia_client dup;
	int st = c->ops->client_find_duplicate(c, r->arena, w->scope, (int)w->nscope,
					       w->cl.identity_key, w->cl.ins_matricule,
					       w->expected_version ? w->cl.id : NULL, &dup);
	if (st == LIA_STORE_NOT_FOUND)
		return LIA_STORE_OK;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	struct lia_problem p = {.kind = LIA_P_DUPLICATE_IDENTITY, .existing_id = dup.id};
	lia_reply_problem(r, &p);
	return LIA_STORE_CONFLICT;
}

static void
reply_client(struct lia_req *r, int status, const struct lia_client *cl)
{
	lia_reply_json(r, status, lia_client_json(cl));
	lia_reply_etag(r, cl->version);
}

static int
create_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct client_write *w = r->ctx;
	int st = refuse_duplicate(c, r, w);
	if (st != LIA_STORE_OK)
		return st;
	st = c->ops->client_insert(c, &w->cl);
	if (st == LIA_STORE_CONFLICT) {
		/* The INS is recorded outside the actor's scope. */
		lia_reply_error(r, LIA_P_DUPLICATE_IDENTITY);
		return st;
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	reply_client(r, 201, &w->cl);
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/clients/%s", w->cl.id));
	return LIA_STORE_OK;
}

static size_t
scope_of(struct lia_req *r, struct client_write *w)
{
	w->nscope = lia_access_scope(&r->actor, LIA_CAT_ADMIN, LIA_ACT_READ, w->scope, 16);
	return w->nscope;
}

void
lia_h_client_create(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct client_write *w = lia_arena_alloc(r->arena, sizeof *w);
	r->ctx = w;
	struct lia_problem p = {0};
	const char *org_id = NULL;
	if (!lia_client_apply(r, body, true, &w->cl, &org_id, &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org org;
	int st = c->ops->org_get(c, r->arena, org_id, &org);
	if (st == LIA_STORE_NOT_FOUND) {
		lia_problem_field(&p, "org_id", LIA_FE_UNKNOWN_REFERENCE);
		lia_reply_problem(r, &p);
		return;
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	w->cl.id = id;
	w->cl.org_id = org.id;
	w->cl.org_path = org.path;
	w->cl.version = 1;
	w->cl.created_at = w->cl.updated_at = lia_clock_now_us();
	struct lia_subject subj;
	lia_req_subject(r, &w->cl, false, &subj);
	if (!lia_req_authorize_client(r, &subj, org.id, LIA_CAT_ADMIN, LIA_ACT_CREATE,
				      "client.create", NULL)) {
		/* Out of scope reads as an unknown organisation, as for any other id. */
		if (r->status == 404) {
			struct lia_problem q = {0};
			lia_problem_field(&q, "org_id", LIA_FE_UNKNOWN_REFERENCE);
			lia_reply_problem(r, &q);
		}
		return;
	}
	scope_of(r, w);
	lia_req_write(r, create_fn);
}

/* Loads the client and asks the access decision; false when the reply is set.
 * Identity data is mostly read by staff of the client's organisation, whose right to
 * it is a plain yes (no consent can change it): the circle, consents and emergency
 * accesses are read only when that first answer is not enough. */
static bool
load(struct lia_req *r, struct lia_client *cl, enum lia_action act, const char *audit_action)
{
	struct lia_subject subj;
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(id)) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	int st = c->ops->client_get(c, r->arena, id, cl);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	struct lia_decision d;
	lia_req_subject(r, cl, false, &subj);
	lia_access_decide(&r->actor, &subj, LIA_CAT_ADMIN, act, &d);
	bool plain_yes = d.allow && !strcmp(d.reason, "policy");
	if (!plain_yes && !lia_req_subject(r, cl, true, &subj))
		return false;
	return lia_req_authorize_client(r, &subj, cl->org_id, LIA_CAT_ADMIN, act, audit_action,
					NULL);
}

void
lia_h_client_get(struct lia_req *r)
{
	struct lia_client cl;
	if (load(r, &cl, LIA_ACT_READ, "client.read"))
		reply_client(r, 200, &cl);
}

static int
update_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct client_write *w = r->ctx;
	int st = refuse_duplicate(c, r, w);
	if (st != LIA_STORE_OK)
		return st;
	w->cl.updated_at = lia_clock_now_us();
	st = c->ops->client_update(c, &w->cl, w->expected_version);
	if (st == LIA_STORE_CONFLICT) {
		lia_reply_error(r, LIA_P_DUPLICATE_IDENTITY);
		return st;
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	w->cl.version = w->expected_version + 1;
	reply_client(r, 200, &w->cl);
	return LIA_STORE_OK;
}

void
lia_h_client_update(struct lia_req *r)
{
	int64_t expected;
	if (!lia_req_if_match(r, &expected))
		return;
	struct client_write *w = lia_arena_alloc(r->arena, sizeof *w);
	r->ctx = w;
	if (!load(r, &w->cl, LIA_ACT_UPDATE, "client.update"))
		return;
	if (w->cl.version != expected) {
		lia_req_audit_failed(r, "version_mismatch");
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return;
	}
	cJSON *body = lia_req_json(r);
	struct lia_problem p = {0};
	if (!body || !lia_client_apply(r, body, false, &w->cl, NULL, &p)) {
		if (body)
			lia_reply_problem(r, &p);
		lia_req_audit_failed(r, "invalid_body");
		return;
	}
	w->expected_version = expected;
	scope_of(r, w);
	lia_req_write(r, update_fn);
}
