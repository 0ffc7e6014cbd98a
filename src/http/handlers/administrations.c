/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The administration record: POST/GET /api/v1/clients/{id}/medication/administrations.
 *
 * A scheduled dose is named by its line and due time (series_id, due_at) and is
 * recorded once: given, refused, not available, held on instruction, or missed. An
 * "as needed" dose has no due time and is recorded each time it is given, with the
 * reason, up to the line's maximum per local day. The dose must be one the line's
 * version in force at that time schedules; a dose of a stopped line is refused.
 *
 * Who may record what is the policy's (policy.h medication acts): a nurse or doctor
 * administers any dose with any outcome; an aide assists ("aide à la prise"): only a
 * scheduled dose of a pill organiser prepared for that week from that version, given
 * or refused. A record written long after the fact is flagged late, with the time of
 * writing kept beside the time it happened. Repeated refusals of one line raise an
 * alert in the same transaction (once per run of refusals).
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

static const char *const outcomes[] = {"given", "refused", "not_available", "held", "missed",
				       NULL};
static const char *const modes[] = {"administered", "assisted", NULL};

#define EARLY_US (2 * 60 * LIA_MINUTE_US) /* a dose may be recorded up to 2 h before it is due */
#define SKEW_US (2 * LIA_MINUTE_US)       /* device clocks a little ahead of ours */

struct adm_ctx {
	struct lia_med_scope sc;
	struct lia_administration ad;
	const char *alert_id;  /* raised for repeated refusals, or NULL */
};

static int
fail(struct lia_req *r, enum lia_problem_kind k, int status)
{
	lia_reply_error(r, k);
	return status;
}

static int
fail_field(struct lia_req *r, const char *field, enum lia_field_error code)
{
	struct lia_problem pb = {0};
	lia_problem_field(&pb, field, code);
	lia_reply_problem(r, &pb);
	return LIA_STORE_CONFLICT;
}

/* The pill organiser in force for the dose's week if it was prepared from version
 * p, else NULL: a preparation superseded by a later one does not count. */
static int
organiser_for(struct lia_conn *c, struct lia_arena *a, const struct adm_ctx *x,
	      const struct lia_prescription *p, const char **organiser_id)
{
	*organiser_id = NULL;
	int64_t day;
	if (!lia_local_days(x->sc.tz, x->ad.due_at, &day))
		return LIA_STORE_ERROR;
	char monday[11];
	lia_days_to_date(lia_monday_of(day), monday);
	struct lia_organiser *os;
	size_t n;
	int st = c->ops->organiser_list(c, a, x->sc.cl.id, monday, monday, &os, &n);
	const struct lia_organiser *cur =
		st == LIA_STORE_OK ? lia_med_organiser_current(os, n, monday) : NULL;
	if (cur && lia_med_organiser_holds(cur, p->id))
		*organiser_id = cur->id;
	return st;
}

/* As needed: the version in force when given, and the day's count under the maximum. */
static int
check_as_needed(struct lia_conn *c, struct lia_req *r, struct adm_ctx *x,
		const struct lia_prescription *ps, size_t n)
{
	const struct lia_prescription *p = lia_med_version_at(ps, n, x->ad.series_id,
							      x->ad.occurred_at);
	if (!p)
		return fail(r, LIA_P_PRESCRIPTION_STOPPED, LIA_STORE_CONFLICT);
	if (!p->as_needed)
		return fail_field(r, "due_at", LIA_FE_REQUIRED);
	if (strcmp(x->ad.outcome, "given") != 0)
		return fail_field(r, "outcome", LIA_FE_INVALID_VALUE);
	int64_t day, from, to;
	if (!lia_local_days(x->sc.tz, x->ad.occurred_at, &day) ||
	    !lia_local_days_to_utc(x->sc.tz, day, 0, &from) ||
	    !lia_local_days_to_utc(x->sc.tz, day + 1, 0, &to))
		return fail(r, LIA_P_INTERNAL_ERROR, LIA_STORE_ERROR);
	struct lia_administration *recs;
	size_t nrec;
	int st = c->ops->administration_list(c, r->arena, x->sc.cl.id, from, to, &recs, &nrec);
	if (st != LIA_STORE_OK)
		return st;
	int given = 0;
	for (size_t i = 0; i < nrec; i++)
		given += !recs[i].due_at && !strcmp(recs[i].series_id, x->ad.series_id) &&
			 !strcmp(recs[i].outcome, "given");
	if (given >= p->max_per_day)
		return fail(r, LIA_P_MAX_DOSES_REACHED, LIA_STORE_CONFLICT);
	x->ad.prescription_id = p->id;
	return LIA_STORE_OK;
}

