/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Alerts for the people on watch (coordinators, alarm operators): GET /api/v1/alerts,
 * GET /api/v1/alerts/{id}, POST /api/v1/alerts/{id}/acknowledge and
 * POST /api/v1/alerts/{id}/resolve.
 *
 * Life of an alert: raised → acknowledged (someone is on it) → resolved (outcome
 * "resolved"), or cancelled as a false alarm (outcome "false_alarm", with a note
 * saying why). in_progress (help is on its way) is set by POST .../start or by an
 * answered escalation step (alert_actions.c); it can be resolved like the others.
 * Acknowledging, resolving or cancelling stops a running escalation. The right is LIA_MANAGE_ALERTS on the alert's
 * organisation; an alert outside the caller's scope does not exist for them (404).
 * If-Match is optional on both actions (the state rules already refuse a second
 * acknowledgement); when given it must match.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/escalation.h"
#include "http/handlers/alerts.h"
#include "http/handlers/cursor.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define MAX_SCOPES LIA_ALERT_MAX_SCOPES

static const char *const states[] = {
	"open", "raised", "acknowledged", "in_progress", "resolved", "cancelled", NULL};
static const char *const resolve_outcomes[] = {"resolved", "false_alarm", NULL};

/* Cursor = "<raised_at>\n<id>" of the last item (cursor.h). */
static bool
decode_cursor(struct lia_arena *a, const char *cursor, int64_t *raised_at, const char **id)
{
	const char *t;
	if (!lia_cursor_decode2(a, cursor, &t, id))
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(t, &end, 10);
	if (errno || *end || end == t || v < 0 || !lia_uuid_valid(*id))
		return false;
	*raised_at = v;
	return true;
}

