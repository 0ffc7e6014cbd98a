/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The care plan of a client (plan d'aide): interventions with their recurrence, and
 * funding decisions. GET /api/v1/clients/{id}/care-plan[/history], POST .../interventions,
 * .../interventions/{series}/versions and /end, .../care-plan/generate.
 *
 * An intervention is a series of versions; a change applies from a date: the version
 * in force is closed on that date and the next one starts there, so the plan of any
 * past day can be read back. The series' ETag is the number of its latest version.
 * Every change regenerates the visits from its date to the horizon, in the same
 * transaction (planner.h), so the plan and the visits never disagree.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/planner.h"
#include "domain/recurrence.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"


/* What every write of the plan needs: the client, its zone and horizon. */
struct plan_ctx {
	struct lia_plan_scope sc;    /* the client, its zone, today, the horizon */
	struct lia_intervention iv;  /* the version to insert (change, create) */
	const char *series_id;       /* change, end */
	int64_t expected_seq;
	const char *effective_from;  /* change, end */
	int64_t gen_from, gen_to;    /* generate */
	struct lia_grant grant;
	int64_t grant_version;
	const char *grant_ends_on;
	struct lia_plan_run run;
};

static cJSON *
intervention_json(const struct lia_intervention *iv)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", iv->id);
	cJSON_AddStringToObject(o, "series_id", iv->series_id);
	cJSON_AddNumberToObject(o, "seq", (double)iv->seq);
	cJSON_AddStringToObject(o, "valid_from", iv->valid_from);
	lia_json_add_str(o, "valid_until", iv->valid_until);
	cJSON_AddStringToObject(o, "type", iv->type);
	lia_json_add_str(o, "label", iv->label);
	cJSON *days = cJSON_AddArrayToObject(o, "days");
	for (int d = 0; d < 7; d++)
		if (iv->days & (1 << d))
			cJSON_AddItemToArray(days, cJSON_CreateNumber(d + 1));
	cJSON_AddNumberToObject(o, "every_weeks", iv->every_weeks);
	cJSON_AddStringToObject(o, "anchor_date", iv->anchor_date);
	cJSON_AddStringToObject(o, "start_time", iv->start_time);
	cJSON_AddNumberToObject(o, "duration_min", iv->duration_min);
	lia_json_add_str(o, "qualification", iv->qualification);
	cJSON_AddItemToObject(o, "tasks", lia_json_from_text(iv->tasks));
	lia_json_add_str(o, "funder", iv->funder);
	lia_json_add_str(o, "note", iv->note);
	lia_json_add_time(o, "created_at", iv->created_at);
	cJSON_AddStringToObject(o, "created_by", iv->created_by);
	return o;
}

static cJSON *
grant_json(const struct lia_grant *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "funder", g->funder);
	lia_json_add_str(o, "funder_name", g->funder_name);
	lia_json_add_str(o, "funder_id", g->funder_id);
	lia_json_add_str(o, "decision_ref", g->decision_ref);
	lia_json_add_str(o, "beneficiary_ref", g->beneficiary_ref);
	cJSON_AddNumberToObject(o, "minutes_per_month", (double)g->minutes_per_month);
	cJSON_AddNumberToObject(o, "hours_per_month", (double)g->minutes_per_month / 60.0);
	cJSON_AddStringToObject(o, "starts_on", g->starts_on);
	lia_json_add_str(o, "ends_on", g->ends_on);
	cJSON_AddNumberToObject(o, "version", (double)g->version);
	return o;
}

static cJSON *
run_json(const struct lia_plan_run *run)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "inserted", run->inserted);
	cJSON_AddNumberToObject(o, "updated", run->updated);
	cJSON_AddNumberToObject(o, "cancelled", run->cancelled);
	cJSON_AddNumberToObject(o, "suspended", run->suspended);
	cJSON_AddNumberToObject(o, "released", run->released);
	return o;
}

static struct plan_ctx *
plan_ctx_load(struct lia_req *r, struct lia_subject *s)
{
	struct plan_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	return lia_plan_scope_load(r, s, &x->sc) ? x : NULL;
}

