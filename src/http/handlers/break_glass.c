/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Break-the-glass: POST /api/v1/clients/{id}/break-glass {reason} opens a
 * time-limited emergency read of a record for a professional outside the normal rights;
 * GET lists the accesses (coordinator, auditor, the client). Every read during it is
 * flagged "break_glass" in the access log.
 */
#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/server.h"

static cJSON *
glass_json(const struct lia_break_glass *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", g->id);
	cJSON_AddStringToObject(o, "account_id", g->account_id);
	cJSON_AddStringToObject(o, "reason", g->reason);
	lia_json_add_time(o, "started_at", g->started_at);
	lia_json_add_time(o, "expires_at", g->expires_at);
	return o;
}

static int
open_glass(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct lia_break_glass *g = r->ctx;
	int st = c->ops->break_glass_insert(c, g);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, glass_json(g));
	return LIA_STORE_OK;
}

void
lia_h_break_glass_open(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *reason = NULL;
	struct lia_json_field spec[] = {
		{"reason", LIA_JSON_STRING, LIA_JSON_REQUIRED, 500, 0, 0, NULL, &reason, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 1, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_access_may_break_glass(&r->actor)) {
		lia_req_audit(r, "break_glass.open", cl.id, cl.org_id, "denied", "not_a_professional");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	struct lia_break_glass *g = lia_arena_alloc(r->arena, sizeof *g);
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	*g = (struct lia_break_glass){
		.id = id, .org_id = cl.org_id, .client_id = cl.id, .account_id = r->account.id,
		.reason = reason, .started_at = s.now,
		.expires_at = s.now + r->srv->cfg->break_glass_minutes * 60 * 1000000LL,
	};
	/* The reason may hold health data: it stays in its table, the journal says why
	 * only by reference. */
	struct lia_audit_entry *e =
		lia_req_audit(r, "break_glass.open", cl.id, cl.org_id, "ok", "break_glass");
	e->object_id = id;
	r->ctx = g;
	lia_req_write(r, open_glass);
}

void
lia_h_break_glass_list(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_ACCESS_LOG, LIA_ACT_READ,
				      "client.break_glass.read", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_break_glass *items = NULL;
	size_t n = 0;
	int st = c->ops->break_glass_list(c, r->arena, cl.id, NULL, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, glass_json(&items[i]));
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}
