/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Meal delivery rounds (tournées de portage de repas): POST /api/v1/rounds,
 * GET /api/v1/rounds?org=&date=, GET /api/v1/rounds/{id}.
 *
 * A round is an ordered list of the day's delivery visits ("livraison_repas") of an
 * organisation's clients, for one worker. Creating it writes the round and, on each
 * visit, round_id, round_position (1..n, the delivery order) and, when a worker is
 * given, worker_id, all in one transaction at the versions read: a visit changed in
 * between gives 412 and nothing is written. The visits keep their manual flag: a
 * regeneration of the plan keeps the round and the worker of an untouched visit
 * (planner.h).
 *
 * Rounds are organisation-level things (LIA_MANAGE_PLANNING); reading one also shows
 * each client's address, so each client read is audited ("round.client.read").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define MAX_ROUND_VISITS 100
#define MAX_SCOPES 16

/* The decision on LIA_MANAGE_PLANNING at org, audited as `action`. A node out of the
 * caller's reach is a 404, or, named in a body (org_id), an unknown reference. */
static bool
may_plan(struct lia_req *r, const struct lia_org *org, const char *action, const char *object_id,
	 bool in_body)
{
	struct lia_decision d;
	lia_access_manage(&r->actor, org->path, LIA_MANAGE_PLANNING, &d);
	struct lia_audit_entry *e =
		lia_req_audit(r, action, NULL, org->id, d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	e->object_id = object_id;
	if (!d.allow && d.hide_existence && in_body) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "org_id", LIA_FE_UNKNOWN_REFERENCE);
		lia_reply_problem(r, &p);
	} else if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	}
	return d.allow;
}

static cJSON *
round_json(const struct lia_round *rd)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", rd->id);
	cJSON_AddStringToObject(o, "org_id", rd->org_id);
	cJSON_AddStringToObject(o, "date", rd->round_date);
	cJSON_AddStringToObject(o, "name", rd->name);
	lia_json_add_str(o, "worker_id", rd->worker_id);
	cJSON_AddNumberToObject(o, "version", (double)rd->version);
	lia_json_add_time(o, "created_at", rd->created_at);
	return o;
}

/* ------------------------------------------------------------------ create */

static bool
path_prefix(const char *prefix, const char *path)
{
	return !strncmp(prefix, path, strlen(prefix));
}

/* *found when account_id is a field worker (aide, aide_soignant, nurse) with a role
 * on the node's branch: the node, an ancestor or a descendant (as assignments). */
static int
worker_on_branch(struct lia_req *r, const char *account_id, const char *path, bool *found)
{
	*found = false;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_worker *ws;
	size_t nw = 0;
	int st = c->ops->worker_list(c, r->arena, "/", account_id, &ws, &nw);
	if (st != LIA_STORE_OK || nw == 0)
		return st;
	struct lia_role *roles;
	size_t nr = 0;
	if ((st = c->ops->role_list(c, r->arena, account_id, &roles, &nr)) != LIA_STORE_OK)
		return st;
	for (size_t i = 0; i < nr && !*found; i++)
		*found = (!strcmp(roles[i].role, "aide") ||
			  !strcmp(roles[i].role, "aide_soignant") ||
			  !strcmp(roles[i].role, "nurse")) &&
			 roles[i].org_path &&
			 (path_prefix(roles[i].org_path, path) ||
			  path_prefix(path, roles[i].org_path));
	return LIA_STORE_OK;
}

struct round_write {
	struct lia_round round;
	struct lia_visit *visits; /* as read, in delivery order */
	size_t n;
	const char *tz;
};

