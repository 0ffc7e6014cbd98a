/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Prescriptions: POST/GET /api/v1/clients/{id}/prescriptions, GET .../{series_id},
 * POST .../{series_id}/versions (a change) and .../{series_id}/stop.
 *
 * A line is written by its prescriber (source "prescribed", the doctor's right) or
 * transcribed by a nurse from the photographed original (source "transcribed", with
 * the attachment): which act is asked of the policy follows the source. A change or a
 * stop applies from an instant (now by default, or later): the version in force is
 * closed there and, for a change, the next one starts there; doses due before it stay
 * the old version's. The line's ETag is the number of its latest version. Every write
 * rebuilds the client's due doses in the same transaction (dose_sync.h).
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/dose_sync.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"
#include "http/handlers/medication.h"
#include "http/handlers/planning.h"

static const char *const code_systems[] = {"cip13", "ucd", NULL};
static const char *const sources[] = {"prescribed", "transcribed", NULL};

struct rx_ctx {
	struct lia_med_scope sc;
	struct lia_prescription p;   /* the version to insert (create, change) */
	const char *series_id;       /* change, stop */
	int64_t expected_seq;
	int64_t effective_at;        /* change, stop */
	const char *stop_reason;
	int doses;                   /* doses rebuilt */
};

static bool
digits(const char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The drug code: a well-formed code with a wrong check digit is told apart from a
 * malformed one, because the first is usually a typing slip on a real box. */
static void
check_code(const struct lia_prescription *p, struct lia_problem *pb)
{
	if (!p->drug_code && !p->drug_code_system)
		return;
	if (!p->drug_code || !p->drug_code_system) {
		lia_problem_field(pb, p->drug_code ? "drug_code_system" : "drug_code",
				  LIA_FE_REQUIRED);
		return;
	}
	bool cip = !strcmp(p->drug_code_system, "cip13");
	bool thirteen = digits(p->drug_code, 13) && !strncmp(p->drug_code, "3400", 4);
	if (!thirteen && (cip || !digits(p->drug_code, 7)))
		lia_problem_field(pb, "drug_code", LIA_FE_INVALID_FORMAT);
	else if (!(cip ? lia_cip13_valid(p->drug_code) : lia_ucd_valid(p->drug_code)))
		lia_problem_field(pb, "drug_code", LIA_FE_INVALID_CHECK_DIGIT);
}

/* The times as a sorted array text; NULL with a field error when not valid. */
static const char *
times_text(struct lia_req *r, const cJSON *times, bool as_needed, struct lia_problem *pb)
{
	if (as_needed) {
		if (cJSON_GetArraySize(times) > 0)
			lia_problem_field(pb, "times", LIA_FE_INVALID_VALUE);
		return "[]";
	}
	char *text = times ? cJSON_PrintUnformatted(times) : NULL;
	int minutes[LIA_MED_MAX_TIMES];
	int n = text ? lia_med_times_parse(text, minutes) : 0;
	cJSON_free(text);
	if (n <= 0) {
		lia_problem_field(pb, "times", n == 0 ? LIA_FE_REQUIRED : LIA_FE_INVALID_VALUE);
		return NULL;
	}
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		char hhmm[6];
		lia_med_hhmm(minutes[i], hhmm);
		cJSON_AddItemToArray(arr, cJSON_CreateString(hhmm));
	}
	char *out = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	const char *copy = lia_arena_strdup(r->arena, out);
	cJSON_free(out);
	return copy;
}

static void
check_date(struct lia_problem *pb, const char *field, const char *date)
{
	if (date && !lia_date_valid(date))
		lia_problem_field(pb, field, LIA_FE_INVALID_DATE);
}

/* Decodes a prescription body into x->p; with_effective also reads effective_at. */
static bool
decode_line(struct lia_req *r, struct rx_ctx *x, bool with_effective, struct lia_problem *pb)
{
	cJSON *body = lia_req_json(r);
	if (!body)
		return false;
	struct lia_prescription *p = &x->p;
	const cJSON *times = NULL;
	bool as_needed = false, in_organiser = true;
	int in_organiser_set = 0, max_set = 0, eff_set = 0;
	int64_t max_per_day = 0;
	const char *effective = NULL;
	p->source = "prescribed";
	struct lia_json_field spec[] = {
		{"drug_label", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL, &p->drug_label, NULL},
		{"drug_code", LIA_JSON_STRING, LIA_JSON_NULLABLE, 13, 0, 0, NULL, &p->drug_code, NULL},
		{"drug_code_system", LIA_JSON_STRING, LIA_JSON_NULLABLE, 8, 0, 0, code_systems,
		 &p->drug_code_system, NULL},
		{"form", LIA_JSON_STRING, LIA_JSON_REQUIRED, 60, 0, 0, NULL, &p->form, NULL},
		{"dose", LIA_JSON_STRING, LIA_JSON_REQUIRED, 100, 0, 0, NULL, &p->dose, NULL},
		{"route", LIA_JSON_STRING, LIA_JSON_REQUIRED, 60, 0, 0, NULL, &p->route, NULL},
		{"times", LIA_JSON_ARRAY, LIA_JSON_NULLABLE, LIA_MED_MAX_TIMES + 1, 0, 0, NULL, &times,
		 NULL},
		{"as_needed", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &as_needed, NULL},
		{"max_per_day", LIA_JSON_INT, LIA_JSON_NULLABLE, 0, 1, 24, NULL, &max_per_day, &max_set},
		{"starts_on", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, NULL, &p->starts_on, NULL},
		{"ends_on", LIA_JSON_STRING, LIA_JSON_NULLABLE, 10, 0, 0, NULL, &p->ends_on, NULL},
		{"in_organiser", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &in_organiser, &in_organiser_set},
		{"prescriber_name", LIA_JSON_STRING, LIA_JSON_REQUIRED, 200, 0, 0, NULL,
		 &p->prescriber_name, NULL},
		{"prescriber_rpps", LIA_JSON_STRING, LIA_JSON_NULLABLE, 11, 0, 0, NULL,
		 &p->prescriber_rpps, NULL},
		{"prescribed_on", LIA_JSON_STRING, LIA_JSON_NULLABLE, 10, 0, 0, NULL, &p->prescribed_on,
		 NULL},
		{"instructions", LIA_JSON_STRING, LIA_JSON_NULLABLE, 1000, 0, 0, NULL, &p->instructions,
		 NULL},
		{"source", LIA_JSON_STRING, 0, 12, 0, 0, sources, &p->source, NULL},
		{"attachment_id", LIA_JSON_STRING, LIA_JSON_NULLABLE, 36, 0, 0, NULL, &p->attachment_id,
		 NULL},
		{"effective_at", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &effective, &eff_set},
	};
	size_t nspec = sizeof spec / sizeof spec[0] - (with_effective ? 0 : 1);
	if (!lia_json_decode(r->arena, body, spec, nspec, "", pb))
		return false;
	p->as_needed = as_needed;
	p->in_organiser = as_needed ? false : in_organiser;
	if (as_needed && in_organiser_set == 1 && in_organiser)
		lia_problem_field(pb, "in_organiser", LIA_FE_INVALID_VALUE);
	if (as_needed && max_set != 1)
		lia_problem_field(pb, "max_per_day", LIA_FE_REQUIRED);
	if (!as_needed && max_set == 1)
		lia_problem_field(pb, "max_per_day", LIA_FE_INVALID_VALUE);
	p->max_per_day = as_needed ? (int)max_per_day : 0;
	p->times = times_text(r, times, as_needed, pb);
	check_code(p, pb);
	check_date(pb, "starts_on", p->starts_on);
	check_date(pb, "ends_on", p->ends_on);
	check_date(pb, "prescribed_on", p->prescribed_on);
	if (p->ends_on && lia_date_valid(p->starts_on) && lia_date_valid(p->ends_on) &&
	    strcmp(p->ends_on, p->starts_on) < 0)
		lia_problem_field(pb, "ends_on", LIA_FE_END_BEFORE_START);
	char today[11];
	lia_days_to_date(x->sc.today, today);
	if (p->prescribed_on && lia_date_valid(p->prescribed_on) && strcmp(p->prescribed_on, today) > 0)
		lia_problem_field(pb, "prescribed_on", LIA_FE_IN_THE_FUTURE);
	if (p->prescriber_rpps && !digits(p->prescriber_rpps, 11))
		lia_problem_field(pb, "prescriber_rpps", LIA_FE_INVALID_FORMAT);
	if (!strcmp(p->source, "transcribed") && !p->attachment_id)
		lia_problem_field(pb, "attachment_id", LIA_FE_REQUIRED);
	if (p->attachment_id && !lia_uuid_valid(p->attachment_id))
		lia_problem_field(pb, "attachment_id", LIA_FE_INVALID_ID);
	x->effective_at = x->sc.now;
	if (eff_set == 1 && !lia_time_parse(effective, &x->effective_at))
		lia_problem_field(pb, "effective_at", LIA_FE_INVALID_TIME);
	else if (x->effective_at < x->sc.now - LIA_MINUTE_US) /* the past is what happened */
		lia_problem_field(pb, "effective_at", LIA_FE_OUT_OF_RANGE);
	return pb->kind == LIA_P_NONE;
}

/* The attachment must be one of this client's. */
static bool
check_attachment(struct lia_req *r, const struct rx_ctx *x, struct lia_problem *pb)
{
	if (!x->p.attachment_id)
		return true;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_attachment at;
	int st = c->ops->attachment_get(c, r->arena, x->p.attachment_id, &at);
	if (st == LIA_STORE_OK && !strcmp(at.client_id, x->sc.cl.id))
		return true;
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND) {
		lia_reply_store_error(r, st);
		return false;
	}
	lia_problem_field(pb, "attachment_id", LIA_FE_UNKNOWN_REFERENCE);
	lia_reply_problem(r, pb);
	return false;
}