static bool
one_of(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

void
lia_h_alert_list(struct lia_req *r)
{
	struct lia_problem p = {0};
	const char *scope[MAX_SCOPES];
	struct lia_alert_query q = {0};
	q.nscope = (int)lia_access_manage_scope(&r->actor, LIA_MANAGE_ALERTS, scope, MAX_SCOPES);
	q.scope_paths = scope;
	if (q.nscope == 0) {
		lia_req_audit(r, "alert.list", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	int64_t limit;
	if (!lia_uri_int(&r->uri, "limit", 1, 500, 50, &limit, &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	q.limit = (int)limit;
	q.state = lia_uri_param(&r->uri, "state");
	q.type = lia_uri_param(&r->uri, "type");
	q.client_id = lia_uri_param(&r->uri, "client_id");
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (q.state && !one_of(states, q.state))
		lia_problem_field(&p, "state", LIA_FE_INVALID_VALUE);
	if (q.type && (!*q.type || strlen(q.type) > 64))
		lia_problem_field(&p, "type", LIA_FE_INVALID_VALUE);
	if (q.client_id && !lia_uuid_valid(q.client_id))
		lia_problem_field(&p, "client_id", LIA_FE_INVALID_ID);
	if (cursor && !decode_cursor(r->arena, cursor, &q.before_raised_at, &q.before_id))
		lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_alert *items = NULL;
	size_t n = 0;
	int st = c->ops->alert_list(c, r->arena, &q, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	lia_req_audit(r, "alert.list", q.client_id, NULL, "ok", NULL);
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, lia_alert_json(&items[i]));
	if (n == (size_t)q.limit)
		cJSON_AddStringToObject(o, "next_cursor", lia_cursor_encode(r->arena, lia_arena_printf(r->arena, "%lld\n%s",
							 (long long)items[n - 1].raised_at,
							 items[n - 1].id)));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

bool
lia_alert_load(struct lia_req *r, const char *action, struct lia_alert *al)
{
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	int st = lia_uuid_valid(id) ? c->ops->alert_get(c, r->arena, id, al) : LIA_STORE_NOT_FOUND;
	struct lia_org org;
	if (st == LIA_STORE_OK)
		st = c->ops->org_get(c, r->arena, al->org_id, &org);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org.path, LIA_MANAGE_ALERTS, &d);
	struct lia_audit_entry *e = lia_req_audit(r, action, al->client_id, al->org_id,
						  d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	e->object_id = al->id;
	if (!d.allow)
		lia_reply_error(r, LIA_P_NOT_FOUND);
	return d.allow;
}

void
lia_h_alert_get(struct lia_req *r)
{
	struct lia_alert al;
	if (!lia_alert_load(r, "alert.read", &al))
		return;
	lia_reply_json(r, 200, lia_alert_json(&al));
	lia_reply_etag(r, al.version);
}

struct alert_change {
	const char *id;
	int64_t expected;    /* 0: no If-Match */
	bool resolve;        /* else acknowledge */
	const char *outcome; /* resolve: resolved, false_alarm */
	const char *note;
	int64_t now;
};

static int
change_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	const struct alert_change *w = r->ctx;
	struct lia_alert al;
	int st = c->ops->alert_get(c, r->arena, w->id, &al);
	if (st == LIA_STORE_OK && w->expected && w->expected != al.version)
		st = LIA_STORE_STALE;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	bool ok = w->resolve ? (!strcmp(al.state, "raised") || !strcmp(al.state, "acknowledged") ||
				!strcmp(al.state, "in_progress")) :
			       !strcmp(al.state, "raised");
	if (!ok) {
		lia_reply_error(r, LIA_P_ALERT_STATE);
		return LIA_STORE_CONFLICT;
	}
	int64_t expected = al.version;
	if (al.escalation) {
		struct lia_escalation_step step;
		if (lia_escalation_stop(r->arena, al.escalation, r->account.id, w->now, &step) &&
		    step.event) {
			al.escalation = step.json;
			al.escalation_due_at = 0;
		}
	}
	if (w->resolve) {
		bool false_alarm = !strcmp(w->outcome, "false_alarm");
		al.state = false_alarm ? "cancelled" : "resolved";
		al.outcome = w->outcome;
		al.note = w->note;
		al.resolved_at = w->now;
		al.resolved_by = r->account.id;
	} else {
		al.state = "acknowledged";
		al.acknowledged_at = w->now;
		al.acknowledged_by = r->account.id;
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

bool
lia_alert_if_match(struct lia_req *r, int64_t *expected)
{
	*expected = 0;
	return !r->h_if_match || lia_req_if_match(r, expected);
}

void
lia_h_alert_ack(struct lia_req *r)
{
	struct alert_change *w = lia_arena_alloc(r->arena, sizeof *w);
	if (!lia_alert_if_match(r, &w->expected))
		return;
	struct lia_alert al;
	if (!lia_alert_load(r, "alert.acknowledge", &al))
		return;
	w->id = al.id;
	w->now = lia_clock_now_us();
	r->ctx = w;
	lia_req_write(r, change_fn);
}

void
lia_h_alert_resolve(struct lia_req *r)
{
	struct alert_change *w = lia_arena_alloc(r->arena, sizeof *w);
	if (!lia_alert_if_match(r, &w->expected))
		return;
	struct lia_alert al;
	if (!lia_alert_load(r, "alert.resolve", &al))
		return;
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	struct lia_json_field spec[] = {
		{"outcome", LIA_JSON_STRING, LIA_JSON_REQUIRED, 16, 0, 0, resolve_outcomes,
		 &w->outcome, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 2000, 0, 0, NULL, &w->note, NULL},
	};
	struct lia_problem p = {0};
	if (lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		if (w->note && !*w->note)
			w->note = NULL;
		if (!strcmp(w->outcome, "false_alarm") && !w->note)
			lia_problem_field(&p, "note", LIA_FE_REQUIRED);
	}
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	w->id = al.id;
	w->resolve = true;
	w->now = lia_clock_now_us();
	r->ctx = w;
	lia_req_write(r, change_fn);
}
