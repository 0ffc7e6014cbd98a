/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Télégestion: POST /api/v1/visits/{id}/check-in and /check-out.
 *
 * The worker assigned to the visit clocks with the app, the NFC tag or the QR code at
 * the client's door; a coordinator may enter a time by hand with a reason (method
 * "manual"), which funders see as not clocked (COA/COD). Each clock event is kept as
 * it was recorded (server time, device time, method, location only at that moment:
 * CNIL), and the visit carries the summary and, at check-out, the retained times.
 * A phone that retries with its Idempotency-Key gets the first answer again; without
 * one, a second check-in is refused (already_checked_in), never recorded twice.
 */
#include <math.h>
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/telegestion.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define SKEW_US (5 * 60 * 1000000LL) /* device clock off by more: flagged */
#define FAR_US (2 * 3600 * 1000000LL)  /* clocked this far from planned: flagged */

static const char *const methods[] = {"app", "nfc", "qr", "manual", NULL};

struct clocking {
	bool out;                    /* check-out */
	struct lia_visit v;          /* as read by the handler */
	struct lia_client cl;
	const char *tz;
	struct lia_planning_settings ps;
	struct lia_clock_event e;
	const char *tasks_done;      /* check-out */
	const char *anomalies;
};

/* Reads the optional location members (numbers: the field spec has no doubles). */
static void
decode_location(const cJSON *body, struct lia_clock_event *e, struct lia_problem *p)
{
	const cJSON *lat = cJSON_GetObjectItemCaseSensitive(body, "latitude");
	const cJSON *lon = cJSON_GetObjectItemCaseSensitive(body, "longitude");
	const cJSON *acc = cJSON_GetObjectItemCaseSensitive(body, "accuracy_m");
	if (!lat && !lon && !acc)
		return;
	if (!cJSON_IsNumber(lat) || fabs(lat->valuedouble) > 90)
		lia_problem_field(p, "latitude", lat ? LIA_FE_OUT_OF_RANGE : LIA_FE_REQUIRED);
	if (!cJSON_IsNumber(lon) || fabs(lon->valuedouble) > 180)
		lia_problem_field(p, "longitude", lon ? LIA_FE_OUT_OF_RANGE : LIA_FE_REQUIRED);
	if (acc && (!cJSON_IsNumber(acc) || acc->valuedouble < 0 || acc->valuedouble > 100000))
		lia_problem_field(p, "accuracy_m", LIA_FE_OUT_OF_RANGE);
	if (p->kind != LIA_P_NONE)
		return;
	e->has_location = true;
	e->latitude = lat->valuedouble;
	e->longitude = lon->valuedouble;
	e->accuracy_m = acc ? acc->valuedouble : 0;
}

/* The tasks done or not at check-out: [{"task", "done", "reason"}], each task one of
 * the visit's; a task not done needs a reason. */
static const char *
decode_tasks(struct lia_req *r, const cJSON *tasks, const char *planned, struct lia_problem *p)
{
	if (!tasks)
		return NULL;
	cJSON *known = cJSON_Parse(planned ? planned : "[]");
	cJSON *out = cJSON_CreateArray();
	int i = 0;
	for (const cJSON *t = tasks->child; t; t = t->next, i++) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "task");
		const cJSON *done = cJSON_GetObjectItemCaseSensitive(t, "done");
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(t, "reason");
		char field[32];
		bool listed = false;
		for (const cJSON *k = known ? known->child : NULL; k && cJSON_IsString(name); k = k->next)
			listed |= cJSON_IsString(k) && !strcmp(k->valuestring, name->valuestring);
		snprintf(field, sizeof field, "tasks[%d]", i);
		if (!cJSON_IsObject(t) || !listed || !cJSON_IsBool(done) ||
		    (why && (!cJSON_IsString(why) || strlen(why->valuestring) > 500)) ||
		    (cJSON_IsFalse(done) && (!why || !why->valuestring[0]))) {
			lia_problem_field(p, lia_arena_strdup(r->arena, field), LIA_FE_INVALID_VALUE);
			continue;
		}
		cJSON *row = cJSON_CreateObject();
		cJSON_AddStringToObject(row, "task", name->valuestring);
		cJSON_AddBoolToObject(row, "done", cJSON_IsTrue(done));
		if (why && why->valuestring[0])
			cJSON_AddStringToObject(row, "reason", why->valuestring);
		cJSON_AddItemToArray(out, row);
	}
	char *text = cJSON_PrintUnformatted(out);
	const char *copy = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	cJSON_Delete(out);
	cJSON_Delete(known);
	return p->kind == LIA_P_NONE ? copy : NULL;
}