/* Regenerates [from, today + horizon) inside the write transaction. */
static int
regenerate(struct lia_conn *c, struct lia_req *r, struct plan_ctx *x, int64_t from)
{
	int64_t to = x->sc.today + x->sc.horizon_days;
	if (from < x->sc.today)
		from = x->sc.today; /* the past is what happened: never rewritten */
	if (from >= to)
		return LIA_STORE_OK;
	return lia_plan_generate(c, r->arena, x->sc.cl.id, x->sc.cl.org_id, x->sc.tz, from, to,
				 lia_clock_now_us(), &x->run);
}

/* ---- reading ---- */

static bool
in_force(const struct lia_intervention *iv, const char *date)
{
	return strcmp(iv->valid_from, date) <= 0 && (!iv->valid_until || strcmp(date, iv->valid_until) < 0);
}

static void
reply_plan(struct lia_req *r, const char *client_id, const char *date)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_intervention *ivs;
	struct lia_grant *gs;
	size_t niv, ng;
	int st = c->ops->intervention_list(c, r->arena, client_id, &ivs, &niv);
	if (st == LIA_STORE_OK)
		st = c->ops->grant_list(c, r->arena, client_id, &gs, &ng);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", client_id);
	lia_json_add_str(o, "date", date);
	cJSON *items = cJSON_AddArrayToObject(o, "interventions");
	for (size_t i = 0; i < niv; i++)
		if (!date || in_force(&ivs[i], date))
			cJSON_AddItemToArray(items, intervention_json(&ivs[i]));
	cJSON *funding = cJSON_AddArrayToObject(o, "funding");
	for (size_t i = 0; i < ng; i++)
		if (!date || (strcmp(gs[i].starts_on, date) <= 0 &&
			      (!gs[i].ends_on || strcmp(date, gs[i].ends_on) <= 0)))
			cJSON_AddItemToArray(funding, grant_json(&gs[i]));
	lia_reply_json(r, 200, o);
}

void
lia_h_care_plan_get(struct lia_req *r)
{
	struct lia_subject s;
	struct plan_ctx *x = plan_ctx_load(r, &s);
	if (!x)
		return;
	const char *date = lia_uri_param(&r->uri, "date");
	char today[11];
	lia_days_to_date(x->sc.today, today);
	if (date && !lia_date_valid(date)) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "date", LIA_FE_INVALID_DATE);
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ,
				      "client.care_plan.read", NULL))
		return;
	reply_plan(r, x->sc.cl.id, date ? date : lia_arena_strdup(r->arena, today));
}

void
lia_h_care_plan_history(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ,
				      "client.care_plan.history", NULL))
		return;
	reply_plan(r, cl.id, NULL);
}

/* ---- interventions ---- */

