/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * POST /api/v1/visits/{id}/delivery: the worker of a meal round (or a coordinator)
 * confirms that a meal was delivered, or reports that it could not be.
 *
 * A delivery is counted as a visit, not as hours: it is not clocked in and out like
 * an intervention. The confirmation closes the visit ("done") with check_in_at =
 * check_out_at = now (check_in_at kept when the worker had checked in) and
 *   - delivered: retained times = the planned start and end, so that the month's
 *     hours and the ESPPADOM export count the planned slot;
 *   - failed: done as well (the round went there), delivery_outcome "failed", no
 *     retained period: nothing to bill, and the export leaves it out.
 * A failure because the client was absent (client_absent) raises, in the same
 * transaction, a "delivery_failed" alert of high severity for the coordinators: an
 * old person who does not open the door may have fallen. The alert is raised once
 * per visit (dedup_key "delivery_failed:<visit id>").
 *
 * The visit has no column for a free-text delivery note: the note is kept in the
 * alert's details when an alert is raised, and not stored otherwise.
 *
 * A retry with the same Idempotency-Key gets the first answer (lia_req_write); the
 * status checks run in the write transaction, after that replay check.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"


static const char *const outcomes[] = {"delivered", "failed", NULL};
static const char *const reasons[] = {"client_absent", "client_refused", "access_impossible",
				      "other", NULL};

struct delivery {
	const char *visit_id;
	const char *outcome;
	const char *reason;
	const char *note;
	int64_t device_at;
	int64_t now;
	const char *method;
	const char *tz;
	char alert_id[LIA_UUID_STRLEN + 1];
};

static bool
is_staff(const struct lia_req *r)
{
	return r->actor.kind && !strcmp(r->actor.kind, "staff");
}

static int
delivery_fn(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	const struct delivery *d = r->ctx;
	struct lia_visit v;
	int st = c->ops->visit_get(c, r->arena, d->visit_id, &v);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	enum lia_problem_kind k = LIA_P_NONE;
	if (!strcmp(v.status, "cancelled"))
		k = LIA_P_VISIT_CANCELLED;
	else if (!strcmp(v.status, "suspended"))
		k = LIA_P_VISIT_SUSPENDED;
	else if (strcmp(v.status, "planned") != 0 && strcmp(v.status, "in_progress") != 0)
		k = LIA_P_VISIT_CLOSED;
	if (k != LIA_P_NONE) {
		lia_reply_error(r, k);
		return LIA_STORE_CONFLICT;
	}
	int64_t expected = v.version;
	bool delivered = !strcmp(d->outcome, "delivered");
	v.status = "done";
	v.delivery_outcome = d->outcome;
	v.delivery_reason = delivered ? NULL : d->reason;
	if (!v.check_in_at) {
		v.check_in_at = d->now;
		v.check_in_device_at = d->device_at;
		v.check_in_method = d->method;
	}
	v.check_out_at = d->now;
	v.check_out_device_at = d->device_at;
	v.check_out_method = d->method;
	v.retained_start = delivered ? v.planned_start : 0;
	v.retained_end = delivered ? v.planned_end : 0;
	v.updated_at = d->now;
	st = c->ops->visit_update(c, &v, expected);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	v.version = expected + 1;
	if (!delivered && !strcmp(d->reason, "client_absent")) {
		cJSON *details = cJSON_CreateObject();
		cJSON_AddStringToObject(details, "visit_id", v.id);
		cJSON_AddStringToObject(details, "reason", d->reason);
		lia_json_add_str(details, "round_id", v.round_id);
		if (d->note)
			cJSON_AddStringToObject(details, "note", d->note);
		char *text = cJSON_PrintUnformatted(details);
		cJSON_Delete(details);
		struct lia_alert al = {
			.id = d->alert_id,
			.org_id = v.org_id,
			.client_id = v.client_id,
			.type = "delivery_failed",
			.severity = "high",
			.state = "raised",
			.source = "rule",
			.source_ref = v.id,
			.dedup_key = lia_arena_printf(r->arena, "delivery_failed:%s", v.id),
			.details = lia_arena_strdup(r->arena, text),
			.raised_at = d->now,
			.version = 1,
		};
		cJSON_free(text);
		st = c->ops->alert_insert(c, &al);
		if (st != LIA_STORE_OK) {
			lia_reply_store_error(r, st);
			return st;
		}
	}
	lia_reply_json(r, 200, lia_visit_json(&v, d->tz));
	lia_reply_etag(r, v.version);
	return LIA_STORE_OK;
}

void
lia_h_visit_delivery(struct lia_req *r)
{
	struct lia_visit v;
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_visit_load(r, &v, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct delivery *d = lia_arena_alloc(r->arena, sizeof *d);
	const char *device_time = NULL;
	struct lia_json_field spec[] = {
		{"outcome", LIA_JSON_STRING, LIA_JSON_REQUIRED, 16, 0, 0, outcomes, &d->outcome,
		 NULL},
		{"reason", LIA_JSON_STRING, LIA_JSON_NULLABLE, 32, 0, 0, reasons, &d->reason, NULL},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 500, 0, 0, NULL, &d->note, NULL},
		{"device_time", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &device_time,
		 NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!strcmp(d->outcome, "failed") && !d->reason)
		lia_problem_field(&p, "reason", LIA_FE_REQUIRED);
	if (!strcmp(d->outcome, "delivered") && d->reason)
		lia_problem_field(&p, "reason", LIA_FE_INVALID_VALUE);
	if (d->note && !*d->note)
		d->note = NULL;
	if (device_time && !lia_time_parse(device_time, &d->device_at))
		lia_problem_field(&p, "device_time", LIA_FE_INVALID_TIME);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	/* The assigned worker (relation visit:assigned), or staff who may update the
	 * client's daily life (the coordinator). Not the client nor their family, who
	 * also write daily notes. */
	struct lia_decision dec;
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_DAILY, LIA_ACT_UPDATE,
				      "visit.delivery", &dec)) {
		if (!dec.hide_existence && is_staff(r))
			lia_reply_error(r, LIA_P_NOT_ASSIGNED);
		return;
	}
	struct lia_audit_entry *e = &r->audit[r->naudit - 1];
	e->object_id = v.id;
	if (!s.assigned_visit && !is_staff(r)) {
		e->outcome = "denied";
		e->detail = "not_staff";
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	if (strcmp(v.type, LIA_DELIVERY_TYPE) != 0) {
		lia_req_audit_failed(r, "not_a_delivery");
		lia_reply_error(r, LIA_P_NOT_A_DELIVERY);
		return;
	}
	d->visit_id = v.id;
	d->now = lia_clock_now_us();
	d->method = s.assigned_visit ? "app" : "manual";
	d->tz = lia_org_tz(r, v.org_id);
	lia_uuid7(d->alert_id);
	r->ctx = d;
	lia_req_write(r, delivery_fn);
}
