/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Antenna bundles over HTTP: GET /api/v1/exports (the organisations in the caller's
 * management scope that are scheduled or were exported since the start, with the run
 * in progress and the last complete bundle), POST /api/v1/orgs/{id}/exports (a bundle
 * now), GET /api/v1/exports/signing-key (the key to pin at the antennas). The work
 * itself is the scheduler's (export/schedule.h); these only read and ask it.
 */
#include <string.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "export/schedule.h"
#include "http/handlers/handlers.h"
#include "http/server.h"

#define MAX_SCOPES 32

static bool
in_scope(const char *path, const char *const *scope, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strncmp(path, scope[i], strlen(scope[i])))
			return true;
	return false;
}

static cJSON *
running_json(const struct lia_export_status *st)
{
	cJSON *j = cJSON_CreateObject();
	lia_json_add_time(j, "started_at", st->started_at);
	cJSON_AddNumberToObject(j, "done", (double)st->done);
	cJSON_AddNumberToObject(j, "total", (double)st->total);
	cJSON_AddNumberToObject(j, "reused", (double)st->reused);
	double elapsed = (double)(lia_clock_now_us() - st->started_at) / 1e6;
	double rate = elapsed > 0 ? (double)st->done / elapsed : 0;
	cJSON_AddNumberToObject(j, "rate_per_s", (double)(int64_t)(rate * 10 + 0.5) / 10);
	/* Time left is only known once the clients are listed and some are written. */
	if (rate > 0 && st->total >= st->done && st->total > 0) {
		double left = (double)(st->total - st->done) / rate;
		cJSON_AddNumberToObject(j, "eta_s", (double)(int64_t)(left + 0.5));
	} else {
		cJSON_AddNullToObject(j, "eta_s");
	}
	return j;
}

static cJSON *
last_json(const struct lia_export_status *st)
{
	const struct lia_bundle_result *b = &st->last;
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "path", b->path);
	lia_json_add_time(j, "finished_at", st->last_finished_at);
	cJSON_AddNumberToObject(j, "clients", (double)b->clients);
	cJSON_AddNumberToObject(j, "files", (double)b->files);
	cJSON_AddNumberToObject(j, "bytes", (double)b->bytes);
	if (b->seconds < 0) {
		/* Found on disk at start: what its run did is not known. */
		cJSON_AddNullToObject(j, "rendered");
		cJSON_AddNullToObject(j, "reused");
		cJSON_AddNullToObject(j, "seconds");
		return j;
	}
	cJSON_AddNumberToObject(j, "rendered", (double)b->rendered);
	cJSON_AddNumberToObject(j, "reused", (double)b->reused);
	cJSON_AddNumberToObject(j, "seconds", (double)(int64_t)(b->seconds * 100 + 0.5) / 100);
	return j;
}

static cJSON *
status_json(const struct lia_export_status *st)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "org_id", st->org_id);
	cJSON_AddStringToObject(j, "org_name", st->org_name);
	if (st->interval_minutes)
		cJSON_AddNumberToObject(j, "interval_minutes", (double)st->interval_minutes);
	else
		cJSON_AddNullToObject(j, "interval_minutes");
	cJSON_AddStringToObject(j, "profile", st->profile);
	if (st->next_run_at)
		lia_json_add_time(j, "next_run_at", st->next_run_at);
	else
		cJSON_AddNullToObject(j, "next_run_at");
	cJSON_AddBoolToObject(j, "queued", st->queued);
	if (st->running)
		cJSON_AddItemToObject(j, "running", running_json(st));
	else
		cJSON_AddNullToObject(j, "running");
	if (st->has_last)
		cJSON_AddItemToObject(j, "last", last_json(st));
	else
		cJSON_AddNullToObject(j, "last");
	lia_json_add_str(j, "last_error", st->last_error[0] ? st->last_error : NULL);
	if (st->last_error_at)
		lia_json_add_time(j, "last_error_at", st->last_error_at);
	else
		cJSON_AddNullToObject(j, "last_error_at");
	return j;
}

void
lia_h_export_list(struct lia_req *r)
{
	const char *scope[MAX_SCOPES];
	size_t nscope = lia_access_manage_scope(&r->actor, LIA_MANAGE_VIEW, scope, MAX_SCOPES);
	if (nscope == 0) {
		lia_req_audit(r, "export.list", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	if (!r->srv->exports) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	struct lia_export_status *all;
	size_t n = lia_export_schedule_list(r->srv->exports, r->arena, &all);
	cJSON *o = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		if (in_scope(all[i].org_path, scope, nscope))
			cJSON_AddItemToArray(items, status_json(&all[i]));
	lia_reply_json(r, 200, o);
}

void
lia_h_export_start(struct lia_req *r)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_org org;
	int st = LIA_STORE_NOT_FOUND;
	if (lia_uuid_valid(r->params[0]))
		st = c->ops->org_get(c, r->arena, r->params[0], &org);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org.path, LIA_MANAGE_PLANNING, &d);
	struct lia_audit_entry *e =
		lia_req_audit(r, "export.start", NULL, org.id, d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	e->object_id = org.id;
	if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return;
	}
	if (!r->srv->exports) {
		e->outcome = "failed";
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	struct lia_export_status *s = lia_arena_alloc(r->arena, sizeof *s);
	switch (lia_export_schedule_trigger(r->srv->exports, org.id, org.name, org.path, s)) {
	case LIA_EXPORT_QUEUED:
		lia_reply_json(r, 202, status_json(s));
		return;
	case LIA_EXPORT_BUSY:
		e->outcome = "failed";
		e->detail = "export_running";
		lia_reply_error(r, LIA_P_EXPORT_RUNNING);
		return;
	case LIA_EXPORT_STOPPING:
		break;
	}
	e->outcome = "failed";
	e->detail = "stopping";
	lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
}

void
lia_h_export_key(struct lia_req *r)
{
	if (!r->srv->exports) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
	sodium_bin2hex(hex, sizeof hex, lia_export_schedule_public_key(r->srv->exports),
		       crypto_sign_PUBLICKEYBYTES);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "algorithm", "Ed25519");
	cJSON_AddStringToObject(o, "public_key", hex);
	lia_reply_json(r, 200, o);
}
