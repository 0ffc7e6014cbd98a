/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Planning settings of an organisation node: GET and PUT
 * /api/v1/orgs/{id}/planning-settings. A node's own settings (only the members it
 * sets, over the defaults) replace those of its ancestors; without its own, the
 * nearest ancestor's are in force (domain/planning_settings.h).
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

/* The node's organisation and the access decision `what` on it: 404 for a
 * malformed or unknown id or an organisation out of the caller's reach, 403 for one
 * they see but may not change. audit_action non-NULL adds the audit entry. */
static bool
load_org(struct lia_req *r, enum lia_manage what, const char *audit_action, struct lia_org *org)
{
	struct lia_conn *c = lia_req_conn(r);
	int st = LIA_STORE_NOT_FOUND;
	if (lia_uuid_valid(r->params[0]))
		st = c->ops->org_get(c, r->arena, r->params[0], org);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org->path, what, &d);
	if (audit_action) {
		struct lia_audit_entry *e = lia_req_audit(r, audit_action, NULL, org->id,
							  d.allow ? "ok" : "denied", d.reason);
		e->actor_role = d.as_role;
		e->object_id = org->id;
	}
	if (!d.allow)
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	return d.allow;
}

/* The settings in force at the node of path: *own the node's own (or NULL),
 * *from the node they come from (NULL: defaults). */
static int
resolve(struct lia_req *r, struct lia_conn *c, const char *path, struct lia_org_settings *own,
	bool *has_own, const char **from, struct lia_planning_settings *eff)
{
	lia_planning_settings_defaults(eff);
	*has_own = false;
	*from = NULL;
	size_t len = strlen(path);
	bool first = true;
	while (len > 1) {
		size_t end = len - 1, start = end;
		while (start > 0 && path[start - 1] != '/')
			start--;
		const char *id = lia_arena_strndup(r->arena, path + start, end - start);
		struct lia_org_settings os;
		int st = c->ops->org_settings_get(c, r->arena, id, &os);
		if (st == LIA_STORE_OK) {
			cJSON *obj = cJSON_Parse(os.settings);
			const char *bad;
			if (obj)
				lia_planning_settings_apply(eff, obj, &bad);
			cJSON_Delete(obj);
			*from = id;
			if (first) {
				*own = os;
				*has_own = true;
			}
			return LIA_STORE_OK;
		}
		if (st != LIA_STORE_NOT_FOUND)
			return st;
		first = false;
		len = start;
	}
	return LIA_STORE_OK;
}

static cJSON *
settings_json(const char *org_id, const struct lia_planning_settings *eff,
	      const struct lia_org_settings *own, const char *from)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "org_id", org_id);
	cJSON_AddItemToObject(o, "effective", lia_planning_settings_json(eff));
	if (own) {
		cJSON *mine = lia_json_from_text(own->settings);
		cJSON_AddItemToObject(o, "own", mine);
		cJSON_AddNullToObject(o, "inherited_from");
		cJSON_AddNumberToObject(o, "version", (double)own->version);
		lia_json_add_time(o, "updated_at", own->updated_at);
		lia_json_add_str(o, "updated_by", own->updated_by);
	} else {
		cJSON_AddNullToObject(o, "own");
		lia_json_add_str(o, "inherited_from", from);
		cJSON_AddNumberToObject(o, "version", 0);
	}
	return o;
}

void
lia_h_planning_settings_get(struct lia_req *r)
{
	struct lia_org org;
	if (!load_org(r, LIA_MANAGE_VIEW, NULL, &org))
		return;
	struct lia_org_settings own;
	bool has_own;
	const char *from;
	struct lia_planning_settings eff;
	int st = resolve(r, lia_req_conn(r), org.path, &own, &has_own, &from, &eff);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	lia_reply_json(r, 200, settings_json(org.id, &eff, has_own ? &own : NULL, from));
	if (has_own)
		lia_reply_etag(r, own.version);
}

struct settings_write {
	struct lia_org_settings s;
	struct lia_planning_settings eff;
	int64_t expected;
};

static int
put_settings(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct settings_write *sw = r->ctx;
	int st = c->ops->org_settings_put(c, &sw->s, sw->expected);
	if (st == LIA_STORE_CONFLICT)
		st = LIA_STORE_STALE; /* created meanwhile: the caller's view is stale */
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	sw->s.version = sw->expected + 1;
	lia_reply_json(r, 200, settings_json(sw->s.org_id, &sw->eff, &sw->s, NULL));
	lia_reply_etag(r, sw->s.version);
	return LIA_STORE_OK;
}

/* Checks each member on its own, so that every bad key is reported; returns the
 * validated members as a new object (NULL on error). */
static cJSON *
validate(const cJSON *body, struct lia_planning_settings *eff, struct lia_problem *p)
{
	lia_planning_settings_defaults(eff);
	cJSON *known = lia_planning_settings_json(eff);
	cJSON *out = cJSON_CreateObject();
	for (const cJSON *m = body->child; m; m = m->next) {
		const char *name = m->string ? m->string : "";
		bool dup = false;
		for (const cJSON *o = body->child; o != m && !dup; o = o->next)
			dup = o->string && !strcmp(o->string, name);
		if (dup) {
			lia_problem_field(p, name, LIA_FE_DUPLICATE_FIELD);
			continue;
		}
		if (!cJSON_GetObjectItemCaseSensitive(known, name)) {
			lia_problem_field(p, name, LIA_FE_UNKNOWN_FIELD);
			continue;
		}
		if (!cJSON_IsNumber(m)) {
			lia_problem_field(p, name, LIA_FE_INVALID_TYPE);
			continue;
		}
		cJSON *one = cJSON_CreateObject();
		cJSON_AddNumberToObject(one, name, m->valuedouble);
		const char *bad;
		if (!lia_planning_settings_apply(eff, one, &bad))
			lia_problem_field(p, name, LIA_FE_OUT_OF_RANGE);
		else
			cJSON_AddNumberToObject(out, name, m->valueint);
		cJSON_Delete(one);
	}
	cJSON_Delete(known);
	if (p->kind != LIA_P_NONE) {
		cJSON_Delete(out);
		return NULL;
	}
	return out;
}

void
lia_h_planning_settings_put(struct lia_req *r)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct settings_write *sw = lia_arena_alloc(r->arena, sizeof *sw);
	memset(sw, 0, sizeof *sw);
	struct lia_problem p = {0};
	cJSON *obj = validate(body, &sw->eff, &p);
	if (!obj) {
		lia_reply_problem(r, &p);
		return;
	}
	char *text = cJSON_PrintUnformatted(obj);
	sw->s.settings = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	cJSON_Delete(obj);

	struct lia_org org;
	if (!load_org(r, LIA_MANAGE_PLANNING, "org.planning_settings.update", &org))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org_settings cur;
	int st = c->ops->org_settings_get(c, r->arena, org.id, &cur);
	if (!lia_req_if_match_put(r, st, &sw->expected))
		return;
	sw->s.org_id = org.id;
	sw->s.updated_at = lia_clock_now_us();
	sw->s.updated_by = r->account.id;
	r->ctx = sw;
	lia_req_write(r, put_settings);
}
