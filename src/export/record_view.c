/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The record view of a client for print (see record_view.h), and the export
 * profiles' readers.
 *
 * Each section is read only when the reader's decision for its category allows it
 * (identity, care circle and consents: admin; care plan, visits and alerts: daily;
 * prescriptions and allergies: medical); otherwise the section is {"withheld": true}
 * and its rows are never fetched. Notebook entries are filtered one by one by
 * category and audience with the notebook's own rule (entry_view.h).
 *
 * The shapes are lean on purpose (the bundle builds thousands of views): only what
 * the printed record shows, codes rather than labels (the renderer translates), and
 * dates as local "YYYY-MM-DD" / "HH:MM" in the view's zone where paper shows them.
 */
#include "export/record_view.h"

#include <string.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "domain/localtime.h"
#include "domain/medication.h"
#include "http/handlers/entry_view.h"
#include "http/handlers/medication.h"

/* How much of each list a printed record holds: beyond this the paper stops being
 * read (and the view stays cheap). The renderer says when a list was cut. */
#define MAX_VISITS 200
#define MAX_ALERTS 50
#define MAX_ENTRIES 300
#define ENTRY_PAGE 100
#define ENTRY_DAYS 30
#define VISIT_DAYS 7
#define NAMES_MAX 64

bool
lia_export_profile_valid(const char *profile)
{
	return profile && (!strcmp(profile, "care") || !strcmp(profile, "health"));
}

void
lia_reader_for_profile(const char *profile, const char *org_path, const struct lia_subject *s,
		       struct lia_reader *out)
{
	memset(out, 0, sizeof *out);
	/* A staff member with no account of their own (""), never a person: only the
	 * profile's role on the node and what the circle grants that node count, and a
	 * consent given to (or refused to) the organisation applies. */
	struct lia_role role = {
		.id = "",
		.account_id = "",
		.org_id = "",
		.org_path = org_path,
		.role = profile && !strcmp(profile, "health") ? "nurse" : "aide",
	};
	struct lia_actor actor = {
		.account_id = "", .kind = "staff", .org_id = "", .roles = &role, .nroles = 1};
	for (int c = 0; c < LIA_CAT_ACCESS_LOG; c++)
		lia_access_decide(&actor, s, (enum lia_category)c, LIA_ACT_READ, &out->cat[c]);
	out->label = lia_export_profile_valid(profile) ? profile : "care";
}

/* ---- display names, looked up once per view ---- */

struct names {
	const char *id[NAMES_MAX];
	const char *name[NAMES_MAX];
	size_t n;
};

struct view_ctx {
	struct lia_conn *c;
	struct lia_arena *a;
	const struct lia_client *cl;
	const struct lia_subject *s;
	const struct lia_reader *rd;
	int64_t now;
	const char *tz;
	int64_t today; /* local date, days since 1970-01-01 */
	char today_date[11];
	struct names accounts, orgs;
	bool dlu_read;
	cJSON *dlu; /* the client's DLU fields, read once; NULL when none */
};

static const char *
cached(const struct names *n, const char *id)
{
	for (size_t i = 0; i < n->n; i++)
		if (!strcmp(n->id[i], id))
			return n->name[i] ? n->name[i] : "";
	return NULL;
}

static void
remember(struct names *n, const char *id, const char *name)
{
	if (n->n < NAMES_MAX) {
		n->id[n->n] = id;
		n->name[n->n] = name;
		n->n++;
	}
}

/* An account's display name, or NULL when unknown (the renderer prints "—"). */
static const char *
account_name(struct view_ctx *x, const char *id)
{
	if (!id)
		return NULL;
	const char *hit = cached(&x->accounts, id);
	if (hit)
		return *hit ? hit : NULL;
	struct lia_account acc;
	const char *name = x->c->ops->account_get(x->c, x->a, id, &acc) == LIA_STORE_OK ?
				   acc.display_name :
				   NULL;
	remember(&x->accounts, id, name);
	return name;
}

