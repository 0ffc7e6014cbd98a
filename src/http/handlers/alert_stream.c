/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/alerts/stream: the live alert events of the caller's scope as
 * Server-Sent Events (http/sse.h). Without Last-Event-ID (header, or the
 * last_event_id parameter for clients that cannot set headers) the stream starts
 * with what happens from now on; with it, it first replays every event after that
 * id, so a reconnecting console misses nothing. The opening is audited once.
 */
#include <errno.h>
#include <stdlib.h>

#include "http/handlers/alerts.h"
#include "http/handlers/handlers.h"
#include "http/server.h"
#include "http/sse.h"

void
lia_h_alert_stream(struct lia_req *r)
{
	const char *scope[LIA_ALERT_MAX_SCOPES];
	int nscope = (int)lia_access_manage_scope(&r->actor, LIA_MANAGE_ALERTS, scope,
						  LIA_ALERT_MAX_SCOPES);
	if (nscope == 0) {
		lia_req_audit(r, "alert.stream", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	const char *last = r->h_last_event_id ? r->h_last_event_id
					      : lia_uri_param(&r->uri, "last_event_id");
	int64_t after = -1;
	if (last) {
		char *end;
		errno = 0;
		long long v = strtoll(last, &end, 10);
		if (errno || *end || end == last || v < 0) {
			struct lia_problem p = {0};
			lia_problem_field(&p, "last_event_id", LIA_FE_INVALID_FORMAT);
			p.kind = LIA_P_INVALID_QUERY;
			lia_reply_problem(r, &p);
			return;
		}
		after = v;
	}
	struct lia_conn *c = lia_req_conn(r);
	if (after < 0 && c->ops->alert_events_last(c, &after) != LIA_STORE_OK) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	if (!r->srv->sse) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	lia_req_audit(r, "alert.stream", NULL, NULL, "ok", NULL);
	r->stream = lia_sse_stream_new(r->srv->sse, r, after, scope, nscope);
	r->status = 200;
	lia_reply_header(r, "Content-Type", "text/event-stream; charset=utf-8");
	lia_reply_header(r, "X-Accel-Buffering", "no"); /* nginx: do not hold events back */
}
