/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Visits of a client and one visit: GET/POST /api/v1/clients/{id}/visits,
 * GET/PATCH /api/v1/visits/{id}, POST /api/v1/visits/{id}/cancel,
 * GET /api/v1/visits/{id}/clock-events.
 *
 * Visits are daily-life data of the client (planning). A change by hand marks the
 * visit manual, so that regenerating the plan keeps it (planner.h); nothing is
 * deleted: a cancelled visit stays with its reason.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/planner.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define LIST_MAX 500
#define MAX_VISIT_MIN 720

static const char *const cancel_reasons[] = {"client_refused", "client_absent",
					     "client_hospitalised", "worker_unavailable",
					     "duplicate", "other", NULL};

static void
reply_visit(struct lia_req *r, int status, const struct lia_visit *v, const char *tz)
{
	lia_reply_json(r, status, lia_visit_json(v, tz));
	lia_reply_etag(r, v->version);
}

/* The visits of a client between two local dates (default: this week). */
void
lia_h_client_visits(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	const char *tz = lia_org_tz(r, cl.org_id);
	struct lia_problem p = {0};
	struct lia_visit_query q = {.client_id = cl.id};
	int64_t limit, now = lia_clock_now_us(), today;
	lia_local_days(tz, now, &today);
	int64_t def_from, def_to;
	lia_local_days_to_utc(tz, today, 0, &def_from);
	lia_local_days_to_utc(tz, today + 7, 0, &def_to);
	lia_query_period(r, tz, def_from, def_to, 366, &q.from, &q.to, &p);
	if (!lia_uri_int(&r->uri, "limit", 1, LIST_MAX, 200, &limit, &p))
		p.kind = LIA_P_INVALID_QUERY;
	q.limit = (int)limit;
	q.status = lia_uri_param(&r->uri, "status");
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (cursor && !lia_visit_cursor_parse(cursor, &q.after_start, &q.after_id)) {
		lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
		p.kind = LIA_P_INVALID_QUERY;
	}
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ,
				      "client.visits.read", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_visit *vs;
	size_t n;
	int st = c->ops->visit_list(c, r->arena, &q, &vs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(items, lia_visit_json(&vs[i], tz));
	if (n == (size_t)q.limit)
		cJSON_AddStringToObject(o, "next_cursor", lia_visit_cursor(r->arena, &vs[n - 1]));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

struct visit_write {
	struct lia_visit v;
	int64_t expected;
	const char *tz;
	bool recheck_worker;  /* moved while assigned: the worker must still be free */
};

static int
insert_visit(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct visit_write *w = r->ctx;
	int st = c->ops->visit_insert(c, &w->v);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	reply_visit(r, 201, &w->v, w->tz);
	return LIA_STORE_OK;
}

/* The absence in force on the local date of us, if any. */
static const char *
absence_covering(struct lia_req *r, const char *client_id, const char *tz, int64_t us, int *st)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_absence *abs;
	size_t n;
	char date[11], time[9];
	*st = c->ops->absence_list(c, r->arena, client_id, &abs, &n);
	if (*st != LIA_STORE_OK || !lia_local_format(tz, us, date, time))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!abs[i].cancelled_at && strcmp(abs[i].starts_on, date) <= 0 &&
		    strcmp(date, abs[i].ends_on) <= 0)
			return abs[i].id;
	return NULL;
}

/* A one-off visit; with "after_the_fact" it records a visit that took place without
 * clocking (ESPPADOM CRE): done, retained as planned. */
