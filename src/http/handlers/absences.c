/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Client absences (hospital stay, holiday): GET/POST /api/v1/clients/{id}/absences,
 * DELETE /api/v1/clients/{id}/absences/{absence_id}. Recording one suspends the
 * visits of its dates and cancelling it plans them again, in the same transaction
 * (the planner does both, so a regeneration can never disagree with the absences).
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/planner.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

static const char *const reasons[] = {"hospital", "holiday", "family", "other", NULL};

struct absence_ctx {
	struct lia_plan_scope sc;
	struct lia_absence ab;
	struct lia_plan_run run;
};

static cJSON *
absence_json(const struct lia_absence *ab)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", ab->id);
	cJSON_AddStringToObject(o, "client_id", ab->client_id);
	cJSON_AddStringToObject(o, "starts_on", ab->starts_on);
	cJSON_AddStringToObject(o, "ends_on", ab->ends_on);
	cJSON_AddStringToObject(o, "reason", ab->reason);
	lia_json_add_str(o, "note", ab->note);
	cJSON_AddBoolToObject(o, "cancelled", ab->cancelled_at != 0);
	lia_json_add_time(o, "cancelled_at", ab->cancelled_at);
	lia_json_add_time(o, "created_at", ab->created_at);
	cJSON_AddStringToObject(o, "created_by", ab->created_by);
	return o;
}

static struct absence_ctx *
load(struct lia_req *r, struct lia_subject *s)
{
	struct absence_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	return lia_plan_scope_load(r, s, &x->sc) ? x : NULL;
}

/* Re-runs the planner over the absence's dates that lie within [today, horizon). */
static int
apply(struct lia_conn *c, struct lia_req *r, struct absence_ctx *x)
{
	int64_t from, to;
	if (!lia_date_to_days(x->ab.starts_on, &from) || !lia_date_to_days(x->ab.ends_on, &to))
		return LIA_STORE_ERROR;
	to++;
	if (from < x->sc.today)
		from = x->sc.today;
	if (to > x->sc.today + x->sc.horizon_days)
		to = x->sc.today + x->sc.horizon_days;
	if (from >= to)
		return LIA_STORE_OK;
	return lia_plan_generate(c, r->arena, x->sc.cl.id, x->sc.cl.org_id, x->sc.tz, from, to,
				 lia_clock_now_us(), &x->run);
}

/* Plan visits whose status changed count as "updated" in the run; visits out of the
 * plan's hands (one-off, manual) as suspended or released. */
static void
reply(struct lia_req *r, struct absence_ctx *x, int status)
{
	bool cancelling = x->ab.cancelled_at != 0;
	cJSON *o = absence_json(&x->ab);
	cJSON *g = cJSON_AddObjectToObject(o, "visits");
	cJSON_AddNumberToObject(g, cancelling ? "released" : "suspended",
				x->run.updated + (cancelling ? x->run.released : x->run.suspended));
	lia_reply_json(r, status, o);
}

void
lia_h_absence_list(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ,
				      "client.absence.list", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_absence *abs;
	size_t n;
	int st = c->ops->absence_list(c, r->arena, cl.id, &abs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(items, absence_json(&abs[i]));
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

static int
insert_absence(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct absence_ctx *x = r->ctx;
	int st = c->ops->absence_insert(c, &x->ab);
	if (st == LIA_STORE_OK)
		st = apply(c, r, x);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	reply(r, x, 201);
	return LIA_STORE_OK;
}

void
lia_h_absence_create(struct lia_req *r)
{
	struct lia_subject s;
	struct absence_ctx *x = load(r, &s);
	if (!x)
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_absence *ab = &x->ab;
	struct lia_json_field spec[] = {
		{"starts_on", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &ab->starts_on, NULL},
		{"ends_on", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &ab->ends_on, NULL},
		{"reason", LIA_JSON_STRING, LIA_JSON_REQUIRED, 20, 0, 0, reasons, &ab->reason, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 500, 0, 0, NULL, &ab->note, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	int64_t from, to;
	if (!lia_date_to_days(ab->starts_on, &from))
		lia_problem_field(&p, "starts_on", LIA_FE_INVALID_DATE);
	else if (!lia_date_to_days(ab->ends_on, &to))
		lia_problem_field(&p, "ends_on", LIA_FE_INVALID_DATE);
	else if (to < from)
		lia_problem_field(&p, "ends_on", LIA_FE_END_BEFORE_START);
	else if (to - from > 366)
		lia_problem_field(&p, "ends_on", LIA_FE_OUT_OF_RANGE);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_CREATE,
				      "client.absence.create", NULL))
		return;
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	ab->id = id;
	ab->org_id = x->sc.cl.org_id;
	ab->client_id = x->sc.cl.id;
	ab->version = 1;
	ab->created_at = lia_clock_now_us();
	ab->created_by = r->account.id;
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = x;
	lia_req_write(r, insert_absence);
}

static int
cancel_absence(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct absence_ctx *x = r->ctx;
	int64_t now = lia_clock_now_us();
	int st = c->ops->absence_cancel(c, x->ab.id, now);
	if (st == LIA_STORE_OK) {
		x->ab.cancelled_at = now;
		st = apply(c, r, x);
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	reply(r, x, 200);
	return LIA_STORE_OK;
}

void
lia_h_absence_cancel(struct lia_req *r)
{
	struct lia_subject s;
	struct absence_ctx *x = load(r, &s);
	if (!x)
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_absence *abs;
	size_t n;
	int st = c->ops->absence_list(c, r->arena, x->sc.cl.id, &abs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	const struct lia_absence *found = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(abs[i].id, r->params[1]) && !abs[i].cancelled_at)
			found = &abs[i];
	if (!found) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "client.absence.cancel", NULL))
		return;
	x->ab = *found;
	r->audit[r->naudit - 1].object_id = found->id;
	r->ctx = x;
	lia_req_write(r, cancel_absence);
}