/* Decodes an intervention body into x->iv (valid_from from `from_field`). */
static bool
decode_intervention(struct lia_req *r, struct plan_ctx *x, const char *from_field,
		    struct lia_problem *p)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return false;
	struct lia_intervention *iv = &x->iv;
	const cJSON *days = NULL, *tasks = NULL;
	int64_t every = 1, duration = 0;
	struct lia_json_field spec[] = {
		{"type", LIA_JSON_STRING, LIA_JSON_REQUIRED, 40, 0, 0, lia_visit_types, &iv->type, NULL},
		{"label", LIA_JSON_STRING, LIA_JSON_NULLABLE, 200, 0, 0, NULL, &iv->label, NULL},
		{"days", LIA_JSON_ARRAY, LIA_JSON_REQUIRED, 7, 0, 0, NULL, &days, NULL},
		{"every_weeks", LIA_JSON_INT, 0, 0, 1, 8, NULL, &every, NULL},
		{"anchor_date", LIA_JSON_STRING, LIA_JSON_NULLABLE, 10, 0, 0, NULL, &iv->anchor_date, NULL},
		{"start_time", LIA_JSON_STRING, LIA_JSON_REQUIRED, 5, 0, 0, NULL, &iv->start_time, NULL},
		{"duration_min", LIA_JSON_INT, LIA_JSON_REQUIRED, 0, 5, 720, NULL, &duration, NULL},
		{"qualification", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &iv->qualification, NULL},
		{"tasks", LIA_JSON_ARRAY, 0, 30, 0, 0, NULL, &tasks, NULL},
		{"funder", LIA_JSON_STRING, LIA_JSON_NULLABLE, 20, 0, 0, lia_funders, &iv->funder, NULL},
		{from_field, LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &iv->valid_from, NULL},
		{"valid_until", LIA_JSON_STRING, LIA_JSON_NULLABLE, 10, 0, 0, NULL, &iv->valid_until, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 500, 0, 0, NULL, &iv->note, NULL},
	};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", p))
		return false;
	iv->every_weeks = (int)every;
	iv->duration_min = (int)duration;
	iv->days = 0;
	for (const cJSON *d = days ? days->child : NULL; d; d = d->next) {
		if (!cJSON_IsNumber(d) || d->valuedouble != (double)d->valueint || d->valueint < 1 ||
		    d->valueint > 7 || (iv->days & (1 << (d->valueint - 1)))) {
			lia_problem_field(p, "days", LIA_FE_INVALID_VALUE);
			return false;
		}
		iv->days |= 1 << (d->valueint - 1);
	}
	iv->tasks = lia_string_list_text(r, tasks, 30, 200, "tasks", p);
	if (!iv->tasks)
		return false;
	struct lia_recurrence rec = {0};
	const char *bad;
	if (!iv->days)
		lia_problem_field(p, "days", LIA_FE_TOO_SHORT);
	else if (!lia_recurrence_of(iv, &rec, &bad))
		lia_problem_field(p, !strcmp(bad, "valid_from") ? from_field : bad,
				  !strcmp(bad, "start_time") ? LIA_FE_INVALID_FORMAT
				  : !strcmp(bad, "valid_until") ? LIA_FE_END_BEFORE_START
								  : LIA_FE_INVALID_DATE);
	else if (!iv->anchor_date) {
		char *anchor = lia_arena_alloc(r->arena, 11);
		lia_days_to_date(rec.anchor, anchor);
		iv->anchor_date = anchor;
	}
	/* A plan may be recorded as started in the past, but the past is what happened:
	 * a change applies from today on. */
	if (p->kind == LIA_P_NONE && strcmp(from_field, "valid_from") != 0 && rec.from < x->sc.today)
		lia_problem_field(p, from_field, LIA_FE_INVALID_DATE);
	return p->kind == LIA_P_NONE;
}

/* The latest version of every other series must not overlap iv in local time. */
static int
check_overlap(struct lia_req *r, const struct lia_intervention *ivs, size_t n,
	      const struct lia_intervention *iv)
{
	struct lia_recurrence a, b;
	const char *bad;
	if (!lia_recurrence_of(iv, &a, &bad))
		return LIA_STORE_ERROR;
	for (size_t i = 0; i < n; i++) {
		int64_t day;
		if (!strcmp(ivs[i].series_id, iv->series_id) || !lia_recurrence_of(&ivs[i], &b, &bad))
			continue;
		if (lia_recurrence_overlap(&a, &b, &day)) {
			struct lia_problem p = {0};
			char date[11];
			lia_days_to_date(day, date);
			lia_problem_set(&p, LIA_P_PLAN_OVERLAP, NULL, NULL);
			p.existing_id = ivs[i].series_id;
			lia_reply_problem(r, &p);
			return LIA_STORE_CONFLICT;
		}
	}
	return LIA_STORE_OK;
}

static void
reply_change(struct lia_req *r, struct plan_ctx *x, int status)
{
	cJSON *o = intervention_json(&x->iv);
	cJSON_AddItemToObject(o, "generation", run_json(&x->run));
	lia_reply_json(r, status, o);
	lia_reply_etag(r, x->iv.seq);
}

static int
insert_intervention(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct plan_ctx *x = r->ctx;
	struct lia_intervention *ivs;
	size_t n;
	int st = c->ops->intervention_list(c, r->arena, x->sc.cl.id, &ivs, &n);
	if (st == LIA_STORE_OK)
		st = check_overlap(r, ivs, n, &x->iv);
	if (st == LIA_STORE_CONFLICT)
		return st; /* the reply is set */
	if (st == LIA_STORE_OK)
		st = c->ops->intervention_insert(c, &x->iv);
	int64_t from;
	if (st == LIA_STORE_OK && lia_date_to_days(x->iv.valid_from, &from))
		st = regenerate(c, r, x, from);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	reply_change(r, x, 201);
	return LIA_STORE_OK;
}

