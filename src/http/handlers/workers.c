/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Field workers: GET /api/v1/workers (an organisation's workers with their
 * profile), PUT /api/v1/workers/{id}/profile (qualifications, home coordinates,
 * weekly availability), GET and POST /api/v1/workers/{id}/absences.
 *
 * A worker is a staff account holding an aide, aide_soignant or nurse role
 * (store.h, worker_list); its profile is optional (version 0 until first set).
 * These are organisation-level data: seeing them is LIA_MANAGE_VIEW, changing them
 * LIA_MANAGE_PLANNING, on the worker's organisation node.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define MAX_QUALIFICATIONS 20
#define MAX_QUALIFICATION_LEN 40
#define MAX_WINDOWS 21
#define MAX_ABSENCE_DAYS 366

/* ---- JSON shapes ---- */

static cJSON *
worker_json(const struct lia_worker *w)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "account_id", w->account_id);
	cJSON_AddStringToObject(o, "org_id", w->org_id);
	lia_json_add_str(o, "display_name", w->display_name);
	cJSON *q = lia_json_from_text(w->qualifications);
	if (!cJSON_IsArray(q)) {
		cJSON_Delete(q);
		q = cJSON_CreateArray();
	}
	cJSON_AddItemToObject(o, "qualifications", q);
	if (w->has_coords) {
		cJSON *h = cJSON_AddObjectToObject(o, "home");
		cJSON_AddNumberToObject(h, "latitude", w->latitude);
		cJSON_AddNumberToObject(h, "longitude", w->longitude);
	} else {
		cJSON_AddNullToObject(o, "home");
	}
	cJSON *av = lia_json_from_text(w->availability);
	if (!cJSON_IsArray(av)) {
		cJSON_Delete(av);
		av = cJSON_CreateArray();
	}
	cJSON_AddItemToObject(o, "availability", av);
	cJSON_AddNumberToObject(o, "version", (double)w->version);
	return o;
}

static cJSON *
absence_json(const struct lia_worker_absence *a)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", a->id);
	cJSON_AddStringToObject(o, "org_id", a->org_id);
	cJSON_AddStringToObject(o, "account_id", a->account_id);
	lia_json_add_time(o, "starts_at", a->starts_at);
	lia_json_add_time(o, "ends_at", a->ends_at);
	lia_json_add_str(o, "reason", a->reason);
	lia_json_add_time(o, "created_at", a->created_at);
	lia_json_add_str(o, "created_by", a->created_by);
	return o;
}

static bool
in_string_array(const char *json_text, const char *s)
{
	cJSON *arr = lia_json_from_text(json_text);
	bool found = false;
	for (const cJSON *t = cJSON_IsArray(arr) ? arr->child : NULL; t && !found; t = t->next)
		found = cJSON_IsString(t) && !strcmp(t->valuestring, s);
	cJSON_Delete(arr);
	return found;
}

/* ---- loading a worker and deciding on it ---- */

/* The worker r->params[0] with its organisation: 404 for a malformed or unknown
 * account, 409 NOT_A_WORKER for an account that holds no field role. The access
 * decision `what` on the worker's node comes first, so that an outsider learns
 * nothing (404) about accounts out of their scope. audit_action non-NULL adds the
 * audit entry (ok or denied). */
static bool
load_worker(struct lia_req *r, enum lia_manage what, const char *audit_action, struct lia_worker *w,
	    struct lia_org *org)
{
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	struct lia_account acc;
	int st = LIA_STORE_OK;
	if (!lia_uuid_valid(id) ||
	    (st = c->ops->account_get(c, r->arena, id, &acc)) == LIA_STORE_NOT_FOUND) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	if (st != LIA_STORE_OK ||
	    (st = c->ops->org_get(c, r->arena, acc.org_id, org)) != LIA_STORE_OK) {
		lia_reply_store_error(r, st == LIA_STORE_NOT_FOUND ? LIA_STORE_ERROR : st);
		return false;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org->path, what, &d);
	if (audit_action) {
		struct lia_audit_entry *e = lia_req_audit(r, audit_action, NULL, org->id,
							  d.allow ? "ok" : "denied", d.reason);
		e->actor_role = d.as_role;
		e->object_id = acc.id;
	}
	if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return false;
	}
	struct lia_worker *items;
	size_t n;
	st = c->ops->worker_list(c, r->arena, "/", acc.id, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	if (n == 0) {
		if (audit_action)
			lia_req_audit_failed(r, "not_a_worker");
		lia_reply_error(r, LIA_P_NOT_A_WORKER);
		return false;
	}
	*w = items[0];
	return true;
}

