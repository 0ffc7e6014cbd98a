/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared by the planning handlers (see planning.h). */
#include "http/handlers/planning.h"

#include <string.h>

#include <stdlib.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/client_load.h"

#define DEFAULT_TZ "Europe/Paris"

const char *const lia_visit_types[] = {
	"aide_toilette", "aide_repas", "courses", "menage", "soins_infirmiers", LIA_DELIVERY_TYPE,
	"accompagnement", "garde", "aide_lever_coucher", "autre", NULL};
const char *const lia_funders[] = {"apa", "pch", "caisse_retraite", "private", "other", NULL};

const char *
lia_org_tz(struct lia_req *r, const char *org_id)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org o;
	if (c->ops->org_get(c, r->arena, org_id, &o) == LIA_STORE_OK && lia_tz_valid(o.tz))
		return o.tz;
	lia_log(LIA_LOG_WARN, "planning.tz_fallback", "org=%s", org_id);
	return DEFAULT_TZ;
}

bool
lia_planning_settings_for(struct lia_req *r, const char *org_path,
			  struct lia_planning_settings *out)
{
	int st = lia_planning_settings_load(lia_req_conn(r), r->arena, org_path, out);
	if (st != LIA_STORE_OK)
		lia_reply_store_error(r, st);
	return st == LIA_STORE_OK;
}

bool
lia_plan_scope_load(struct lia_req *r, struct lia_subject *s, struct lia_plan_scope *out)
{
	struct lia_planning_settings ps;
	if (!lia_client_load(r, &out->cl, s) || !lia_planning_settings_for(r, out->cl.org_path, &ps))
		return false;
	out->tz = lia_org_tz(r, out->cl.org_id);
	out->horizon_days = ps.horizon_days;
	if (!lia_local_days(out->tz, lia_clock_now_us(), &out->today)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return false;
	}
	return true;
}

bool
lia_visit_load(struct lia_req *r, struct lia_visit *v, struct lia_client *cl,
	       struct lia_subject *s)
{
	const char *id = r->params[0];
	if (!lia_uuid_valid(id)) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	struct lia_conn *c = lia_req_conn(r);
	int st = c->ops->visit_get(c, r->arena, id, v);
	if (st == LIA_STORE_OK)
		st = c->ops->client_get(c, r->arena, v->client_id, cl);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	if (!lia_req_subject(r, cl, true, s))
		return false;
	s->assigned_visit = v->worker_id && !strcmp(v->worker_id, r->account.id);
	return true;
}

cJSON *
lia_json_from_text(const char *text)
{
	cJSON *t = text ? cJSON_Parse(text) : NULL;
	return t ? t : cJSON_CreateNull();
}

static void
add_local(cJSON *o, const char *date_name, const char *time_name, const char *tz, int64_t us)
{
	char date[11], time[9];
	if (!us || !lia_local_format(tz, us, date, time))
		return;
	time[5] = '\0'; /* HH:MM */
	if (date_name)
		cJSON_AddStringToObject(o, date_name, date);
	cJSON_AddStringToObject(o, time_name, time);
}

cJSON *
lia_visit_json(const struct lia_visit *v, const char *tz)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", v->id);
	cJSON_AddStringToObject(o, "client_id", v->client_id);
	cJSON_AddStringToObject(o, "org_id", v->org_id);
	lia_json_add_str(o, "series_id", v->series_id);
	lia_json_add_str(o, "intervention_id", v->intervention_id);
	lia_json_add_str(o, "occurrence_date", v->occurrence_date);
	cJSON_AddStringToObject(o, "kind", v->series_id ? "plan" : "one_off");
	cJSON_AddStringToObject(o, "type", v->type);
	lia_json_add_str(o, "label", v->label);
	lia_json_add_time(o, "planned_start", v->planned_start);
	lia_json_add_time(o, "planned_end", v->planned_end);
	add_local(o, "local_date", "local_start", tz, v->planned_start);
	add_local(o, NULL, "local_end", tz, v->planned_end);
	cJSON_AddNumberToObject(o, "duration_min",
				(double)((v->planned_end - v->planned_start) / 60000000));
	cJSON_AddStringToObject(o, "time_zone", tz);
	lia_json_add_str(o, "qualification", v->qualification);
	cJSON_AddItemToObject(o, "tasks", lia_json_from_text(v->tasks));
	lia_json_add_str(o, "funder", v->funder);
	cJSON_AddStringToObject(o, "status", v->status);
	lia_json_add_str(o, "suspended_by", v->suspended_by);
	cJSON_AddBoolToObject(o, "manual", v->manual);
	lia_json_add_str(o, "worker_id", v->worker_id);
	lia_json_add_str(o, "cancel_reason", v->cancel_reason);
	lia_json_add_str(o, "cancel_note", v->cancel_note);
	lia_json_add_str(o, "round_id", v->round_id);
	if (v->round_id)
		cJSON_AddNumberToObject(o, "round_position", (double)v->round_position);
	cJSON *clk = cJSON_AddObjectToObject(o, "clocking");
	lia_json_add_time(clk, "check_in_at", v->check_in_at);
	lia_json_add_time(clk, "check_in_device_at", v->check_in_device_at);
	lia_json_add_str(clk, "check_in_method", v->check_in_method);
	lia_json_add_time(clk, "check_out_at", v->check_out_at);
	lia_json_add_time(clk, "check_out_device_at", v->check_out_device_at);
	lia_json_add_str(clk, "check_out_method", v->check_out_method);
	lia_json_add_time(clk, "retained_start", v->retained_start);
	lia_json_add_time(clk, "retained_end", v->retained_end);
	if (v->retained_end > v->retained_start)
		cJSON_AddNumberToObject(clk, "retained_min",
					(double)((v->retained_end - v->retained_start) / 60000000));
	else
		cJSON_AddNullToObject(clk, "retained_min");
	lia_json_add_str(clk, "correction_code", v->correction_code);
	cJSON_AddItemToObject(o, "tasks_done", lia_json_from_text(v->tasks_done));
	lia_json_add_str(o, "delivery_outcome", v->delivery_outcome);
	lia_json_add_str(o, "delivery_reason", v->delivery_reason);
	cJSON *an = lia_json_from_text(v->anomalies);
	if (cJSON_IsNull(an)) {
		cJSON_Delete(an);
		an = cJSON_CreateArray();
	}
	cJSON_AddItemToObject(o, "anomalies", an);
	cJSON_AddNumberToObject(o, "version", (double)v->version);
	return o;
}

