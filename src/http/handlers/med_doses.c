/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The doses of a client's day: GET /api/v1/clients/{id}/medication/doses?date=.
 *
 * Computed from the prescriptions in the organisation's local time (never from the
 * doses table, which only serves the missed-dose rule), each with what became of it:
 * its record, "due" (not yet, or within the grace delay) or "missing" (past the
 * grace delay with no record). Readable by whoever may see the doses due (aides who
 * assist included); drug names and instructions only for those who may read medical
 * data.
 */
#include <string.h>

#include "domain/localtime.h"
#include "domain/medication.h"
#include "http/handlers/handlers.h"
#include "http/handlers/medication.h"
#include "http/handlers/planning.h"

static void
add_line(cJSON *o, const struct lia_prescription *p, bool medical)
{
	cJSON_AddStringToObject(o, "series_id", p->series_id);
	cJSON_AddStringToObject(o, "prescription_id", p->id);
	if (medical) {
		cJSON_AddStringToObject(o, "drug_label", p->drug_label);
		lia_json_add_str(o, "instructions", p->instructions);
	}
	cJSON_AddStringToObject(o, "dose", p->dose);
	cJSON_AddStringToObject(o, "form", p->form);
	cJSON_AddStringToObject(o, "route", p->route);
	cJSON_AddBoolToObject(o, "in_organiser", p->in_organiser);
}

void
lia_h_med_doses(struct lia_req *r)
{
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return;
	const char *date = lia_uri_param(&r->uri, "date");
	int64_t day = sc.today, from, to;
	if (date && !lia_date_to_days(date, &day)) {
		struct lia_problem pb = {0};
		lia_problem_field(&pb, "date", LIA_FE_INVALID_DATE);
		pb.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &pb);
		return;
	}
	if (!lia_local_days_to_utc(sc.tz, day, 0, &from) ||
	    !lia_local_days_to_utc(sc.tz, day + 1, 0, &to)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	if (!lia_req_authorize_medication(r, &s, sc.cl.org_id, LIA_MED_VIEW_DOSES,
					  "client.medication.doses.read", NULL))
		return;
	/* Drug names are medical data: shown only to who may read it. */
	struct lia_decision med;
	lia_access_decide(&r->actor, &s, LIA_CAT_MEDICAL, LIA_ACT_READ, &med);
	struct lia_med_period m;
	if (!lia_med_period_load(r, &sc, from, to, &m))
		return;
	const struct lia_prescription *ps = m.ps;
	const struct lia_administration *recs = m.recs;
	const struct lia_due_dose *due = m.due;
	size_t n = m.n, nrec = m.nrec, ndue = m.ndue;
	char day_text[11];
	lia_days_to_date(day, day_text);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", sc.cl.id);
	cJSON_AddStringToObject(o, "date", day_text);
	cJSON_AddStringToObject(o, "tz", sc.tz);
	cJSON_AddBoolToObject(o, "drug_names", med.allow);
	cJSON *doses = cJSON_AddArrayToObject(o, "doses");
	int64_t grace = sc.ps.dose_grace_min * LIA_MINUTE_US;
	for (size_t i = 0; i < ndue; i++) {
		cJSON *d = cJSON_CreateObject();
		add_line(d, due[i].p, med.allow);
		lia_json_add_time(d, "due_at", due[i].due_at);
		char hhmm[6];
		lia_med_hhmm(due[i].minute, hhmm);
		cJSON_AddStringToObject(d, "time", hhmm);
		cJSON_AddStringToObject(d, "moment", lia_med_moment(due[i].minute));
		const struct lia_administration *rec =
			lia_med_record_of(recs, nrec, due[i].p->series_id, due[i].due_at);
		cJSON_AddStringToObject(d, "state", rec ? "recorded"
						    : sc.now > due[i].due_at + grace ? "missing"
										     : "due");
		if (rec)
			cJSON_AddItemToObject(d, "record", lia_administration_json(rec));
		else
			cJSON_AddNullToObject(d, "record");
		cJSON_AddItemToArray(doses, d);
	}
	/* "As needed" lines in force that day, with what was given. */
	cJSON *prn = cJSON_AddArrayToObject(o, "as_needed");
	for (size_t i = 0; i < n; i++) {
		const struct lia_prescription *p = &ps[i];
		int64_t starts, ends = INT64_MAX;
		if (!p->as_needed || (p->valid_until && p->valid_until <= from) || p->valid_from >= to ||
		    !lia_date_to_days(p->starts_on, &starts) || starts > day ||
		    (p->ends_on && lia_date_to_days(p->ends_on, &ends) && ends < day))
			continue;
		cJSON *l = cJSON_CreateObject();
		add_line(l, p, med.allow);
		cJSON_AddNumberToObject(l, "max_per_day", p->max_per_day);
		cJSON *given = cJSON_AddArrayToObject(l, "records");
		int count = 0;
		for (size_t k = 0; k < nrec; k++)
			if (!recs[k].due_at && !strcmp(recs[k].series_id, p->series_id)) {
				cJSON_AddItemToArray(given, lia_administration_json(&recs[k]));
				count += !strcmp(recs[k].outcome, "given");
			}
		cJSON_AddNumberToObject(l, "given", count);
		cJSON_AddItemToArray(prn, l);
	}
	lia_reply_json(r, 200, o);
}