static const char *
org_name(struct view_ctx *x, const char *id)
{
	if (!id)
		return NULL;
	const char *hit = cached(&x->orgs, id);
	if (hit)
		return *hit ? hit : NULL;
	struct lia_org o;
	const char *name = x->c->ops->org_get(x->c, x->a, id, &o) == LIA_STORE_OK ? o.name : NULL;
	remember(&x->orgs, id, name);
	return name;
}

/* ---- small JSON helpers ---- */

/* Local "YYYY-MM-DD" and "HH:MM" of an instant in the view's zone. */
static void
add_local(struct view_ctx *x, cJSON *o, const char *date_name, const char *time_name, int64_t us)
{
	char date[11], time[9];
	if (!us || !lia_local_format(x->tz, us, date, time)) {
		if (date_name)
			cJSON_AddNullToObject(o, date_name);
		cJSON_AddNullToObject(o, time_name);
		return;
	}
	time[5] = '\0';
	if (date_name)
		cJSON_AddStringToObject(o, date_name, date);
	cJSON_AddStringToObject(o, time_name, time);
}

/* Stored JSON text back to a tree; an empty array when absent or unreadable. */
static cJSON *
json_array(const char *text)
{
	cJSON *t = text ? cJSON_Parse(text) : NULL;
	if (cJSON_IsArray(t))
		return t;
	cJSON_Delete(t);
	return cJSON_CreateArray();
}

static cJSON *
withheld(void)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "withheld", true);
	return o;
}

static bool
may(const struct view_ctx *x, enum lia_category c)
{
	return x->rd->cat[c].allow;
}

/* ---- sections ---- */

/* RNIV: the INS matricule is printed only for a qualified identity, grouped as on
 * the carte Vitale (1 2 2 2 3 3 2). */
static void
add_ins(cJSON *o, const struct lia_client *cl)
{
	const char *m = cl->ins_matricule;
	if (!m || !cl->identity_status || strcmp(cl->identity_status, "QUAL") != 0 ||
	    strlen(m) != 15) {
		cJSON_AddNullToObject(o, "ins");
		return;
	}
	static const int groups[] = {1, 2, 2, 2, 3, 3, 2};
	char out[24];
	size_t k = 0, at = 0;
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		if (g)
			out[k++] = ' ';
		for (int i = 0; i < groups[g]; i++)
			out[k++] = m[at++];
	}
	out[k] = '\0';
	cJSON_AddStringToObject(o, "ins", out);
}

static cJSON *
identity_json(const struct lia_client *cl)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "birth_name", cl->birth_name);
	lia_json_add_str(o, "birth_given_names", cl->birth_given_names);
	lia_json_add_str(o, "first_given_name", cl->first_given_name);
	lia_json_add_str(o, "used_name", cl->used_name);
	lia_json_add_str(o, "used_given_name", cl->used_given_name);
	lia_json_add_str(o, "sex", cl->sex);
	lia_json_add_str(o, "birth_date", cl->birth_date);
	lia_json_add_str(o, "identity_status", cl->identity_status);
	add_ins(o, cl);
	if (cl->gir >= 1 && cl->gir <= 6)
		cJSON_AddNumberToObject(o, "gir", cl->gir);
	else
		cJSON_AddNullToObject(o, "gir");
	cJSON *addr = cJSON_AddObjectToObject(o, "address");
	lia_json_add_str(addr, "line", cl->address_line);
	lia_json_add_str(addr, "postal_code", cl->postal_code);
	lia_json_add_str(addr, "city", cl->city);
	lia_json_add_str(o, "phone", cl->phone);
	return o;
}

static bool
member_current(const struct lia_circle_member *m, const char *today)
{
	return strcmp(m->starts_on, today) <= 0 && (!m->ends_on || strcmp(m->ends_on, today) >= 0);
}

/* The client's DLU fields (domain/dlu.h), read on first use; *out NULL when none. */
static int
dlu_fields(struct view_ctx *x, const cJSON **out)
{
	if (!x->dlu_read) {
		struct lia_dlu d;
		int st = x->c->ops->dlu_get(x->c, x->a, x->cl->id, &d);
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
			return st;
		x->dlu = st == LIA_STORE_OK && d.data ? cJSON_Parse(d.data) : NULL;
		x->dlu_read = true;
	}
	*out = x->dlu;
	return LIA_STORE_OK;
}