static int
create_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct round_write *w = r->ctx;
	int st = c->ops->round_insert(c, &w->round);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	int64_t now = lia_clock_now_us();
	cJSON *o = round_json(&w->round);
	cJSON *arr = cJSON_AddArrayToObject(o, "visits");
	for (size_t i = 0; i < w->n; i++) {
		struct lia_visit v = w->visits[i]; /* a copy: a retried batch starts afresh */
		v.round_id = w->round.id;
		v.round_position = (int64_t)i + 1;
		if (w->round.worker_id)
			v.worker_id = w->round.worker_id;
		v.updated_at = now;
		st = c->ops->visit_update(c, &v, w->visits[i].version);
		if (st != LIA_STORE_OK) {
			cJSON_Delete(o);
			/* Changed or deleted since it was read: the round is not written. */
			if (st == LIA_STORE_NOT_FOUND)
				st = LIA_STORE_STALE;
			lia_reply_store_error(r, st);
			return st;
		}
		v.version = w->visits[i].version + 1;
		cJSON_AddItemToArray(arr, lia_visit_json(&v, w->tz));
	}
	lia_reply_json(r, 201, o);
	lia_reply_etag(r, w->round.version);
	lia_reply_header(r, "Location",
			 lia_arena_printf(r->arena, "/api/v1/rounds/%s", w->round.id));
	return LIA_STORE_OK;
}

