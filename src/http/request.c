/* SPDX-License-Identifier: EUPL-1.2 */
/* Reply, body, access and audit helpers shared by every handler (see request.h). */
#include "http/request.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "http/routes.h"
#include "http/server.h"

static _Thread_local struct lia_conn *thread_conn;
static pthread_key_t conn_key;
static pthread_once_t conn_key_once = PTHREAD_ONCE_INIT;

static void
close_conn(void *c)
{
	struct lia_conn *conn = c;
	conn->ops->conn_close(conn);
}

static void
make_key(void)
{
	pthread_key_create(&conn_key, close_conn);
}

struct lia_conn *
lia_req_conn(struct lia_req *r)
{
	/* One read connection per worker thread, opened lazily and kept until the
	 * thread ends (the key's destructor closes it): SQLite connections must not be
	 * shared between threads, and both backends prepare statements per connection. */
	if (thread_conn)
		return thread_conn;
	if (lia_store_connect(r->srv->database_url, &thread_conn) != LIA_STORE_OK) {
		thread_conn = NULL;
		return NULL;
	}
	pthread_once(&conn_key_once, make_key);
	pthread_setspecific(conn_key, thread_conn);
	return thread_conn;
}

void
lia_reply_json(struct lia_req *r, int status, cJSON *root)
{
	free(r->reply);
	r->reply = cJSON_PrintUnformatted(root);
	r->reply_len = r->reply ? strlen(r->reply) : 0;
	r->status = status;
	cJSON_Delete(root);
}

void
lia_reply_empty(struct lia_req *r, int status)
{
	free(r->reply);
	r->reply = NULL;
	r->reply_len = 0;
	r->status = status;
}

void
lia_reply_bytes(struct lia_req *r, int status, const char *content_type, const unsigned char *data,
		size_t n)
{
	free(r->reply);
	r->reply = lia_xmalloc(n ? n : 1);
	if (n)
		memcpy(r->reply, data, n);
	r->reply_len = n;
	r->status = status;
	lia_reply_header(r, "Content-Type", content_type);
}

void
lia_reply_header(struct lia_req *r, const char *name, const char *value)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i][0], name) == 0) {
			r->headers[i][1] = value;
			return;
		}
	if (r->nheaders < LIA_REQ_MAX_HEADERS) {
		r->headers[r->nheaders][0] = name;
		r->headers[r->nheaders][1] = value;
		r->nheaders++;
	}
}

void
lia_reply_problem(struct lia_req *r, const struct lia_problem *p)
{
	enum lia_problem_kind kind = p->kind == LIA_P_NONE ? LIA_P_INTERNAL_ERROR : p->kind;
	int status = lia_problem_status(kind);
	const char *code = lia_problem_code(kind);
	const char *title = lia_problem_title(kind, r->french);
	const char *detail = r->french ? p->detail_fr : p->detail_en;

	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", lia_arena_printf(r->arena, "urn:liaison:problem:%s", code));
	cJSON_AddStringToObject(o, "title", title);
	cJSON_AddNumberToObject(o, "status", status);
	cJSON_AddStringToObject(o, "detail", detail ? detail : title);
	cJSON_AddStringToObject(o, "code", code);
	cJSON_AddStringToObject(o, "request_id", r->request_id);
	if (p->nfields) {
		cJSON *errs = cJSON_AddArrayToObject(o, "errors");
		for (size_t i = 0; i < p->nfields; i++) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "field", p->fields[i].field);
			cJSON_AddStringToObject(e, "code", lia_field_error_code(p->fields[i].code));
			cJSON_AddItemToArray(errs, e);
		}
	}
	if (p->existing_id)
		cJSON_AddStringToObject(o, "existing_id", p->existing_id);
	if (p->retry_after_s > 0)
		lia_reply_header(r, "Retry-After", lia_arena_printf(r->arena, "%d", p->retry_after_s));
	lia_reply_json(r, status, o);
	lia_reply_header(r, "Content-Type", "application/problem+json");
}