/* Checks the tag against the home and measures the distance; adds anomalies. */
static bool
check_home(struct lia_req *r, struct clocking *k, cJSON *anomalies, struct lia_problem *p)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_home h;
	int st = c->ops->home_get(c, r->arena, k->cl.id, &h);
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND) {
		lia_reply_store_error(r, st);
		return false;
	}
	bool home = st == LIA_STORE_OK;
	struct lia_clock_event *e = &k->e;
	if (!strcmp(e->method, "nfc") || !strcmp(e->method, "qr")) {
		bool ok = false;
		if (home && !strcmp(e->method, "qr"))
			ok = h.qr_code && !strcmp(h.qr_code, e->tag);
		if (home && !strcmp(e->method, "nfc")) {
			cJSON *tags = cJSON_Parse(h.nfc_tags ? h.nfc_tags : "[]");
			for (const cJSON *t = tags ? tags->child : NULL; t; t = t->next)
				ok |= cJSON_IsString(t) && !strcmp(t->valuestring, e->tag);
			cJSON_Delete(tags);
		}
		if (!ok)
			lia_problem_field(p, "tag", LIA_FE_UNKNOWN_TAG);
	}
	e->distance_m = -1;
	if (e->has_location && home && h.has_coords) {
		e->distance_m = lia_distance_m(e->latitude, e->longitude, h.latitude, h.longitude);
		e->outside_radius = e->distance_m > k->ps.geofence_m;
		if (e->outside_radius)
			cJSON_AddItemToArray(anomalies, cJSON_CreateString(
								k->out ? "check_out_outside_radius"
								       : "check_in_outside_radius"));
	}
	return true;
}

static int
record(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct clocking *k = r->ctx;
	/* Read again inside the transaction: a concurrent clocking of the same visit is
	 * seen here, because the committer runs writes one after another. */
	struct lia_visit v;
	int st = c->ops->visit_get(c, r->arena, k->v.id, &v);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	enum lia_problem_kind refuse = LIA_P_NONE;
	bool manual = !strcmp(k->e.method, "manual");
	if (!strcmp(v.status, "cancelled"))
		refuse = LIA_P_VISIT_CANCELLED;
	else if (!strcmp(v.status, "suspended"))
		refuse = LIA_P_VISIT_SUSPENDED;
	else if (!k->out && strcmp(v.status, "planned"))
		refuse = LIA_P_ALREADY_CHECKED_IN;
	else if (k->out && !strcmp(v.status, "done"))
		refuse = LIA_P_ALREADY_CHECKED_OUT;
	else if (k->out && !strcmp(v.status, "planned") && !manual)
		refuse = LIA_P_VISIT_NOT_STARTED;
	if (refuse != LIA_P_NONE) {
		lia_reply_error(r, refuse);
		return LIA_STORE_CONFLICT;
	}
	int64_t now = k->e.server_at;
	if (!k->out) {
		v.status = "in_progress";
		v.check_in_at = now;
		v.check_in_device_at = k->e.device_at;
		v.check_in_method = k->e.method;
	} else {
		if (!v.check_in_at && now < v.planned_start) {
			/* A departure entered by hand with no arrival, before the visit was due. */
			lia_reply_error(r, LIA_P_VISIT_NOT_STARTED);
			return LIA_STORE_CONFLICT;
		}
		v.status = "done";
		v.check_out_at = now;
		v.check_out_device_at = k->e.device_at;
		v.check_out_method = k->e.method;
		v.tasks_done = k->tasks_done;
		struct lia_clocking ck = {
			.planned_start = v.planned_start, .planned_end = v.planned_end,
			.in_at = v.check_in_at, .out_at = now,
			.in_certified = v.check_in_method && strcmp(v.check_in_method, "manual"),
			.out_certified = !manual,
		};
		struct lia_retained rt;
		lia_retained_compute(&k->ps, &ck, &rt);
		v.retained_start = rt.start;
		v.retained_end = rt.end;
		v.correction_code = rt.code;
	}
	/* Anomalies accumulate over the visit's clock events. */
	cJSON *all = lia_json_from_text(v.anomalies);
	if (!cJSON_IsArray(all)) {
		cJSON_Delete(all);
		all = cJSON_CreateArray();
	}
	cJSON *more = cJSON_Parse(k->anomalies);
	for (cJSON *a = more ? more->child : NULL; a; a = a->next)
		cJSON_AddItemToArray(all, cJSON_CreateString(a->valuestring));
	cJSON_Delete(more);
	char *text = cJSON_PrintUnformatted(all);
	v.anomalies = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	cJSON_Delete(all);
	v.updated_at = now;
	st = c->ops->clock_event_insert(c, &k->e);
	if (st == LIA_STORE_OK)
		st = c->ops->visit_update(c, &v, v.version);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	v.version++;
	lia_reply_json(r, 200, lia_visit_json(&v, k->tz));
	lia_reply_etag(r, v.version);
	return LIA_STORE_OK;
}