/* Checks visit ids[i] for the round; adds a field error or notes a non-delivery. */
static void
check_visit(struct lia_req *r, const char *id, size_t i, const struct lia_org *org,
	    const char *date, const char *tz, struct lia_visit *out, struct lia_client *cl,
	    struct lia_problem *p, const char **not_delivery)
{
	char field[32];
	snprintf(field, sizeof field, "visit_ids[%zu]", i);
	if (!lia_uuid_valid(id)) {
		lia_problem_field(p, field, LIA_FE_INVALID_ID);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	int st = c->ops->visit_get(c, r->arena, id, out);
	if (st == LIA_STORE_OK)
		st = c->ops->client_get(c, r->arena, out->client_id, cl);
	if (st == LIA_STORE_NOT_FOUND ||
	    (st == LIA_STORE_OK && strncmp(cl->org_path, org->path, strlen(org->path)) != 0)) {
		/* Unknown, or another organisation's: the same answer. */
		lia_problem_field(p, field, LIA_FE_UNKNOWN_REFERENCE);
		return;
	}
	if (st != LIA_STORE_OK) {
		lia_problem_set(p, LIA_P_STORAGE_UNAVAILABLE, NULL, NULL);
		return;
	}
	if (strcmp(out->type, LIA_DELIVERY_TYPE) != 0) {
		if (!*not_delivery)
			*not_delivery = out->id;
		return;
	}
	char local_date[11], local_time[9];
	if (!lia_local_format(tz, out->planned_start, local_date, local_time) ||
	    strcmp(local_date, date) != 0) {
		lia_problem_field(p, field, LIA_FE_INVALID_DATE);
		return;
	}
	if (strcmp(out->status, "planned") != 0 || out->round_id)
		lia_problem_field(p, field, LIA_FE_INVALID_VALUE);
}

void
lia_h_round_create(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *org_id = NULL, *date = NULL, *name = NULL, *worker_id = NULL;
	const cJSON *visit_ids = NULL;
	struct lia_json_field spec[] = {
		{"org_id", LIA_JSON_STRING, LIA_JSON_REQUIRED, 36, 0, 0, NULL, &org_id, NULL},
		{"date", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &date, NULL},
		{"name", LIA_JSON_STRING, LIA_JSON_REQUIRED, 100, 0, 0, NULL, &name, NULL},
		{"worker_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &worker_id, NULL},
		{"visit_ids", LIA_JSON_ARRAY, LIA_JSON_REQUIRED, MAX_ROUND_VISITS, 0, 0, NULL,
		 &visit_ids, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_date_valid(date))
		lia_problem_field(&p, "date", LIA_FE_INVALID_DATE);
	if (!*name)
		lia_problem_field(&p, "name", LIA_FE_TOO_SHORT);
	if (worker_id && !lia_uuid_valid(worker_id))
		lia_problem_field(&p, "worker_id", LIA_FE_INVALID_ID);
	size_t n = (size_t)cJSON_GetArraySize(visit_ids);
	if (n == 0)
		lia_problem_field(&p, "visit_ids", LIA_FE_TOO_SHORT);
	const char **ids = lia_arena_alloc(r->arena, (n ? n : 1) * sizeof *ids);
	size_t k = 0;
	for (const cJSON *t = visit_ids->child; t; t = t->next, k++) {
		char field[32];
		snprintf(field, sizeof field, "visit_ids[%zu]", k);
		if (!cJSON_IsString(t)) {
			lia_problem_field(&p, field, LIA_FE_INVALID_TYPE);
			continue;
		}
		ids[k] = t->valuestring;
		for (size_t j = 0; j < k; j++)
			if (ids[j] && !strcmp(ids[j], ids[k]))
				lia_problem_field(&p, field, LIA_FE_INVALID_VALUE); /* twice */
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org org;
	if (!lia_uuid_valid(org_id) || c->ops->org_get(c, r->arena, org_id, &org) != LIA_STORE_OK)
		lia_problem_field(&p, "org_id", LIA_FE_UNKNOWN_REFERENCE);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!may_plan(r, &org, "round.create", NULL, true))
		return;
	struct lia_audit_entry *create_entry = &r->audit[r->naudit - 1];

	if (worker_id) {
		bool found = false;
		int st = worker_on_branch(r, worker_id, org.path, &found);
		if (st != LIA_STORE_OK) {
			lia_reply_store_error(r, st);
			return;
		}
		if (!found) {
			lia_req_audit_failed(r, "not_a_worker");
			lia_reply_error(r, LIA_P_NOT_A_WORKER);
			return;
		}
	}

	const char *tz = lia_org_tz(r, org.id);
	struct round_write *w = lia_arena_alloc(r->arena, sizeof *w);
	w->visits = lia_arena_alloc(r->arena, n * sizeof *w->visits);
	w->n = n;
	w->tz = tz;
	struct lia_client *clients = lia_arena_alloc(r->arena, n * sizeof *clients);
	const char *not_delivery = NULL;
	for (size_t i = 0; i < n; i++)
		check_visit(r, ids[i], i, &org, date, tz, &w->visits[i], &clients[i], &p,
			    &not_delivery);
	if (p.kind == LIA_P_NONE && not_delivery) {
		lia_problem_set(&p, LIA_P_NOT_A_DELIVERY, NULL, NULL);
		p.existing_id = not_delivery;
	}
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, lia_problem_code(p.kind));
		lia_reply_problem(r, &p);
		return;
	}

	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	w->round = (struct lia_round){
		.id = id,
		.org_id = org.id,
		.round_date = date,
		.name = name,
		.worker_id = worker_id,
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
	create_entry->object_id = id;
	/* One entry per client whose visits join the round. */
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(clients[j].id, clients[i].id);
		if (seen)
			continue;
		struct lia_audit_entry *e = lia_req_audit(r, "visit.round.assign", clients[i].id,
							  clients[i].org_id, "ok", NULL);
		e->actor_role = create_entry->actor_role;
		e->object_id = id;
	}
	r->ctx = w;
	lia_req_write(r, create_fn);
}

/* ------------------------------------------------------------------ list */

static int
by_position(const void *a, const void *b)
{
	const struct lia_visit *x = a, *y = b;
	return (x->round_position > y->round_position) - (x->round_position < y->round_position);
}

/* The round's visits in delivery order; false with the reply set on a store error. */
static bool
round_visits(struct lia_req *r, const char *round_id, struct lia_visit **items, size_t *n)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_visit_query q = {.round_id = round_id, .limit = 5000};
	int st = c->ops->visit_list(c, r->arena, &q, items, n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	if (*n > 1)
		qsort(*items, *n, sizeof **items, by_position);
	return true;
}

void
lia_h_round_list(struct lia_req *r)
{
	struct lia_problem p = {0};
	const char *org_id = lia_uri_param(&r->uri, "org");
	const char *date = lia_uri_param(&r->uri, "date");
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org org;
	bool have_org = false;
	if (org_id) {
		int st = lia_uuid_valid(org_id) ? c->ops->org_get(c, r->arena, org_id, &org) :
						  LIA_STORE_NOT_FOUND;
		if (st == LIA_STORE_NOT_FOUND) {
			lia_reply_error(r, LIA_P_NOT_FOUND);
			return;
		}
		if (st != LIA_STORE_OK) {
			lia_reply_store_error(r, st);
			return;
		}
		have_org = true;
	}
	if (date && !lia_date_valid(date)) {
		lia_problem_set(&p, LIA_P_INVALID_QUERY, NULL, NULL);
		lia_problem_field(&p, "date", LIA_FE_INVALID_DATE);
		lia_reply_problem(r, &p);
		return;
	}
	const char *scope[MAX_SCOPES];
	size_t nscope;
	if (have_org) {
		if (!may_plan(r, &org, "round.list", NULL, false))
			return;
		scope[0] = org.path;
		nscope = 1;
	} else {
		nscope = lia_access_manage_scope(&r->actor, LIA_MANAGE_PLANNING, scope, MAX_SCOPES);
		lia_req_audit(r, "round.list", NULL, NULL, nscope ? "ok" : "denied",
			      nscope ? NULL : "no_scope");
		if (!nscope) {
			lia_reply_error(r, LIA_P_FORBIDDEN);
			return;
		}
	}
	const char *tz = lia_org_tz(r, have_org ? org.id : r->account.org_id);
	char today[11], hms[9];
	if (!date) {
		if (!lia_local_format(tz, lia_clock_now_us(), today, hms))
			lia_date_of(lia_clock_now_us(), today);
		date = today;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	const char **seen = NULL;
	size_t nseen = 0, capseen = 0;
	for (size_t s = 0; s < nscope; s++) {
		/* A path already covered by a shorter one of the scope lists nothing new. */
		bool covered = false;
		for (size_t j = 0; j < nscope && !covered; j++)
			covered = j != s && strlen(scope[j]) <= strlen(scope[s]) &&
				  !strncmp(scope[s], scope[j], strlen(scope[j])) &&
				  (strlen(scope[j]) < strlen(scope[s]) || j < s);
		if (covered)
			continue;
		struct lia_round *items = NULL;
		size_t n = 0;
		int st = c->ops->round_list(c, r->arena, scope[s], date, &items, &n);
		if (st != LIA_STORE_OK) {
			cJSON_Delete(o);
			lia_reply_store_error(r, st);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			bool dup = false;
			for (size_t j = 0; j < nseen && !dup; j++)
				dup = !strcmp(seen[j], items[i].id);
			if (dup)
				continue;
			if (nseen == capseen) {
				capseen = capseen ? capseen * 2 : 16;
				const char **ns = lia_arena_alloc(r->arena, capseen * sizeof *ns);
				if (nseen)
					memcpy(ns, seen, nseen * sizeof *ns);
				seen = ns;
			}
			seen[nseen++] = items[i].id;
			struct lia_visit *vs;
			size_t nv;
			if (!round_visits(r, items[i].id, &vs, &nv)) {
				cJSON_Delete(o);
				return;
			}
			int done = 0, delivered = 0, failed = 0;
			for (size_t k = 0; k < nv; k++) {
				done += !strcmp(vs[k].status, "done");
				delivered += vs[k].delivery_outcome &&
					     !strcmp(vs[k].delivery_outcome, "delivered");
				failed += vs[k].delivery_outcome &&
					  !strcmp(vs[k].delivery_outcome, "failed");
			}
			cJSON *it = round_json(&items[i]);
			cJSON *counts = cJSON_AddObjectToObject(it, "visit_counts");
			cJSON_AddNumberToObject(counts, "total", (double)nv);
			cJSON_AddNumberToObject(counts, "done", done);
			cJSON_AddNumberToObject(counts, "delivered", delivered);
			cJSON_AddNumberToObject(counts, "failed", failed);
			cJSON_AddItemToArray(arr, it);
		}
	}
	cJSON_AddStringToObject(o, "date", date);
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

/* ------------------------------------------------------------------ get */

static const char *
display_name(struct lia_arena *a, const struct lia_client *cl)
{
	const char *family = cl->used_name ? cl->used_name : cl->birth_name;
	const char *given = cl->used_given_name ? cl->used_given_name : cl->first_given_name;
	if (!family)
		return NULL;
	return given ? lia_arena_printf(a, "%s %s", given, family) : family;
}

void
lia_h_round_get(struct lia_req *r)
{
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	struct lia_round rd;
	int st = lia_uuid_valid(id) ? c->ops->round_get(c, r->arena, id, &rd) : LIA_STORE_NOT_FOUND;
	struct lia_org org;
	if (st == LIA_STORE_OK)
		st = c->ops->org_get(c, r->arena, rd.org_id, &org);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	/* The coordinator of the node, or the worker who does the round. */
	struct lia_decision d;
	lia_access_manage(&r->actor, org.path, LIA_MANAGE_PLANNING, &d);
	bool worker = rd.worker_id && !strcmp(rd.worker_id, r->account.id);
	bool allow = d.allow || worker;
	struct lia_audit_entry *e = lia_req_audit(r, "round.read", NULL, org.id,
						  allow ? "ok" : "denied",
						  d.allow || !worker ? d.reason : "round_worker");
	e->actor_role = d.allow ? d.as_role : worker ? "round:worker" : NULL;
	e->object_id = rd.id;
	if (!allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return;
	}
	const char *role = e->actor_role;
	struct lia_visit *vs;
	size_t nv;
	if (!round_visits(r, rd.id, &vs, &nv))
		return;
	const char *tz = lia_org_tz(r, org.id);
	cJSON *o = round_json(&rd);
	cJSON *arr = cJSON_AddArrayToObject(o, "visits");
	struct lia_client *clients = lia_arena_alloc(r->arena, (nv ? nv : 1) * sizeof *clients);
	for (size_t i = 0; i < nv; i++) {
		struct lia_client *cl = NULL;
		for (size_t j = 0; j < i && !cl; j++)
			if (clients[j].id && !strcmp(clients[j].id, vs[i].client_id))
				cl = &clients[j];
		if (!cl) {
			st = c->ops->client_get(c, r->arena, vs[i].client_id, &clients[i]);
			if (st != LIA_STORE_OK) {
				cJSON_Delete(o);
				lia_reply_store_error(r, st);
				return;
			}
			cl = &clients[i];
			struct lia_audit_entry *ce = lia_req_audit(r, "round.client.read", cl->id,
								   cl->org_id, "ok", NULL);
			ce->actor_role = role;
			ce->object_id = rd.id;
		}
		cJSON *vj = lia_visit_json(&vs[i], tz);
		cJSON *cj = cJSON_AddObjectToObject(vj, "client");
		cJSON_AddStringToObject(cj, "id", cl->id);
		lia_json_add_str(cj, "display_name", display_name(r->arena, cl));
		lia_json_add_str(cj, "address_line", cl->address_line);
		lia_json_add_str(cj, "postal_code", cl->postal_code);
		lia_json_add_str(cj, "city", cl->city);
		lia_json_add_str(cj, "phone", cl->phone);
		cJSON_AddItemToArray(arr, vj);
	}
	lia_reply_json(r, 200, o);
	lia_reply_etag(r, rd.version);
}
