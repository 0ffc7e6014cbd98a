/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Who does a visit: PUT /api/v1/visits/{id}/assignment (assign a worker, or null to
 * unassign) and GET /api/v1/visits/{id}/suggestions (the workers who could take it,
 * best first).
 *
 * A worker may take a visit when (check_worker, shared by both):
 *   - they hold the qualification the visit requires, if any (QUALIFICATION_MISSING);
 *   - no absence of theirs overlaps the visit (WORKER_ABSENT);
 *   - no other live visit of theirs overlaps it (SCHEDULE_CONFLICT);
 *   - when they declared weekly availability windows, the visit falls inside one,
 *     in the organisation's local time (WORKER_UNAVAILABLE).
 * An assignment also needs the account to be a field worker whose role node is on
 * the client's branch of the tree: the client's node, an ancestor or a descendant
 * (NOT_A_WORKER). The checks run once on the request thread, to answer at once, and
 * again inside the write transaction: the committer serialises writes, so no other
 * assignment can slip between the check and the update.
 *
 * Both are changes of the client's planning: category daily, action update.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/telegestion.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define CONFLICT_LOOKBACK_US (12LL * 3600 * 1000000) /* the longest visit we look behind */
#define CONTINUITY_DAYS 90
#define MAX_SUGGESTIONS 20
#define MAX_LIST 5000

/* Visits that occupy their worker's time. */
static bool
occupies(const struct lia_visit *v)
{
	return strcmp(v->status, "cancelled") && strcmp(v->status, "suspended");
}

static bool
json_list_has(const char *json_text, const char *s)
{
	cJSON *arr = lia_json_from_text(json_text);
	bool found = false;
	for (const cJSON *t = cJSON_IsArray(arr) ? arr->child : NULL; t && !found; t = t->next)
		found = cJSON_IsString(t) && !strcmp(t->valuestring, s);
	cJSON_Delete(arr);
	return found;
}

/* Local weekday (1..7) and minute of day of an instant. */
static bool
local_day_minute(const char *tz, int64_t us, int64_t *days, int *minute)
{
	char date[11], time[9];
	if (!lia_local_format(tz, us, date, time) || !lia_date_to_days(date, days))
		return false;
	time[5] = '\0';
	return lia_hhmm_parse(time, minute);
}

/* True when the worker declared no window, or [start, end) fits in one of them. */
static bool
available(const char *availability, const char *tz, int64_t start, int64_t end)
{
	cJSON *arr = lia_json_from_text(availability);
	if (!cJSON_IsArray(arr) || !arr->child) {
		cJSON_Delete(arr);
		return true;
	}
	int64_t d1, d2;
	int m1, m2;
	bool ok = false;
	if (local_day_minute(tz, start, &d1, &m1) && local_day_minute(tz, end, &d2, &m2)) {
		if (d2 == d1 + 1 && m2 == 0) { /* ends at midnight */
			m2 = 24 * 60;
			d2 = d1;
		}
		int wd = lia_days_weekday(d1);
		for (const cJSON *w = arr->child; w && !ok && d2 == d1; w = w->next) {
			const cJSON *day = cJSON_GetObjectItemCaseSensitive(w, "day");
			const cJSON *from = cJSON_GetObjectItemCaseSensitive(w, "from");
			const cJSON *to = cJSON_GetObjectItemCaseSensitive(w, "to");
			int fm, tm;
			if (cJSON_IsNumber(day) && day->valueint == wd && cJSON_IsString(from) &&
			    cJSON_IsString(to) && lia_hhmm_parse(from->valuestring, &fm) &&
			    lia_hhmm_parse(to->valuestring, &tm))
				ok = fm <= m1 && m2 <= tm;
		}
	}
	cJSON_Delete(arr);
	return ok;
}

/* Whether worker w may take visit v (see the top of the file). Returns the store
 * status; when the worker may not, sets p (with existing_id for an absence or a
 * visit in the way). */
