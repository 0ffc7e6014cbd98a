/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Tele-alarm devices: POST /api/v1/devices, GET /api/v1/devices,
 * GET /api/v1/devices/{id} and GET /api/v1/devices/{id}/events (the change,
 * PATCH, is in device_patch.c).
 *
 * A device is a transmitter known by its DC-09 account number (unique across the
 * server: the receiver finds the device by it), of a model whose codes say which
 * alarm each event is, installed at a client's home or kept in stock by an
 * organisation. Its AES key is sealed at rest and never leaves the server: the JSON
 * only says whether there is one. The right is LIA_MANAGE_ALERTS on the device's
 * organisation (coordinators, alarm operators, nurses, administrators); a device out
 * of the caller's reach does not exist for them (404). Every call is audited, with
 * the client when the device is installed.
 */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/sealed.h"
#include "core/uuid.h"
#include "dc09/dc09.h"
#include "http/handlers/cursor.h"
#include "http/handlers/devices.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"
#include "http/server.h"

#define MAX_SCOPES 16
#define ACCOUNT_MIN 3
#define ACCOUNT_MAX 16 /* SIA DC-09 5.5.1.7: account number, 3..16 hex digits */

static const char *const protocols[] = {"sia-dcs", "adm-cid", NULL};
static const char *const key_formats[] = {"hex", "ascii", NULL};

cJSON *
lia_device_json(const struct lia_device *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", d->id);
	cJSON_AddStringToObject(o, "org_id", d->org_id);
	lia_json_add_str(o, "client_id", d->client_id);
	cJSON_AddStringToObject(o, "account", d->account);
	cJSON_AddStringToObject(o, "protocol", d->protocol);
	cJSON_AddStringToObject(o, "model_id", d->model_id);
	lia_json_add_str(o, "label", d->label);
	cJSON_AddBoolToObject(o, "encrypted", d->key_sealed != NULL);
	lia_json_add_str(o, "key_format", d->key_sealed ? d->key_format : NULL);
	cJSON_AddNumberToObject(o, "supervision_s", (double)d->supervision_s);
	cJSON_AddBoolToObject(o, "active", d->active);
	lia_json_add_time(o, "last_seen_at", d->last_seen_at);
	lia_json_add_str(o, "last_path", d->last_path);
	lia_json_add_time(o, "created_at", d->created_at);
	lia_json_add_str(o, "created_by", d->created_by);
	cJSON_AddNumberToObject(o, "version", (double)d->version);
	return o;
}

bool
lia_device_load(struct lia_req *r, const char *action, struct lia_device *d, struct lia_org *org)
{
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	int st = lia_uuid_valid(id) ? c->ops->device_get(c, r->arena, id, d) : LIA_STORE_NOT_FOUND;
	if (st == LIA_STORE_OK)
		st = c->ops->org_get(c, r->arena, d->org_id, org);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	struct lia_decision dec;
	lia_access_manage(&r->actor, org->path, LIA_MANAGE_ALERTS, &dec);
	struct lia_audit_entry *e = lia_req_audit(r, action, d->client_id, d->org_id,
						  dec.allow ? "ok" : "denied", dec.reason);
	e->actor_role = dec.as_role;
	e->object_id = d->id;
	if (!dec.allow)
		lia_reply_error(r, dec.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	return dec.allow;
}

const char *
lia_device_seal_key(struct lia_req *r, const char *text, const char *format, struct lia_problem *p)
{
	unsigned char key[32];
	size_t len = 0;
	if (lia_dc09_key_parse(text, format, key, &len) != 0) {
		sodium_memzero(key, sizeof key);
		lia_problem_field(p, "key", LIA_FE_INVALID_FORMAT);
		return NULL;
	}
	size_t n = 0;
	unsigned char *sealed = lia_seal(r->arena, r->srv->sealing_key, key, len, &n);
	sodium_memzero(key, sizeof key);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *out = lia_arena_alloc(r->arena, cap);
	sodium_bin2base64(out, cap, sealed, n, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

void
lia_device_check_supervision(int64_t s, struct lia_problem *p)
{
	if (s != 0 && (s < LIA_DEVICE_SUPERVISION_MIN || s > LIA_DEVICE_SUPERVISION_MAX))
		lia_problem_field(p, "supervision_s", LIA_FE_OUT_OF_RANGE);
}

/* ---- creation ---- */

/* The DC-09 account: 3..16 hex digits, kept upper case so that the receiver's
 * look-up does not depend on how the installer typed it. NULL when malformed. */
static const char *
normal_account(struct lia_arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n < ACCOUNT_MIN || n > ACCOUNT_MAX)
		return NULL;
	char *out = lia_arena_strdup(a, s);
	for (size_t i = 0; i < n; i++) {
		char ch = out[i];
		if (ch >= 'a' && ch <= 'f')
			out[i] = (char)(ch - 'a' + 'A');
		else if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F')))
			return NULL;
	}
	return out;
}

struct device_new {
	struct lia_device d;
	const char *key; /* the key text as sent (sealed before the write) */
	struct lia_client cl;
	struct lia_org org;
	bool has_org; /* org resolved (from the client or org_id) */
};

static int
insert_device(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct device_new *w = r->ctx;
	int st = c->ops->device_insert(c, &w->d);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st); /* CONFLICT: the account is taken (409) */
		return st;
	}
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/devices/%s", w->d.id));
	lia_reply_json(r, 201, lia_device_json(&w->d));
	lia_reply_etag(r, w->d.version);
	return LIA_STORE_OK;
}