/* The DLU's contacts (admin fields, as the circle), with the phone numbers the circle's
 * accounts and organisations do not hold. */
static void
add_dlu_contacts(struct view_ctx *x, cJSON *items, const cJSON *dlu)
{
	static const char *const contacts[] = {"medecin_traitant", "personne_confiance",
					       "personne_a_prevenir", "preferred_hospital"};
	for (size_t i = 0; i < sizeof contacts / sizeof contacts[0]; i++) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(dlu, contacts[i]);
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
		if (!cJSON_IsString(name))
			continue;
		const cJSON *rel = cJSON_GetObjectItemCaseSensitive(c, "relation");
		const cJSON *phone = cJSON_GetObjectItemCaseSensitive(c, "phone");
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "role", contacts[i]);
		cJSON_AddStringToObject(e, "kind", "dlu");
		lia_json_add_str(e, "name", cJSON_IsString(rel) ? lia_arena_printf(x->a, "%s (%s)",
									 name->valuestring,
									 rel->valuestring) :
							  name->valuestring);
		lia_json_add_str(e, "phone", cJSON_IsString(phone) ? phone->valuestring : NULL);
		cJSON_AddNullToObject(e, "since");
		cJSON_AddItemToArray(items, e);
	}
}

/* Who to call: the members in force, as the subject already holds them, then the
 * contacts of the DLU. */
static int
circle_json(struct view_ctx *x, cJSON **out)
{
	const cJSON *dlu;
	int st = dlu_fields(x, &dlu);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < x->s->ncircle; i++) {
		const struct lia_circle_member *m = &x->s->circle[i];
		if (!member_current(m, x->today_date))
			continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "role", m->circle_role);
		cJSON_AddStringToObject(e, "kind", m->account_id ? "person" : "organisation");
		lia_json_add_str(e, "name",
			m->account_id ? account_name(x, m->account_id) :
					org_name(x, m->member_org_id));
		/* Accounts and organisations hold no phone number yet: the field is
		 * there for when they do, and the paper leaves the cell to fill in. */
		cJSON_AddNullToObject(e, "phone");
		cJSON_AddStringToObject(e, "since", m->starts_on);
		cJSON_AddItemToArray(items, e);
	}
	add_dlu_contacts(x, items, dlu);
	*out = o;
	return LIA_STORE_OK;
}

static cJSON *
consents_json(struct view_ctx *x)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < x->s->nconsents; i++) {
		const struct lia_consent *k = &x->s->consents[i];
		if (k->revoked_at || k->starts_at > x->now || (k->ends_at && x->now >= k->ends_at))
			continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "category", k->category);
		cJSON_AddStringToObject(e, "decision", k->decision);
		cJSON_AddStringToObject(e, "grantee_kind",
					k->grantee_account ? "person" : "organisation");
		lia_json_add_str(e, "grantee",
			k->grantee_account ? account_name(x, k->grantee_account) :
					     org_name(x, k->grantee_org));
		lia_json_add_time(e, "starts_at", k->starts_at);
		lia_json_add_time(e, "ends_at", k->ends_at);
		lia_json_add_str(e, "decided_as", k->decided_as);
		cJSON_AddItemToArray(items, e);
	}
	return o;
}