static int
check_worker(struct lia_conn *c, struct lia_arena *a, const struct lia_visit *v,
	     const struct lia_worker *w, const char *tz, struct lia_problem *p)
{
	if (v->qualification && !json_list_has(w->qualifications, v->qualification)) {
		p->kind = LIA_P_QUALIFICATION_MISSING;
		return LIA_STORE_OK;
	}
	struct lia_worker_absence *abs;
	size_t nabs;
	int st = c->ops->worker_absence_list(c, a, w->account_id, v->planned_start, v->planned_end,
					     &abs, &nabs);
	if (st != LIA_STORE_OK)
		return st;
	if (nabs > 0) {
		p->kind = LIA_P_WORKER_ABSENT;
		p->existing_id = abs[0].id;
		return LIA_STORE_OK;
	}
	struct lia_visit_query q = {
		.worker_id = w->account_id,
		.from = v->planned_start - CONFLICT_LOOKBACK_US,
		.to = v->planned_end,
		.limit = MAX_LIST,
	};
	struct lia_visit *vs;
	size_t nvs;
	if ((st = c->ops->visit_list(c, a, &q, &vs, &nvs)) != LIA_STORE_OK)
		return st;
	for (size_t i = 0; i < nvs; i++)
		if (strcmp(vs[i].id, v->id) && occupies(&vs[i]) &&
		    vs[i].planned_start < v->planned_end && vs[i].planned_end > v->planned_start) {
			p->kind = LIA_P_SCHEDULE_CONFLICT;
			p->existing_id = vs[i].id;
			return LIA_STORE_OK;
		}
	if (!available(w->availability, tz, v->planned_start, v->planned_end))
		p->kind = LIA_P_WORKER_UNAVAILABLE;
	return LIA_STORE_OK;
}

int
lia_visit_worker_check(struct lia_conn *c, struct lia_arena *a, const struct lia_visit *v,
		       const char *tz, struct lia_problem *p)
{
	struct lia_worker *ws;
	size_t n;
	int st = c->ops->worker_list(c, a, "/", v->worker_id, &ws, &n);
	if (st != LIA_STORE_OK)
		return st;
	if (n == 0) {
		p->kind = LIA_P_NOT_A_WORKER;
		return LIA_STORE_OK;
	}
	return check_worker(c, a, v, &ws[0], tz, p);
}

static bool
path_prefix(const char *prefix, const char *path)
{
	return !strncmp(path, prefix, strlen(prefix));
}

static bool
field_role(const char *role)
{
	return !strcmp(role, "aide") || !strcmp(role, "aide_soignant") || !strcmp(role, "nurse");
}

/* The field worker account_id when one of their field roles sits on the client's
 * branch (client_path's node, an ancestor or a descendant); *found false otherwise. */
static int
load_worker_for(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		const char *client_path, struct lia_worker *out, bool *found)
{
	*found = false;
	if (!lia_uuid_valid(account_id))
		return LIA_STORE_OK;
	struct lia_worker *ws;
	size_t nw;
	int st = c->ops->worker_list(c, a, "/", account_id, &ws, &nw);
	if (st != LIA_STORE_OK || nw == 0)
		return st;
	struct lia_role *roles;
	size_t nr;
	if ((st = c->ops->role_list(c, a, account_id, &roles, &nr)) != LIA_STORE_OK)
		return st;
	for (size_t i = 0; i < nr && !*found; i++)
		*found = field_role(roles[i].role) && roles[i].org_path &&
			 (path_prefix(roles[i].org_path, client_path) ||
			  path_prefix(client_path, roles[i].org_path));
	*out = ws[0];
	return LIA_STORE_OK;
}

/* A visit that can no longer be (re)assigned: problem kind, or NONE. */
static enum lia_problem_kind
closed_kind(const struct lia_visit *v)
{
	if (!strcmp(v->status, "cancelled"))
		return LIA_P_VISIT_CANCELLED;
	if (strcmp(v->status, "planned") && strcmp(v->status, "suspended"))
		return LIA_P_VISIT_CLOSED;
	return LIA_P_NONE;
}

/* ---- PUT /api/v1/visits/{id}/assignment ---- */

struct assignment {
	const char *visit_id;
	const char *worker_id; /* NULL: unassign */
	const char *client_path;
	const char *tz;
	int64_t expected;
};

/* Checks everything for the assignment on connection c; on refusal sets the reply
 * and returns a non-OK status. */