void
lia_reply_error(struct lia_req *r, enum lia_problem_kind kind)
{
	struct lia_problem p = {.kind = kind};
	lia_reply_problem(r, &p);
}

void
lia_reply_store_error(struct lia_req *r, int st)
{
	switch (st) {
	case LIA_STORE_NOT_FOUND:
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	case LIA_STORE_CONFLICT:
		lia_reply_error(r, LIA_P_ALREADY_EXISTS);
		return;
	case LIA_STORE_STALE:
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return;
	case LIA_STORE_RETRY:
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	default:
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
}

cJSON *
lia_req_json(struct lia_req *r)
{
	struct lia_problem p = {0};
	const char *ct = r->h_content_type;
	if (!ct || strncasecmp(ct, "application/json", 16) != 0 ||
	    (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' ')) {
		lia_problem_set(&p, LIA_P_UNSUPPORTED_MEDIA_TYPE, "Send Content-Type: application/json",
				"Envoyez Content-Type: application/json");
		lia_reply_problem(r, &p);
		return NULL;
	}
	if (!lia_utf8_valid(r->body, r->body_len)) {
		lia_reply_error(r, LIA_P_INVALID_UTF8);
		return NULL;
	}
	cJSON *root = lia_json_parse(r->body, r->body_len, &p);
	if (!root) {
		lia_reply_problem(r, &p);
		return NULL;
	}
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		lia_problem_set(&p, LIA_P_MALFORMED_JSON, "The body must be a JSON object",
				"Le corps doit être un objet JSON");
		lia_reply_problem(r, &p);
		return NULL;
	}
	r->json = root; /* deleted when the request ends (server.c) */
	return root;
}

struct lia_audit_entry *
lia_req_audit(struct lia_req *r, const char *action, const char *client_id, const char *org_id,
	      const char *outcome, const char *detail)
{
	if (r->naudit == r->audit_cap) {
		size_t cap = r->audit_cap ? r->audit_cap * 2 : 4;
		struct lia_audit_entry *n = lia_arena_alloc(r->arena, cap * sizeof *n);
		if (r->naudit)
			memcpy(n, r->audit, r->naudit * sizeof *n);
		r->audit = n;
		r->audit_cap = cap;
	}
	struct lia_audit_entry *e = &r->audit[r->naudit++];
	memset(e, 0, sizeof *e);
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	e->id = id;
	e->at = lia_clock_now_us();
	e->org_id = org_id ? org_id : (r->authenticated ? r->account.org_id : NULL);
	e->actor_id = r->authenticated ? r->account.id : NULL;
	e->actor_role = NULL;
	e->action = action;
	e->client_id = client_id;
	e->ip = r->ip;
	e->request_id = r->request_id;
	e->outcome = outcome;
	e->detail = detail;
	return e;
}

void
lia_req_audit_failed(struct lia_req *r, const char *detail)
{
	for (size_t i = 0; i < r->naudit; i++) {
		r->audit[i].outcome = "failed";
		r->audit[i].detail = detail;
	}
}

bool
lia_req_subject(struct lia_req *r, const struct lia_client *cl, bool full, struct lia_subject *s)
{
	memset(s, 0, sizeof *s);
	s->client_id = cl->id;
	s->org_path = cl->org_path;
	s->now = lia_clock_now_us();
	if (!full || !cl->id)
		return true; /* no circle to date: organisation-scoped rights only */
	char *today = lia_arena_alloc(r->arena, 11);
	lia_date_of(s->now, today);
	s->today = today;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_circle_member *circle = NULL;
	struct lia_consent *consents = NULL;
	struct lia_break_glass *glass = NULL;
	if (c->ops->circle_list(c, r->arena, cl->id, &circle, &s->ncircle) != LIA_STORE_OK ||
	    c->ops->consent_list(c, r->arena, cl->id, &consents, &s->nconsents) != LIA_STORE_OK ||
	    (r->actor.account_id &&
	     c->ops->break_glass_list(c, r->arena, cl->id, r->actor.account_id, &glass,
				      &s->nglass) != LIA_STORE_OK)) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return false;
	}
	s->circle = circle;
	s->consents = consents;
	s->glass = glass;
	return true;
}