static int
care_plan_json(struct view_ctx *x, cJSON **out)
{
	struct lia_intervention *ivs = NULL;
	size_t niv = 0;
	int st = x->c->ops->intervention_list(x->c, x->a, x->cl->id, &ivs, &niv);
	if (st != LIA_STORE_OK)
		return st;
	int64_t from, to;
	if (!lia_local_days_to_utc(x->tz, x->today, 0, &from) ||
	    !lia_local_days_to_utc(x->tz, x->today + VISIT_DAYS, 0, &to))
		return LIA_STORE_ERROR;
	struct lia_visit_query q = {
		.client_id = x->cl->id, .from = from, .to = to, .limit = MAX_VISITS + 1};
	struct lia_visit *vs = NULL;
	size_t nv = 0;
	st = x->c->ops->visit_list(x->c, x->a, &q, &vs, &nv);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "interventions");
	for (size_t i = 0; i < niv; i++) {
		const struct lia_intervention *iv = &ivs[i];
		if (strcmp(iv->valid_from, x->today_date) > 0 ||
		    (iv->valid_until && strcmp(x->today_date, iv->valid_until) >= 0))
			continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "type", iv->type);
		lia_json_add_str(e, "label", iv->label);
		cJSON *days = cJSON_AddArrayToObject(e, "days");
		for (int d = 0; d < 7; d++)
			if (iv->days & (1 << d))
				cJSON_AddItemToArray(days, cJSON_CreateNumber(d + 1));
		cJSON_AddNumberToObject(e, "every_weeks", iv->every_weeks);
		cJSON_AddStringToObject(e, "start_time", iv->start_time);
		cJSON_AddNumberToObject(e, "duration_min", iv->duration_min);
		cJSON_AddItemToObject(e, "tasks", json_array(iv->tasks));
		lia_json_add_str(e, "note", iv->note);
		cJSON_AddItemToArray(items, e);
	}
	cJSON_AddStringToObject(o, "visits_from", x->today_date);
	cJSON *visits = cJSON_AddArrayToObject(o, "visits");
	for (size_t i = 0; i < nv && i < MAX_VISITS; i++) {
		const struct lia_visit *v = &vs[i];
		cJSON *e = cJSON_CreateObject();
		add_local(x, e, "date", "start", v->planned_start);
		add_local(x, e, NULL, "end", v->planned_end);
		cJSON_AddStringToObject(e, "type", v->type);
		lia_json_add_str(e, "label", v->label);
		cJSON_AddStringToObject(e, "status", v->status);
		lia_json_add_str(e, "worker", account_name(x, v->worker_id));
		cJSON_AddItemToArray(visits, e);
	}
	cJSON_AddBoolToObject(o, "visits_truncated", nv > MAX_VISITS);
	*out = o;
	return LIA_STORE_OK;
}

static cJSON *
prescription_json(const struct lia_prescription *p)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "drug_label", p->drug_label);
	lia_json_add_str(e, "form", p->form);
	lia_json_add_str(e, "dose", p->dose);
	lia_json_add_str(e, "route", p->route);
	cJSON_AddBoolToObject(e, "as_needed", p->as_needed);
	if (p->as_needed)
		cJSON_AddNumberToObject(e, "max_per_day", p->max_per_day);
	cJSON *sched = cJSON_AddArrayToObject(e, "schedule");
	int minutes[LIA_MED_MAX_TIMES];
	int nt = p->as_needed ? 0 : lia_med_times_parse(p->times, minutes);
	for (int k = 0; k < nt; k++) {
		cJSON *t = cJSON_CreateObject();
		char hhmm[6];
		lia_med_hhmm(minutes[k], hhmm);
		cJSON_AddStringToObject(t, "time", hhmm);
		cJSON_AddStringToObject(t, "moment", lia_med_moment(minutes[k]));
		cJSON_AddItemToArray(sched, t);
	}
	lia_json_add_str(e, "starts_on", p->starts_on);
	lia_json_add_str(e, "ends_on", p->ends_on);
	cJSON_AddBoolToObject(e, "in_organiser", p->in_organiser);
	lia_json_add_str(e, "prescriber_name", p->prescriber_name);
	lia_json_add_str(e, "prescribed_on", p->prescribed_on);
	lia_json_add_str(e, "instructions", p->instructions);
	return e;
}

/* The lines in force: each series once, by its latest version, when it is active. */
static int
prescriptions_json(struct view_ctx *x, cJSON **out)
{
	struct lia_prescription *ps = NULL;
	size_t n = 0;
	int st = x->c->ops->prescription_list(x->c, x->a, x->cl->id, &ps, &n);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		/* Ordered by series, then seq: the last row of a series is its latest. */
		if (i + 1 < n && !strcmp(ps[i + 1].series_id, ps[i].series_id))
			continue;
		if (!strcmp(lia_med_status(&ps[i], x->now, x->today), "active"))
			cJSON_AddItemToArray(items, prescription_json(&ps[i]));
	}
	*out = o;
	return LIA_STORE_OK;
}