static void
stamp_new_version(struct lia_req *r, struct plan_ctx *x)
{
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	x->iv.id = id;
	x->iv.org_id = x->sc.cl.org_id;
	x->iv.client_id = x->sc.cl.id;
	x->iv.version = 1;
	x->iv.created_at = lia_clock_now_us();
	x->iv.created_by = r->account.id;
}

void
lia_h_intervention_create(struct lia_req *r)
{
	struct lia_subject s;
	struct plan_ctx *x = plan_ctx_load(r, &s);
	struct lia_problem p = {0};
	if (!x)
		return;
	if (!decode_intervention(r, x, "valid_from", &p)) {
		if (p.kind != LIA_P_NONE)
			lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_CREATE,
				      "client.care_plan.intervention.create", NULL))
		return;
	stamp_new_version(r, x);
	x->iv.series_id = x->iv.id;
	x->iv.seq = 1;
	r->audit[r->naudit - 1].object_id = x->iv.series_id;
	r->ctx = x;
	lia_req_write(r, insert_intervention);
}

/* The latest version of x->series_id among ivs, or NULL. */
static const struct lia_intervention *
latest_of(const struct lia_intervention *ivs, size_t n, const char *series_id)
{
	const struct lia_intervention *last = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ivs[i].series_id, series_id) && (!last || ivs[i].seq > last->seq))
			last = &ivs[i];
	return last;
}

/* Closes the latest version at x->effective_from; with x->iv.type set, inserts the
 * next version from that date. */
static int
change_series(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct plan_ctx *x = r->ctx;
	struct lia_intervention *ivs;
	size_t n;
	int st = c->ops->intervention_list(c, r->arena, x->sc.cl.id, &ivs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	const struct lia_intervention *last = latest_of(ivs, n, x->series_id);
	if (!last) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return LIA_STORE_NOT_FOUND;
	}
	if (last->seq != x->expected_seq) {
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return LIA_STORE_STALE;
	}
	if (strcmp(last->valid_from, x->effective_from) >= 0 ||
	    (last->valid_until && strcmp(last->valid_until, x->effective_from) < 0)) {
		lia_reply_error(r, LIA_P_LATER_VERSION_EXISTS);
		return LIA_STORE_CONFLICT;
	}
	bool replace = x->iv.type != NULL;
	if (replace) {
		x->iv.series_id = last->series_id;
		x->iv.seq = last->seq + 1;
		if (!x->iv.valid_until)
			x->iv.valid_until = last->valid_until;
		st = check_overlap(r, ivs, n, &x->iv);
		if (st != LIA_STORE_OK)
			return st;
	} else {
		x->iv = *last;
	}
	st = c->ops->intervention_close(c, last->id, x->effective_from, last->version);
	if (st == LIA_STORE_OK && replace)
		st = c->ops->intervention_insert(c, &x->iv);
	int64_t from;
	if (st == LIA_STORE_OK && lia_date_to_days(x->effective_from, &from))
		st = regenerate(c, r, x, from);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	if (!replace)
		x->iv.valid_until = x->effective_from;
	reply_change(r, x, replace ? 201 : 200);
	return LIA_STORE_OK;
}

/* The end of a series: {"effective_from"}, today or later. */
static bool
decode_end(struct lia_req *r, struct plan_ctx *x, struct lia_problem *p)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return false;
	struct lia_json_field spec[] = {
		{"effective_from", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL,
		 &x->effective_from, NULL},
	};
	int64_t day;
	if (lia_json_decode(r->arena, body, spec, 1, "", p) &&
	    (!lia_date_to_days(x->effective_from, &day) || day < x->sc.today))
		lia_problem_field(p, "effective_from", LIA_FE_INVALID_DATE);
	return p->kind == LIA_P_NONE;
}

/* A change of a series from a date: a new version (replace) or its end. */
static void
series_request(struct lia_req *r, bool replace, const char *action)
{
	int64_t expected;
	if (!lia_req_if_match(r, &expected))
		return;
	struct lia_subject s;
	struct plan_ctx *x = plan_ctx_load(r, &s);
	struct lia_problem p = {0};
	if (!x)
		return;
	if (!(replace ? decode_intervention(r, x, "effective_from", &p) : decode_end(r, x, &p))) {
		if (p.kind != LIA_P_NONE)
			lia_reply_problem(r, &p);
		return;
	}
	if (!lia_uuid_valid(r->params[1])) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      action, NULL))
		return;
	if (replace) {
		stamp_new_version(r, x);
		x->effective_from = x->iv.valid_from;
	}
	x->series_id = r->params[1];
	x->expected_seq = expected;
	r->audit[r->naudit - 1].object_id = x->series_id;
	r->ctx = x;
	lia_req_write(r, change_series);
}

