/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The DLU view (see dlu_view.h). Shape:
 *   {"document": "dlu", "generated_at": RFC 3339, "tz": "Europe/Paris", "reader": label,
 *    "client": {"id", "sex", "birth_name", "used_name", "given_name", "birth_date",
 *               "ins" (only when QUAL: RNIV), "address", "phone" (admin only)},
 *    "withheld": ["medical", ...],          categories the reader may not read
 *    "care_circle": [{"role", "name"}],      current members (admin only)
 *    "dlu": {"version", "updated_at", "fields": {the readable DLU fields}},
 *    "treatments": [{"drug", "dose", "route", "times", "as_needed", "instructions"}],
 *    "last_doses": [{"drug", "dose", "at", "outcome"}],   the last 24 hours
 *    "transfer": {"id", "created_at", "fields": {...}} or null (a sheet to fill in)}
 * treatments and last_doses only when medical data is readable. A transfer is
 * medical data: a reader without it gets the sheet to fill in.
 */
#include "export/dlu_view.h"

#include <string.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "domain/dlu.h"

#define DAY_US (24LL * 3600 * 1000000)

static cJSON *
client_json(struct lia_arena *a, const struct lia_client *cl, bool admin)
{
	cJSON *o = cJSON_CreateObject();
	lia_json_add_str(o, "id", cl->id);
	lia_json_add_str(o, "sex", cl->sex);
	lia_json_add_str(o, "birth_name", cl->birth_name);
	lia_json_add_str(o, "used_name", cl->used_name);
	lia_json_add_str(o, "given_name", cl->used_given_name ? cl->used_given_name : cl->first_given_name);
	lia_json_add_str(o, "birth_date", cl->birth_date);
	/* RNIV: the INS is shown, and printed, only once the identity is qualified. */
	bool qual = cl->identity_status && !strcmp(cl->identity_status, "QUAL");
	lia_json_add_str(o, "ins", qual ? cl->ins_matricule : NULL);
	if (!admin)
		return o;
	const char *addr = NULL;
	if (cl->address_line || cl->city)
		addr = lia_arena_printf(a, "%s%s%s%s%s", cl->address_line ? cl->address_line : "",
					cl->address_line ? ", " : "",
					cl->postal_code ? cl->postal_code : "",
					cl->postal_code ? " " : "", cl->city ? cl->city : "");
	lia_json_add_str(o, "address", addr);
	lia_json_add_str(o, "phone", cl->phone);
	return o;
}

/* The current members of the care circle, by name: who the emergency department
 * may call back. A member whose account or organisation cannot be read is left out. */
static int
circle_json(struct lia_conn *c, struct lia_arena *a, const struct lia_subject *s, cJSON *view)
{
	cJSON *arr = cJSON_AddArrayToObject(view, "care_circle");
	for (size_t i = 0; i < s->ncircle; i++) {
		const struct lia_circle_member *m = &s->circle[i];
		if (m->ends_on && s->today && strcmp(m->ends_on, s->today) < 0)
			continue;
		const char *name = NULL;
		int st;
		if (m->account_id) {
			struct lia_account acc;
			st = c->ops->account_get(c, a, m->account_id, &acc);
			name = st == LIA_STORE_OK ? acc.display_name : NULL;
		} else {
			struct lia_org o;
			st = c->ops->org_get(c, a, m->member_org_id, &o);
			name = st == LIA_STORE_OK ? o.name : NULL;
		}
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
			return st;
		if (!name)
			continue;
		cJSON *o = cJSON_CreateObject();
		lia_json_add_str(o, "role", m->circle_role);
		lia_json_add_str(o, "name", name);
		cJSON_AddItemToArray(arr, o);
	}
	return LIA_STORE_OK;
}

/* The readable DLU fields of stored data (NULL: none yet). */
static cJSON *
fields_json(const char *data, const struct lia_reader *rd)
{
	cJSON *out = cJSON_CreateObject();
	cJSON *all = data ? cJSON_Parse(data) : NULL;
	for (cJSON *m = all ? all->child : NULL; m; m = m->next) {
		const struct lia_dlu_field *f = lia_dlu_field_find(m->string);
		if (f && rd->cat[f->category].allow)
			cJSON_AddItemToObject(out, m->string, cJSON_Duplicate(m, true));
	}
	cJSON_Delete(all);
	return out;
}

/* The drug label of prescription version id, from the list. */
static const struct lia_prescription *
find_prescription(const struct lia_prescription *p, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].id, id))
			return &p[i];
	return NULL;
}