/* ---- GET /api/v1/workers ---- */

void
lia_h_worker_list(struct lia_req *r)
{
	struct lia_conn *c = lia_req_conn(r);
	const char *org_id = lia_uri_param(&r->uri, "org");
	const char *qualification = lia_uri_param(&r->uri, "qualification");
	if (!org_id) {
		if (r->actor.nroles == 0) {
			lia_reply_error(r, LIA_P_FORBIDDEN);
			return;
		}
		org_id = r->actor.roles[0].org_id;
	}
	struct lia_org org;
	int st = LIA_STORE_OK;
	if (!lia_uuid_valid(org_id) ||
	    (st = c->ops->org_get(c, r->arena, org_id, &org)) == LIA_STORE_NOT_FOUND) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org.path, LIA_MANAGE_VIEW, &d);
	if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return;
	}
	struct lia_worker *items;
	size_t n;
	st = c->ops->worker_list(c, r->arena, org.path, NULL, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		if (!qualification || in_string_array(items[i].qualifications, qualification))
			cJSON_AddItemToArray(arr, worker_json(&items[i]));
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

/* ---- PUT /api/v1/workers/{id}/profile ---- */

struct profile_write {
	struct lia_worker w;
	int64_t expected;
};

/* A JSON number member of obj in [min, max] (field errors named prefix + name). */
static void
read_coordinate(const cJSON *obj, const char *name, double min, double max, const char *prefix,
		double *out, struct lia_problem *p)
{
	char field[64];
	snprintf(field, sizeof field, "%s%s", prefix, name);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!v || cJSON_IsNull(v)) {
		lia_problem_field(p, field, LIA_FE_REQUIRED);
		return;
	}
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
		lia_problem_field(p, field, LIA_FE_INVALID_TYPE);
		return;
	}
	if (v->valuedouble < min || v->valuedouble > max) {
		lia_problem_field(p, field, LIA_FE_OUT_OF_RANGE);
		return;
	}
	*out = v->valuedouble;
}

/* The home object {latitude, longitude}: nothing else, both required. */
static void
read_home(const cJSON *home, struct lia_worker *w, struct lia_problem *p)
{
	for (const cJSON *m = home->child; m; m = m->next) {
		const char *name = m->string ? m->string : "";
		if (strcmp(name, "latitude") && strcmp(name, "longitude")) {
			char field[64];
			snprintf(field, sizeof field, "home.%s", name);
			lia_problem_field(p, field, LIA_FE_UNKNOWN_FIELD);
		}
	}
	size_t before = p->nfields;
	read_coordinate(home, "latitude", -90, 90, "home.", &w->latitude, p);
	read_coordinate(home, "longitude", -180, 180, "home.", &w->longitude, p);
	w->has_coords = p->nfields == before;
}