static void
stamp_version(struct lia_req *r, struct rx_ctx *x)
{
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	x->p.id = id;
	x->p.org_id = x->sc.cl.org_id;
	x->p.client_id = x->sc.cl.id;
	x->p.valid_from = x->effective_at;
	x->p.version = 1;
	x->p.created_at = x->sc.now;
	x->p.created_by = r->account.id;
}

static enum lia_med_act
act_of(const char *source)
{
	return source && !strcmp(source, "transcribed") ? LIA_MED_TRANSCRIBE : LIA_MED_PRESCRIBE;
}

static void
reply_line(struct lia_req *r, struct rx_ctx *x, const struct lia_prescription *p, int status)
{
	cJSON *o = lia_prescription_json(p);
	cJSON_AddStringToObject(o, "status", lia_med_status(p, x->sc.now, x->sc.today));
	cJSON_AddNumberToObject(o, "doses_scheduled", x->doses);
	lia_reply_json(r, status, o);
	lia_reply_etag(r, p->seq);
}

static int
sync_doses(struct lia_conn *c, struct lia_req *r, struct rx_ctx *x)
{
	return lia_doses_sync(c, r->arena, x->sc.cl.id, x->sc.tz, x->sc.now, &x->doses);
}

static int
insert_line(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct rx_ctx *x = r->ctx;
	int st = c->ops->prescription_insert(c, &x->p);
	if (st == LIA_STORE_OK)
		st = sync_doses(c, r, x);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	reply_line(r, x, &x->p, 201);
	return LIA_STORE_OK;
}