/* Scheduled: the dose must be one the version in force at due_at schedules. */
static int
check_scheduled(struct lia_conn *c, struct lia_req *r, struct adm_ctx *x,
		const struct lia_prescription *ps, size_t n)
{
	struct lia_due_dose *due;
	size_t ndue;
	if (!lia_med_doses(r->arena, ps, n, x->sc.tz, x->ad.due_at, x->ad.due_at + 1, &due, &ndue))
		return fail(r, LIA_P_INTERNAL_ERROR, LIA_STORE_ERROR);
	const struct lia_prescription *p = NULL;
	for (size_t i = 0; i < ndue; i++)
		if (!strcmp(due[i].p->series_id, x->ad.series_id))
			p = due[i].p;
	if (!p) {
		const struct lia_prescription *last = lia_med_latest(ps, n, x->ad.series_id);
		bool stopped = last->valid_until && last->valid_until <= x->ad.due_at &&
			       !strcmp(last->end_reason, "stopped");
		return fail(r, stopped ? LIA_P_PRESCRIPTION_STOPPED : LIA_P_DOSE_NOT_DUE,
			    LIA_STORE_CONFLICT);
	}
	x->ad.prescription_id = p->id;
	if (strcmp(x->ad.mode, "assisted") != 0)
		return LIA_STORE_OK;
	const char *organiser_id = NULL;
	int st = p->in_organiser ? organiser_for(c, r->arena, x, p, &organiser_id) : LIA_STORE_OK;
	if (st != LIA_STORE_OK)
		return st;
	if (!organiser_id)
		return fail(r, LIA_P_ORGANISER_NOT_PREPARED, LIA_STORE_CONFLICT);
	x->ad.organiser_id = organiser_id;
	return LIA_STORE_OK;
}

/* Repeated refusals of the line: one alert per run (its key names the first). */
static int
refusal_rule(struct lia_conn *c, struct lia_req *r, struct adm_ctx *x)
{
	const struct lia_planning_settings *ps = &x->sc.ps;
	int64_t at = x->ad.slot_at;
	struct lia_administration *recs;
	size_t n;
	int st = c->ops->administration_list(c, r->arena, x->sc.cl.id,
					     at - ps->refusal_alert_hours * 60 * LIA_MINUTE_US,
					     at + 1, &recs, &n);
	const struct lia_administration *first;
	if (st != LIA_STORE_OK ||
	    !lia_med_refusals_repeated(recs, n, x->ad.series_id, at, ps->refusal_alert_hours,
				       ps->refusal_alert_count, &first))
		return st;
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	int count = 0;
	for (size_t i = 0; i < n; i++)
		count += !strcmp(recs[i].series_id, x->ad.series_id) &&
			 !strcmp(recs[i].outcome, "refused") && recs[i].slot_at >= first->slot_at;
	char since[LIA_RFC3339_LEN];
	lia_time_format(first->slot_at, since);
	struct lia_alert al = {
		.id = id, .org_id = x->sc.cl.org_id, .client_id = x->sc.cl.id,
		.type = "dose_refused_repeatedly", .severity = "medium", .state = "raised",
		.source = "rule", .source_ref = x->ad.series_id,
		.dedup_key = lia_arena_printf(r->arena, "dose_refusals:%s", first->id),
		.details = lia_arena_printf(r->arena,
					    "{\"series_id\":\"%s\",\"refusals\":%d,\"since\":\"%s\","
					    "\"hours\":%d}",
					    x->ad.series_id, count, since, ps->refusal_alert_hours),
		.raised_at = x->sc.now, .version = 1,
	};
	st = c->ops->alert_insert(c, &al);
	if (st == LIA_STORE_CONFLICT) /* raised by an earlier refusal of this run */
		return LIA_STORE_OK;
	if (st == LIA_STORE_OK)
		x->alert_id = id;
	return st;
}

