/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared by the medication handlers (see medication.h). */
#include "http/handlers/medication.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/client_load.h"
#include "http/handlers/planning.h"

bool
lia_med_scope_load(struct lia_req *r, struct lia_subject *s, struct lia_med_scope *out)
{
	if (!lia_client_load(r, &out->cl, s) ||
	    !lia_planning_settings_for(r, out->cl.org_path, &out->ps))
		return false;
	out->tz = lia_org_tz(r, out->cl.org_id);
	out->now = lia_clock_now_us();
	if (!lia_local_days(out->tz, out->now, &out->today)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return false;
	}
	return true;
}

bool
lia_med_period_load(struct lia_req *r, const struct lia_med_scope *sc, int64_t from, int64_t to,
		    struct lia_med_period *out)
{
	struct lia_conn *c = lia_req_conn(r);
	int st = c->ops->prescription_list(c, r->arena, sc->cl.id, &out->ps, &out->n);
	if (st == LIA_STORE_OK)
		st = c->ops->administration_list(c, r->arena, sc->cl.id, from, to, &out->recs,
						 &out->nrec);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	if (!lia_med_doses(r->arena, out->ps, out->n, sc->tz, from, to, &out->due, &out->ndue)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return false;
	}
	return true;
}

const struct lia_administration *
lia_med_record_of(const struct lia_administration *recs, size_t n, const char *series_id,
		  int64_t due)
{
	for (size_t i = 0; i < n; i++)
		if (recs[i].due_at == due && !strcmp(recs[i].series_id, series_id))
			return &recs[i];
	return NULL;
}

const struct lia_organiser *
lia_med_organiser_current(const struct lia_organiser *os, size_t n, const char *week_start)
{
	const struct lia_organiser *cur = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(os[i].week_start, week_start) != 0)
			continue;
		bool superseded = false;
		for (size_t j = 0; j < n; j++)
			superseded |= os[j].supersedes && !strcmp(os[j].supersedes, os[i].id);
		if (!superseded)
			cur = &os[i];
	}
	return cur;
}

bool
lia_med_organiser_holds(const struct lia_organiser *o, const char *prescription_id)
{
	char quoted[LIA_UUID_STRLEN + 3]; /* the ids are UUIDs in a JSON array */
	snprintf(quoted, sizeof quoted, "\"%s\"", prescription_id);
	return strstr(o->prescriptions, quoted) != NULL;
}

void
lia_med_add_identity(cJSON *o, const struct lia_client *cl)
{
	cJSON_AddStringToObject(o, "client_id", cl->id);
	cJSON_AddStringToObject(o, "birth_name", cl->birth_name);
	lia_json_add_str(o, "used_name", cl->used_name);
	cJSON_AddStringToObject(o, "first_given_name", cl->first_given_name);
	cJSON_AddStringToObject(o, "birth_date", cl->birth_date);
}

const struct lia_prescription *
lia_med_version_at(const struct lia_prescription *ps, size_t n, const char *series_id,
		   int64_t at)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ps[i].series_id, series_id) && ps[i].valid_from <= at &&
		    (!ps[i].valid_until || at < ps[i].valid_until))
			return &ps[i];
	return NULL;
}

const struct lia_prescription *
lia_med_latest(const struct lia_prescription *ps, size_t n, const char *series_id)
{
	const struct lia_prescription *last = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ps[i].series_id, series_id) && (!last || ps[i].seq > last->seq))
			last = &ps[i];
	return last;
}

const char *
lia_med_status(const struct lia_prescription *p, int64_t now, int64_t today)
{
	int64_t starts, ends;
	if (p->valid_until && p->valid_until <= now)
		return p->end_reason && !strcmp(p->end_reason, "changed") ? "changed" : "stopped";
	if (p->ends_on && lia_date_to_days(p->ends_on, &ends) && ends < today)
		return "ended";
	if (p->valid_from > now || (lia_date_to_days(p->starts_on, &starts) && starts > today))
		return "future";
	return "active";
}

void
lia_med_hhmm(int minute_of_day, char out[6])
{
	unsigned m = (unsigned)minute_of_day % 1440u;
	snprintf(out, 6, "%02u:%02u", m / 60u, m % 60u);
}

cJSON *
lia_prescription_json(const struct lia_prescription *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", p->id);
	cJSON_AddStringToObject(o, "series_id", p->series_id);
	cJSON_AddNumberToObject(o, "seq", (double)p->seq);
	lia_json_add_time(o, "valid_from", p->valid_from);
	lia_json_add_time(o, "valid_until", p->valid_until);
	lia_json_add_str(o, "end_reason", p->end_reason);
	lia_json_add_str(o, "end_note", p->end_note);
	lia_json_add_str(o, "ended_by", p->ended_by);
	cJSON_AddStringToObject(o, "drug_label", p->drug_label);
	lia_json_add_str(o, "drug_code", p->drug_code);
	lia_json_add_str(o, "drug_code_system", p->drug_code_system);
	cJSON_AddStringToObject(o, "form", p->form);
	cJSON_AddStringToObject(o, "dose", p->dose);
	cJSON_AddStringToObject(o, "route", p->route);
	cJSON_AddItemToObject(o, "times", lia_json_from_text(p->times));
	cJSON_AddBoolToObject(o, "as_needed", p->as_needed);
	if (p->as_needed)
		cJSON_AddNumberToObject(o, "max_per_day", p->max_per_day);
	else
		cJSON_AddNullToObject(o, "max_per_day");
	cJSON_AddStringToObject(o, "starts_on", p->starts_on);
	lia_json_add_str(o, "ends_on", p->ends_on);
	cJSON_AddBoolToObject(o, "in_organiser", p->in_organiser);
	cJSON_AddStringToObject(o, "prescriber_name", p->prescriber_name);
	lia_json_add_str(o, "prescriber_rpps", p->prescriber_rpps);
	lia_json_add_str(o, "prescribed_on", p->prescribed_on);
	lia_json_add_str(o, "instructions", p->instructions);
	cJSON_AddStringToObject(o, "source", p->source);
	lia_json_add_str(o, "attachment_id", p->attachment_id);
	lia_json_add_time(o, "created_at", p->created_at);
	cJSON_AddStringToObject(o, "created_by", p->created_by);
	return o;
}

cJSON *
lia_administration_json(const struct lia_administration *ad)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", ad->id);
	cJSON_AddStringToObject(o, "series_id", ad->series_id);
	cJSON_AddStringToObject(o, "prescription_id", ad->prescription_id);
	lia_json_add_time(o, "due_at", ad->due_at);
	cJSON_AddBoolToObject(o, "as_needed", ad->due_at == 0);
	cJSON_AddStringToObject(o, "outcome", ad->outcome);
	cJSON_AddStringToObject(o, "mode", ad->mode);
	lia_json_add_time(o, "occurred_at", ad->occurred_at);
	lia_json_add_time(o, "recorded_at", ad->recorded_at);
	cJSON_AddBoolToObject(o, "late", ad->late);
	lia_json_add_str(o, "organiser_id", ad->organiser_id);
	lia_json_add_str(o, "reason", ad->reason);
	lia_json_add_str(o, "note", ad->note);
	cJSON_AddStringToObject(o, "recorded_by", ad->recorded_by);
	cJSON_AddStringToObject(o, "recorded_as", ad->recorded_as);
	return o;
}