/* Allergies come from the client's DLU ("allergies": [{substance, reaction?}], as
 * domain/dlu.c checks them); no DLU or no field means none recorded. */
static int
allergies_json(struct view_ctx *x, cJSON **out)
{
	const cJSON *dlu;
	int st = dlu_fields(x, &dlu);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	const cJSON *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(dlu, "allergies"))
	{
		const cJSON *what = cJSON_GetObjectItemCaseSensitive(it, "substance");
		const cJSON *reaction = cJSON_GetObjectItemCaseSensitive(it, "reaction");
		if (!cJSON_IsString(what))
			continue;
		cJSON_AddItemToArray(items, cJSON_CreateString(
			cJSON_IsString(reaction) ? lia_arena_printf(x->a, "%s (%s)", what->valuestring,
								   reaction->valuestring) :
						   what->valuestring));
	}
	*out = o;
	return LIA_STORE_OK;
}

static int
alerts_json(struct view_ctx *x, cJSON **out)
{
	struct lia_alert_query q = {.client_id = x->cl->id, .state = "open", .limit = MAX_ALERTS};
	struct lia_alert *al = NULL;
	size_t n = 0;
	int st = x->c->ops->alert_list(x->c, x->a, &q, &al, &n);
	if (st != LIA_STORE_OK)
		return st;
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "type", al[i].type);
		cJSON_AddStringToObject(e, "severity", al[i].severity);
		cJSON_AddStringToObject(e, "state", al[i].state);
		lia_json_add_time(e, "raised_at", al[i].raised_at);
		lia_json_add_str(e, "note", al[i].note);
		cJSON_AddItemToArray(items, e);
	}
	*out = o;
	return LIA_STORE_OK;
}

static cJSON *
entry_json(struct view_ctx *x, const struct lia_entry *e)
{
	cJSON *o = cJSON_CreateObject();
	lia_json_add_time(o, "written_at", e->written_at);
	lia_json_add_time(o, "fact_at", e->fact_at);
	lia_json_add_str(o, "author", account_name(x, e->author_id));
	lia_json_add_str(o, "author_role", e->author_role);
	cJSON_AddStringToObject(o, "category", e->category);
	cJSON_AddStringToObject(o, "kind", e->kind);
	cJSON_AddBoolToObject(o, "urgent", e->urgent);
	cJSON_AddBoolToObject(o, "correction", e->supersedes != NULL);
	lia_json_add_str(o, "text", e->text);
	lia_json_add_str(o, "target", e->target);
	lia_json_add_str(o, "data", e->data);
	lia_json_add_str(o, "actions", e->actions);
	lia_json_add_str(o, "results", e->results);
	return o;
}

/* The last 30 days of entries the reader may see, newest first, corrected ones
 * replaced by their correction (which is itself in the list). */
static int
entries_json(struct view_ctx *x, cJSON **out)
{
	/* The notebook's own rule, fed with the reader's decisions: the export and the
	 * screen can never disagree on what a profile sees. */
	struct lia_entry_view v;
	memset(&v, 0, sizeof v);
	memcpy(v.cat, x->rd->cat, sizeof v.cat);
	v.reader = "";
	struct lia_entry_query q = {.client_id = x->cl->id,
				    .urgent = -1,
				    .since = x->now - (int64_t)ENTRY_DAYS * LIA_DAY_US,
				    .limit = ENTRY_PAGE};
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	int kept = 0;
	bool truncated = false;
	for (;;) {
		struct lia_entry *batch = NULL;
		size_t got = 0;
		int st = x->c->ops->entry_list(x->c, x->a, &q, &batch, &got);
		if (st != LIA_STORE_OK) {
			cJSON_Delete(o);
			return st;
		}
		for (size_t i = 0; i < got; i++) {
			if (batch[i].superseded_by || !lia_entry_visible(&v, &batch[i]))
				continue;
			if (kept == MAX_ENTRIES) {
				truncated = true;
				break;
			}
			cJSON_AddItemToArray(items, entry_json(x, &batch[i]));
			kept++;
		}
		if (truncated || got < (size_t)q.limit)
			break;
		q.before_id = batch[got - 1].id;
	}
	cJSON_AddNumberToObject(o, "days", ENTRY_DAYS);
	cJSON_AddBoolToObject(o, "truncated", truncated);
	*out = o;
	return LIA_STORE_OK;
}

