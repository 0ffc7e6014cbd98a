/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/clients?name=&birth_date=&ins=&limit=&cursor=
 * Searches the clients the caller may read, in (name, id) order, with an opaque
 * cursor. Each client listed is a read of that client's record: it is audited, so
 * that it shows in the client's access log.
 */
#include <string.h>

#include "core/clock.h"
#include "domain/identity.h"
#include "domain/ins.h"
#include "http/handlers/client_body.h"
#include "http/handlers/cursor.h"
#include "http/handlers/handlers.h"

#define MAX_SCOPES 16

/* Pages by cursor "<name_key>\n<id>" of the last item (cursor.h): stable across pages. */
void
lia_h_client_search(struct lia_req *r)
{
	struct lia_problem p = {0};
	const char *scope[MAX_SCOPES];
	struct lia_client_query q = {0};
	q.nscope = (int)lia_access_scope(&r->actor, LIA_CAT_ADMIN, LIA_ACT_READ, scope, MAX_SCOPES);
	q.scope_paths = scope;
	if (q.nscope == 0) {
		lia_req_audit(r, "client.search", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	int64_t limit;
	if (!lia_uri_int(&r->uri, "limit", 1, 200, 50, &limit, &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	q.limit = (int)limit;
	const char *name = lia_uri_param(&r->uri, "name");
	const char *birth_date = lia_uri_param(&r->uri, "birth_date");
	const char *ins = lia_uri_param(&r->uri, "ins");
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (name) {
		q.name_prefix = lia_name_key(r->arena, name);
		if (!*q.name_prefix)
			lia_problem_field(&p, "name", LIA_FE_TOO_SHORT);
	}
	if (birth_date && !lia_date_valid(birth_date))
		lia_problem_field(&p, "birth_date", LIA_FE_INVALID_DATE);
	if (ins && lia_ins_check(ins) != LIA_INS_OK)
		lia_problem_field(&p, "ins", LIA_FE_INVALID_FORMAT);
	if (cursor && !lia_cursor_decode2(r->arena, cursor, &q.after_name_key, &q.after_id))
		lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}
	q.birth_date = birth_date;
	q.ins_matricule = ins;

	struct lia_conn *c = lia_req_conn(r);
	struct lia_client *items = NULL;
	size_t n = 0;
	int st = c->ops->client_search(c, r->arena, &q, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++) {
		/* The store filtered by scope; the decision still speaks for each row. */
		struct lia_subject subj;
		lia_req_subject(r, &items[i], false, &subj);
		if (!lia_req_authorize_client(r, &subj, items[i].org_id, LIA_CAT_ADMIN, LIA_ACT_READ,
					      "client.list", NULL))
			continue;
		cJSON_AddItemToArray(arr, lia_client_json(&items[i]));
	}
	if (n == (size_t)q.limit)
		cJSON_AddStringToObject(o, "next_cursor", lia_cursor_encode(r->arena, lia_arena_printf(r->arena, "%s\n%s",
								     items[n - 1].name_key,
								     items[n - 1].id)));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	/* A denied row would have replaced the reply: rebuild it from the list. */
	lia_reply_json(r, 200, o);
}
