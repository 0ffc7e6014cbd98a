/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/clients/{id}/hours?month=YYYY-MM: for one client and one month (local
 * time of the client's organisation; default the current month), per funder, the
 * minutes granted (prorated to the days the grants cover), planned (visits neither
 * cancelled nor suspended) and delivered (retained times of done visits), with the
 * visit counts. The sums are domain/hours.h's; this handler only gathers the rows.
 * A read of the client's planning: category daily, audited "client.hours.read".
 */
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "domain/hours.h"
#include "domain/localtime.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define PAGE 5000

/* Minutes as hours with two decimals (a number, e.g. 12.5 or 7.33). */
static double
hours_of(int64_t minutes)
{
	int64_t hundredths = minutes >= 0 ? (minutes * 100 + 30) / 60 :
					    -((-minutes * 100 + 30) / 60);
	return (double)hundredths / 100.0;
}

void
lia_h_client_hours(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	const char *tz = lia_org_tz(r, cl.org_id);
	const char *month = lia_uri_param(&r->uri, "month");
	char current[11], hms[9];
	if (!month) {
		if (!lia_local_format(tz, lia_clock_now_us(), current, hms))
			lia_date_of(lia_clock_now_us(), current);
		current[7] = '\0';
		month = current;
	}
	int64_t from, to;
	if (!lia_hours_month_bounds(month, tz, &from, &to)) {
		struct lia_problem p = {0};
		lia_problem_set(&p, LIA_P_INVALID_QUERY, NULL, NULL);
		lia_problem_field(&p, "month", LIA_FE_INVALID_FORMAT);
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_READ,
				      "client.hours.read", NULL))
		return;

	struct lia_conn *c = lia_req_conn(r);
	struct lia_grant *grants = NULL;
	size_t ngrants = 0;
	int st = c->ops->grant_list(c, r->arena, cl.id, &grants, &ngrants);
	/* The month's visits, page by page. */
	struct lia_visit *visits = NULL;
	size_t nvisits = 0, cap = 0;
	struct lia_visit_query q = {.client_id = cl.id, .from = from, .to = to, .limit = PAGE};
	while (st == LIA_STORE_OK) {
		struct lia_visit *page = NULL;
		size_t n = 0;
		st = c->ops->visit_list(c, r->arena, &q, &page, &n);
		if (st != LIA_STORE_OK || n == 0)
			break;
		if (nvisits + n > cap) {
			size_t ncap = cap ? cap * 2 : n;
			while (ncap < nvisits + n)
				ncap *= 2;
			struct lia_visit *grown = lia_arena_alloc(r->arena, ncap * sizeof *grown);
			if (nvisits)
				memcpy(grown, visits, nvisits * sizeof *grown);
			visits = grown;
			cap = ncap;
		}
		memcpy(visits + nvisits, page, n * sizeof *page);
		nvisits += n;
		if (n < (size_t)q.limit)
			break;
		q.after_start = page[n - 1].planned_start;
		q.after_id = page[n - 1].id;
	}
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, lia_store_status_name(st));
		lia_reply_store_error(r, st);
		return;
	}

	struct lia_hours_row *rows = NULL;
	size_t nrows = 0;
	enum lia_hours_status hs = lia_hours_month(month, tz, visits, nvisits, grants, ngrants,
						   r->arena, &rows, &nrows);
	if (hs != LIA_HOURS_OK) {
		/* The month was checked above: a stored grant is malformed. */
		LIA_BUG("hours.failed", "client=%s status=%d", cl.id, (int)hs);
		lia_req_audit_failed(r, "hours_failed");
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", cl.id);
	cJSON_AddStringToObject(o, "month", month);
	cJSON_AddStringToObject(o, "time_zone", tz);
	cJSON *arr = cJSON_AddArrayToObject(o, "funders");
	for (size_t i = 0; i < nrows; i++) {
		const struct lia_hours_row *h = &rows[i];
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "funder", h->funder);
		cJSON_AddNumberToObject(f, "granted_min", (double)h->granted_min);
		cJSON_AddNumberToObject(f, "planned_min", (double)h->planned_min);
		cJSON_AddNumberToObject(f, "delivered_min", (double)h->delivered_min);
		cJSON_AddNumberToObject(f, "granted_hours", hours_of(h->granted_min));
		cJSON_AddNumberToObject(f, "planned_hours", hours_of(h->planned_min));
		cJSON_AddNumberToObject(f, "delivered_hours", hours_of(h->delivered_min));
		cJSON_AddNumberToObject(f, "remaining_min",
					(double)(h->granted_min - h->delivered_min));
		cJSON *vc = cJSON_AddObjectToObject(f, "visits");
		cJSON_AddNumberToObject(vc, "planned", h->visits_planned);
		cJSON_AddNumberToObject(vc, "done", h->visits_done);
		cJSON_AddNumberToObject(vc, "cancelled", h->visits_cancelled);
		cJSON_AddNumberToObject(vc, "open", h->visits_open);
		cJSON_AddItemToArray(arr, f);
	}
	lia_reply_json(r, 200, o);
}
