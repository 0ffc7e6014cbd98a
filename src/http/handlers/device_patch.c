/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * PATCH /api/v1/devices/{id}: install the device at a client's home or take it back
 * (client_id null), change its model, label, key, supervision interval, protocol, or
 * switch it off (active false). If-Match is required.
 *
 * The account and the organisation never change: the account is how the receiver
 * knows the device (a new account is a new device), and the organisation owns its
 * events; so the device moves only between clients of its own organisation. A new
 * key replaces the sealed one (key null removes it: the device then talks in clear).
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/devices.h"
#include "http/handlers/handlers.h"

static const char *const protocols[] = {"sia-dcs", "adm-cid", NULL};
static const char *const key_formats[] = {"hex", "ascii", NULL};

struct device_change {
	struct lia_device d;
	int64_t expected;
};

static int
update_device(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct device_change *w = r->ctx;
	int st = c->ops->device_update(c, &w->d, w->expected);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st); /* STALE: changed meanwhile (412) */
		return st;
	}
	w->d.version = w->expected + 1;
	lia_reply_json(r, 200, lia_device_json(&w->d));
	lia_reply_etag(r, w->d.version);
	return LIA_STORE_OK;
}

/* The new client (present == 1): it must exist and belong to the device's
 * organisation. False with the reply set when the store fails. */
static bool
check_client(struct lia_req *r, const char *client_id, const char *org_id, struct lia_problem *p)
{
	if (!lia_uuid_valid(client_id)) {
		lia_problem_field(p, "client_id", LIA_FE_INVALID_ID);
		return true;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_client cl;
	int st = c->ops->client_get(c, r->arena, client_id, &cl);
	if (st == LIA_STORE_NOT_FOUND) {
		lia_problem_field(p, "client_id", LIA_FE_UNKNOWN_REFERENCE);
		return true;
	}
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return false;
	}
	if (strcmp(cl.org_id, org_id) != 0)
		lia_problem_field(p, "client_id", LIA_FE_INVALID_VALUE);
	return true;
}

static bool
check_model(struct lia_req *r, const char *model_id, struct lia_problem *p)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_device_model m;
	int st = c->ops->device_model_get(c, r->arena, model_id, &m);
	if (st == LIA_STORE_NOT_FOUND) {
		lia_problem_field(p, "model_id", LIA_FE_UNKNOWN_REFERENCE);
		return true;
	}
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return false;
	}
	return true;
}

/* The key members: a new key is read in the format sent, else the one the device
 * was given; null removes the key and its format. */
static void
apply_key(struct lia_req *r, struct lia_device *d, const char *key, int key_set, const char *format,
	  int format_set, struct lia_problem *p)
{
	if (key_set == 1) {
		const char *f = format_set == 1 ? format : format_set == 2 ? NULL : d->key_format;
		if (!f) {
			lia_problem_field(p, "key_format", LIA_FE_REQUIRED);
			return;
		}
		if (p->kind != LIA_P_NONE)
			return; /* no sealing for a change that will not happen */
		d->key_sealed = lia_device_seal_key(r, key, f, p);
		d->key_format = f;
	} else if (key_set == 2) {
		if (format_set == 1)
			lia_problem_field(p, "key_format", LIA_FE_INVALID_VALUE);
		d->key_sealed = NULL;
		d->key_format = NULL;
	} else if (format_set) {
		/* The format says how the key text was read: alone it changes nothing. */
		lia_problem_field(p, "key_format", LIA_FE_INVALID_VALUE);
	}
}

void
lia_h_device_patch(struct lia_req *r)
{
	struct device_change *w = lia_arena_alloc(r->arena, sizeof *w);
	memset(w, 0, sizeof *w);
	if (!lia_req_if_match(r, &w->expected))
		return;
	struct lia_org org;
	struct lia_device *d = &w->d;
	if (!lia_device_load(r, "device.update", d, &org))
		return;
	if (d->version != w->expected) {
		lia_req_audit_failed(r, "version_mismatch");
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return;
	}
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	const char *client_id = NULL, *model_id = NULL, *label = NULL, *key = NULL;
	const char *format = NULL, *protocol = NULL;
	int client_set = 0, model_set = 0, label_set = 0, key_set = 0, format_set = 0;
	int supervision_set = 0, active_set = 0, protocol_set = 0;
	int64_t supervision = 0;
	bool active = true;
	struct lia_json_field spec[] = {
		{"client_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &client_id,
		 &client_set},
		{"model_id", LIA_JSON_STRING, 0, 64, 0, 0, NULL, &model_id, &model_set},
		{"label", LIA_JSON_STRING, LIA_JSON_NULLABLE, 120, 0, 0, NULL, &label, &label_set},
		{"key", LIA_JSON_STRING, LIA_JSON_NULLABLE, 64, 0, 0, NULL, &key, &key_set},
		{"key_format", LIA_JSON_STRING, LIA_JSON_NULLABLE, 8, 0, 0, key_formats, &format,
		 &format_set},
		{"supervision_s", LIA_JSON_INT, 0, 0, 0, LIA_DEVICE_SUPERVISION_MAX, NULL,
		 &supervision, &supervision_set},
		{"active", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &active, &active_set},
		{"protocol", LIA_JSON_STRING, 0, 16, 0, 0, protocols, &protocol, &protocol_set},
	};
	struct lia_problem p = {0};
	bool ok = lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p);
	if (ok && client_set == 1 && !check_client(r, client_id, d->org_id, &p))
		return;
	if (ok && model_set == 1 && !check_model(r, model_id, &p))
		return;
	if (ok) {
		if (supervision_set == 1)
			lia_device_check_supervision(supervision, &p);
		if (client_set)
			d->client_id = client_id;
		if (model_set)
			d->model_id = model_id;
		if (label_set)
			d->label = label && *label ? label : NULL;
		if (supervision_set)
			d->supervision_s = supervision;
		if (active_set)
			d->active = active;
		if (protocol_set)
			d->protocol = protocol;
		apply_key(r, d, key, key_set, format, format_set, &p);
	}
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	/* The client the device is installed at after the change is audited too, so
	 * that the install shows in that client's access log. */
	struct lia_audit_entry *first = &r->audit[r->naudit - 1];
	if (d->client_id && !first->client_id) {
		first->client_id = d->client_id;
	} else if (d->client_id && strcmp(first->client_id, d->client_id) != 0) {
		const char *role = first->actor_role; /* lia_req_audit may move the entries */
		struct lia_audit_entry *e =
			lia_req_audit(r, "device.update", d->client_id, d->org_id, "ok", NULL);
		e->actor_role = role;
		e->object_id = d->id;
	}
	r->ctx = w;
	lia_req_write(r, update_device);
}