void
lia_h_visit_create(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct visit_write *w = lia_arena_alloc(r->arena, sizeof *w);
	struct lia_visit *v = &w->v;
	const char *start = NULL, *end = NULL;
	const cJSON *tasks = NULL;
	bool after = false;
	struct lia_json_field spec[] = {
		{"type", LIA_JSON_STRING, LIA_JSON_REQUIRED, 40, 0, 0, lia_visit_types, &v->type, NULL},
		{"label", LIA_JSON_STRING, LIA_JSON_NULLABLE, 200, 0, 0, NULL, &v->label, NULL},
		{"planned_start", LIA_JSON_STRING, LIA_JSON_REQUIRED, 40, 0, 0, NULL, &start, NULL},
		{"planned_end", LIA_JSON_STRING, LIA_JSON_REQUIRED, 40, 0, 0, NULL, &end, NULL},
		{"qualification", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &v->qualification, NULL},
		{"tasks", LIA_JSON_ARRAY, 0, 30, 0, 0, NULL, &tasks, NULL},
		{"funder", LIA_JSON_STRING, LIA_JSON_NULLABLE, 20, 0, 0, lia_funders, &v->funder, NULL},
		{"after_the_fact", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &after, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	int64_t now = lia_clock_now_us();
	v->tasks = lia_string_list_text(r, tasks, 30, 200, "tasks", &p);
	if (!lia_time_parse(start, &v->planned_start))
		lia_problem_field(&p, "planned_start", LIA_FE_INVALID_TIME);
	else if (!lia_time_parse(end, &v->planned_end))
		lia_problem_field(&p, "planned_end", LIA_FE_INVALID_TIME);
	else if (v->planned_end <= v->planned_start)
		lia_problem_field(&p, "planned_end", LIA_FE_END_BEFORE_START);
	else if (v->planned_end - v->planned_start > MAX_VISIT_MIN * LIA_MINUTE_US)
		lia_problem_field(&p, "planned_end", LIA_FE_OUT_OF_RANGE);
	else if (after && v->planned_end > now)
		lia_problem_field(&p, "planned_end", LIA_FE_IN_THE_FUTURE);
	else if (v->planned_start > now + 400 * LIA_DAY_US)
		lia_problem_field(&p, "planned_start", LIA_FE_OUT_OF_RANGE);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_CREATE,
				      "visit.create", NULL))
		return;
	w->tz = lia_org_tz(r, cl.org_id);
	int st = LIA_STORE_OK;
	v->suspended_by = after ? NULL : absence_covering(r, cl.id, w->tz, v->planned_start, &st);
	if (!after && st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	v->id = id;
	v->org_id = cl.org_id;
	v->client_id = cl.id;
	v->status = after ? "done" : v->suspended_by ? "suspended" : "planned";
	v->manual = true;
	v->version = 1;
	v->created_at = v->updated_at = now;
	if (after) {
		v->retained_start = v->planned_start;
		v->retained_end = v->planned_end;
		v->correction_code = "CRE";
	}
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = w;
	lia_req_write(r, insert_visit);
}

void
lia_h_visit_get(struct lia_req *r)
{
	struct lia_visit v;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &v, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ, "visit.read",
				      NULL))
		return;
	r->audit[r->naudit - 1].object_id = v.id;
	reply_visit(r, 200, &v, lia_org_tz(r, cl.org_id));
}

static int
update_visit(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct visit_write *w = r->ctx;
	struct lia_problem p = {0};
	int st = LIA_STORE_OK;
	if (w->recheck_worker)
		st = lia_visit_worker_check(c, r->arena, &w->v, w->tz, &p);
	if (st == LIA_STORE_OK && p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return LIA_STORE_CONFLICT;
	}
	if (st == LIA_STORE_OK)
		st = c->ops->visit_update(c, &w->v, w->expected);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	w->v.version = w->expected + 1;
	reply_visit(r, 200, &w->v, w->tz);
	return LIA_STORE_OK;
}

/* Refuses changes by hand to a visit that is no longer only planned. */
static bool
still_planned(struct lia_req *r, const struct lia_visit *v)
{
	if (!strcmp(v->status, "planned") || !strcmp(v->status, "suspended"))
		return true;
	lia_reply_error(r, !strcmp(v->status, "cancelled") ? LIA_P_VISIT_CANCELLED
							   : LIA_P_VISIT_CLOSED);
	return false;
}

