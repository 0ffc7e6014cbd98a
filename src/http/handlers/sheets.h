/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The views behind the printable sheets, shared by the JSON handler that serves each
 * and by its PDF twin (sheets_print.c), so that paper and screen never disagree: the
 * month's medication administration record (mar.c), the week's pill-organiser sheet
 * (organisers.c) and a field worker's day (me_visits.c).
 *
 * Each builder loads, validates the query, asks the access decision (audited) and
 * builds the view. It returns a new tree (the caller owns it: lia_reply_json takes
 * it, or cJSON_Delete), or NULL with the reply set (400, 403/404, 503...).
 */
#ifndef LIA_HTTP_HANDLERS_SHEETS_H
#define LIA_HTTP_HANDLERS_SHEETS_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "http/request.h"

/* GET /api/v1/clients/{id}/medication/mar?month=: client r->params[0], medical read. */
cJSON *lia_mar_build(struct lia_req *r);

/* GET /api/v1/clients/{id}/pill-organisers/sheet?week=: client r->params[0], medical
 * read. */
cJSON *lia_organiser_sheet_build(struct lia_req *r);

/* Whose day, and how much of it. */
struct lia_day_for {
	const char *worker_id; /* the worker whose visits are listed */
	const char *tz;        /* the zone of the worker's organisation */
	/* The worker is the caller: each client is read through the assigned visit and the
	 * notebook counts are the caller's own. Otherwise (a coordinator printing someone
	 * else's day) the caller's own rights decide and there are no notebook counts. */
	bool own;
	/* Adds each client's key risks when the caller may read the care category:
	 * "key_risks" is an array, or null when not readable, of {"kind": "alert", "type",
	 * "severity", "raised_at"}, {"kind": "observation", "field" (a DLU field: falls,
	 * wandering, swallowing...), "text"} and, for a reader of medical data,
	 * {"kind": "allergy", "text"}. */
	bool risks;
};

/* GET /api/v1/me/visits?date= (and the day sheets): the visits of the local day
 * ?date= (default: today in f->tz; 400 invalid_query when malformed) in route order,
 * each client's read audited. */
cJSON *lia_day_build(struct lia_req *r, const struct lia_day_for *f);

#endif