/* Whether the body has member name with a value other than null. */
static bool
given(const cJSON *body, const char *name)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(body, name);
	return it && !cJSON_IsNull(it);
}

/* Decodes the body and checks each field on its own. */
static void
decode_new(struct lia_req *r, const cJSON *body, struct device_new *w, struct lia_problem *p)
{
	struct lia_device *d = &w->d;
	int64_t supervision = 0;
	const char *account = NULL;
	d->model_id = "generic";
	struct lia_json_field spec[] = {
		{"org_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &d->org_id, NULL},
		{"client_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &d->client_id,
		 NULL},
		{"account", LIA_JSON_STRING, LIA_JSON_REQUIRED, ACCOUNT_MAX, 0, 0, NULL, &account,
		 NULL},
		{"protocol", LIA_JSON_STRING, LIA_JSON_REQUIRED, 16, 0, 0, protocols, &d->protocol,
		 NULL},
		{"model_id", LIA_JSON_STRING, 0, 64, 0, 0, NULL, &d->model_id, NULL},
		{"label", LIA_JSON_STRING, LIA_JSON_NULLABLE, 120, 0, 0, NULL, &d->label, NULL},
		{"key", LIA_JSON_STRING, LIA_JSON_NULLABLE, 64, 0, 0, NULL, &w->key, NULL},
		{"key_format", LIA_JSON_STRING, LIA_JSON_NULLABLE, 8, 0, 0, key_formats,
		 &d->key_format, NULL},
		{"supervision_s", LIA_JSON_INT, 0, 0, 0, LIA_DEVICE_SUPERVISION_MAX, NULL,
		 &supervision, NULL},
	};
	/* The checks below look at what was decoded, so that one answer tells all. */
	lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", p);
	if (account && !(d->account = normal_account(r->arena, account)))
		lia_problem_field(p, "account", LIA_FE_INVALID_FORMAT);
	lia_device_check_supervision(supervision, p);
	d->supervision_s = supervision;
	if (d->label && !*d->label)
		d->label = NULL;
	/* Presence is judged on the body itself: a member refused above for its type
	 * or length is not also reported missing. */
	bool has_key = given(body, "key"), has_format = given(body, "key_format");
	if (has_key && !has_format)
		lia_problem_field(p, "key_format", LIA_FE_REQUIRED);
	else if (!has_key && has_format)
		lia_problem_field(p, "key_format", LIA_FE_INVALID_VALUE); /* a format of nothing */
	if (d->org_id && !lia_uuid_valid(d->org_id))
		lia_problem_field(p, "org_id", LIA_FE_INVALID_ID);
	if (d->client_id && !lia_uuid_valid(d->client_id))
		lia_problem_field(p, "client_id", LIA_FE_INVALID_ID);
	if (!given(body, "org_id") && !given(body, "client_id"))
		lia_problem_field(p, "org_id", LIA_FE_REQUIRED);
}

/* Reads what the body names: the client (whose organisation the device takes), the
 * organisation and the model. False with the reply set when the store fails. */
static bool
resolve_new(struct lia_req *r, struct device_new *w, struct lia_problem *p)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_device *d = &w->d;
	int st;
	if (d->client_id && lia_uuid_valid(d->client_id)) {
		st = c->ops->client_get(c, r->arena, d->client_id, &w->cl);
		if (st == LIA_STORE_NOT_FOUND) {
			lia_problem_field(p, "client_id", LIA_FE_UNKNOWN_REFERENCE);
		} else if (st != LIA_STORE_OK) {
			goto fail;
		} else if (d->org_id && strcmp(d->org_id, w->cl.org_id) != 0) {
			lia_problem_field(p, "org_id", LIA_FE_INVALID_VALUE);
		} else {
			d->org_id = w->cl.org_id;
			w->org.id = w->cl.org_id;
			w->org.path = w->cl.org_path;
			w->has_org = true;
		}
	} else if (!d->client_id && d->org_id && lia_uuid_valid(d->org_id)) {
		st = c->ops->org_get(c, r->arena, d->org_id, &w->org);
		if (st == LIA_STORE_NOT_FOUND)
			lia_problem_field(p, "org_id", LIA_FE_UNKNOWN_REFERENCE);
		else if (st != LIA_STORE_OK)
			goto fail;
		else
			w->has_org = true;
	}
	if (d->model_id) {
		struct lia_device_model m;
		st = c->ops->device_model_get(c, r->arena, d->model_id, &m);
		if (st == LIA_STORE_NOT_FOUND)
			lia_problem_field(p, "model_id", LIA_FE_UNKNOWN_REFERENCE);
		else if (st != LIA_STORE_OK)
			goto fail;
	}
	return true;
fail:
	lia_req_audit(r, "device.create", NULL, NULL, "failed", "storage");
	lia_reply_store_error(r, st);
	return false;
}