static void
audit_decision(struct lia_req *r, const struct lia_subject *s, const char *client_org_id,
	       const char *audit_action, const struct lia_decision *d)
{
	struct lia_audit_entry *e = lia_req_audit(r, audit_action, s->client_id, client_org_id,
						  d->allow ? "ok" : "denied", d->reason);
	e->actor_role = d->as_role;
}

/* Audits a decision taken about a client and answers a refusal. */
static bool
judged(struct lia_req *r, const struct lia_subject *s, const char *client_org_id,
       const char *audit_action, const struct lia_decision *d, struct lia_decision *out)
{
	audit_decision(r, s, client_org_id, audit_action, d);
	if (!d->allow) {
		lia_log(LIA_LOG_INFO, "access.denied", "request_id=%s account=%s client=%s reason=%s",
			r->request_id, r->account.id ? r->account.id : "-",
			s->client_id ? s->client_id : "-", d->reason);
		lia_reply_error(r, d->hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	}
	if (out)
		*out = *d;
	return d->allow;
}

bool
lia_req_authorize_client(struct lia_req *r, const struct lia_subject *s, const char *client_org_id,
			 enum lia_category category, enum lia_action action,
			 const char *audit_action, struct lia_decision *out)
{
	struct lia_decision d;
	lia_access_decide(&r->actor, s, category, action, &d);
	return judged(r, s, client_org_id, audit_action, &d, out);
}

void
lia_req_decide_client(struct lia_req *r, const struct lia_subject *s, const char *client_org_id,
		      enum lia_category category, enum lia_action action,
		      const char *audit_action, struct lia_decision *out)
{
	lia_access_decide(&r->actor, s, category, action, out);
	audit_decision(r, s, client_org_id, audit_action, out);
}

bool
lia_req_authorize_medication(struct lia_req *r, const struct lia_subject *s,
			     const char *client_org_id, enum lia_med_act act,
			     const char *audit_action, struct lia_decision *out)
{
	struct lia_decision d;
	lia_access_decide_medication(&r->actor, s, act, &d);
	return judged(r, s, client_org_id, audit_action, &d, out);
}

void
lia_req_write(struct lia_req *r, lia_store_write_fn fn)
{
	r->has_job = true;
	r->job.fn = fn;
	r->job.cls = r;
}

void
lia_req_defer(struct lia_req *r, void (*fn)(struct lia_req *r))
{
	r->deferred = fn;
}

bool
lia_req_if_match(struct lia_req *r, int64_t *version)
{
	const char *h = r->h_if_match;
	if (!h) {
		lia_reply_error(r, LIA_P_IF_MATCH_REQUIRED);
		return false;
	}
	if (!strncmp(h, "W/", 2))
		h += 2;
	char buf[32];
	size_t n = strlen(h);
	if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
		h++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof buf) {
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return false;
	}
	memcpy(buf, h, n);
	buf[n] = '\0';
	char *end;
	errno = 0;
	long long v = strtoll(buf, &end, 10);
	if (errno || *end || v < 1) {
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return false;
	}
	*version = v;
	return true;
}

bool
lia_req_if_match_put(struct lia_req *r, int get_status, int64_t *expected)
{
	if (get_status != LIA_STORE_OK && get_status != LIA_STORE_NOT_FOUND) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, get_status);
		return false;
	}
	if (get_status == LIA_STORE_OK) {
		if (lia_req_if_match(r, expected))
			return true;
		lia_req_audit_failed(r, "if_match");
		return false;
	}
	const char *h = r->h_if_match;
	if (h && strcmp(h, "0") && strcmp(h, "\"0\"") && strcmp(h, "W/\"0\"")) {
		lia_req_audit_failed(r, "version_mismatch");
		lia_reply_error(r, LIA_P_VERSION_MISMATCH);
		return false;
	}
	*expected = 0;
	return true;
}

void
lia_reply_etag(struct lia_req *r, int64_t version)
{
	lia_reply_header(r, "ETag", lia_arena_printf(r->arena, "\"%lld\"", (long long)version));
}

