/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The care circle (cercle de soins) of a client: GET and POST
 * /api/v1/clients/{id}/circle, POST /api/v1/clients/{id}/circle/{member_id}/end.
 * Membership is what relates a professional or a relative to a client (policy.h);
 * periods are kept: a member who leaves gets an end date, one who comes back a new row.
 * Managing the circle is an update of the client's administrative record.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"

static cJSON *
member_json(const struct lia_circle_member *m, const char *today)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", m->id);
	lia_json_add_str(o, "account_id", m->account_id);
	lia_json_add_str(o, "org_id", m->member_org_id);
	cJSON_AddStringToObject(o, "circle_role", m->circle_role);
	cJSON_AddStringToObject(o, "starts_on", m->starts_on);
	lia_json_add_str(o, "ends_on", m->ends_on);
	cJSON_AddBoolToObject(o, "current", strcmp(m->starts_on, today) <= 0 &&
					       (!m->ends_on || strcmp(m->ends_on, today) >= 0));
	cJSON_AddNumberToObject(o, "version", (double)m->version);
	return o;
}

void
lia_h_circle_list(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_ADMIN, LIA_ACT_READ,
				      "client.circle.read", NULL))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < s.ncircle; i++)
		cJSON_AddItemToArray(arr, member_json(&s.circle[i], s.today));
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

static int
insert_member(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct lia_circle_member *m = r->ctx;
	int st = c->ops->circle_insert(c, m);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	char today[11];
	lia_date_of(lia_clock_now_us(), today);
	lia_reply_json(r, 201, member_json(m, today));
	lia_reply_etag(r, m->version);
	return LIA_STORE_OK;
}

void
lia_h_circle_add(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *account_id = NULL, *org_id = NULL, *circle_role = NULL, *starts_on = NULL,
		   *ends_on = NULL;
	struct lia_json_field spec[] = {
		{"account_id", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &account_id, NULL},
		{"org_id", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &org_id, NULL},
		{"circle_role", LIA_JSON_STRING, LIA_JSON_REQUIRED, 32, 0, 0, lia_circle_roles, &circle_role,
		 NULL},
		{"starts_on", LIA_JSON_STRING, 0, 10, 0, 0, NULL, &starts_on, NULL},
		{"ends_on", LIA_JSON_STRING, LIA_JSON_NULLABLE, 10, 0, 0, NULL, &ends_on, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 5, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	lia_check_account_or_org(r, account_id, org_id, "account_id", "org_id", &p);
	if (starts_on && !lia_date_valid(starts_on))
		lia_problem_field(&p, "starts_on", LIA_FE_INVALID_DATE);
	if (ends_on && (!lia_date_valid(ends_on) || strcmp(ends_on, starts_on ? starts_on : s.today) < 0))
		lia_problem_field(&p, "ends_on", LIA_FE_INVALID_DATE);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_ADMIN, LIA_ACT_UPDATE,
				      "client.circle.add", NULL))
		return;
	struct lia_circle_member *m = lia_arena_alloc(r->arena, sizeof *m);
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	*m = (struct lia_circle_member){
		.id = id, .org_id = cl.org_id, .client_id = cl.id, .account_id = account_id,
		.member_org_id = org_id, .circle_role = circle_role,
		.starts_on = starts_on ? starts_on : s.today, .ends_on = ends_on, .version = 1,
		.created_at = lia_clock_now_us(),
	};
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = m;
	lia_req_write(r, insert_member);
}

struct ending {
	const char *id;
	const char *ends_on;
	int64_t expected;
};

static int
end_member(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct ending *e = r->ctx;
	int st = c->ops->circle_end(c, e->id, e->ends_on, e->expected);
	struct lia_circle_member m;
	if (st == LIA_STORE_OK)
		st = c->ops->circle_get(c, r->arena, e->id, &m);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	char today[11];
	lia_date_of(lia_clock_now_us(), today);
	lia_reply_json(r, 200, member_json(&m, today));
	lia_reply_etag(r, m.version);
	return LIA_STORE_OK;
}

void
lia_h_circle_end(struct lia_req *r)
{
	struct ending *e = lia_arena_alloc(r->arena, sizeof *e);
	if (!lia_req_if_match(r, &e->expected))
		return;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	const struct lia_circle_member *m = NULL;
	for (size_t i = 0; i < s.ncircle; i++)
		if (!strcmp(s.circle[i].id, r->params[1]))
			m = &s.circle[i];
	cJSON *body = r->body_len ? lia_req_json(r) : NULL;
	if (r->body_len && !body)
		return;
	struct lia_problem p = {0};
	const char *ends_on = NULL;
	struct lia_json_field spec[] = {
		{"ends_on", LIA_JSON_STRING, 0, 10, 0, 0, NULL, &ends_on, NULL},
	};
	if (body && !lia_json_decode(r->arena, body, spec, 1, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!m) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	e->id = m->id;
	e->ends_on = ends_on ? ends_on : s.today;
	if (!lia_date_valid(e->ends_on) || strcmp(e->ends_on, m->starts_on) < 0) {
		lia_problem_field(&p, "ends_on", LIA_FE_INVALID_DATE);
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_ADMIN, LIA_ACT_UPDATE,
				      "client.circle.end", NULL))
		return;
	r->audit[r->naudit - 1].object_id = m->id;
	r->ctx = e;
	lia_req_write(r, end_member);
}