/* The availability windows as canonical JSON text [{"day","from","to"}]. */
static const char *
read_availability(struct lia_req *r, const cJSON *arr, struct lia_problem *p)
{
	cJSON *out = cJSON_CreateArray();
	int i = 0;
	size_t before = p->nfields;
	for (const cJSON *it = arr ? arr->child : NULL; it; it = it->next, i++) {
		char prefix[40];
		snprintf(prefix, sizeof prefix, "availability[%d].", i);
		int64_t day = 0;
		const char *from = NULL, *to = NULL;
		struct lia_json_field spec[] = {
			{"day", LIA_JSON_INT, LIA_JSON_REQUIRED, 0, 1, 7, NULL, &day, NULL},
			{"from", LIA_JSON_STRING, LIA_JSON_REQUIRED, 5, 0, 0, NULL, &from, NULL},
			{"to", LIA_JSON_STRING, LIA_JSON_REQUIRED, 5, 0, 0, NULL, &to, NULL},
		};
		if (!lia_json_decode(r->arena, it, spec, 3, prefix, p))
			continue;
		int fm, tm;
		char field[64];
		bool ok = true;
		if (!lia_hhmm_parse(from, &fm)) {
			snprintf(field, sizeof field, "%sfrom", prefix);
			lia_problem_field(p, field, LIA_FE_INVALID_FORMAT);
			ok = false;
		}
		if (!lia_hhmm_parse(to, &tm)) {
			snprintf(field, sizeof field, "%sto", prefix);
			lia_problem_field(p, field, LIA_FE_INVALID_FORMAT);
			ok = false;
		}
		if (ok && tm <= fm) {
			snprintf(field, sizeof field, "%sto", prefix);
			lia_problem_field(p, field, LIA_FE_END_BEFORE_START);
			ok = false;
		}
		if (ok) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "day", (double)day);
			cJSON_AddStringToObject(o, "from", from);
			cJSON_AddStringToObject(o, "to", to);
			cJSON_AddItemToArray(out, o);
		}
	}
	const char *text = NULL;
	if (p->nfields == before) {
		char *s = cJSON_PrintUnformatted(out);
		text = lia_arena_strdup(r->arena, s);
		cJSON_free(s);
	}
	cJSON_Delete(out);
	return text;
}

static int
put_profile(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct profile_write *pw = r->ctx;
	int st = c->ops->worker_put(c, &pw->w, pw->expected);
	if (st == LIA_STORE_CONFLICT)
		st = LIA_STORE_STALE; /* created meanwhile: the caller's view is stale */
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	pw->w.version = pw->expected + 1;
	lia_reply_json(r, 200, worker_json(&pw->w));
	lia_reply_etag(r, pw->w.version);
	return LIA_STORE_OK;
}

void
lia_h_worker_profile_put(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const cJSON *qualifications = NULL, *home = NULL, *availability = NULL;
	int home_present = 0;
	struct lia_json_field spec[] = {
		{"qualifications", LIA_JSON_ARRAY, 0, MAX_QUALIFICATIONS, 0, 0, NULL,
		 &qualifications, NULL},
		{"home", LIA_JSON_OBJECT, LIA_JSON_NULLABLE, 0, 0, 0, NULL, &home, &home_present},
		{"availability", LIA_JSON_ARRAY, 0, MAX_WINDOWS, 0, 0, NULL, &availability, NULL},
	};
	struct lia_problem p = {0};
	struct profile_write *pw = lia_arena_alloc(r->arena, sizeof *pw);
	memset(pw, 0, sizeof *pw);
	/* Members that decoded are checked further even when others did not, so that
	 * one answer lists every error. */
	lia_json_decode(r->arena, body, spec, 3, "", &p);
	pw->w.qualifications = lia_string_list_text(r, qualifications, MAX_QUALIFICATIONS,
						    MAX_QUALIFICATION_LEN, "qualifications", &p);
	if (home)
		read_home(home, &pw->w, &p);
	pw->w.availability = read_availability(r, availability, &p);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_worker cur;
	struct lia_org org;
	if (!load_worker(r, LIA_MANAGE_PLANNING, "worker.profile.update", &cur, &org))
		return;
	/* A worker without a profile yet reads as version 0. */
	if (!lia_req_if_match_put(r, cur.version ? LIA_STORE_OK : LIA_STORE_NOT_FOUND,
				  &pw->expected))
		return;
	pw->w.account_id = cur.account_id;
	pw->w.org_id = cur.org_id;
	pw->w.display_name = cur.display_name;
	pw->w.updated_at = lia_clock_now_us();
	r->ctx = pw;
	lia_req_write(r, put_profile);
}