void
lia_h_prescription_create(struct lia_req *r)
{
	struct lia_subject s;
	struct rx_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	struct lia_problem pb = {0};
	if (!lia_med_scope_load(r, &s, &x->sc))
		return;
	if (!decode_line(r, x, false, &pb)) {
		if (pb.kind != LIA_P_NONE)
			lia_reply_problem(r, &pb);
		return;
	}
	if (!lia_req_authorize_medication(r, &s, x->sc.cl.org_id, act_of(x->p.source),
					  "client.prescription.create", NULL) ||
	    !check_attachment(r, x, &pb))
		return;
	stamp_version(r, x);
	x->p.series_id = x->p.id;
	x->p.seq = 1;
	r->audit[r->naudit - 1].object_id = x->p.series_id;
	r->ctx = x;
	lia_req_write(r, insert_line);
}

/* ---- reading ---- */

static bool
load_lines(struct lia_req *r, const char *client_id, struct lia_prescription **ps, size_t *n)
{
	struct lia_conn *c = lia_req_conn(r);
	int st = c->ops->prescription_list(c, r->arena, client_id, ps, n);
	if (st != LIA_STORE_OK)
		lia_reply_store_error(r, st);
	return st == LIA_STORE_OK;
}

void
lia_h_prescription_list(struct lia_req *r)
{
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return;
	const char *which = lia_uri_param(&r->uri, "status");
	if (which && strcmp(which, "active") != 0 && strcmp(which, "all") != 0) {
		struct lia_problem pb = {0};
		lia_problem_field(&pb, "status", LIA_FE_INVALID_VALUE);
		pb.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &pb);
		return;
	}
	struct lia_prescription *ps;
	size_t n;
	if (!lia_req_authorize_client(r, &s, sc.cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "client.prescription.list", NULL) ||
	    !load_lines(r, sc.cl.id, &ps, &n))
		return;
	bool active_only = which && !strcmp(which, "active");
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", sc.cl.id);
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	/* One item per line: its latest version, ordered by series (creation). */
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && !strcmp(ps[i + 1].series_id, ps[i].series_id))
			continue;
		const char *status = lia_med_status(&ps[i], sc.now, sc.today);
		bool open = !strcmp(status, "active") || !strcmp(status, "future");
		if (active_only && !open)
			continue;
		cJSON *item = lia_prescription_json(&ps[i]);
		cJSON_AddStringToObject(item, "status", status);
		cJSON_AddItemToArray(items, item);
	}
	lia_reply_json(r, 200, o);
}

