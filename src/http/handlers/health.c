/* SPDX-License-Identifier: EUPL-1.2 */
/* GET /healthz (the process answers), GET /readyz (the database answers too), and the
 * test builds' POST /api/v1/test/clock. */
#include "core/clock.h"
#include "http/handlers/handlers.h"

#include "http/server.h"

void
lia_h_healthz(struct lia_req *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "ok");
	lia_reply_json(r, 200, o);
}

void
lia_h_readyz(struct lia_req *r)
{
	struct lia_conn *c = lia_req_conn(r);
	int st = c ? c->ops->ping(c) : LIA_STORE_ERROR;
	if (st != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	struct lia_committer_stats s;
	lia_committer_stats(r->srv->committer, &s);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "ready");
	cJSON_AddStringToObject(o, "storage", c->ops->name);
	cJSON_AddNumberToObject(o, "commit_batches", (double)s.batches);
	cJSON_AddNumberToObject(o, "commit_jobs", (double)s.jobs);
	cJSON_AddNumberToObject(o, "commit_failures", (double)s.failures);
	cJSON_AddNumberToObject(o, "commit_syncs", (double)s.syncs);
	lia_reply_json(r, 200, o);
}

void
lia_h_test_clock(struct lia_req *r)
{
#ifdef LIA_FAULT_INJECTION
	/* Test builds only: vigilance rules are tested on a controllable clock. */
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	int64_t offset = 0;
	struct lia_json_field spec[] = {
		{"offset_seconds", LIA_JSON_INT, LIA_JSON_REQUIRED, 0, -31536000, 31536000, NULL, &offset,
		 NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 1, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	lia_clock_set_offset_us(offset * 1000000);
	cJSON *o = cJSON_CreateObject();
	lia_json_add_time(o, "now", lia_clock_now_us());
	lia_reply_json(r, 200, o);
#else
	lia_reply_error(r, LIA_P_ROUTE_NOT_FOUND);
#endif
}
