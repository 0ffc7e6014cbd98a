/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/clients/{id}/access-log: who read or changed this client's record,
 * newest first — for the client, their legal representative, the coordinator and
 * auditors (policy table, category access_log). Reading it is itself audited.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/names.h"

void
lia_h_client_access_log(struct lia_req *r)
{
	struct lia_problem p = {0};
	int64_t limit;
	if (!lia_uri_int(&r->uri, "limit", 1, 200, 50, &limit, &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	int64_t before = 0;
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (cursor) {
		char *end;
		errno = 0;
		before = strtoll(cursor, &end, 10);
		if (errno || *end || before < 1) {
			lia_problem_set(&p, LIA_P_INVALID_QUERY, NULL, NULL);
			lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
			lia_reply_problem(r, &p);
			return;
		}
	}
	struct lia_client cl;
	struct lia_subject subj;
	if (!lia_client_load(r, &cl, &subj) ||
	    !lia_req_authorize_client(r, &subj, cl.org_id, LIA_CAT_ACCESS_LOG, LIA_ACT_READ,
				      "client.access_log.read", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_audit_entry *items = NULL;
	size_t n = 0;
	int st = c->ops->audit_list_client(c, r->arena, cl.id, before, (int)limit, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	struct lia_names *cache = lia_arena_alloc(r->arena, sizeof *cache);
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "seq", (double)items[i].seq);
		lia_json_add_time(e, "at", items[i].at);
		cJSON_AddStringToObject(e, "action", items[i].action);
		cJSON_AddStringToObject(e, "outcome", items[i].outcome);
		lia_json_add_str(e, "detail", items[i].detail);
		cJSON *actor = cJSON_AddObjectToObject(e, "actor");
		lia_json_add_str(actor, "id", items[i].actor_id);
		lia_json_add_str(actor, "role", items[i].actor_role);
		lia_json_add_str(actor, "display_name", lia_account_name(r, cache, items[i].actor_id));
		cJSON_AddItemToArray(arr, e);
	}
	if (n == (size_t)limit)
		cJSON_AddStringToObject(o, "next_cursor",
					lia_arena_printf(r->arena, "%lld", (long long)items[n - 1].seq));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}