/* Adds section `name`: built by fn when the reader may read category cat, else
 * withheld without a single read. */
static int
section(struct view_ctx *x, cJSON *view, const char *name, enum lia_category cat,
	int (*fn)(struct view_ctx *x, cJSON **out))
{
	cJSON *s = NULL;
	if (!may(x, cat)) {
		cJSON_AddItemToObject(view, name, withheld());
		return LIA_STORE_OK;
	}
	int st = fn(x, &s);
	if (st == LIA_STORE_OK)
		cJSON_AddItemToObject(view, name, s);
	return st;
}

int
lia_record_view(struct lia_conn *c, struct lia_arena *a, const struct lia_client *cl,
		const struct lia_subject *s, const struct lia_reader *rd, int64_t now,
		const char *tz, cJSON **out)
{
	*out = NULL;
	struct view_ctx *x = lia_arena_alloc(a, sizeof *x);
	memset(x, 0, sizeof *x);
	x->c = c;
	x->a = a;
	x->cl = cl;
	x->s = s;
	x->rd = rd;
	x->now = now;
	x->tz = tz && lia_tz_valid(tz) ? tz : "Europe/Paris";
	if (!lia_local_days(x->tz, now, &x->today))
		return LIA_STORE_ERROR;
	lia_days_to_date(x->today, x->today_date);

	cJSON *view = cJSON_CreateObject();
	lia_json_add_time(view, "generated_at", now);
	cJSON_AddStringToObject(view, "tz", x->tz);
	lia_json_add_str(view, "reader", rd->label);
	cJSON_AddStringToObject(view, "client_id", cl->id);
	cJSON_AddStringToObject(view, "today", x->today_date);
	if (may(x, LIA_CAT_ADMIN)) {
		cJSON_AddItemToObject(view, "identity", identity_json(cl));
		cJSON_AddItemToObject(view, "consents", consents_json(x));
	} else {
		cJSON_AddItemToObject(view, "identity", withheld());
		cJSON_AddItemToObject(view, "consents", withheld());
	}
	int st = section(x, view, "circle", LIA_CAT_ADMIN, circle_json);
	if (st == LIA_STORE_OK)
		st = section(x, view, "care_plan", LIA_CAT_DAILY, care_plan_json);
	if (st == LIA_STORE_OK)
		st = section(x, view, "prescriptions", LIA_CAT_MEDICAL, prescriptions_json);
	if (st == LIA_STORE_OK)
		st = section(x, view, "allergies", LIA_CAT_MEDICAL, allergies_json);
	if (st == LIA_STORE_OK)
		st = section(x, view, "alerts", LIA_CAT_DAILY, alerts_json);
	if (st == LIA_STORE_OK) {
		bool any = false;
		for (int k = 0; k < LIA_CAT_ACCESS_LOG; k++)
			any = any || rd->cat[k].allow;
		cJSON *e = NULL;
		if (!any)
			cJSON_AddItemToObject(view, "entries", withheld());
		else if ((st = entries_json(x, &e)) == LIA_STORE_OK)
			cJSON_AddItemToObject(view, "entries", e);
	}
	cJSON_Delete(x->dlu);
	if (st != LIA_STORE_OK) {
		cJSON_Delete(view);
		return st;
	}
	*out = view;
	return LIA_STORE_OK;
}

/* ---- the bundle index ---- */

static const cJSON *
get(const cJSON *o, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(o, name);
}