void
lia_h_device_create(struct lia_req *r)
{
	const char *scope[MAX_SCOPES];
	if (lia_access_manage_scope(&r->actor, LIA_MANAGE_ALERTS, scope, MAX_SCOPES) == 0) {
		lia_req_audit(r, "device.create", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit(r, "device.create", NULL, NULL, "failed", "bad_request");
		return;
	}
	struct device_new *w = lia_arena_alloc(r->arena, sizeof *w);
	memset(w, 0, sizeof *w);
	struct lia_problem p = {0};
	decode_new(r, body, w, &p);
	if (!resolve_new(r, w, &p))
		return;
	struct lia_device *d = &w->d;
	struct lia_audit_entry *e;
	if (w->has_org) {
		struct lia_decision dec;
		lia_access_manage(&r->actor, w->org.path, LIA_MANAGE_ALERTS, &dec);
		e = lia_req_audit(r, "device.create", d->client_id, d->org_id,
				  dec.allow ? "ok" : "denied", dec.reason);
		e->actor_role = dec.as_role;
		if (!dec.allow && !dec.hide_existence) {
			lia_reply_error(r, LIA_P_FORBIDDEN);
			return;
		}
		/* Outside the caller's reach the client or organisation does not exist. */
		if (!dec.allow)
			lia_problem_field(&p, d->client_id ? "client_id" : "org_id",
					  LIA_FE_UNKNOWN_REFERENCE);
	} else {
		e = lia_req_audit(r, "device.create", NULL, NULL, "failed", "validation_failed");
	}
	if (p.kind == LIA_P_NONE && w->key)
		d->key_sealed = lia_device_seal_key(r, w->key, d->key_format, &p);
	if (p.kind != LIA_P_NONE) {
		if (!strcmp(e->outcome, "ok"))
			lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	d->id = id;
	e->object_id = id;
	d->active = true;
	d->version = 1;
	d->created_at = lia_clock_now_us();
	d->created_by = r->account.id;
	r->ctx = w;
	lia_req_write(r, insert_device);
}

/* ---- reading ---- */

void
lia_h_device_list(struct lia_req *r)
{
	struct lia_problem p = {0};
	const char *scope[MAX_SCOPES];
	struct lia_device_query q = {0};
	q.nscope = (int)lia_access_manage_scope(&r->actor, LIA_MANAGE_ALERTS, scope, MAX_SCOPES);
	q.scope_paths = scope;
	if (q.nscope == 0) {
		lia_req_audit(r, "device.list", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	int64_t limit;
	if (!lia_uri_int(&r->uri, "limit", 1, 500, 50, &limit, &p)) {
		lia_req_audit(r, "device.list", NULL, NULL, "failed", "invalid_query");
		lia_reply_problem(r, &p);
		return;
	}
	q.limit = (int)limit;
	q.client_id = lia_uri_param(&r->uri, "client_id");
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (q.client_id && !lia_uuid_valid(q.client_id))
		lia_problem_field(&p, "client_id", LIA_FE_INVALID_ID);
	if (cursor) {
		q.after_id = lia_cursor_decode(r->arena, cursor);
		if (!q.after_id || !lia_uuid_valid(q.after_id))
			lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
	}
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_req_audit(r, "device.list", NULL, NULL, "failed", "invalid_query");
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_device *items = NULL;
	size_t n = 0;
	int st = c->ops->device_list(c, r->arena, &q, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_req_audit(r, "device.list", q.client_id, NULL, "failed", "storage");
		lia_reply_store_error(r, st);
		return;
	}
	lia_req_audit(r, "device.list", q.client_id, NULL, "ok", NULL);
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, lia_device_json(&items[i]));
	if (n > 0 && n == (size_t)q.limit)
		cJSON_AddStringToObject(o, "next_cursor", lia_cursor_encode(r->arena, items[n - 1].id));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}

void
lia_h_device_get(struct lia_req *r)
{
	struct lia_device d;
	struct lia_org org;
	if (!lia_device_load(r, "device.read", &d, &org))
		return;
	lia_reply_json(r, 200, lia_device_json(&d));
	lia_reply_etag(r, d.version);
}

static cJSON *
event_json(const struct lia_alarm_event *e)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", e->id);
	cJSON_AddNumberToObject(o, "seq", (double)e->seq);
	lia_json_add_str(o, "message_id", e->message_id);
	lia_json_add_str(o, "qualifier", e->qualifier);
	lia_json_add_str(o, "code", e->code);
	lia_json_add_str(o, "zone", e->zone);
	lia_json_add_str(o, "alarm_type", e->alarm_type);
	lia_json_add_time(o, "event_time", e->event_time);
	lia_json_add_time(o, "received_at", e->received_at);
	lia_json_add_str(o, "path", e->path);
	lia_json_add_str(o, "alert_id", e->alert_id);
	lia_json_add_str(o, "client_id", e->client_id);
	return o;
}

/* The events cursor's received_at (> 0: 0 would mean "no bound" to the store). */
static bool
events_cursor(struct lia_arena *a, const char *cursor, int64_t *before)
{
	const char *text = lia_cursor_decode(a, cursor);
	if (!text || !*text)
		return false;
	char *end;
	errno = 0;
	long long t = strtoll(text, &end, 10);
	if (errno || *end || t <= 0)
		return false;
	*before = t;
	return true;
}

void
lia_h_device_events(struct lia_req *r)
{
	struct lia_device d;
	struct lia_org org;
	if (!lia_device_load(r, "device.events", &d, &org))
		return;
	struct lia_problem p = {0};
	int64_t limit, before = 0;
	if (!lia_uri_int(&r->uri, "limit", 1, 500, 50, &limit, &p)) {
		lia_req_audit_failed(r, "invalid_query");
		lia_reply_problem(r, &p);
		return;
	}
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (cursor && !events_cursor(r->arena, cursor, &before)) {
		lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
		p.kind = LIA_P_INVALID_QUERY;
		lia_req_audit_failed(r, "invalid_query");
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_alarm_event *items = NULL;
	size_t n = 0;
	int st = c->ops->alarm_event_list(c, r->arena, d.id, before, (int)limit, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "device_id", d.id);
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, event_json(&items[i]));
	if (n > 0 && n == (size_t)limit)
		cJSON_AddStringToObject(
			o, "next_cursor",
			lia_cursor_encode(r->arena,
				      lia_arena_printf(r->arena, "%lld",
						       (long long)items[n - 1].received_at)));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}
