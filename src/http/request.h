/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * One HTTP request as handlers see it, and the helpers every handler uses.
 *
 * A handler has one shape (STYLE.md): the server has already authenticated the
 * caller (per the route), parsed the URI and read the bounded body; the handler
 * decodes the body with a field spec, validates, asks the access decision, and
 * either replies at once or hands a write function to the group committer with
 * lia_req_write(). Audit entries added with lia_req_audit() are made durable before
 * the reply leaves, in the same transaction as the handler's write when there is one.
 *
 * Memory: everything hangs off r->arena and is released when the request ends.
 * Handlers never free.
 */
#ifndef LIA_HTTP_REQUEST_H
#define LIA_HTTP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/json_out.h"
#include "domain/policy.h"
#include "http/committer.h"
#include "http/json_spec.h"
#include "http/uri.h"
#include "store/store.h"

struct lia_server;
struct lia_route;

#define LIA_REQ_MAX_HEADERS 6

struct lia_req {
	struct lia_arena *arena;
	struct lia_server *srv;
	const struct lia_route *route;
	char request_id[40];
	const char *method;
	struct lia_uri uri;
	const char *params[4];      /* path parameters, in pattern order */
	const char *ip;
	bool french;                /* language of titles and details (Accept-Language) */

	/* Request headers the handlers use (NULL when absent). */
	const char *h_authorization;
	const char *h_cookie;
	const char *h_if_match;
	const char *h_idempotency_key;
	const char *h_content_type;
	const char *h_csrf;
	const char *h_last_event_id; /* Server-Sent Events: resume after this id */

	/* Body, NUL-terminated, at most route->max_body bytes. */
	char *body;
	size_t body_len;
	cJSON *json;                /* parsed body, owned by the request */

	/* Who is asking (route->auth == LIA_AUTH_SESSION). */
	bool authenticated;
	struct lia_account account;
	struct lia_actor actor;
	const char *token_hash;

	/* The handler's own state, for its deferred part and its write function. */
	void *ctx;
	/* Set by lia_req_defer: the rest of the handler, to run on the slow-work pool. */
	void (*deferred)(struct lia_req *r);

	/* The reply. */
	int status;
	char *reply;                /* heap (malloc) JSON text, freed by the server */
	size_t reply_len;
	const char *headers[LIA_REQ_MAX_HEADERS][2];
	size_t nheaders;

	/* Durable side effects. */
	struct lia_audit_entry *audit;
	size_t naudit, audit_cap;
	struct lia_job job;
	bool has_job;
	/* Set by a write function that signs out or changes permissions: once the
	 * batch commits, cached sessions are re-read (auth_cache.h). */
	bool auth_changed;
	/* Set by a handler that answers with a live stream (sse.h) instead of a body. */
	struct lia_sse_stream *stream;
};

/* The thread's read connection (opened on first use, kept for the thread's life). */
struct lia_conn *lia_req_conn(struct lia_req *r);

/* ---- replies ---- */
/* Takes ownership of root (deleted here) and serialises it as the reply. */
void lia_reply_json(struct lia_req *r, int status, cJSON *root);
void lia_reply_empty(struct lia_req *r, int status);
/* A binary reply: copies data[0..n) and sets Content-Type. */
void lia_reply_bytes(struct lia_req *r, int status, const char *content_type,
		     const unsigned char *data, size_t n);
/* Problem details (RFC 9457) in the request's language. */
void lia_reply_problem(struct lia_req *r, const struct lia_problem *p);
/* Shorthand for a problem with no field errors. */
void lia_reply_error(struct lia_req *r, enum lia_problem_kind kind);
/* Adds a response header; name and value must live as long as the request. */
void lia_reply_header(struct lia_req *r, const char *name, const char *value);
/* Answers for a store status that is not OK (404, 409, 412, 503...). */
void lia_reply_store_error(struct lia_req *r, int store_status);

/* ---- body ---- */
/* Parses the body as a JSON object (415 unless Content-Type is application/json,
 * 400 on bad UTF-8 or JSON). On failure the reply is set and NULL returned. The
 * tree is deleted when the request ends. */
cJSON *lia_req_json(struct lia_req *r);

/* ---- access and audit ---- */
/* Fills s for client cl: its id and organisation path, and when `full`, what relates
 * people to it (care circle, consents, the actor's break-the-glass accesses) read
 * from the store. False, with a 503 reply, when the store fails. */
bool lia_req_subject(struct lia_req *r, const struct lia_client *cl, bool full,
		     struct lia_subject *s);

/* Asks the access decision about `category` and `action` on the subject's client.
 * Always adds an audit entry (ok or denied, with the reason; a break-the-glass read
 * is flagged). On deny sets the reply (404 or 403) and returns false. d, when not
 * NULL, receives the decision (audiences, break-the-glass). */
bool lia_req_authorize_client(struct lia_req *r, const struct lia_subject *s,
			      const char *client_org_id, enum lia_category category,
			      enum lia_action action, const char *audit_action,
			      struct lia_decision *d);
/* The same decision, audited the same way, but never answers: for a handler that
 * withholds what a refusal covers (a section of a printed record) rather than refuse
 * the request. */
void lia_req_decide_client(struct lia_req *r, const struct lia_subject *s,
			   const char *client_org_id, enum lia_category category,
			   enum lia_action action, const char *audit_action,
			   struct lia_decision *out);
/* The same for a medication act (policy.h enum lia_med_act). */
bool lia_req_authorize_medication(struct lia_req *r, const struct lia_subject *s,
				  const char *client_org_id, enum lia_med_act act,
				  const char *audit_action, struct lia_decision *d);
/* Appends an audit entry about this request; returns it for extra fields. */
struct lia_audit_entry *lia_req_audit(struct lia_req *r, const char *action,
				      const char *client_id, const char *org_id,
				      const char *outcome, const char *detail);

/* Marks every audit entry of r as failed with detail (the access was granted but
 * the action did not happen). */
void lia_req_audit_failed(struct lia_req *r, const char *detail);

/* ---- writes ---- */
/* Hands fn to the group committer. fn runs on the committer thread, in the batch
 * transaction, and must set the reply (success or problem) itself; the audit entries
 * already added go into the same transaction. A POST with an Idempotency-Key gets
 * the stored answer of the first request with that key. */
void lia_req_write(struct lia_req *r, lia_store_write_fn fn);

/* Continues the handler with fn on the slow-work pool (workq.h) instead of an
 * HTTP worker thread; fn ends like a handler: a reply, audit entries, a write. */
void lia_req_defer(struct lia_req *r, void (*fn)(struct lia_req *r));

/* ---- small helpers ---- */
/* The version in If-Match ("3", W/"3" or 3): 428 when absent, 412 when unparsable. */
bool lia_req_if_match(struct lia_req *r, int64_t *version);
/* If-Match of a PUT whose first write creates the resource. get_status is the store's
 * answer to reading the current one: while it does not exist (NOT_FOUND) If-Match is
 * optional and may only say "0" (anything else: 412), *expected 0; once it exists
 * (OK) it is required (428, 412 when unreadable); any other status is a storage error.
 * False with the reply set and the request's audit entries marked failed. The write
 * itself compares the version (STALE: 412). */
bool lia_req_if_match_put(struct lia_req *r, int get_status, int64_t *expected);
/* Adds ETag: "<version>". */
void lia_reply_etag(struct lia_req *r, int64_t version);

#endif
