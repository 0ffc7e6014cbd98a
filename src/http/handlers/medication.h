/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the medication handlers (prescriptions, doses and their record, pill
 * organisers, the monthly administration record) share: the client's context, the
 * version of a line in force at an instant, and the JSON shapes.
 */
#ifndef LIA_HTTP_HANDLERS_MEDICATION_H
#define LIA_HTTP_HANDLERS_MEDICATION_H

#include "domain/medication.h"
#include "domain/planning_settings.h"
#include "http/request.h"

/* A client's medication context. */
struct lia_med_scope {
	struct lia_client cl;
	const char *tz;                  /* the organisation's zone */
	struct lia_planning_settings ps; /* grace, late entries, refusal rule */
	int64_t now;
	int64_t today;                   /* local date, days since 1970-01-01 */
};

/* Loads client r->params[0], its access subject and context. False with the reply set
 * (404, 503). */
bool lia_med_scope_load(struct lia_req *r, struct lia_subject *s, struct lia_med_scope *out);

/* A client's prescriptions, the records of [from, to) and the doses due then. */
struct lia_med_period {
	struct lia_prescription *ps;
	size_t n;
	struct lia_administration *recs;
	size_t nrec;
	struct lia_due_dose *due;
	size_t ndue;
};

/* Loads out for sc's client over [from, to). False with the reply set (503, 500). */
bool lia_med_period_load(struct lia_req *r, const struct lia_med_scope *sc, int64_t from,
			 int64_t to, struct lia_med_period *out);

/* The record of the scheduled dose (series_id, due) among recs[0..n), or NULL. */
const struct lia_administration *lia_med_record_of(const struct lia_administration *recs,
						   size_t n, const char *series_id, int64_t due);

/* The preparation of week_start among os[0..n) that no later one replaces, or NULL. */
const struct lia_organiser *lia_med_organiser_current(const struct lia_organiser *os, size_t n,
						      const char *week_start);
/* True when the pill organiser was prepared from prescription version id. */
bool lia_med_organiser_holds(const struct lia_organiser *o, const char *prescription_id);

/* Adds the client's name and birth date (the header of a sheet). */
void lia_med_add_identity(cJSON *o, const struct lia_client *cl);

/* The version of series_id in force at instant `at` among ps[0..n), or NULL. */
const struct lia_prescription *lia_med_version_at(const struct lia_prescription *ps, size_t n,
						  const char *series_id, int64_t at);
/* The latest version of series_id, or NULL. */
const struct lia_prescription *lia_med_latest(const struct lia_prescription *ps, size_t n,
					      const char *series_id);
/* "active" (in force now and within its dates), "future", "ended" (past ends_on),
 * "stopped", or "changed" (a later version took over). */
const char *lia_med_status(const struct lia_prescription *p, int64_t now, int64_t today);

/* "HH:MM" of a minute of the day. */
void lia_med_hhmm(int minute_of_day, char out[6]);

cJSON *lia_prescription_json(const struct lia_prescription *p);
cJSON *lia_administration_json(const struct lia_administration *ad);

#endif