void
lia_h_intervention_change(struct lia_req *r)
{
	series_request(r, true, "client.care_plan.intervention.change");
}

void
lia_h_intervention_end(struct lia_req *r)
{
	series_request(r, false, "client.care_plan.intervention.end");
}

/* A date field of a small body ("ends_on"), required. */
static const char *
decode_date_body(struct lia_req *r, const char *field, struct lia_problem *p)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return NULL;
	const char *date = NULL;
	struct lia_json_field spec[] = {
		{field, LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &date, NULL},
	};
	if (!lia_json_decode(r->arena, body, spec, 1, "", p))
		return NULL;
	if (!lia_date_valid(date)) {
		lia_problem_field(p, field, LIA_FE_INVALID_DATE);
		return NULL;
	}
	return date;
}

static int
generate(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct plan_ctx *x = r->ctx;
	int st = lia_plan_generate(c, r->arena, x->sc.cl.id, x->sc.cl.org_id, x->sc.tz, x->gen_from,
				   x->gen_to, lia_clock_now_us(), &x->run);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	char from[11], to[11];
	lia_days_to_date(x->gen_from, from);
	lia_days_to_date(x->gen_to, to);
	cJSON *o = run_json(&x->run);
	cJSON_AddStringToObject(o, "from", from);
	cJSON_AddStringToObject(o, "to", to);
	lia_reply_json(r, 200, o);
	return LIA_STORE_OK;
}

void
lia_h_plan_generate(struct lia_req *r)
{
	struct lia_subject s;
	struct plan_ctx *x = plan_ctx_load(r, &s);
	if (!x)
		return;
	cJSON *body = r->body_len ? lia_req_json(r) : NULL;
	if (r->body_len && !body)
		return;
	const char *from = NULL, *to = NULL;
	struct lia_json_field spec[] = {
		{"from", LIA_JSON_STRING, 0, 10, 0, 0, NULL, &from, NULL},
		{"to", LIA_JSON_STRING, 0, 10, 0, 0, NULL, &to, NULL},
	};
	struct lia_problem p = {0};
	if (body && !lia_json_decode(r->arena, body, spec, 2, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	x->gen_from = x->sc.today;
	x->gen_to = x->sc.today + x->sc.horizon_days;
	if (from && (!lia_date_to_days(from, &x->gen_from) || x->gen_from < x->sc.today))
		lia_problem_field(&p, "from", LIA_FE_INVALID_DATE);
	if (to && !lia_date_to_days(to, &x->gen_to))
		lia_problem_field(&p, "to", LIA_FE_INVALID_DATE);
	else if (x->gen_to <= x->gen_from || x->gen_to - x->gen_from > 92)
		lia_problem_field(&p, "to", LIA_FE_OUT_OF_RANGE);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "client.care_plan.generate", NULL))
		return;
	r->ctx = x;
	lia_req_write(r, generate);
}

/* ---- funding ---- */

static int
insert_grant(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct plan_ctx *x = r->ctx;
	int st = c->ops->grant_insert(c, &x->grant);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, grant_json(&x->grant));
	lia_reply_etag(r, x->grant.version);
	return LIA_STORE_OK;
}