static int
check_all(struct lia_req *r, struct lia_conn *c, const struct assignment *as,
	  const struct lia_visit *v)
{
	struct lia_problem p = {.kind = closed_kind(v)};
	int st = LIA_STORE_OK;
	if (p.kind == LIA_P_NONE && as->worker_id) {
		struct lia_worker w;
		bool found;
		st = load_worker_for(c, r->arena, as->worker_id, as->client_path, &w, &found);
		if (st == LIA_STORE_OK && !found)
			p.kind = LIA_P_NOT_A_WORKER;
		else if (st == LIA_STORE_OK)
			st = check_worker(c, r->arena, v, &w, as->tz, &p);
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return LIA_STORE_CONFLICT;
	}
	return LIA_STORE_OK;
}

static int
assign_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	const struct assignment *as = r->ctx;
	struct lia_visit v;
	int st = c->ops->visit_get(c, r->arena, as->visit_id, &v);
	if (st == LIA_STORE_OK && v.version != as->expected)
		st = LIA_STORE_STALE;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	if ((st = check_all(r, c, as, &v)) != LIA_STORE_OK)
		return st;
	v.worker_id = as->worker_id;
	v.updated_at = lia_clock_now_us();
	st = c->ops->visit_update(c, &v, as->expected);
	if (st == LIA_STORE_OK)
		st = c->ops->visit_get(c, r->arena, as->visit_id, &v);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 200, lia_visit_json(&v, as->tz));
	lia_reply_etag(r, v.version);
	return LIA_STORE_OK;
}

void
lia_h_visit_assign(struct lia_req *r)
{
	struct assignment *as = lia_arena_alloc(r->arena, sizeof *as);
	memset(as, 0, sizeof *as);
	if (!lia_req_if_match(r, &as->expected))
		return;
	struct lia_visit v;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &v, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *worker_id = NULL;
	int present = 0;
	struct lia_json_field spec[] = {
		{"worker_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &worker_id,
		 &present},
	};
	struct lia_problem p = {0};
	if (lia_json_decode(r->arena, body, spec, 1, "", &p)) {
		if (!present)
			lia_problem_field(&p, "worker_id", LIA_FE_REQUIRED);
		else if (worker_id && !lia_uuid_valid(worker_id))
			lia_problem_field(&p, "worker_id", LIA_FE_INVALID_ID);
	}
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "visit.assign", NULL))
		return;
	r->audit[r->naudit - 1].object_id = v.id;
	as->visit_id = v.id;
	as->worker_id = worker_id;
	as->client_path = cl.org_path;
	as->tz = lia_org_tz(r, v.org_id);
	if (v.version != as->expected) {
		lia_req_audit_failed(r, "version_mismatch");
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return;
	}
	/* Answer at once when the worker cannot take it; the write checks again. */
	if (check_all(r, lia_req_conn(r), as, &v) != LIA_STORE_OK) {
		lia_req_audit_failed(r, "refused");
		return;
	}
	r->ctx = as;
	lia_req_write(r, assign_fn);
}

/* ---- GET /api/v1/visits/{id}/suggestions ---- */

struct candidate {
	const struct lia_worker *w;
	int64_t continuity;
	int64_t week_minutes;
	bool has_distance;
	double distance_m;
};

static int
compare(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;
	if (a->continuity != b->continuity)
		return a->continuity > b->continuity ? -1 : 1;
	if (a->week_minutes != b->week_minutes)
		return a->week_minutes < b->week_minutes ? -1 : 1;
	if (a->has_distance != b->has_distance)
		return a->has_distance ? -1 : 1;
	if (a->has_distance && a->distance_m != b->distance_m)
		return a->distance_m < b->distance_m ? -1 : 1;
	return strcmp(a->w->account_id, b->w->account_id);
}

/* The path of the parent node ("/a/b/" for "/a/b/c/"), or NULL for a root. */
static const char *
parent_path(struct lia_arena *a, const char *path)
{
	size_t len = strlen(path);
	if (len < 2)
		return NULL;
	size_t end = len - 1;
	while (end > 0 && path[end - 1] != '/')
		end--;
	return end > 1 ? lia_arena_strndup(a, path, end) : NULL;
}

