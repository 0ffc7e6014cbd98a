/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The field worker's day: GET /api/v1/me/visits?date=YYYY-MM-DD. The signed-in
 * worker's visits of that local day in route order (planned start; a meal round's
 * position breaks ties), each with what the worker needs at the door: the address,
 * the access notes, the tasks, and how many notebook entries are new to them or
 * urgent and still to acknowledge. Each client's record read is audited.
 *
 * The day is built by lia_day_build (sheets.h), which the printed day sheets use too:
 * the worker's own (GET /api/v1/me/day-sheet.pdf) and one a coordinator prints for a
 * worker (GET /api/v1/workers/{id}/day-sheet.pdf), where the coordinator's own rights
 * decide what is read and the notebook counts, which are per reader, are left out.
 */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/localtime.h"
#include "http/handlers/entry_view.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"
#include "http/handlers/sheets.h"

#define DAY_MAX 100      /* visits in a day: far above eight */
#define COUNT_SCAN 200   /* notebook entries looked at per count */
#define RISKS_MAX 20     /* open alerts printed per client */

static int
route_order(const void *x, const void *y)
{
	const struct lia_visit *a = x, *b = y;
	if (a->planned_start != b->planned_start)
		return a->planned_start < b->planned_start ? -1 : 1;
	if (a->round_position != b->round_position)
		return a->round_position < b->round_position ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Unread and urgent-to-acknowledge entries this reader may see (capped). */
static int
notebook_counts(struct lia_req *r, const struct lia_subject *s, const char *client_id,
		cJSON *out)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_entry_view view = {0};
	lia_entry_view_init(r, s, &view);
	struct lia_ack *acks = NULL;
	int st = c->ops->read_marker_get(c, r->arena, r->actor.account_id, client_id,
					 &view.last_read_id);
	if (st == LIA_STORE_OK || st == LIA_STORE_NOT_FOUND)
		st = c->ops->ack_list(c, r->arena, client_id, &acks, &view.nacks);
	if (st != LIA_STORE_OK)
		return st;
	view.acks = acks;
	struct lia_entry *es;
	size_t n;
	int unread = 0, urgent = 0;
	struct lia_entry_query uq = {.client_id = client_id, .urgent = -1,
				     .after_id = view.last_read_id, .limit = COUNT_SCAN};
	st = c->ops->entry_list(c, r->arena, &uq, &es, &n);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++)
		unread += lia_entry_visible(&view, &es[i]) && lia_entry_unread(&view, &es[i]);
	struct lia_entry_query gq = {.client_id = client_id, .urgent = 1, .limit = COUNT_SCAN};
	if (st == LIA_STORE_OK)
		st = c->ops->entry_list(c, r->arena, &gq, &es, &n);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++)
		urgent += lia_entry_visible(&view, &es[i]) && lia_entry_needs_ack(&view, &es[i]);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *nb = cJSON_AddObjectToObject(out, "notebook");
	cJSON_AddNumberToObject(nb, "unread", unread);
	cJSON_AddNumberToObject(nb, "urgent_to_acknowledge", urgent);
	return LIA_STORE_OK;
}

/* The DLU's observations worth knowing at the door (care category, domain/dlu.h). */
static const char *const door_fields[] = {"falls", "wandering", "swallowing", "behaviour",
					  "pressure_sore_risk", "restraint", "diet"};

static void
add_risk(cJSON *arr, const char *kind, const char *field, const char *text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", kind);
	if (field)
		cJSON_AddStringToObject(o, "field", field);
	cJSON_AddStringToObject(o, "text", text);
	cJSON_AddItemToArray(arr, o);
}

/* From the client's DLU (when there is one): its allergies when the caller may read
 * medical data, its observations (falls, wandering, swallowing...) otherwise in care. */
static int
dlu_risks(struct lia_req *r, const struct lia_client *cl, bool medical, cJSON *arr)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_dlu dlu;
	int st = c->ops->dlu_get(c, r->arena, cl->id, &dlu);
	if (st == LIA_STORE_NOT_FOUND)
		return LIA_STORE_OK;
	if (st != LIA_STORE_OK)
		return st;
	cJSON *data = cJSON_Parse(dlu.data);
	const cJSON *al = cJSON_GetObjectItemCaseSensitive(data, "allergies");
	for (const cJSON *a = medical && cJSON_IsArray(al) ? al->child : NULL; a; a = a->next) {
		const cJSON *what = cJSON_GetObjectItemCaseSensitive(a, "substance");
		const cJSON *how = cJSON_GetObjectItemCaseSensitive(a, "reaction");
		if (!cJSON_IsString(what))
			continue;
		if (cJSON_IsString(how))
			add_risk(arr, "allergy", NULL, lia_arena_printf(r->arena, "%s (%s)",
									what->valuestring,
									how->valuestring));
		else
			add_risk(arr, "allergy", NULL, what->valuestring);
	}
	for (size_t i = 0; i < sizeof door_fields / sizeof door_fields[0]; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(data, door_fields[i]);
		if (cJSON_IsString(v) && v->valuestring[0])
			add_risk(arr, "observation", door_fields[i], v->valuestring);
	}
	cJSON_Delete(data);
	return LIA_STORE_OK;
}

/* The risks to know before ringing the bell, when the caller may read the care
 * category (audited): the client's open alerts and the DLU's observations, and its
 * allergies for a reader of medical data (audited too). "key_risks" is null when the
 * care category is not readable. */