static const char *
get_str(const cJSON *o, const char *name)
{
	const cJSON *v = get(o, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool
is_withheld(const cJSON *section)
{
	return !section || cJSON_IsTrue(get(section, "withheld"));
}

static void
copy_str(cJSON *to, const char *name, const char *value)
{
	lia_json_add_str(to, name, value);
}

/* The first visit still to come (planned or under way) of the view's seven days. */
static void
add_next_visit(cJSON *row, const cJSON *view)
{
	const cJSON *plan = get(view, "care_plan");
	cJSON *nv = NULL;
	if (!is_withheld(plan)) {
		const cJSON *v;
		cJSON_ArrayForEach(v, get(plan, "visits"))
		{
			const char *status = get_str(v, "status");
			if (status &&
			    (!strcmp(status, "planned") || !strcmp(status, "in_progress"))) {
				nv = cJSON_CreateObject();
				copy_str(nv, "date", get_str(v, "date"));
				copy_str(nv, "start", get_str(v, "start"));
				copy_str(nv, "type", get_str(v, "type"));
				copy_str(nv, "worker", get_str(v, "worker"));
				break;
			}
		}
	}
	cJSON_AddItemToObject(row, "next_visit", nv ? nv : cJSON_CreateNull());
}

/* Key risks, most telling first: allergies, open alerts (a fall first among them),
 * an urgent notebook entry of the period. */
static void
add_risks(cJSON *row, const cJSON *view)
{
	cJSON *risks = cJSON_AddObjectToObject(row, "risks");
	const cJSON *al = get(view, "allergies");
	cJSON *allergies = is_withheld(al) ? cJSON_CreateNull() :
					     cJSON_Duplicate(get(al, "items"), true);
	cJSON_AddItemToObject(risks, "allergies", allergies ? allergies : cJSON_CreateArray());
	const cJSON *alerts = get(view, "alerts");
	int open = 0;
	bool fall = false;
	cJSON *types = cJSON_CreateArray();
	if (!is_withheld(alerts)) {
		const cJSON *a;
		cJSON_ArrayForEach(a, get(alerts, "items"))
		{
			const char *t = get_str(a, "type");
			open++;
			if (!t)
				continue;
			fall = fall || !strcmp(t, "fall");
			bool seen = false;
			const cJSON *k;
			cJSON_ArrayForEach(k, types) seen = seen || !strcmp(k->valuestring, t);
			if (!seen)
				cJSON_AddItemToArray(types, cJSON_CreateString(t));
		}
	}
	cJSON_AddNumberToObject(risks, "open_alerts", open);
	cJSON_AddItemToObject(risks, "alert_types", types);
	cJSON_AddBoolToObject(risks, "fall", fall);
	int urgent = 0;
	const cJSON *entries = get(view, "entries");
	if (!is_withheld(entries)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, get(entries, "items"))
			urgent += cJSON_IsTrue(get(e, "urgent"));
	}
	cJSON_AddNumberToObject(risks, "urgent_entries", urgent);
}

cJSON *
lia_record_index_row(const cJSON *view)
{
	cJSON *row = cJSON_CreateObject();
	copy_str(row, "client_id", get_str(view, "client_id"));
	const cJSON *id = get(view, "identity");
	bool known = !is_withheld(id);
	copy_str(row, "birth_name", known ? get_str(id, "birth_name") : NULL);
	copy_str(row, "used_name", known ? get_str(id, "used_name") : NULL);
	copy_str(row, "first_given_name", known ? get_str(id, "first_given_name") : NULL);
	copy_str(row, "used_given_name", known ? get_str(id, "used_given_name") : NULL);
	copy_str(row, "birth_date", known ? get_str(id, "birth_date") : NULL);
	const cJSON *addr = known ? get(id, "address") : NULL;
	cJSON *a = cJSON_AddObjectToObject(row, "address");
	copy_str(a, "line", get_str(addr, "line"));
	copy_str(a, "postal_code", get_str(addr, "postal_code"));
	copy_str(a, "city", get_str(addr, "city"));
	copy_str(row, "phone", known ? get_str(id, "phone") : NULL);
	add_next_visit(row, view);
	add_risks(row, view);
	return row;
}
