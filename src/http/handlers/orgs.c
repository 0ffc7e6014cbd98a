/* SPDX-License-Identifier: EUPL-1.2 */
/* GET /api/v1/orgs (the nodes the caller's roles cover) and POST /api/v1/orgs. */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"

static const char *const kinds[] = {"national", "federation", "association", "establishment",
				    "antenna", "team", NULL};

/* A child sits strictly below its parent: national > federation >
 * association | establishment > antenna > team. */
static int
rank(const char *kind)
{
	static const int ranks[] = {0, 1, 2, 2, 3, 4};
	for (int i = 0; kinds[i]; i++)
		if (!strcmp(kinds[i], kind))
			return ranks[i];
	return -1;
}

static cJSON *
org_json(const struct lia_org *o)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "id", o->id);
	lia_json_add_str(j, "parent_id", o->parent_id);
	cJSON_AddStringToObject(j, "kind", o->kind);
	cJSON_AddStringToObject(j, "name", o->name);
	cJSON_AddStringToObject(j, "tz", o->tz);
	cJSON_AddNumberToObject(j, "version", (double)o->version);
	return j;
}

static bool
covered_by_other(const struct lia_actor *a, size_t i)
{
	/* A role on an ancestor node already lists this subtree. */
	for (size_t j = 0; j < a->nroles; j++)
		if (j != i && strlen(a->roles[j].org_path) < strlen(a->roles[i].org_path) &&
		    !strncmp(a->roles[i].org_path, a->roles[j].org_path, strlen(a->roles[j].org_path)))
			return true;
	return false;
}

void
lia_h_org_list(struct lia_req *r)
{
	struct lia_conn *c = lia_req_conn(r);
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	bool any = false;
	for (size_t i = 0; i < r->actor.nroles; i++) {
		struct lia_decision d;
		lia_access_manage(&r->actor, r->actor.roles[i].org_path, LIA_MANAGE_VIEW, &d);
		if (!d.allow || covered_by_other(&r->actor, i))
			continue;
		any = true;
		struct lia_org *items;
		size_t n;
		int st = c->ops->org_list(c, r->arena, r->actor.roles[i].org_path, &items, &n);
		if (st != LIA_STORE_OK) {
			cJSON_Delete(o);
			lia_reply_store_error(r, st);
			return;
		}
		for (size_t k = 0; k < n; k++) {
			bool seen = false;
			for (cJSON *x = arr->child; x && !seen; x = x->next)
				seen = !strcmp(cJSON_GetObjectItem(x, "id")->valuestring, items[k].id);
			if (!seen)
				cJSON_AddItemToArray(arr, org_json(&items[k]));
		}
	}
	if (!any) {
		cJSON_Delete(o);
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

static int
insert_org(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	const struct lia_org *org = r->ctx;
	int st = c->ops->org_insert(c, org);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, org_json(org));
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/orgs/%s", org->id));
	return LIA_STORE_OK;
}

void
lia_h_org_create(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_org *org = lia_arena_alloc(r->arena, sizeof *org);
	const char *parent_id = NULL, *kind = NULL, *name = NULL, *tz = NULL;
	struct lia_json_field spec[] = {
		{"parent_id", LIA_JSON_STRING, LIA_JSON_REQUIRED, 36, 0, 0, NULL, &parent_id, NULL},
		{"kind", LIA_JSON_STRING, LIA_JSON_REQUIRED, 20, 0, 0, kinds, &kind, NULL},
		{"name", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &name, NULL},
		{"tz", LIA_JSON_STRING, 0, 64, 0, 0, NULL, &tz, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, 4, "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (tz && !lia_tz_valid(tz)) {
		lia_problem_field(&p, "tz", LIA_FE_INVALID_TIME_ZONE);
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_org parent;
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(parent_id) ||
	    c->ops->org_get(c, r->arena, parent_id, &parent) != LIA_STORE_OK) {
		lia_problem_field(&p, "parent_id", LIA_FE_UNKNOWN_REFERENCE);
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, parent.path, LIA_MANAGE_ORGS, &d);
	struct lia_audit_entry *e =
		lia_req_audit(r, "org.create", NULL, parent.id, d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	if (!d.allow) {
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	if (rank(kind) <= rank(parent.kind)) {
		lia_problem_field(&p, "kind", LIA_FE_INVALID_VALUE);
		lia_reply_problem(r, &p);
		e->outcome = "failed";
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	org->id = id;
	org->parent_id = parent.id;
	org->kind = kind;
	org->name = name;
	org->tz = tz ? tz : parent.tz;
	org->path = lia_arena_printf(r->arena, "%s%s/", parent.path, id);
	org->version = 1;
	org->created_at = lia_clock_now_us();
	e->object_id = id;
	r->ctx = org;
	lia_req_write(r, insert_org);
}