void
lia_h_visit_update(struct lia_req *r)
{
	struct visit_write *w = lia_arena_alloc(r->arena, sizeof *w);
	if (!lia_req_if_match(r, &w->expected))
		return;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &w->v, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_visit *v = &w->v;
	const char *start = NULL, *end = NULL, *label = NULL, *qualification = NULL;
	const cJSON *tasks = NULL;
	int has_label = 0, has_qualification = 0;
	struct lia_json_field spec[] = {
		{"planned_start", LIA_JSON_STRING, 0, 40, 0, 0, NULL, &start, NULL},
		{"planned_end", LIA_JSON_STRING, 0, 40, 0, 0, NULL, &end, NULL},
		{"label", LIA_JSON_STRING, LIA_JSON_NULLABLE, 200, 0, 0, NULL, &label, &has_label},
		{"qualification", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &qualification,
		 &has_qualification},
		{"tasks", LIA_JSON_ARRAY, 0, 30, 0, 0, NULL, &tasks, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	w->tz = lia_org_tz(r, cl.org_id);
	int64_t len = v->planned_end - v->planned_start;
	if (start && !lia_time_parse(start, &v->planned_start))
		lia_problem_field(&p, "planned_start", LIA_FE_INVALID_TIME);
	if (end && !lia_time_parse(end, &v->planned_end))
		lia_problem_field(&p, "planned_end", LIA_FE_INVALID_TIME);
	else if (start && !end)
		v->planned_end = v->planned_start + len; /* moved, same length */
	if (p.kind == LIA_P_NONE && v->planned_end <= v->planned_start)
		lia_problem_field(&p, "planned_end", LIA_FE_END_BEFORE_START);
	else if (p.kind == LIA_P_NONE && v->planned_end - v->planned_start > MAX_VISIT_MIN * LIA_MINUTE_US)
		lia_problem_field(&p, "planned_end", LIA_FE_OUT_OF_RANGE);
	/* A plan visit stays within a week of its date (planner.h). */
	int64_t occurrence, day;
	if (p.kind == LIA_P_NONE && v->occurrence_date &&
	    lia_date_to_days(v->occurrence_date, &occurrence) &&
	    lia_local_days(w->tz, v->planned_start, &day) &&
	    (day - occurrence > LIA_PLAN_MOVE_MAX_DAYS || occurrence - day > LIA_PLAN_MOVE_MAX_DAYS))
		lia_problem_field(&p, "planned_start", LIA_FE_TOO_FAR);
	if (tasks && !(v->tasks = lia_string_list_text(r, tasks, 30, 200, "tasks", &p)))
		p.kind = LIA_P_VALIDATION_FAILED;
	if (has_label)
		v->label = label;
	if (has_qualification)
		v->qualification = qualification;
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "visit.update", NULL) ||
	    !still_planned(r, v))
		return;
	v->manual = true;
	v->updated_at = lia_clock_now_us();
	w->recheck_worker = v->worker_id && (start || end);
	r->audit[r->naudit - 1].object_id = v->id;
	r->ctx = w;
	lia_req_write(r, update_visit);
}

void
lia_h_visit_cancel(struct lia_req *r)
{
	struct visit_write *w = lia_arena_alloc(r->arena, sizeof *w);
	if (!lia_req_if_match(r, &w->expected))
		return;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &w->v, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *reason = NULL, *note = NULL;
	struct lia_json_field spec[] = {
		{"reason", LIA_JSON_STRING, LIA_JSON_REQUIRED, 30, 0, 0, cancel_reasons, &reason, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 500, 0, 0, NULL, &note, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "visit.cancel", NULL) ||
	    !still_planned(r, &w->v))
		return;
	w->tz = lia_org_tz(r, cl.org_id);
	w->v.status = "cancelled";
	w->v.suspended_by = NULL;
	w->v.cancel_reason = reason;
	w->v.cancel_note = note;
	w->v.manual = true;
	w->v.updated_at = lia_clock_now_us();
	r->audit[r->naudit - 1].object_id = w->v.id;
	r->ctx = w;
	lia_req_write(r, update_visit);
}

void
lia_h_visit_clock_events(struct lia_req *r)
{
	struct lia_visit v;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &v, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ,
				      "visit.clock_events.read", NULL))
		return;
	r->audit[r->naudit - 1].object_id = v.id;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_clock_event *es;
	size_t n;
	int st = c->ops->clock_event_list(c, r->arena, v.id, &es, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", es[i].id);
		cJSON_AddStringToObject(e, "kind", es[i].kind);
		lia_json_add_time(e, "server_at", es[i].server_at);
		lia_json_add_time(e, "device_at", es[i].device_at);
		cJSON_AddStringToObject(e, "method", es[i].method);
		lia_json_add_str(e, "tag", es[i].tag);
		if (es[i].has_location) {
			cJSON *loc = cJSON_AddObjectToObject(e, "location");
			cJSON_AddNumberToObject(loc, "latitude", es[i].latitude);
			cJSON_AddNumberToObject(loc, "longitude", es[i].longitude);
			cJSON_AddNumberToObject(loc, "accuracy_m", es[i].accuracy_m);
		} else {
			cJSON_AddNullToObject(e, "location");
		}
		if (es[i].distance_m >= 0)
			cJSON_AddNumberToObject(e, "distance_m", es[i].distance_m);
		else
			cJSON_AddNullToObject(e, "distance_m");
		cJSON_AddBoolToObject(e, "outside_radius", es[i].outside_radius);
		cJSON_AddStringToObject(e, "by_account", es[i].by_account);
		lia_json_add_str(e, "reason", es[i].reason);
		cJSON_AddItemToArray(items, e);
	}
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}