static int
key_risks(struct lia_req *r, const struct lia_client *cl, const struct lia_subject *s,
	  cJSON *out)
{
	struct lia_decision d, med;
	lia_access_decide(&r->actor, s, LIA_CAT_CARE, LIA_ACT_READ, &d);
	struct lia_audit_entry *e = lia_req_audit(r, "visit.field_day.risks.read", cl->id,
						  cl->org_id, d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	if (!d.allow) {
		cJSON_AddNullToObject(out, "key_risks");
		return LIA_STORE_OK;
	}
	lia_access_decide(&r->actor, s, LIA_CAT_MEDICAL, LIA_ACT_READ, &med);
	if (med.allow) {
		e = lia_req_audit(r, "visit.field_day.allergies.read", cl->id, cl->org_id, "ok",
				  med.reason);
		e->actor_role = med.as_role;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_alert_query q = {.client_id = cl->id, .state = "open", .limit = RISKS_MAX};
	struct lia_alert *al;
	size_t n;
	int st = c->ops->alert_list(c, r->arena, &q, &al, &n);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *arr = cJSON_AddArrayToObject(out, "key_risks");
	for (size_t i = 0; i < n; i++) {
		cJSON *a = cJSON_CreateObject();
		cJSON_AddStringToObject(a, "kind", "alert");
		cJSON_AddStringToObject(a, "type", al[i].type);
		cJSON_AddStringToObject(a, "severity", al[i].severity);
		lia_json_add_time(a, "raised_at", al[i].raised_at);
		cJSON_AddItemToArray(arr, a);
	}
	return dlu_risks(r, cl, med.allow, arr);
}

/* The client part of a visit of the day: who and where. */
static int
add_client(struct lia_req *r, const struct lia_day_for *f, const struct lia_visit *v, cJSON *o)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_client cl;
	struct lia_subject s;
	struct lia_home h;
	int st = c->ops->client_get(c, r->arena, v->client_id, &cl);
	if (st != LIA_STORE_OK)
		return st;
	if (!lia_req_subject(r, &cl, true, &s))
		return LIA_STORE_ERROR;
	s.assigned_visit = f->own; /* every visit listed is then the caller's */
	struct lia_decision d;
	lia_access_decide(&r->actor, &s, LIA_CAT_ADMIN, LIA_ACT_READ, &d);
	struct lia_audit_entry *e = lia_req_audit(r, "visit.field_day.read", cl.id, cl.org_id,
						  d.allow ? "ok" : "denied", d.reason);
	e->object_id = v->id;
	e->actor_role = d.as_role;
	cJSON *who = cJSON_AddObjectToObject(o, "client");
	cJSON_AddStringToObject(who, "id", cl.id);
	/* The visit without the record: never for the worker by policy; a coordinator
	 * printing a day whose client lies outside their rights gets the time only. */
	if (!d.allow)
		return LIA_STORE_OK;
	lia_json_add_str(who, "used_name", cl.used_name);
	cJSON_AddStringToObject(who, "birth_name", cl.birth_name);
	cJSON_AddStringToObject(who, "first_given_name", cl.first_given_name);
	lia_json_add_str(who, "phone", cl.phone);
	cJSON *addr = cJSON_AddObjectToObject(who, "address");
	lia_json_add_str(addr, "line", cl.address_line);
	lia_json_add_str(addr, "postal_code", cl.postal_code);
	lia_json_add_str(addr, "city", cl.city);
	st = c->ops->home_get(c, r->arena, cl.id, &h);
	if (st == LIA_STORE_OK) {
		lia_json_add_str(who, "access_notes", h.access_notes);
		if (h.has_coords) {
			cJSON_AddNumberToObject(addr, "latitude", h.latitude);
			cJSON_AddNumberToObject(addr, "longitude", h.longitude);
		}
	} else if (st == LIA_STORE_NOT_FOUND) {
		cJSON_AddNullToObject(who, "access_notes");
	} else {
		return st;
	}
	if (f->risks && (st = key_risks(r, &cl, &s, who)) != LIA_STORE_OK)
		return st;
	return f->own ? notebook_counts(r, &s, cl.id, o) : LIA_STORE_OK;
}

cJSON *
lia_day_build(struct lia_req *r, const struct lia_day_for *f)
{
	const char *tz = f->tz;
	const char *date = lia_uri_param(&r->uri, "date");
	int64_t day;
	if (date ? !lia_date_to_days(date, &day) : !lia_local_days(tz, lia_clock_now_us(), &day)) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "date", LIA_FE_INVALID_DATE);
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return NULL;
	}
	char today[11];
	lia_days_to_date(day, today);
	struct lia_visit_query q = {.worker_id = f->worker_id, .limit = DAY_MAX};
	if (!lia_local_days_to_utc(tz, day, 0, &q.from) ||
	    !lia_local_days_to_utc(tz, day + 1, 0, &q.to)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return NULL;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_visit *vs;
	size_t n;
	int st = c->ops->visit_list(c, r->arena, &q, &vs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return NULL;
	}
	if (n)
		qsort(vs, n, sizeof *vs, route_order);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "date", today);
	cJSON_AddStringToObject(o, "time_zone", tz);
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(vs[i].status, "cancelled"))
			continue; /* the coordinator's board shows them; the phone does not */
		cJSON *item = lia_visit_json(&vs[i], tz);
		cJSON_AddNumberToObject(item, "route_position", cJSON_GetArraySize(items) + 1);
		cJSON_AddItemToArray(items, item);
		if ((st = add_client(r, f, &vs[i], item)) != LIA_STORE_OK) {
			cJSON_Delete(o);
			lia_reply_store_error(r, st);
			return NULL;
		}
	}
	cJSON_AddNullToObject(o, "next_cursor");
	return o;
}

void
lia_h_me_visits(struct lia_req *r)
{
	struct lia_day_for f = {.worker_id = r->account.id,
				.tz = lia_org_tz(r, r->account.org_id), .own = true};
	cJSON *o = lia_day_build(r, &f);
	if (o)
		lia_reply_json(r, 200, o);
}
