/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Pill organisers (semainiers): POST/GET /api/v1/clients/{id}/pill-organisers and the
 * weekly preparation sheet GET .../pill-organisers/sheet?week= (built by
 * lia_organiser_sheet_build, sheets.h, which the printable sheet uses too).
 *
 * A preparation records who filled which week's organiser and from which prescription
 * versions (those in force that week, in the organiser, not "as needed"), so that an
 * aide may later help the client take those doses and nobody else's. A week is
 * prepared once; preparing it again (after a change of prescription) names the
 * preparation it replaces, which then no longer counts.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/medication.h"
#include "domain/recurrence.h"
#include "http/handlers/handlers.h"
#include "http/handlers/medication.h"
#include "http/handlers/planning.h"
#include "http/handlers/sheets.h"

struct week {
	int64_t monday;              /* days */
	int64_t from, to;            /* instants of the week's local bounds */
	char start[11];
};

static bool
week_of(const char *tz, int64_t monday, struct week *w)
{
	w->monday = monday;
	lia_days_to_date(monday, w->start);
	return lia_local_days_to_utc(tz, monday, 0, &w->from) &&
	       lia_local_days_to_utc(tz, monday + 7, 0, &w->to);
}

/* The week's doses from the lines in the organiser. */
static bool
organiser_doses(struct lia_arena *a, const struct lia_prescription *ps, size_t n, const char *tz,
		const struct week *w, struct lia_due_dose **out, size_t *nout)
{
	struct lia_prescription *in = lia_arena_alloc(a, (n ? n : 1) * sizeof *in);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (ps[i].in_organiser && !ps[i].as_needed)
			in[k++] = ps[i];
	return lia_med_doses(a, in, k, tz, w->from, w->to, out, nout);
}

/* The distinct versions the doses come from, as a JSON array text. */
static const char *
versions_text(struct lia_arena *a, const struct lia_due_dose *due, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(due[j].p->id, due[i].p->id);
		if (!seen)
			cJSON_AddItemToArray(arr, cJSON_CreateString(due[i].p->id));
	}
	char *text = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	const char *copy = lia_arena_strdup(a, text);
	cJSON_free(text);
	return copy;
}

static cJSON *
organiser_json(const struct lia_organiser *o)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "id", o->id);
	cJSON_AddStringToObject(j, "week_start", o->week_start);
	cJSON_AddItemToObject(j, "prescriptions", lia_json_from_text(o->prescriptions));
	lia_json_add_str(j, "note", o->note);
	lia_json_add_str(j, "supersedes", o->supersedes);
	lia_json_add_time(j, "prepared_at", o->prepared_at);
	cJSON_AddStringToObject(j, "prepared_by", o->prepared_by);
	cJSON_AddStringToObject(j, "prepared_as", o->prepared_as);
	return j;
}

struct prep_ctx {
	struct lia_med_scope sc;
	struct week w;
	struct lia_organiser o;
};

static int
prepare(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct prep_ctx *x = r->ctx;
	struct lia_prescription *ps;
	struct lia_organiser *os;
	struct lia_due_dose *due;
	size_t n, nos, ndue;
	int st = c->ops->prescription_list(c, r->arena, x->sc.cl.id, &ps, &n);
	if (st == LIA_STORE_OK)
		st = c->ops->organiser_list(c, r->arena, x->sc.cl.id, x->w.start, x->w.start, &os,
					    &nos);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	const struct lia_organiser *cur = lia_med_organiser_current(os, nos, x->w.start);
	if ((cur && (!x->o.supersedes || strcmp(cur->id, x->o.supersedes) != 0)) ||
	    (!cur && x->o.supersedes)) {
		struct lia_problem pb = {0};
		lia_problem_set(&pb, LIA_P_ALREADY_PREPARED, NULL, NULL);
		pb.existing_id = cur ? cur->id : NULL;
		if (!cur)
			lia_problem_field(&pb, "supersedes", LIA_FE_UNKNOWN_REFERENCE);
		lia_reply_problem(r, &pb);
		return LIA_STORE_CONFLICT;
	}
	if (!organiser_doses(r->arena, ps, n, x->sc.tz, &x->w, &due, &ndue)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return LIA_STORE_ERROR;
	}
	if (ndue == 0) { /* nothing to put in it: a mistake, not a preparation */
		struct lia_problem pb = {0};
		lia_problem_field(&pb, "week_start", LIA_FE_INVALID_VALUE);
		lia_reply_problem(r, &pb);
		return LIA_STORE_CONFLICT;
	}
	x->o.prescriptions = versions_text(r->arena, due, ndue);
	st = c->ops->organiser_insert(c, &x->o);
	if (st != LIA_STORE_OK) {
		if (st == LIA_STORE_CONFLICT)
			lia_reply_error(r, LIA_P_ALREADY_PREPARED);
		else
			lia_reply_store_error(r, st);
		return st;
	}
	cJSON *j = organiser_json(&x->o);
	cJSON_AddNumberToObject(j, "doses", (double)ndue);
	lia_reply_json(r, 201, j);
	return LIA_STORE_OK;
}

