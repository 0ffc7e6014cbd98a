/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * POST /api/v1/clients/{id}/alerts: someone presses "alerte" in the app — the
 * client, a family caregiver, a worker at the door — and the alert runs the
 * client's escalation plan exactly as a tele-alarm would. Allowed to whoever may
 * write the client's daily notes (the circle, the client and linked persons, by
 * consent) and to the people on watch (LIA_MANAGE_ALERTS). A retry with the same
 * Idempotency-Key raises nothing more.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "alarm/alert_raise.h"
#include "core/clock.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

static const char *const types[] = {"personal_emergency", "fall", "medical", NULL};

struct raise {
	struct lia_alert al;
	int64_t now;
};

static int
raise_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct raise *w = r->ctx;
	struct lia_alarm_type t = {.severity = "critical"};
	struct lia_alarm_type *all = NULL;
	size_t n = 0;
	int st = c->ops->alarm_type_list(c, r->arena, &all, &n);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++)
		if (!strcmp(all[i].type, w->al.type))
			t = all[i];
	if (st == LIA_STORE_OK) {
		w->al.severity = t.severity;
		st = lia_alert_raise(c, r->arena, &w->al, true, w->now);
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, lia_alert_json(&w->al));
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/alerts/%s", w->al.id));
	lia_reply_etag(r, w->al.version);
	return LIA_STORE_OK;
}

void
lia_h_client_alert_create(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org org;
	if (c->ops->org_get(c, r->arena, cl.org_id, &org) != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org.path, LIA_MANAGE_ALERTS, &d);
	const char *linked = NULL;
	for (size_t i = 0; i < r->actor.nlinks; i++)
		if (!strcmp(r->actor.links[i].client_id, cl.id))
			linked = r->actor.links[i].relation;
	if (d.allow || linked) {
		struct lia_audit_entry *e = lia_req_audit(r, "alert.raise", cl.id, cl.org_id, "ok",
							  NULL);
		e->actor_role = d.allow ? d.as_role :
					  lia_arena_printf(r->arena, "person:%s", linked);
	} else if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_CREATE,
					     "alert.raise", NULL)) {
		return;
	}
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	const char *type = NULL, *note = NULL;
	struct lia_json_field spec[] = {
		{"type", LIA_JSON_STRING, 0, 32, 0, 0, types, &type, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 500, 0, 0, NULL, &note, NULL},
	};
	struct lia_problem p = {0};
	lia_json_decode(r->arena, body, spec, 2, "", &p);
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	struct raise *w = lia_arena_alloc(r->arena, sizeof *w);
	w->now = lia_clock_now_us();
	cJSON *det = cJSON_CreateObject();
	cJSON_AddStringToObject(det, "raised_by", r->account.id);
	cJSON_AddStringToObject(det, "raised_as", r->actor.kind);
	if (note && *note)
		cJSON_AddStringToObject(det, "note", note);
	char *dtext = cJSON_PrintUnformatted(det);
	cJSON_Delete(det);
	w->al = (struct lia_alert){
		.org_id = cl.org_id, .client_id = cl.id, .type = type ? type : "personal_emergency",
		.source = "person", .source_ref = r->account.id,
		.dedup_key = lia_arena_printf(r->arena, "person:%s:%s", r->account.id, r->request_id),
		.details = lia_arena_strdup(r->arena, dtext),
	};
	free(dtext);
	r->ctx = w;
	lia_req_write(r, raise_fn);
}
