/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The client's consent: GET and POST /api/v1/clients/{id}/consents and
 * DELETE /api/v1/clients/{id}/consents/{consent_id}. Only the client or their legal
 * representative decides (policy.h, lia_access_consent_owner); every decision and
 * revocation is audited on the client's record, so it shows in their access log, and
 * takes effect on the next request (consents are read per request, never cached).
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"

static const char *const categories[] = {"admin", "daily", "care", "medical", NULL};
static const char *const decisions[] = {"grant", "refuse", NULL};

static cJSON *
consent_json(const struct lia_consent *k, int64_t now)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", k->id);
	lia_json_add_str(o, "grantee_account_id", k->grantee_account);
	lia_json_add_str(o, "grantee_org_id", k->grantee_org);
	cJSON_AddStringToObject(o, "category", k->category);
	cJSON_AddStringToObject(o, "decision", k->decision);
	lia_json_add_time(o, "starts_at", k->starts_at);
	lia_json_add_time(o, "ends_at", k->ends_at);
	lia_json_add_time(o, "revoked_at", k->revoked_at);
	cJSON_AddBoolToObject(o, "in_force", !k->revoked_at && k->starts_at <= now &&
						     (!k->ends_at || now < k->ends_at));
	cJSON_AddStringToObject(o, "decided_by", k->decided_by);
	cJSON_AddStringToObject(o, "decided_as", k->decided_as);
	lia_json_add_time(o, "created_at", k->created_at);
	return o;
}

/* The owner decides; the coordinator and auditors may read (access-log right). */
static bool
may_read(struct lia_req *r, const struct lia_client *cl, const struct lia_subject *s)
{
	const char *as;
	if (lia_access_consent_owner(&r->actor, s, &as)) {
		struct lia_audit_entry *e =
			lia_req_audit(r, "client.consent.read", cl->id, cl->org_id, "ok", "owner");
		e->actor_role = as;
		return true;
	}
	return lia_req_authorize_client(r, s, cl->org_id, LIA_CAT_ACCESS_LOG, LIA_ACT_READ,
					"client.consent.read", NULL);
}

void
lia_h_consent_list(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s) || !may_read(r, &cl, &s))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < s.nconsents; i++)
		cJSON_AddItemToArray(arr, consent_json(&s.consents[i], s.now));
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

/* Only the client or their representative; anyone else is refused and audited. */
static bool
owner(struct lia_req *r, const struct lia_client *cl, const struct lia_subject *s,
      const char *action, const char **as)
{
	if (lia_access_consent_owner(&r->actor, s, as))
		return true;
	struct lia_decision d;
	lia_access_decide(&r->actor, s, LIA_CAT_ADMIN, LIA_ACT_READ, &d);
	lia_req_audit(r, action, cl->id, cl->org_id, "denied", "not_consent_owner");
	/* Related to the client (even without the right to read): say why; else 404. */
	lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_NOT_CONSENT_OWNER);
	return false;
}

static int
insert_consent(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct lia_consent *k = r->ctx;
	int st = c->ops->consent_insert(c, k);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, consent_json(k, lia_clock_now_us()));
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/clients/%s/consents/%s",
							 k->client_id, k->id));
	return LIA_STORE_OK;
}

static bool
parse_time(const char *s, const char *field, int64_t *out, struct lia_problem *p)
{
	if (!s)
		return true;
	if (!lia_time_parse(s, out)) {
		lia_problem_field(p, field, LIA_FE_INVALID_TIME);
		return false;
	}
	return true;
}

void
lia_h_consent_add(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *account = NULL, *org = NULL, *category = NULL, *decision = NULL,
		   *starts = NULL, *ends = NULL;
	struct lia_json_field spec[] = {
		{"grantee_account_id", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &account, NULL},
		{"grantee_org_id", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &org, NULL},
		{"category", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, categories, &category, NULL},
		{"decision", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, decisions, &decision, NULL},
		{"starts_at", LIA_JSON_STRING, 0, 40, 0, 0, NULL, &starts, NULL},
		{"ends_at", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &ends, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 6, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_consent *k = lia_arena_alloc(r->arena, sizeof *k);
	k->starts_at = s.now;
	parse_time(starts, "starts_at", &k->starts_at, &p);
	parse_time(ends, "ends_at", &k->ends_at, &p);
	if (ends && p.kind == LIA_P_NONE && k->ends_at <= k->starts_at)
		lia_problem_field(&p, "ends_at", LIA_FE_OUT_OF_RANGE);
	/* One grantee per decision, and a real one. */
	lia_check_account_or_org(r, account, org, "grantee_account_id", "grantee_org_id", &p);
	const char *as = NULL;
	if (!owner(r, &cl, &s, "consent.decide", &as))
		return;
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	k->id = id;
	k->org_id = cl.org_id;
	k->client_id = cl.id;
	k->grantee_account = account;
	k->grantee_org = org;
	k->category = category;
	k->decision = decision;
	k->decided_by = r->account.id;
	k->decided_as = as;
	k->created_at = s.now;
	struct lia_audit_entry *e = lia_req_audit(
		r, !strcmp(decision, "grant") ? "consent.grant" : "consent.refuse", cl.id, cl.org_id,
		"ok", category);
	e->actor_role = as;
	e->object_id = id;
	r->ctx = k;
	lia_req_write(r, insert_consent);
}

static int
revoke_consent(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	int st = c->ops->consent_revoke(c, r->params[1], lia_clock_now_us());
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_empty(r, 204);
	return LIA_STORE_OK;
}

void
lia_h_consent_revoke(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	const char *as = NULL;
	if (!owner(r, &cl, &s, "consent.revoke", &as))
		return;
	const struct lia_consent *k = NULL;
	for (size_t i = 0; i < s.nconsents; i++)
		if (!strcmp(s.consents[i].id, r->params[1]) && !s.consents[i].revoked_at)
			k = &s.consents[i];
	if (!k) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	struct lia_audit_entry *e =
		lia_req_audit(r, "consent.revoke", cl.id, cl.org_id, "ok", k->category);
	e->actor_role = as;
	e->object_id = k->id;
	lia_req_write(r, revoke_consent);
}