void
lia_h_grant_create(struct lia_req *r)
{
	struct lia_subject s;
	struct plan_ctx *x = plan_ctx_load(r, &s);
	if (!x)
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_grant *g = &x->grant;
	const cJSON *hours = NULL;
	struct lia_json_field spec[] = {
		{"funder", LIA_JSON_STRING, LIA_JSON_REQUIRED, 20, 0, 0, lia_funders, &g->funder, NULL},
		{"funder_name", LIA_JSON_STRING, LIA_JSON_NULLABLE, 200, 0, 0, NULL, &g->funder_name, NULL},
		{"funder_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 64, 0, 0, NULL, &g->funder_id, NULL},
		{"decision_ref", LIA_JSON_STRING, LIA_JSON_NULLABLE, 64, 0, 0, NULL, &g->decision_ref, NULL},
		{"beneficiary_ref", LIA_JSON_STRING, LIA_JSON_NULLABLE, 64, 0, 0, NULL, &g->beneficiary_ref,
		 NULL},
		{"starts_on", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &g->starts_on, NULL},
		{"ends_on", LIA_JSON_STRING, LIA_JSON_NULLABLE, 10, 0, 0, NULL, &g->ends_on, NULL},
	};
	/* hours_per_month is a decimal number: read beside the spec. */
	hours = cJSON_GetObjectItemCaseSensitive(body, "hours_per_month");
	cJSON *rest = cJSON_Duplicate(body, 1);
	cJSON_DeleteItemFromObjectCaseSensitive(rest, "hours_per_month");
	struct lia_problem p = {0};
	bool ok = lia_json_decode(r->arena, rest, spec, sizeof spec / sizeof spec[0], "", &p);
	cJSON_Delete(rest);
	if (!hours)
		lia_problem_field(&p, "hours_per_month", LIA_FE_REQUIRED);
	else if (!cJSON_IsNumber(hours))
		lia_problem_field(&p, "hours_per_month", LIA_FE_INVALID_TYPE);
	else if (hours->valuedouble < 0 || hours->valuedouble > 744)
		lia_problem_field(&p, "hours_per_month", LIA_FE_OUT_OF_RANGE);
	if (ok && !lia_date_valid(g->starts_on))
		lia_problem_field(&p, "starts_on", LIA_FE_INVALID_DATE);
	if (ok && g->ends_on && (!lia_date_valid(g->ends_on) || strcmp(g->ends_on, g->starts_on) < 0))
		lia_problem_field(&p, "ends_on", LIA_FE_END_BEFORE_START);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_CREATE,
				      "client.funding.create", NULL))
		return;
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	g->id = id;
	g->org_id = x->sc.cl.org_id;
	g->client_id = x->sc.cl.id;
	g->minutes_per_month = (int64_t)(hours->valuedouble * 60.0 + 0.5);
	g->version = 1;
	g->created_at = lia_clock_now_us();
	g->created_by = r->account.id;
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = x;
	lia_req_write(r, insert_grant);
}

static int
end_grant(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct plan_ctx *x = r->ctx;
	struct lia_grant *gs;
	size_t n;
	int st = c->ops->grant_list(c, r->arena, x->sc.cl.id, &gs, &n);
	const struct lia_grant *g = NULL;
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++)
		if (!strcmp(gs[i].id, r->params[1]))
			g = &gs[i];
	if (st == LIA_STORE_OK && !g)
		st = LIA_STORE_NOT_FOUND;
	if (st == LIA_STORE_OK && strcmp(x->grant_ends_on, g->starts_on) < 0) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "ends_on", LIA_FE_END_BEFORE_START);
		lia_reply_problem(r, &p);
		return LIA_STORE_CONFLICT;
	}
	if (st == LIA_STORE_OK)
		st = c->ops->grant_end(c, g->id, x->grant_ends_on, x->grant_version);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	struct lia_grant done = *g;
	done.ends_on = x->grant_ends_on;
	done.version = x->grant_version + 1;
	lia_reply_json(r, 200, grant_json(&done));
	lia_reply_etag(r, done.version);
	return LIA_STORE_OK;
}

void
lia_h_grant_end(struct lia_req *r)
{
	int64_t expected;
	if (!lia_req_if_match(r, &expected))
		return;
	struct lia_subject s;
	struct plan_ctx *x = plan_ctx_load(r, &s);
	struct lia_problem p = {0};
	if (!x)
		return;
	x->grant_ends_on = decode_date_body(r, "ends_on", &p);
	if (!x->grant_ends_on) {
		if (p.kind != LIA_P_NONE)
			lia_reply_problem(r, &p);
		return;
	}
	if (!lia_uuid_valid(r->params[1])) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	if (!lia_req_authorize_client(r, &s, x->sc.cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "client.funding.end", NULL))
		return;
	x->grant_version = expected;
	r->audit[r->naudit - 1].object_id = r->params[1];
	r->ctx = x;
	lia_req_write(r, end_grant);
}