void
lia_h_organiser_create(struct lia_req *r)
{
	struct lia_subject s;
	struct prep_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	if (!lia_med_scope_load(r, &s, &x->sc))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_problem pb = {0};
	const char *week = NULL;
	struct lia_json_field spec[] = {
		{"week_start", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &week, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 1000, 0, 0, NULL, &x->o.note, NULL},
		{"supersedes", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &x->o.supersedes,
		 NULL},
	};
	int64_t monday = 0;
	if (lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &pb)) {
		/* A Monday, of this week or later: last week's organiser is history. */
		if (!lia_date_to_days(week, &monday) || lia_days_weekday(monday) != 1)
			lia_problem_field(&pb, "week_start", LIA_FE_INVALID_DATE);
		else if (monday < lia_monday_of(x->sc.today))
			lia_problem_field(&pb, "week_start", LIA_FE_OUT_OF_RANGE);
		if (x->o.supersedes && !lia_uuid_valid(x->o.supersedes))
			lia_problem_field(&pb, "supersedes", LIA_FE_INVALID_ID);
	}
	if (pb.kind != LIA_P_NONE) {
		lia_reply_problem(r, &pb);
		return;
	}
	struct lia_decision d;
	if (!lia_req_authorize_medication(r, &s, x->sc.cl.org_id, LIA_MED_PREPARE,
					  "client.pill_organiser.create", &d))
		return;
	if (!week_of(x->sc.tz, monday, &x->w)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	x->o.id = id;
	x->o.org_id = x->sc.cl.org_id;
	x->o.client_id = x->sc.cl.id;
	x->o.week_start = x->w.start;
	x->o.prepared_at = x->sc.now;
	x->o.prepared_by = r->account.id;
	x->o.prepared_as = d.as_role;
	x->o.version = 1;
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = x;
	lia_req_write(r, prepare);
}

