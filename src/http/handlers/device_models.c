/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Device models: GET /api/v1/device-models (every model with its code → alarm-type
 * mapping, and the alarm types) and PUT /api/v1/device-models/{id} (create or
 * replace one model's mapping).
 *
 * The mapping is data, not code: a new transmitter whose fall detector sends Contact
 * ID 102 is taught to the receiver by a PUT, without a release. A code missing from
 * a model is looked up in the "generic" model (store.h device_code_lookup). Models
 * are shared by every organisation of the server, so only an administrator of the
 * root organisation changes them; any staff member may read them (they hold no
 * client data, hence no audit of the reads).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define MODEL_ID_MAX 64
#define MODEL_MAX_CODES 200

static const char *const code_protocols[] = {"cid", "sia", NULL};

static cJSON *
type_json(const struct lia_alarm_type *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", t->type);
	cJSON_AddStringToObject(o, "kind", t->kind);
	cJSON_AddStringToObject(o, "severity", t->severity);
	cJSON_AddBoolToObject(o, "escalate", t->escalate);
	cJSON_AddStringToObject(o, "label_fr", t->label_fr);
	cJSON_AddStringToObject(o, "label_en", t->label_en);
	return o;
}

static cJSON *
model_json(const struct lia_device_model *m)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", m->id);
	cJSON_AddStringToObject(o, "label", m->label);
	cJSON_AddNumberToObject(o, "version", (double)m->version);
	lia_json_add_time(o, "updated_at", m->updated_at);
	cJSON *codes = cJSON_AddArrayToObject(o, "codes");
	for (size_t i = 0; i < m->ncodes; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "protocol", m->codes[i].protocol);
		cJSON_AddStringToObject(c, "code", m->codes[i].code);
		cJSON_AddStringToObject(c, "alarm_type", m->codes[i].alarm_type);
		cJSON_AddItemToArray(codes, c);
	}
	return o;
}

void
lia_h_device_model_list(struct lia_req *r)
{
	/* People (clients, family) have no use for the equipment's code tables. */
	if (!r->account.kind || strcmp(r->account.kind, "staff") != 0) {
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_alarm_type *types = NULL;
	struct lia_device_model *models = NULL;
	size_t ntypes = 0, nmodels = 0;
	int st = c->ops->alarm_type_list(c, r->arena, &types, &ntypes);
	if (st == LIA_STORE_OK)
		st = c->ops->device_model_list(c, r->arena, &models, &nmodels);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "alarm_types");
	for (size_t i = 0; i < ntypes; i++)
		cJSON_AddItemToArray(arr, type_json(&types[i]));
	arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < nmodels; i++)
		cJSON_AddItemToArray(arr, model_json(&models[i]));
	lia_reply_json(r, 200, o);
}

/* ---- PUT ---- */

struct model_write {
	struct lia_device_model m;
	int64_t expected; /* 0: a new model */
};

static int
put_model(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct model_write *w = r->ctx;
	int st = c->ops->device_model_put(c, &w->m, w->expected);
	if (st == LIA_STORE_CONFLICT)
		st = LIA_STORE_STALE; /* created meanwhile: the caller's view is stale */
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	w->m.version = w->expected + 1;
	if (!w->expected)
		lia_reply_header(r, "Location",
				 lia_arena_printf(r->arena, "/api/v1/device-models/%s", w->m.id));
	lia_reply_json(r, w->expected ? 200 : 201, model_json(&w->m));
	lia_reply_etag(r, w->m.version);
	return LIA_STORE_OK;
}

/* 1..64 of [a-z0-9-]: the id shows in URLs and in the devices' model_id. */
static bool
model_id_valid(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > MODEL_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '-'))
			return false;
	return true;
}

/* Contact ID event codes are 3 digits; SIA codes 2 upper-case letters. */
static bool
code_valid(const char *protocol, const char *code)
{
	bool cid = !strcmp(protocol, "cid");
	size_t n = strlen(code);
	if (n != (cid ? 3u : 2u))
		return false;
	for (size_t i = 0; i < n; i++)
		if (cid ? !(code[i] >= '0' && code[i] <= '9') : !(code[i] >= 'A' && code[i] <= 'Z'))
			return false;
	return true;
}

static bool
type_known(const struct lia_alarm_type *types, size_t n, const char *type)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(types[i].type, type))
			return true;
	return false;
}

static int
code_cmp(const void *x, const void *y)
{
	const struct lia_device_code *a = x, *b = y;
	int c = strcmp(a->protocol, b->protocol);
	return c ? c : strcmp(a->code, b->code);
}

/* Decodes each code of the array into w->m.codes, in the order the store keeps
 * them. False with the reply set when the store fails. */
