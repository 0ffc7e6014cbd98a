/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The medication administration record (MAR, feuille d'administration) of a client
 * for a month: GET /api/v1/clients/{id}/medication/mar?month=YYYY-MM.
 *
 * One entry per prescription line with, day by day, every dose due and what became
 * of it (who recorded it, as what, when it happened and when it was written, late
 * entries flagged), the "as needed" doses given, and the month's totals. Doses due
 * past the grace delay with no record are "no_record": the gaps are the point of the
 * sheet. The printable sheet (sheets_print.c) is rendered from the same view
 * (lia_mar_build, sheets.h).
 */
#include <string.h>

#include "core/clock.h"
#include "domain/localtime.h"
#include "domain/medication.h"
#include "http/handlers/handlers.h"
#include "http/handlers/medication.h"
#include "http/handlers/planning.h"
#include "http/handlers/sheets.h"

enum { T_DUE, T_GIVEN, T_REFUSED, T_NOT_AVAILABLE, T_HELD, T_MISSED, T_NO_RECORD, T_PENDING,
       T_LATE, T_AS_NEEDED, T_COUNT };
static const char *const total_names[T_COUNT] = {
	"due", "given", "refused", "not_available", "held", "missed", "no_record", "pending",
	"late", "as_needed_given"};

/* Local month bounds of "YYYY-MM": first day and first day of the next month. */
static bool
month_bounds(const char *month, int64_t *first, int64_t *next)
{
	char date[24];
	if (!month || strlen(month) != 7)
		return false;
	snprintf(date, sizeof date, "%s-01", month);
	if (!lia_date_to_days(date, first))
		return false;
	int y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 +
		(month[3] - '0');
	int m = (month[5] - '0') * 10 + (month[6] - '0');
	if (m < 1 || m > 12)
		return false;
	snprintf(date, sizeof date, "%04d-%02d-01", (m == 12 ? y + 1 : y) % 10000, m % 12 + 1);
	return lia_date_to_days(date, next);
}

static void
count_record(int *totals, const struct lia_administration *rec)
{
	static const char *const outcomes[] = {"given", "refused", "not_available", "held",
					       "missed"};
	for (int i = 0; i < 5; i++)
		if (!strcmp(rec->outcome, outcomes[i]))
			totals[T_GIVEN + i]++;
	totals[T_LATE] += rec->late;
}

static cJSON *
dose_json(const struct lia_due_dose *d, const struct lia_administration *rec, const char *state)
{
	cJSON *o = cJSON_CreateObject();
	char hhmm[6];
	lia_med_hhmm(d->minute, hhmm);
	cJSON_AddStringToObject(o, "time", hhmm);
	lia_json_add_time(o, "due_at", d->due_at);
	cJSON_AddStringToObject(o, "prescription_id", d->p->id);
	cJSON_AddStringToObject(o, "state", state);
	if (rec)
		cJSON_AddItemToObject(o, "record", lia_administration_json(rec));
	else
		cJSON_AddNullToObject(o, "record");
	return o;
}

/* The line of series p (its latest version describes it) with its month. */
static cJSON *
line_json(const struct lia_med_scope *sc, const struct lia_med_period *m,
	  const struct lia_prescription *last, int *totals)
{
	const struct lia_prescription *ps = m->ps;
	const struct lia_due_dose *due = m->due;
	const struct lia_administration *recs = m->recs;
	size_t n = m->n, ndue = m->ndue, nrec = m->nrec;
	cJSON *o = lia_prescription_json(last);
	cJSON_AddStringToObject(o, "status", lia_med_status(last, sc->now, sc->today));
	cJSON *versions = cJSON_AddArrayToObject(o, "versions");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ps[i].series_id, last->series_id)) {
			cJSON *v = cJSON_CreateObject();
			cJSON_AddStringToObject(v, "id", ps[i].id);
			cJSON_AddNumberToObject(v, "seq", (double)ps[i].seq);
			lia_json_add_time(v, "valid_from", ps[i].valid_from);
			lia_json_add_time(v, "valid_until", ps[i].valid_until);
			cJSON_AddStringToObject(v, "dose", ps[i].dose);
			cJSON_AddItemToObject(v, "times", lia_json_from_text(ps[i].times));
			cJSON_AddItemToArray(versions, v);
		}
	cJSON *days = cJSON_AddObjectToObject(o, "days");
	int64_t grace = sc->ps.dose_grace_min * LIA_MINUTE_US;
	for (size_t i = 0; i < ndue; i++) {
		if (strcmp(due[i].p->series_id, last->series_id) != 0)
			continue;
		char date[11];
		lia_days_to_date(due[i].day, date);
		cJSON *day = cJSON_GetObjectItemCaseSensitive(days, date);
		if (!day)
			day = cJSON_AddArrayToObject(days, date);
		const struct lia_administration *rec =
			lia_med_record_of(recs, nrec, last->series_id, due[i].due_at);
		const char *state = rec ? rec->outcome
					: sc->now > due[i].due_at + grace ? "no_record" : "pending";
		totals[T_DUE]++;
		if (rec)
			count_record(totals, rec);
		else
			totals[sc->now > due[i].due_at + grace ? T_NO_RECORD : T_PENDING]++;
		cJSON_AddItemToArray(day, dose_json(&due[i], rec, state));
	}
	cJSON *prn = cJSON_AddArrayToObject(o, "as_needed_records");
	for (size_t i = 0; i < nrec; i++)
		if (!recs[i].due_at && !strcmp(recs[i].series_id, last->series_id)) {
			cJSON_AddItemToArray(prn, lia_administration_json(&recs[i]));
			totals[T_AS_NEEDED] += !strcmp(recs[i].outcome, "given");
			totals[T_LATE] += recs[i].late;
		}
	return o;
}

