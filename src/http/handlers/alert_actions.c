/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the person on watch does with an alert beyond acknowledging and resolving
 * (alerts.c): POST /api/v1/alerts/{id}/start (help is on its way: in_progress),
 * POST /api/v1/alerts/{id}/escalation (the result of the current escalation step:
 * the person called answered, or did not and the next step starts now), and
 * GET /api/v1/alerts/{id}/events (every transition, in order).
 */
#include <string.h>

#include "core/clock.h"
#include "domain/escalation.h"
#include "http/handlers/alerts.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

struct action {
	const char *id;
	int64_t expected;  /* 0: no If-Match */
	bool escalation;   /* else start */
	int64_t step;
	const char *result; /* answered, no_answer */
	const char *note;
	int64_t now;
};

static const char *const results[] = {"answered", "no_answer", NULL};

static bool
open_state(const char *state)
{
	return !strcmp(state, "raised") || !strcmp(state, "acknowledged") ||
	       !strcmp(state, "in_progress");
}

/* The escalation step: an answer puts the alert in progress (someone reached is
 * acting) unless it already is. */
static int
record_step(struct lia_req *r, const struct action *w, struct lia_alert *al)
{
	struct lia_escalation_step step;
	bool wrong = false;
	if (!al->escalation ||
	    !lia_escalation_record(r->arena, al->escalation, (int)w->step,
				   !strcmp(w->result, "answered"), r->account.id, w->note, w->now,
				   &step, &wrong)) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "step", LIA_FE_INVALID_VALUE);
		lia_problem_set(&p, LIA_P_ALERT_STATE,
				wrong ? "This is not the current step of the escalation." :
					"The alert has no running escalation.",
				wrong ? "Ce n'est pas l'étape en cours de l'escalade." :
					"L'alerte n'a pas d'escalade en cours.");
		lia_reply_problem(r, &p);
		return LIA_STORE_CONFLICT;
	}
	al->escalation = step.json;
	al->escalation_due_at = step.due_at;
	al->event = step.event;
	if (!strcmp(w->result, "answered") && strcmp(al->state, "in_progress")) {
		al->state = "in_progress";
		al->in_progress_at = w->now;
		if (!al->acknowledged_at) {
			al->acknowledged_at = w->now;
			al->acknowledged_by = r->account.id;
		}
	}
	return LIA_STORE_OK;
}

static int
action_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	const struct action *w = r->ctx;
	struct lia_alert al;
	int st = c->ops->alert_get(c, r->arena, w->id, &al);
	if (st == LIA_STORE_OK && w->expected && w->expected != al.version)
		st = LIA_STORE_STALE;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	/* start: from acknowledged (or raised: taking it and acting at once). */
	bool ok = w->escalation ? open_state(al.state)
				: (!strcmp(al.state, "raised") || !strcmp(al.state, "acknowledged"));
	if (!ok) {
		lia_reply_error(r, LIA_P_ALERT_STATE);
		return LIA_STORE_CONFLICT;
	}
	int64_t expected = al.version;
	if (w->escalation) {
		st = record_step(r, w, &al);
		if (st != LIA_STORE_OK)
			return st;
	} else {
		struct lia_escalation_step step;
		if (al.escalation &&
		    lia_escalation_stop(r->arena, al.escalation, r->account.id, w->now, &step) &&
		    step.event) {
			al.escalation = step.json;
			al.escalation_due_at = 0;
		}
		if (!al.acknowledged_at) {
			al.acknowledged_at = w->now;
			al.acknowledged_by = r->account.id;
		}
		al.state = "in_progress";
		al.in_progress_at = w->now;
		if (w->note)
			al.note = w->note;
	}
	st = c->ops->alert_update(c, &al, expected);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	al.version = expected + 1;
	lia_reply_json(r, 200, lia_alert_json(&al));
	lia_reply_etag(r, al.version);
	return LIA_STORE_OK;
}

static void
act(struct lia_req *r, bool escalation)
{
	struct action *w = lia_arena_alloc(r->arena, sizeof *w);
	if (!lia_alert_if_match(r, &w->expected))
		return;
	struct lia_alert al;
	if (!lia_alert_load(r, escalation ? "alert.escalation" : "alert.start", &al))
		return;
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	struct lia_json_field start_spec[] = {
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 2000, 0, 0, NULL, &w->note, NULL},
	};
	struct lia_json_field esc_spec[] = {
		{"step", LIA_JSON_INT, LIA_JSON_REQUIRED, 0, 0, LIA_ESCALATION_MAX_STEPS - 1, NULL,
		 &w->step, NULL},
		{"result", LIA_JSON_STRING, LIA_JSON_REQUIRED, 16, 0, 0, results, &w->result, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 2000, 0, 0, NULL, &w->note, NULL},
	};
	struct lia_problem p = {0};
	if (escalation)
		lia_json_decode(r->arena, body, esc_spec, 3, "", &p);
	else
		lia_json_decode(r->arena, body, start_spec, 1, "", &p);
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	if (w->note && !*w->note)
		w->note = NULL;
	w->id = al.id;
	w->escalation = escalation;
	w->now = lia_clock_now_us();
	r->ctx = w;
	lia_req_write(r, action_fn);
}

void
lia_h_alert_start(struct lia_req *r)
{
	act(r, false);
}

void
lia_h_alert_escalation(struct lia_req *r)
{
	act(r, true);
}

void
lia_h_alert_events(struct lia_req *r)
{
	struct lia_alert al;
	if (!lia_alert_load(r, "alert.read", &al))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_alert_event *evs = NULL;
	size_t n = 0;
	int st = c->ops->alert_event_list(c, r->arena, al.id, &evs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "seq", (double)evs[i].seq);
		cJSON_AddStringToObject(e, "kind", evs[i].kind);
		lia_json_add_time(e, "at", evs[i].at);
		cJSON_AddNumberToObject(e, "version", (double)evs[i].version);
		cJSON_AddItemToArray(arr, e);
	}
	cJSON_AddItemToObject(o, "alert", lia_alert_json(&al));
	lia_reply_json(r, 200, o);
}