void
lia_h_prescription_get(struct lia_req *r)
{
	struct lia_subject s;
	struct lia_med_scope sc;
	if (!lia_med_scope_load(r, &s, &sc))
		return;
	struct lia_prescription *ps;
	size_t n;
	if (!lia_req_authorize_client(r, &s, sc.cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "client.prescription.read", NULL) ||
	    !load_lines(r, sc.cl.id, &ps, &n))
		return;
	const struct lia_prescription *last = lia_med_latest(ps, n, r->params[1]);
	if (!last) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	r->audit[r->naudit - 1].object_id = last->series_id;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "series_id", last->series_id);
	cJSON_AddStringToObject(o, "status", lia_med_status(last, sc.now, sc.today));
	cJSON *versions = cJSON_AddArrayToObject(o, "versions");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ps[i].series_id, last->series_id))
			cJSON_AddItemToArray(versions, lia_prescription_json(&ps[i]));
	lia_reply_json(r, 200, o);
	lia_reply_etag(r, last->seq);
}

/* ---- change and stop ---- */

/* In the transaction: closes the latest version at x->effective_at and, for a
 * change (x->p.drug_label set), inserts the next version from there. */
static int
close_line(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct rx_ctx *x = r->ctx;
	struct lia_prescription *ps;
	size_t n;
	int st = c->ops->prescription_list(c, r->arena, x->sc.cl.id, &ps, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	const struct lia_prescription *last = lia_med_latest(ps, n, x->series_id);
	enum lia_problem_kind k = LIA_P_NONE;
	if (!last)
		k = LIA_P_NOT_FOUND;
	else if (last->seq != x->expected_seq)
		k = LIA_P_VERSION_MISMATCH;
	else if (last->valid_until)
		k = LIA_P_PRESCRIPTION_STOPPED;
	else if (last->valid_from >= x->effective_at)
		k = LIA_P_LATER_VERSION_EXISTS;
	if (k != LIA_P_NONE) {
		lia_reply_error(r, k);
		return k == LIA_P_NOT_FOUND ? LIA_STORE_NOT_FOUND : LIA_STORE_CONFLICT;
	}
	bool change = x->p.drug_label != NULL;
	struct lia_prescription closed = *last;
	closed.valid_until = x->effective_at;
	closed.end_reason = change ? "changed" : "stopped";
	closed.end_note = change ? NULL : x->stop_reason;
	closed.ended_by = r->account.id;
	st = c->ops->prescription_close(c, &closed, last->version);
	if (st == LIA_STORE_OK && change) {
		x->p.series_id = last->series_id;
		x->p.seq = last->seq + 1;
		st = c->ops->prescription_insert(c, &x->p);
	}
	if (st == LIA_STORE_OK)
		st = sync_doses(c, r, x);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	closed.version = last->version + 1;
	reply_line(r, x, change ? &x->p : &closed, change ? 201 : 200);
	return LIA_STORE_OK;
}

void
lia_h_prescription_change(struct lia_req *r)
{
	struct lia_subject s;
	struct rx_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	struct lia_problem pb = {0};
	if (!lia_med_scope_load(r, &s, &x->sc) || !lia_req_if_match(r, &x->expected_seq))
		return;
	if (!decode_line(r, x, true, &pb)) {
		if (pb.kind != LIA_P_NONE)
			lia_reply_problem(r, &pb);
		return;
	}
	if (!lia_req_authorize_medication(r, &s, x->sc.cl.org_id, act_of(x->p.source),
					  "client.prescription.change", NULL) ||
	    !check_attachment(r, x, &pb))
		return;
	stamp_version(r, x);
	x->series_id = r->params[1];
	r->audit[r->naudit - 1].object_id = x->series_id;
	r->ctx = x;
	lia_req_write(r, close_line);
}

void
lia_h_prescription_stop(struct lia_req *r)
{
	struct lia_subject s;
	struct rx_ctx *x = lia_arena_alloc(r->arena, sizeof *x);
	struct lia_problem pb = {0};
	if (!lia_med_scope_load(r, &s, &x->sc) || !lia_req_if_match(r, &x->expected_seq))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	const char *source = "prescribed", *effective = NULL;
	int eff_set = 0;
	struct lia_json_field spec[] = {
		{"reason", LIA_JSON_STRING, LIA_JSON_REQUIRED, 500, 0, 0, NULL, &x->stop_reason, NULL},
		{"source", LIA_JSON_STRING, 0, 12, 0, 0, sources, &source, NULL},
		{"effective_at", LIA_JSON_STRING, LIA_JSON_NULLABLE, 40, 0, 0, NULL, &effective, &eff_set},
	};
	if (lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &pb)) {
		x->effective_at = x->sc.now;
		if (eff_set == 1 && !lia_time_parse(effective, &x->effective_at))
			lia_problem_field(&pb, "effective_at", LIA_FE_INVALID_TIME);
		else if (x->effective_at < x->sc.now - LIA_MINUTE_US)
			lia_problem_field(&pb, "effective_at", LIA_FE_OUT_OF_RANGE);
	}
	if (pb.kind != LIA_P_NONE) {
		lia_reply_problem(r, &pb);
		return;
	}
	if (!lia_req_authorize_medication(r, &s, x->sc.cl.org_id, act_of(source),
					  "client.prescription.stop", NULL))
		return;
	x->series_id = r->params[1];
	r->audit[r->naudit - 1].object_id = x->series_id;
	r->ctx = x;
	lia_req_write(r, close_line);
}