/* ---- GET and POST /api/v1/workers/{id}/absences ---- */

/* A query bound: an RFC 3339 instant, or a date meaning local midnight in tz. */
static bool
parse_bound(const char *s, const char *tz, int64_t *us)
{
	if (lia_date_valid(s))
		return lia_local_midnight(tz, s, us);
	return lia_time_parse(s, us);
}

void
lia_h_worker_absence_list(struct lia_req *r)
{
	struct lia_worker w;
	struct lia_org org;
	if (!load_worker(r, LIA_MANAGE_VIEW, NULL, &w, &org))
		return;
	const char *tz = lia_tz_valid(org.tz) ? org.tz : lia_org_tz(r, org.id);
	int64_t now = lia_clock_now_us();
	int64_t from = now - 30 * LIA_DAY_US, to = now + 90 * LIA_DAY_US;
	const char *qf = lia_uri_param(&r->uri, "from"), *qt = lia_uri_param(&r->uri, "to");
	struct lia_problem p = {0};
	if (qf && !parse_bound(qf, tz, &from))
		lia_problem_field(&p, "from", LIA_FE_INVALID_FORMAT);
	if (qt && !parse_bound(qt, tz, &to))
		lia_problem_field(&p, "to", LIA_FE_INVALID_FORMAT);
	if (p.kind == LIA_P_NONE && to <= from)
		lia_problem_field(&p, "to", LIA_FE_END_BEFORE_START);
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_worker_absence *items;
	size_t n;
	int st = c->ops->worker_absence_list(c, r->arena, w.account_id, from, to, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, absence_json(&items[i]));
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

static int
insert_absence(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	const struct lia_worker_absence *a = r->ctx;
	int st = c->ops->worker_absence_insert(c, a);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, absence_json(a));
	lia_reply_header(r, "Location",
			 lia_arena_printf(r->arena, "/api/v1/workers/%s/absences", a->account_id));
	return LIA_STORE_OK;
}

void
lia_h_worker_absence_create(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *starts_at = NULL, *ends_at = NULL, *reason = NULL;
	struct lia_json_field spec[] = {
		{"starts_at", LIA_JSON_STRING, LIA_JSON_REQUIRED, 40, 0, 0, NULL, &starts_at, NULL},
		{"ends_at", LIA_JSON_STRING, LIA_JSON_REQUIRED, 40, 0, 0, NULL, &ends_at, NULL},
		{"reason", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &reason, NULL},
	};
	struct lia_problem p = {0};
	int64_t start = 0, end = 0;
	if (lia_json_decode(r->arena, body, spec, 3, "", &p)) {
		if (!lia_time_parse(starts_at, &start))
			lia_problem_field(&p, "starts_at", LIA_FE_INVALID_TIME);
		if (!lia_time_parse(ends_at, &end))
			lia_problem_field(&p, "ends_at", LIA_FE_INVALID_TIME);
		if (p.kind == LIA_P_NONE && end <= start)
			lia_problem_field(&p, "ends_at", LIA_FE_END_BEFORE_START);
		else if (p.kind == LIA_P_NONE && end - start > MAX_ABSENCE_DAYS * LIA_DAY_US)
			lia_problem_field(&p, "ends_at", LIA_FE_OUT_OF_RANGE);
	}
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_worker w;
	struct lia_org org;
	if (!load_worker(r, LIA_MANAGE_PLANNING, "worker.absence.create", &w, &org))
		return;
	struct lia_worker_absence *a = lia_arena_alloc(r->arena, sizeof *a);
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	*a = (struct lia_worker_absence){
		.id = id,
		.org_id = w.org_id,
		.account_id = w.account_id,
		.starts_at = start,
		.ends_at = end,
		.reason = reason,
		.created_at = lia_clock_now_us(),
		.created_by = r->account.id,
	};
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = a;
	lia_req_write(r, insert_absence);
}