static void
clock_event(struct lia_req *r, bool out)
{
	struct clocking *k = lia_arena_alloc(r->arena, sizeof *k);
	struct lia_subject s;
	k->out = out;
	if (!lia_visit_load(r, &k->v, &k->cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_clock_event *e = &k->e;
	const char *device_time = NULL;
	const cJSON *tasks = NULL;
	struct lia_json_field spec[] = {
		{"method", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, methods, &e->method, NULL},
		{"device_time", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &device_time, NULL},
		{"tag", LIA_JSON_STRING, LIA_JSON_NULLABLE, 128, 0, 0, NULL, &e->tag, NULL},
		{"reason", LIA_JSON_STRING, LIA_JSON_NULLABLE, 500, 0, 0, NULL, &e->reason, NULL},
		{"tasks", LIA_JSON_ARRAY, 0, 30, 0, 0, NULL, &tasks, NULL},
	};
	/* Location members are numbers (the field spec has no doubles): read first, then
	 * taken out of the body so that the spec sees only its own members. */
	struct lia_problem p = {0};
	decode_location(body, e, &p);
	cJSON_DeleteItemFromObjectCaseSensitive(body, "latitude");
	cJSON_DeleteItemFromObjectCaseSensitive(body, "longitude");
	cJSON_DeleteItemFromObjectCaseSensitive(body, "accuracy_m");
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	int64_t now = lia_clock_now_us();
	cJSON *anomalies = cJSON_CreateArray();
	if (device_time && !lia_time_parse(device_time, &e->device_at))
		lia_problem_field(&p, "device_time", LIA_FE_INVALID_TIME);
	else if (e->device_at && (e->device_at - now > SKEW_US || now - e->device_at > SKEW_US))
		cJSON_AddItemToArray(anomalies, cJSON_CreateString("device_clock_skew"));
	/* Far from the planned time: kept (a phone back online sends late), but flagged
	 * for the coordinator and the funder's review. */
	int64_t planned = out ? k->v.planned_end : k->v.planned_start;
	if (now - planned > FAR_US || planned - now > FAR_US)
		cJSON_AddItemToArray(anomalies, cJSON_CreateString(out ? "check_out_far_from_planned"
								      : "check_in_far_from_planned"));
	bool manual = !strcmp(e->method, "manual");
	if (manual && !e->reason)
		lia_problem_field(&p, "reason", LIA_FE_REQUIRED);
	if ((!strcmp(e->method, "nfc") || !strcmp(e->method, "qr")) && !e->tag)
		lia_problem_field(&p, "tag", LIA_FE_REQUIRED);
	if (tasks && !out)
		lia_problem_field(&p, "tasks", LIA_FE_UNKNOWN_FIELD);
	else if (out)
		k->tasks_done = decode_tasks(r, tasks, k->v.tasks, &p);
	if (p.kind == LIA_P_NONE && !lia_planning_settings_for(r, k->cl.org_path, &k->ps)) {
		cJSON_Delete(anomalies);
		return;
	}
	if (p.kind == LIA_P_NONE && !check_home(r, k, anomalies, &p)) {
		cJSON_Delete(anomalies);
		return;
	}
	if (p.kind != LIA_P_NONE) {
		cJSON_Delete(anomalies);
		lia_reply_problem(r, &p);
		return;
	}
	char *text = cJSON_PrintUnformatted(anomalies);
	k->anomalies = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	cJSON_Delete(anomalies);
	/* By hand: someone who manages the visit, not the worker; otherwise the worker
	 * it is assigned to. */
	bool mine = s.assigned_visit;
	if (manual)
		s.assigned_visit = false;
	if (!lia_req_authorize_client(r, &s, k->cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      out ? "visit.check_out" : "visit.check_in", NULL))
		return;
	r->audit[r->naudit - 1].object_id = k->v.id;
	if (!manual && !mine) {
		lia_req_audit_failed(r, "not_assigned");
		lia_reply_error(r, LIA_P_NOT_ASSIGNED);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	e->id = id;
	e->org_id = k->cl.org_id;
	e->client_id = k->cl.id;
	e->visit_id = k->v.id;
	e->kind = out ? "check_out" : "check_in";
	e->server_at = now;
	e->by_account = r->account.id;
	k->tz = lia_org_tz(r, k->cl.org_id);
	r->ctx = k;
	lia_req_write(r, record);
}

void
lia_h_visit_check_in(struct lia_req *r)
{
	clock_event(r, false);
}

void
lia_h_visit_check_out(struct lia_req *r)
{
	clock_event(r, true);
}
