/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A client's escalation plan: GET and PUT /api/v1/clients/{id}/escalation-plan.
 * Who to reach, in order, when an alarm of the client's is not answered
 * (domain/escalation.h says what a step is). A client without a plan of their own
 * has the default one (the operators on duty), shown as such with version 0.
 *
 * The right is LIA_MANAGE_ALERTS on the client's organisation, as for the alerts the
 * plan drives; a client out of the caller's reach does not exist for them (404).
 * The first PUT creates the plan (no If-Match); later ones need If-Match. A
 * caregiver step may name the caregiver's account, which must then be a person
 * linked to this client (the one the app will notify).
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "domain/escalation.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

/* Loads client r->params[0] and decides LIA_MANAGE_ALERTS on its organisation, with
 * an audit entry `action`. False with the reply set (404 when absent or out of
 * reach, 403 when seen but not managed). */
static bool
load_client(struct lia_req *r, const char *action, struct lia_client *cl)
{
	struct lia_subject s;
	if (!lia_client_load(r, cl, &s))
		return false;
	struct lia_decision d;
	lia_access_manage(&r->actor, cl->org_path, LIA_MANAGE_ALERTS, &d);
	struct lia_audit_entry *e =
		lia_req_audit(r, action, cl->id, cl->org_id, d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	if (!d.allow)
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	return d.allow;
}

/* The plan as JSON; NULL plan: the default one. */
static cJSON *
plan_json(struct lia_req *r, const char *client_id, const struct lia_escalation_plan *plan)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", client_id);
	if (plan) {
		cJSON_AddItemToObject(o, "steps", lia_json_from_text(plan->steps));
		cJSON_AddNumberToObject(o, "version", (double)plan->version);
		lia_json_add_time(o, "updated_at", plan->updated_at);
		lia_json_add_str(o, "updated_by", plan->updated_by);
		cJSON_AddFalseToObject(o, "default");
		return o;
	}
	/* Normalised as a stored plan is, so that both read alike. */
	cJSON *def = cJSON_Parse(LIA_ESCALATION_DEFAULT_STEPS);
	cJSON_AddItemToObject(o, "steps",
			      lia_json_from_text(lia_escalation_plan_text(r->arena, def)));
	cJSON_Delete(def);
	cJSON_AddNumberToObject(o, "version", 0);
	cJSON_AddNullToObject(o, "updated_at");
	cJSON_AddNullToObject(o, "updated_by");
	cJSON_AddTrueToObject(o, "default");
	return o;
}

void
lia_h_escalation_plan_get(struct lia_req *r)
{
	struct lia_client cl;
	if (!load_client(r, "escalation_plan.read", &cl))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_escalation_plan plan;
	int st = c->ops->escalation_plan_get(c, r->arena, cl.id, &plan);
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return;
	}
	bool own = st == LIA_STORE_OK;
	lia_reply_json(r, 200, plan_json(r, cl.id, own ? &plan : NULL));
	if (own)
		lia_reply_etag(r, plan.version);
}

struct plan_write {
	struct lia_escalation_plan plan;
	int64_t expected; /* 0: the first plan of the client */
};

static int
put_plan(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct plan_write *w = r->ctx;
	int st = c->ops->escalation_plan_put(c, &w->plan, w->expected);
	if (st == LIA_STORE_CONFLICT)
		st = LIA_STORE_STALE; /* created meanwhile: the caller's view is stale */
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	w->plan.version = w->expected + 1;
	lia_reply_json(r, w->expected ? 200 : 201, plan_json(r, w->plan.client_id, &w->plan));
	lia_reply_etag(r, w->plan.version);
	return LIA_STORE_OK;
}

/* Each caregiver step's account, when named, must be a person linked to the client.
 * False with the reply set when the store fails. */
static bool
check_caregivers(struct lia_req *r, const cJSON *steps, const char *client_id,
		 struct lia_problem *p)
{
	struct lia_conn *c = lia_req_conn(r);
	int i = 0;
	for (const cJSON *st = steps->child; st; st = st->next, i++) {
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(st, "kind");
		const cJSON *acc = cJSON_GetObjectItemCaseSensitive(st, "account_id");
		if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "caregiver") != 0 ||
		    !cJSON_IsString(acc))
			continue;
		struct lia_person_link *links = NULL;
		size_t n = 0;
		int s = c->ops->person_link_list(c, r->arena, acc->valuestring, &links, &n);
		if (s != LIA_STORE_OK && s != LIA_STORE_NOT_FOUND) {
			lia_req_audit_failed(r, "storage");
			lia_reply_store_error(r, s);
			return false;
		}
		bool linked = false;
		for (size_t j = 0; s == LIA_STORE_OK && j < n && !linked; j++)
			linked = !strcmp(links[j].client_id, client_id);
		if (!linked) {
			char field[48];
			snprintf(field, sizeof field, "steps[%d].account_id", i);
			lia_problem_field(p, field, LIA_FE_UNKNOWN_REFERENCE);
		}
	}
	return true;
}

/* The version the PUT replaces (0: none; see lia_req_if_match_put). False with the
 * reply set. */
static bool
expected_version(struct lia_req *r, const char *client_id, int64_t *expected)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_escalation_plan cur;
	return lia_req_if_match_put(r, c->ops->escalation_plan_get(c, r->arena, client_id, &cur), expected);
}

void
lia_h_escalation_plan_put(struct lia_req *r)
{
	struct lia_client cl;
	if (!load_client(r, "escalation_plan.update", &cl))
		return;
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	const cJSON *steps = NULL;
	struct lia_json_field spec[] = {
		{"steps", LIA_JSON_ARRAY, LIA_JSON_NULLABLE, 0, 0, 0, NULL, &steps, NULL},
	};
	struct lia_problem p = {0};
	/* The domain check tells a missing plan, a wrong type and each step's faults. */
	if (lia_json_decode(r->arena, body, spec, 1, "", &p) &&
	    lia_escalation_plan_check(steps, &p) && !check_caregivers(r, steps, cl.id, &p))
		return;
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	struct plan_write *w = lia_arena_alloc(r->arena, sizeof *w);
	memset(w, 0, sizeof *w);
	if (!expected_version(r, cl.id, &w->expected))
		return;
	w->plan.client_id = cl.id;
	w->plan.org_id = cl.org_id;
	w->plan.steps = lia_escalation_plan_text(r->arena, steps);
	w->plan.updated_at = lia_clock_now_us();
	w->plan.updated_by = r->account.id;
	r->ctx = w;
	lia_req_write(r, put_plan);
}