void
lia_h_organiser_list(struct lia_req *r)
{
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return;
	const char *f = lia_uri_param(&r->uri, "from"), *t = lia_uri_param(&r->uri, "to");
	char from[11], to[11];
	lia_days_to_date(lia_monday_of(sc.today) - 56, from);
	lia_days_to_date(lia_monday_of(sc.today) + 14, to);
	struct lia_problem pb = {0};
	if (f && !lia_date_valid(f))
		lia_problem_field(&pb, "from", LIA_FE_INVALID_DATE);
	if (t && !lia_date_valid(t))
		lia_problem_field(&pb, "to", LIA_FE_INVALID_DATE);
	if (pb.kind != LIA_P_NONE) {
		pb.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &pb);
		return;
	}
	if (!lia_req_authorize_client(r, &s, sc.cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "client.pill_organiser.list", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_organiser *os;
	size_t n;
	int st = c->ops->organiser_list(c, r->arena, sc.cl.id, f ? f : from, t ? t : to, &os, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *j = organiser_json(&os[i]);
		cJSON_AddBoolToObject(j, "current",
				      lia_med_organiser_current(os, n, os[i].week_start) == &os[i]);
		cJSON_AddItemToArray(items, j);
	}
	lia_reply_json(r, 200, o);
}

/* The sheet's line of one dose. */
static cJSON *
sheet_dose(const struct lia_due_dose *d)
{
	cJSON *o = cJSON_CreateObject();
	char hhmm[6];
	lia_med_hhmm(d->minute, hhmm);
	cJSON_AddStringToObject(o, "time", hhmm);
	cJSON_AddStringToObject(o, "drug_label", d->p->drug_label);
	cJSON_AddStringToObject(o, "dose", d->p->dose);
	cJSON_AddStringToObject(o, "form", d->p->form);
	cJSON_AddStringToObject(o, "series_id", d->p->series_id);
	cJSON_AddStringToObject(o, "prescription_id", d->p->id);
	return o;
}

cJSON *
lia_organiser_sheet_build(struct lia_req *r)
{
	static const char *const moments[] = {"matin", "midi", "soir", "coucher"};
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return NULL;
	const char *week = lia_uri_param(&r->uri, "week");
	int64_t day = sc.today;
	if (week && !lia_date_to_days(week, &day)) {
		struct lia_problem pb = {0};
		lia_problem_field(&pb, "week", LIA_FE_INVALID_DATE);
		pb.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &pb);
		return NULL;
	}
	struct week w;
	if (!week_of(sc.tz, lia_monday_of(day), &w)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return NULL;
	}
	if (!lia_req_authorize_client(r, &s, sc.cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "client.pill_organiser.sheet", NULL))
		return NULL;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_prescription *ps;
	struct lia_organiser *os;
	struct lia_due_dose *due;
	size_t n, nos, ndue;
	int st = c->ops->prescription_list(c, r->arena, sc.cl.id, &ps, &n);
	if (st == LIA_STORE_OK)
		st = c->ops->organiser_list(c, r->arena, sc.cl.id, w.start, w.start, &os, &nos);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return NULL;
	}
	if (!organiser_doses(r->arena, ps, n, sc.tz, &w, &due, &ndue)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return NULL;
	}
	cJSON *o = cJSON_CreateObject();
	lia_med_add_identity(o, &sc.cl);
	cJSON_AddStringToObject(o, "week_start", w.start);
	cJSON_AddStringToObject(o, "tz", sc.tz);
	cJSON *days = cJSON_AddArrayToObject(o, "days");
	for (int d = 0; d < 7; d++) {
		cJSON *dj = cJSON_CreateObject();
		char date[11];
		lia_days_to_date(w.monday + d, date);
		cJSON_AddStringToObject(dj, "date", date);
		for (int m = 0; m < 4; m++) {
			cJSON *arr = cJSON_AddArrayToObject(dj, moments[m]);
			for (size_t i = 0; i < ndue; i++)
				if (due[i].day == w.monday + d &&
				    !strcmp(lia_med_moment(due[i].minute), moments[m]))
					cJSON_AddItemToArray(arr, sheet_dose(&due[i]));
		}
		cJSON_AddItemToArray(days, dj);
	}
	/* Lines given otherwise that week: as needed, or kept out of the organiser. */
	cJSON *others = cJSON_AddArrayToObject(o, "not_in_organiser");
	for (size_t i = 0; i < n; i++)
		if ((ps[i].as_needed || !ps[i].in_organiser) && ps[i].valid_from < w.to &&
		    (!ps[i].valid_until || ps[i].valid_until > w.from))
			cJSON_AddItemToArray(others, lia_prescription_json(&ps[i]));
	const struct lia_organiser *cur = lia_med_organiser_current(os, nos, w.start);
	if (cur) {
		cJSON *pj = organiser_json(cur);
		/* Up to date when every version due that week was in it: a change of
		 * prescription since means the organiser must be prepared again. */
		bool up_to_date = true;
		for (size_t i = 0; i < ndue && up_to_date; i++)
			up_to_date = lia_med_organiser_holds(cur, due[i].p->id);
		cJSON_AddBoolToObject(pj, "up_to_date", up_to_date);
		cJSON_AddItemToObject(o, "preparation", pj);
	} else {
		cJSON_AddNullToObject(o, "preparation");
	}
	return o;
}

void
lia_h_organiser_sheet(struct lia_req *r)
{
	cJSON *o = lia_organiser_sheet_build(r);
	if (o)
		lia_reply_json(r, 200, o);
}