static int
medication_json(struct lia_conn *c, struct lia_arena *a, const char *client_id, int64_t now,
		cJSON *view)
{
	struct lia_prescription *p = NULL;
	size_t np = 0;
	int st = c->ops->prescription_list(c, a, client_id, &p, &np);
	if (st == LIA_STORE_NOT_FOUND)
		np = 0;
	else if (st != LIA_STORE_OK)
		return st;
	cJSON *tr = cJSON_AddArrayToObject(view, "treatments");
	for (size_t i = 0; i < np; i++) {
		/* In force: the version not closed, started, and not past its end. */
		if (p[i].valid_until != 0 || p[i].valid_from > now)
			continue;
		cJSON *o = cJSON_CreateObject();
		lia_json_add_str(o, "drug", p[i].drug_label);
		lia_json_add_str(o, "dose", p[i].dose);
		lia_json_add_str(o, "route", p[i].route);
		cJSON *times = p[i].times ? cJSON_Parse(p[i].times) : NULL;
		cJSON_AddItemToObject(o, "times", times ? times : cJSON_CreateArray());
		cJSON_AddBoolToObject(o, "as_needed", p[i].as_needed);
		lia_json_add_str(o, "ends_on", p[i].ends_on);
		lia_json_add_str(o, "instructions", p[i].instructions);
		cJSON_AddItemToArray(tr, o);
	}
	struct lia_administration *ad = NULL;
	size_t na = 0;
	st = c->ops->administration_list(c, a, client_id, now - DAY_US, now + 1, &ad, &na);
	if (st == LIA_STORE_NOT_FOUND)
		na = 0;
	else if (st != LIA_STORE_OK)
		return st;
	cJSON *ld = cJSON_AddArrayToObject(view, "last_doses");
	for (size_t i = 0; i < na; i++) {
		const struct lia_prescription *pr = find_prescription(p, np, ad[i].prescription_id);
		cJSON *o = cJSON_CreateObject();
		lia_json_add_str(o, "drug", pr ? pr->drug_label : NULL);
		lia_json_add_str(o, "dose", pr ? pr->dose : NULL);
		lia_json_add_time(o, "at", ad[i].occurred_at);
		lia_json_add_str(o, "outcome", ad[i].outcome);
		cJSON_AddItemToArray(ld, o);
	}
	return LIA_STORE_OK;
}

int
lia_dlu_view(struct lia_conn *c, struct lia_arena *a, const struct lia_client *cl,
	     const struct lia_subject *s, const struct lia_reader *rd,
	     const struct lia_transfer *transfer, int64_t now, const char *tz, cJSON **out)
{
	*out = NULL;
	struct lia_dlu d = {0};
	int st = c->ops->dlu_get(c, a, cl->id, &d);
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
		return st;
	bool have = st == LIA_STORE_OK;

	cJSON *v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, "document", "dlu");
	lia_json_add_time(v, "generated_at", now);
	lia_json_add_str(v, "tz", tz);
	lia_json_add_str(v, "reader", rd->label);
	cJSON_AddItemToObject(v, "client", client_json(a, cl, rd->cat[LIA_CAT_ADMIN].allow));
	cJSON *withheld = cJSON_AddArrayToObject(v, "withheld");
	static const enum lia_category shown[] = {LIA_CAT_ADMIN, LIA_CAT_MEDICAL, LIA_CAT_CARE};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		if (!rd->cat[shown[i]].allow)
			cJSON_AddItemToArray(withheld,
					     cJSON_CreateString(lia_category_name(shown[i])));

	if (rd->cat[LIA_CAT_ADMIN].allow && s) {
		st = circle_json(c, a, s, v);
		if (st != LIA_STORE_OK) {
			cJSON_Delete(v);
			return st;
		}
	}

	cJSON *dj = cJSON_AddObjectToObject(v, "dlu");
	cJSON_AddNumberToObject(dj, "version", have ? (double)d.version : 0);
	if (have)
		lia_json_add_time(dj, "updated_at", d.updated_at);
	else
		cJSON_AddNullToObject(dj, "updated_at");
	cJSON_AddItemToObject(dj, "fields", fields_json(have ? d.data : NULL, rd));

	bool medical = rd->cat[LIA_CAT_MEDICAL].allow;
	if (medical) {
		st = medication_json(c, a, cl->id, now, v);
		if (st != LIA_STORE_OK) {
			cJSON_Delete(v);
			return st;
		}
	}
	if (transfer && medical) {
		cJSON *t = cJSON_AddObjectToObject(v, "transfer");
		lia_json_add_str(t, "id", transfer->id);
		lia_json_add_time(t, "created_at", transfer->created_at);
		cJSON *f = transfer->data ? cJSON_Parse(transfer->data) : NULL;
		cJSON_AddItemToObject(t, "fields", f ? f : cJSON_CreateObject());
	} else {
		cJSON_AddNullToObject(v, "transfer");
	}
	*out = v;
	return LIA_STORE_OK;
}
