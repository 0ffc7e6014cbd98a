/* SPDX-License-Identifier: EUPL-1.2 */
/* GET /healthz (the process answers) and GET /readyz (the database answers too). */
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