static bool
decode_codes(struct lia_req *r, const cJSON *codes, struct model_write *w, struct lia_problem *p)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_alarm_type *types = NULL;
	size_t ntypes = 0;
	int st = c->ops->alarm_type_list(c, r->arena, &types, &ntypes);
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return false;
	}
	size_t n = (size_t)cJSON_GetArraySize(codes);
	w->m.codes = lia_arena_alloc(r->arena, (n ? n : 1) * sizeof *w->m.codes);
	size_t i = 0;
	for (const cJSON *it = codes->child; it; it = it->next, i++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "codes[%zu].", i);
		struct lia_device_code *dc = &w->m.codes[w->m.ncodes];
		if (!cJSON_IsObject(it)) {
			snprintf(prefix, sizeof prefix, "codes[%zu]", i);
			lia_problem_field(p, prefix, LIA_FE_INVALID_TYPE);
			continue;
		}
		struct lia_json_field spec[] = {
			{"protocol", LIA_JSON_STRING, LIA_JSON_REQUIRED, 8, 0, 0, code_protocols,
			 &dc->protocol, NULL},
			{"code", LIA_JSON_STRING, LIA_JSON_REQUIRED, 8, 0, 0, NULL, &dc->code,
			 NULL},
			{"alarm_type", LIA_JSON_STRING, LIA_JSON_REQUIRED, 64, 0, 0, NULL,
			 &dc->alarm_type, NULL},
		};
		if (!lia_json_decode(r->arena, it, spec, sizeof spec / sizeof spec[0], prefix, p))
			continue;
		char field[48];
		bool ok = true;
		if (!code_valid(dc->protocol, dc->code)) {
			snprintf(field, sizeof field, "%scode", prefix);
			lia_problem_field(p, field, LIA_FE_INVALID_FORMAT);
			ok = false;
		}
		if (!type_known(types, ntypes, dc->alarm_type)) {
			snprintf(field, sizeof field, "%salarm_type", prefix);
			lia_problem_field(p, field, LIA_FE_UNKNOWN_REFERENCE);
			ok = false;
		}
		/* One code, one meaning: the receiver must not have to pick. */
		for (size_t j = 0; ok && j < w->m.ncodes; j++)
			if (!code_cmp(&w->m.codes[j], dc)) {
				snprintf(field, sizeof field, "%scode", prefix);
				lia_problem_field(p, field, LIA_FE_DUPLICATE_FIELD);
				ok = false;
			}
		if (ok)
			w->m.ncodes++;
	}
	qsort(w->m.codes, w->m.ncodes, sizeof *w->m.codes, code_cmp);
	return true;
}

/* The root organisation (no parent) and the administrator's right on it, audited.
 * False with the reply set. */
static bool
authorize(struct lia_req *r, const char *model_id)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org *orgs = NULL;
	size_t n = 0;
	int st = c->ops->org_list(c, r->arena, "/", &orgs, &n);
	const struct lia_org *root = NULL;
	for (size_t i = 0; st == LIA_STORE_OK && i < n && !root; i++)
		if (!orgs[i].parent_id)
			root = &orgs[i];
	if (st != LIA_STORE_OK || !root) {
		lia_req_audit(r, "device_model.put", NULL, NULL, "failed", "storage");
		lia_reply_store_error(r, st == LIA_STORE_OK ? LIA_STORE_ERROR : st);
		return false;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, root->path, LIA_MANAGE_ORGS, &d);
	struct lia_audit_entry *e = lia_req_audit(r, "device_model.put", NULL, root->id,
						  d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	e->object_id = lia_arena_strdup(r->arena, model_id);
	if (!d.allow)
		lia_reply_error(r, LIA_P_FORBIDDEN);
	return d.allow;
}

/* The version the PUT replaces (0: none; see lia_req_if_match_put). False with the
 * reply set. */
static bool
expected_version(struct lia_req *r, const char *id, int64_t *expected)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_device_model cur;
	return lia_req_if_match_put(r, c->ops->device_model_get(c, r->arena, id, &cur), expected);
}

void
lia_h_device_model_put(struct lia_req *r)
{
	const char *id = r->params[0];
	if (!authorize(r, id))
		return;
	struct lia_problem p = {0};
	if (!model_id_valid(id)) {
		lia_req_audit_failed(r, "validation_failed");
		lia_problem_field(&p, "id", LIA_FE_INVALID_FORMAT);
		lia_reply_problem(r, &p);
		return;
	}
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	struct model_write *w = lia_arena_alloc(r->arena, sizeof *w);
	memset(w, 0, sizeof *w);
	const cJSON *codes = NULL;
	struct lia_json_field spec[] = {
		{"label", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &w->m.label, NULL},
		{"codes", LIA_JSON_ARRAY, LIA_JSON_REQUIRED, MODEL_MAX_CODES, 0, 0, NULL, &codes,
		 NULL},
	};
	bool ok = lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p);
	if (codes && !decode_codes(r, codes, w, &p))
		return;
	if (!ok || p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	if (!expected_version(r, id, &w->expected))
		return;
	w->m.id = lia_arena_strdup(r->arena, id);
	w->m.updated_at = lia_clock_now_us();
	r->ctx = w;
	lia_req_write(r, put_model);
}