cJSON *
lia_mar_build(struct lia_req *r)
{
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return NULL;
	const char *month = lia_uri_param(&r->uri, "month");
	char this_month[11];
	lia_days_to_date(sc.today, this_month);
	this_month[7] = '\0';
	int64_t first, next, from, to;
	if (!month_bounds(month ? month : this_month, &first, &next)) {
		struct lia_problem pb = {0};
		lia_problem_field(&pb, "month", LIA_FE_INVALID_FORMAT);
		pb.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &pb);
		return NULL;
	}
	if (!lia_local_days_to_utc(sc.tz, first, 0, &from) ||
	    !lia_local_days_to_utc(sc.tz, next, 0, &to)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return NULL;
	}
	if (!lia_req_authorize_client(r, &s, sc.cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "client.medication.mar.read", NULL))
		return NULL;
	struct lia_med_period m;
	if (!lia_med_period_load(r, &sc, from, to, &m))
		return NULL;
	const struct lia_prescription *ps = m.ps;
	size_t n = m.n;
	cJSON *o = cJSON_CreateObject();
	lia_med_add_identity(o, &sc.cl);
	cJSON_AddStringToObject(o, "month", month ? month : this_month);
	cJSON_AddStringToObject(o, "tz", sc.tz);
	lia_json_add_time(o, "generated_at", sc.now);
	int totals[T_COUNT] = {0};
	cJSON *lines = cJSON_AddArrayToObject(o, "lines");
	for (size_t i = 0; i < n; i++) {
		/* Each series once, described by its latest version, when it was in force
		 * some time in the month. */
		if (i + 1 < n && !strcmp(ps[i + 1].series_id, ps[i].series_id))
			continue;
		bool in_month = false;
		for (size_t k = 0; k < n && !in_month; k++)
			in_month = !strcmp(ps[k].series_id, ps[i].series_id) &&
				   ps[k].valid_from < to &&
				   (!ps[k].valid_until || ps[k].valid_until > from);
		if (in_month)
			cJSON_AddItemToArray(lines, line_json(&sc, &m, &ps[i], totals));
	}
	cJSON *t = cJSON_AddObjectToObject(o, "totals");
	for (int k = 0; k < T_COUNT; k++)
		cJSON_AddNumberToObject(t, total_names[k], totals[k]);
	return o;
}

void
lia_h_med_mar(struct lia_req *r)
{
	cJSON *o = lia_mar_build(r);
	if (o)
		lia_reply_json(r, 200, o);
}