cJSON *
lia_alert_json(const struct lia_alert *al)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", al->id);
	cJSON_AddStringToObject(o, "org_id", al->org_id);
	lia_json_add_str(o, "client_id", al->client_id);
	cJSON_AddStringToObject(o, "type", al->type);
	cJSON_AddStringToObject(o, "severity", al->severity);
	cJSON_AddStringToObject(o, "state", al->state);
	cJSON_AddStringToObject(o, "source", al->source);
	lia_json_add_str(o, "source_ref", al->source_ref);
	cJSON_AddItemToObject(o, "details", lia_json_from_text(al->details));
	lia_json_add_time(o, "raised_at", al->raised_at);
	lia_json_add_time(o, "acknowledged_at", al->acknowledged_at);
	lia_json_add_str(o, "acknowledged_by", al->acknowledged_by);
	lia_json_add_time(o, "in_progress_at", al->in_progress_at);
	lia_json_add_time(o, "resolved_at", al->resolved_at);
	lia_json_add_str(o, "resolved_by", al->resolved_by);
	lia_json_add_str(o, "outcome", al->outcome);
	lia_json_add_str(o, "note", al->note);
	if (al->escalation)
		cJSON_AddItemToObject(o, "escalation", lia_json_from_text(al->escalation));
	else
		cJSON_AddNullToObject(o, "escalation");
	cJSON_AddNumberToObject(o, "version", (double)al->version);
	return o;
}

const char *
lia_string_list_text(struct lia_req *r, const cJSON *arr, size_t max_items, size_t max_len,
		     const char *field, struct lia_problem *p)
{
	if (!arr)
		return "[]";
	size_t n = 0;
	for (const cJSON *t = arr->child; t; t = t->next, n++)
		if (n >= max_items || !cJSON_IsString(t) || !t->valuestring[0] ||
		    lia_utf8_length(t->valuestring) > max_len) {
			lia_problem_field(p, field, n >= max_items ? LIA_FE_TOO_LONG : LIA_FE_INVALID_VALUE);
			return NULL;
		}
	char *text = cJSON_PrintUnformatted(arr);
	const char *copy = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	return copy;
}

const char *
lia_visit_cursor(struct lia_arena *a, const struct lia_visit *last)
{
	return lia_arena_printf(a, "%lld_%s", (long long)last->planned_start, last->id);
}

bool
lia_visit_cursor_parse(const char *s, int64_t *after_start, const char **after_id)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return false;
	long long us = strtoll(s, &end, 10);
	if (*end != '_' || !lia_uuid_valid(end + 1))
		return false;
	*after_start = us;
	*after_id = end + 1;
	return true;
}

/* One bound: a local date (midnight in tz) or an RFC 3339 instant. */
static bool
bound(const char *s, const char *tz, int64_t *us)
{
	return (strlen(s) == 10 && lia_local_midnight(tz, s, us)) || lia_time_parse(s, us);
}

void
lia_query_period(struct lia_req *r, const char *tz, int64_t default_from, int64_t default_to,
		 int max_days, int64_t *from, int64_t *to, struct lia_problem *p)
{
	const char *f = lia_uri_param(&r->uri, "from"), *t = lia_uri_param(&r->uri, "to");
	*from = default_from;
	*to = default_to;
	if (f && !bound(f, tz, from))
		lia_problem_field(p, "from", LIA_FE_INVALID_FORMAT);
	if (t && !bound(t, tz, to))
		lia_problem_field(p, "to", LIA_FE_INVALID_FORMAT);
	else if (*to <= *from)
		lia_problem_field(p, "to", LIA_FE_END_BEFORE_START);
	else if (*to - *from > (int64_t)max_days * LIA_DAY_US + 3600 * 1000000LL) /* a DST hour */
		lia_problem_field(p, "to", LIA_FE_OUT_OF_RANGE);
	if (p->kind != LIA_P_NONE)
		p->kind = LIA_P_INVALID_QUERY;
}