/* Continuity, load and distance of a candidate for visit v. */
static int
score(struct lia_req *r, struct lia_conn *c, const struct lia_visit *v, const char *tz,
      const struct lia_home *home, struct candidate *k)
{
	struct lia_visit_query q = {
		.client_id = v->client_id,
		.worker_id = k->w->account_id,
		.from = v->planned_start - CONTINUITY_DAYS * LIA_DAY_US,
		.to = v->planned_start,
		.limit = MAX_LIST,
	};
	struct lia_visit *vs;
	size_t n;
	int st = c->ops->visit_list(c, r->arena, &q, &vs, &n);
	if (st != LIA_STORE_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(vs[i].status, "done") || !strcmp(vs[i].status, "in_progress") ||
		    !strcmp(vs[i].status, "planned"))
			k->continuity++;

	/* The ISO week (Monday to Monday, local) of the visit. */
	int64_t days;
	int minute;
	if (local_day_minute(tz, v->planned_start, &days, &minute)) {
		int64_t monday = days - (lia_days_weekday(days) - 1);
		struct lia_visit_query wq = {.worker_id = k->w->account_id, .limit = MAX_LIST};
		if (lia_local_days_to_utc(tz, monday, 0, &wq.from) &&
		    lia_local_days_to_utc(tz, monday + 7, 0, &wq.to)) {
			if ((st = c->ops->visit_list(c, r->arena, &wq, &vs, &n)) != LIA_STORE_OK)
				return st;
			for (size_t i = 0; i < n; i++)
				if (strcmp(vs[i].id, v->id) && occupies(&vs[i]))
					k->week_minutes +=
						(vs[i].planned_end - vs[i].planned_start) /
						LIA_MINUTE_US;
		}
	}
	if (home && home->has_coords && k->w->has_coords) {
		k->has_distance = true;
		k->distance_m = lia_distance_m(k->w->latitude, k->w->longitude, home->latitude,
					       home->longitude);
	}
	return LIA_STORE_OK;
}

void
lia_h_visit_suggestions(struct lia_req *r)
{
	struct lia_visit v;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &v, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "visit.suggest", NULL))
		return;
	r->audit[r->naudit - 1].object_id = v.id;
	enum lia_problem_kind closed = closed_kind(&v);
	if (closed != LIA_P_NONE) {
		lia_req_audit_failed(r, lia_problem_code(closed));
		lia_reply_error(r, closed);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	const char *tz = lia_org_tz(r, v.org_id);
	struct lia_worker *ws;
	size_t nw;
	int st = c->ops->worker_list(c, r->arena, cl.org_path, NULL, &ws, &nw);
	const char *parent = parent_path(r->arena, cl.org_path);
	if (st == LIA_STORE_OK && nw == 0 && parent)
		st = c->ops->worker_list(c, r->arena, parent, NULL, &ws, &nw);
	struct lia_home home;
	bool has_home = false;
	if (st == LIA_STORE_OK) {
		st = c->ops->home_get(c, r->arena, cl.id, &home);
		has_home = st == LIA_STORE_OK;
		if (st == LIA_STORE_NOT_FOUND)
			st = LIA_STORE_OK;
	}
	struct candidate *ks = lia_arena_alloc(r->arena, (nw ? nw : 1) * sizeof *ks);
	size_t nk = 0;
	for (size_t i = 0; st == LIA_STORE_OK && i < nw; i++) {
		struct lia_problem p = {0};
		st = check_worker(c, r->arena, &v, &ws[i], tz, &p);
		if (st != LIA_STORE_OK || p.kind != LIA_P_NONE)
			continue;
		ks[nk] = (struct candidate){.w = &ws[i]};
		st = score(r, c, &v, tz, has_home ? &home : NULL, &ks[nk]);
		nk++;
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	qsort(ks, nk, sizeof *ks, compare);
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < nk && i < MAX_SUGGESTIONS; i++) {
		cJSON *it = cJSON_CreateObject();
		cJSON_AddStringToObject(it, "worker_id", ks[i].w->account_id);
		lia_json_add_str(it, "display_name", ks[i].w->display_name);
		cJSON *sc = cJSON_AddObjectToObject(it, "score");
		cJSON_AddNumberToObject(sc, "continuity_visits", (double)ks[i].continuity);
		cJSON_AddNumberToObject(sc, "week_minutes", (double)ks[i].week_minutes);
		if (ks[i].has_distance)
			cJSON_AddNumberToObject(sc, "distance_m",
						(double)(int64_t)(ks[i].distance_m + 0.5));
		else
			cJSON_AddNullToObject(sc, "distance_m");
		cJSON_AddNumberToObject(it, "rank", (double)(i + 1));
		cJSON_AddItemToArray(arr, it);
	}
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}