static int
record_dose(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct adm_ctx *x = r->ctx;
	x->alert_id = NULL;
	struct lia_prescription *ps;
	size_t n;
	int st = c->ops->prescription_list(c, r->arena, x->sc.cl.id, &ps, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	if (!lia_med_latest(ps, n, x->ad.series_id))
		return fail_field(r, "series_id", LIA_FE_UNKNOWN_REFERENCE);
	st = x->ad.due_at ? check_scheduled(c, r, x, ps, n) : check_as_needed(c, r, x, ps, n);
	if (st == LIA_STORE_OK)
		st = c->ops->administration_insert(c, &x->ad);
	if (st == LIA_STORE_CONFLICT && x->ad.prescription_id && r->status == 0)
		return fail(r, LIA_P_DOSE_ALREADY_RECORDED, LIA_STORE_CONFLICT);
	if (st == LIA_STORE_OK && !strcmp(x->ad.outcome, "refused"))
		st = refusal_rule(c, r, x);
	if (st != LIA_STORE_OK) {
		if (r->status == 0)
			lia_reply_store_error(r, st);
		return st;
	}
	cJSON *o = lia_administration_json(&x->ad);
	lia_json_add_str(o, "alert_id", x->alert_id);
	lia_reply_json(r, 201, o);
	return LIA_STORE_OK;
}

/* Decodes the body; false with the reply set. */
static bool
decode_record(struct lia_req *r, struct adm_ctx *x)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return false;
	struct lia_administration *ad = &x->ad;
	struct lia_problem pb = {0};
	const char *due = NULL, *occurred = NULL;
	int due_set = 0, occurred_set = 0;
	struct lia_json_field spec[] = {
		{"series_id", LIA_JSON_STRING, LIA_JSON_REQUIRED, 36, 0, 0, NULL, &ad->series_id, NULL},
		{"due_at", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &due, &due_set},
		{"outcome", LIA_JSON_STRING, LIA_JSON_REQUIRED, 16, 0, 0, outcomes, &ad->outcome, NULL},
		{"mode", LIA_JSON_STRING, LIA_JSON_NULLABLE, 16, 0, 0, modes, &ad->mode, NULL},
		{"occurred_at", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &occurred,
		 &occurred_set},
		{"reason", LIA_JSON_STRING, LIA_JSON_NULLABLE, 300, 0, 0, NULL, &ad->reason, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 1000, 0, 0, NULL, &ad->note, NULL},
	};
	if (lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &pb)) {
		int64_t now = x->sc.now;
		if (!lia_uuid_valid(ad->series_id))
			lia_problem_field(&pb, "series_id", LIA_FE_INVALID_ID);
		if (due_set == 1 && !lia_time_parse(due, &ad->due_at))
			lia_problem_field(&pb, "due_at", LIA_FE_INVALID_TIME);
		else if (due_set == 1 && (ad->due_at > now + EARLY_US ||
					  (!strcmp(ad->outcome, "missed") && ad->due_at > now)))
			lia_problem_field(&pb, "due_at", LIA_FE_IN_THE_FUTURE);
		ad->occurred_at = ad->due_at && !strcmp(ad->outcome, "missed") ? ad->due_at : now;
		if (occurred_set == 1 && !lia_time_parse(occurred, &ad->occurred_at))
			lia_problem_field(&pb, "occurred_at", LIA_FE_INVALID_TIME);
		else if (ad->occurred_at > now + SKEW_US)
			lia_problem_field(&pb, "occurred_at", LIA_FE_IN_THE_FUTURE);
		bool needs_reason = !ad->due_at || !strcmp(ad->outcome, "held") ||
				    !strcmp(ad->outcome, "not_available");
		if (needs_reason && !ad->reason)
			lia_problem_field(&pb, "reason", LIA_FE_REQUIRED);
	}
	if (pb.kind != LIA_P_NONE) {
		lia_reply_problem(r, &pb);
		return false;
	}
	return true;
}

void
lia_h_administration_create(struct lia_req *r)
{
	struct lia_subject s;
	struct adm_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	if (!lia_med_scope_load(r, &s, &x->sc) || !decode_record(r, x))
		return;
	struct lia_administration *ad = &x->ad;
	/* Without a mode, whoever may administer does; anyone else assists. */
	if (!ad->mode) {
		struct lia_decision d;
		lia_access_decide_medication(&r->actor, &s, LIA_MED_ADMINISTER, &d);
		ad->mode = d.allow ? "administered" : "assisted";
	}
	bool assisted = !strcmp(ad->mode, "assisted");
	struct lia_decision d;
	if (!lia_req_authorize_medication(r, &s, x->sc.cl.org_id,
					  assisted ? LIA_MED_ASSIST : LIA_MED_ADMINISTER,
					  "client.medication.administration.create", &d))
		return;
	if (assisted && (!ad->due_at || (strcmp(ad->outcome, "given") != 0 &&
					 strcmp(ad->outcome, "refused") != 0))) {
		lia_req_audit_failed(r, "outcome_not_allowed");
		lia_reply_error(r, LIA_P_OUTCOME_NOT_ALLOWED);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	ad->id = id;
	ad->org_id = x->sc.cl.org_id;
	ad->client_id = x->sc.cl.id;
	ad->slot_at = ad->due_at ? ad->due_at : ad->occurred_at;
	ad->recorded_at = x->sc.now;
	ad->late = x->sc.now - ad->occurred_at > x->sc.ps.late_entry_min * LIA_MINUTE_US;
	ad->recorded_by = r->account.id;
	ad->recorded_as = d.as_role;
	ad->version = 1;
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = x;
	lia_req_write(r, record_dose);
}

void
lia_h_administration_list(struct lia_req *r)
{
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return;
	struct lia_problem pb = {0};
	int64_t from, to, start;
	if (!lia_local_days_to_utc(sc.tz, sc.today - 7, 0, &start)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	lia_query_period(r, sc.tz, start, sc.now + LIA_DAY_US, 62, &from, &to, &pb);
	if (pb.kind != LIA_P_NONE) {
		lia_reply_problem(r, &pb);
		return;
	}
	if (!lia_req_authorize_client(r, &s, sc.cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "client.medication.administration.list", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_administration *recs;
	size_t n;
	int st = c->ops->administration_list(c, r->arena, sc.cl.id, from, to, &recs, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(items, lia_administration_json(&recs[i]));
	lia_reply_json(r, 200, o);
}
