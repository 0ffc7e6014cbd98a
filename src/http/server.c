/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * libmicrohttpd glue and the request life cycle:
 *   URI log callback  -> a request with its arena and the raw URI
 *   1st access call   -> headers, route, early 413 (never queue a reply here:
 *                        MHD would then close the connection, pitfall 1)
 *   upload calls      -> body into a bounded buffer
 *   last access call  -> authenticate, run the handler; if it left audit entries or
 *                        a write, suspend the connection and submit a job to the
 *                        committer, whose done callback resumes it
 *   after resume      -> queue the reply
 *   completed         -> access log line (ids only), free everything
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "http/auth.h"
#include "http/auth_cache.h"
#include "http/idempotency.h"
#include "http/request.h"
#include "http/routes.h"
#include "http/sse.h"
#include "http/vigilance.h"
#include "alarm/receiver.h"
#include "alarm/watch.h"

enum phase { PH_NEW, PH_BODY, PH_WAITING, PH_READY };

struct conn_state {
	struct lia_req r;          /* first member: handlers see only this */
	struct MHD_Connection *mhd;
	enum phase phase;
	char *raw_uri;
	size_t body_cap;
	bool too_large;
	bool preset_reply;         /* reply decided before the body was read */
	int64_t started;
};

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static void *
uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn_state *st = lia_xcalloc(1, sizeof *st);
	st->r.arena = lia_arena_new();
	st->r.srv = cls;
	st->mhd = c;
	st->raw_uri = lia_arena_strdup(st->r.arena, uri ? uri : "");
	st->started = lia_clock_now_us();
	return st;
}

static bool
wants_english(const char *accept_language)
{
	/* French first: English only when the first language asked for is English. */
	if (!accept_language)
		return false;
	while (*accept_language == ' ')
		accept_language++;
	return strncasecmp(accept_language, "en", 2) == 0;
}

/* True when ip is one of the comma-separated addresses in list. */
static bool
in_list(const char *list, const char *ip, size_t iplen)
{
	while (list && *list) {
		while (*list == ' ' || *list == ',')
			list++;
		size_t n = strcspn(list, ", ");
		if (n && n == iplen && strncmp(list, ip, n) == 0)
			return true;
		list += n;
	}
	return false;
}

/* Behind a trusted reverse proxy the peer is the proxy: the client is the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy (entries further left
 * were written by the client and prove nothing). */
static const char *
forwarded_for(struct conn_state *st, const char *peer)
{
	const char *trusted = st->r.srv->cfg->trusted_proxies;
	const char *xff = header(st->mhd, "X-Forwarded-For");
	if (!xff || !trusted || !*trusted || !in_list(trusted, peer, strlen(peer)))
		return peer;
	const char *end = xff + strlen(xff);
	while (end > xff) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		const char *a = start, *b = end;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		size_t n = (size_t)(b - a);
		unsigned char bin[sizeof(struct in6_addr)];
		char addr[INET6_ADDRSTRLEN];
		if (n == 0 || n >= sizeof addr)
			return peer; /* malformed: believe only the peer */
		memcpy(addr, a, n);
		addr[n] = '\0';
		if (inet_pton(AF_INET, addr, bin) != 1 && inet_pton(AF_INET6, addr, bin) != 1)
			return peer;
		if (!in_list(trusted, addr, n))
			return lia_arena_strdup(st->r.arena, addr);
		end = start > xff ? start - 1 : xff;
	}
	return peer;
}

static void
client_ip(struct conn_state *st)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(st->mhd, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  buf, sizeof buf);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
				  sizeof buf);
	}
	st->r.ip = forwarded_for(st, lia_arena_strdup(st->r.arena, buf));
}

static void
request_id(struct conn_state *st)
{
	/* Keep a caller's id when it is short and printable, so logs join up. */
	const char *given = header(st->mhd, "X-Request-Id");
	bool ok = given && strlen(given) > 0 && strlen(given) < sizeof st->r.request_id;
	for (const char *p = given; ok && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			ok = false;
	if (ok)
		snprintf(st->r.request_id, sizeof st->r.request_id, "%s", given);
	else
		lia_uuid7(st->r.request_id);
}

/* First call: everything that needs only the headers. */
static void
begin(struct conn_state *st, const char *method)
{
	struct lia_req *r = &st->r;
	struct lia_problem p = {0};
	r->method = lia_arena_strdup(r->arena, method);
	r->french = !wants_english(header(st->mhd, "Accept-Language"));
	r->h_authorization = header(st->mhd, "Authorization");
	r->h_cookie = header(st->mhd, "Cookie");
	r->h_if_match = header(st->mhd, "If-Match");
	r->h_idempotency_key = header(st->mhd, "Idempotency-Key");
	r->h_content_type = header(st->mhd, "Content-Type");
	r->h_csrf = header(st->mhd, "X-CSRF-Token");
	r->h_last_event_id = header(st->mhd, "Last-Event-ID");
	request_id(st);
	client_ip(st);

	/* Stopping: nothing new starts, so nothing is left suspended when the daemon
	 * stops (the committer, the slow-work pool and the streams are being drained). */
	if (atomic_load(&r->srv->stopping)) {
		lia_reply_error(r, LIA_P_SERVER_STOPPING);
		lia_reply_header(r, "Retry-After", "5");
		st->preset_reply = true;
		return;
	}
	if (!lia_uri_parse(r->arena, st->raw_uri, &r->uri, &p)) {
		lia_reply_problem(r, &p);
		st->preset_reply = true;
		return;
	}
	bool path_known = false;
	const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
	r->route = lia_route_find(m, r->uri.segments, r->uri.nsegments, r->params, &path_known);
	if (!r->route) {
		lia_reply_error(r, path_known ? LIA_P_METHOD_NOT_ALLOWED : LIA_P_ROUTE_NOT_FOUND);
		if (path_known) {
			char *allow = lia_arena_alloc(r->arena, 64);
			lia_route_allowed(r->uri.segments, r->uri.nsegments, allow, 64);
			lia_reply_header(r, "Allow", allow);
		}
		st->preset_reply = true;
		return;
	}
	const char *cl = header(st->mhd, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > r->route->max_body) {
		lia_reply_error(r, LIA_P_BODY_TOO_LARGE);
		st->preset_reply = true;
	}
}

static void
append_body(struct conn_state *st, const char *data, size_t size)
{
	struct lia_req *r = &st->r;
	if (st->preset_reply || st->too_large)
		return;
	if (!r->route || r->body_len + size > r->route->max_body) {
		st->too_large = true;
		return;
	}
	if (r->body_len + size + 1 > st->body_cap) {
		size_t cap = st->body_cap ? st->body_cap * 2 : 1024;
		while (cap < r->body_len + size + 1)
			cap *= 2;
		char *nb = lia_arena_alloc(r->arena, cap);
		if (r->body_len)
			memcpy(nb, r->body, r->body_len);
		r->body = nb;
		st->body_cap = cap;
	}
	memcpy(r->body + r->body_len, data, size);
	r->body_len += size;
	r->body[r->body_len] = '\0';
}

/* The response owns the stream: MHD frees it after the request's own state. */
static ssize_t
stream_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	return (ssize_t)lia_sse_read(cls, buf, max);
}

static void
stream_free(void *cls)
{
	lia_sse_free(cls);
}

static enum MHD_Result
queue_reply(struct conn_state *st)
{
	struct lia_req *r = &st->r;
	struct MHD_Response *resp;
	if (r->status == 0)
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
	if (r->stream && r->status == 200) {
		struct lia_sse_stream *stream = r->stream;
		r->stream = NULL;
		lia_sse_attach(stream, st->mhd);
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_reader,
							 stream, stream_free);
	} else if (r->reply) {
		resp = MHD_create_response_from_buffer(r->reply_len, r->reply, MHD_RESPMEM_MUST_FREE);
		r->reply = NULL; /* MHD frees it */
	} else {
		resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	bool has_type = false;
	for (size_t i = 0; i < r->nheaders; i++) {
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
		if (!strcasecmp(r->headers[i][0], "Content-Type"))
			has_type = true;
	}
	if (!has_type && r->reply_len)
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	/* Health data must not sit in shared caches. */
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(st->mhd, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	st->phase = PH_READY;
	return ret;
}

static void
job_done(struct lia_job *job, void *cls)
{
	struct conn_state *st = cls;
	(void)job;
	if (job->commit_status != LIA_STORE_OK) {
		/* Nothing was written: drop what the write function prepared for success
		 * (Location, ETag, a session cookie) along with its body. */
		st->r.nheaders = 0;
		lia_reply_error(&st->r, LIA_P_STORAGE_UNAVAILABLE);
	}
	else if (st->r.auth_changed)
		lia_auth_cache_invalidate();
	MHD_resume_connection(st->mhd);
}

/* After the handler (or its deferred part): a request that left audit entries or a
 * write goes to the committer and stays suspended until its batch is durable.
 * Returns false when there is nothing to commit (the reply can go at once). */
static bool
hand_over(struct conn_state *st)
{
	struct lia_req *r = &st->r;
	if (!r->has_job && r->naudit == 0)
		return false;
	if (r->has_job && r->h_idempotency_key && !strcmp(r->method, "POST"))
		lia_idempotency_wrap(r);
	r->job.audit = r->audit;
	r->job.naudit = r->naudit;
	r->job.done = job_done;
	r->job.done_cls = st;
	lia_committer_submit(r->srv->committer, &r->job);
	return true;
}

/* On the slow-work pool: the rest of the handler, then on to the committer. */
static void
run_deferred(void *cls)
{
	struct conn_state *st = cls;
	void (*fn)(struct lia_req *) = st->r.deferred;
	st->r.deferred = NULL;
	fn(&st->r);
	if (!hand_over(st))
		MHD_resume_connection(st->mhd);
}

/* Last access call: authenticate and run the handler. */
static enum MHD_Result
dispatch(struct conn_state *st)
{
	struct lia_req *r = &st->r;
	struct lia_problem p = {0};
	if (st->too_large) {
		lia_reply_error(r, LIA_P_BODY_TOO_LARGE);
		return queue_reply(st);
	}
	if (!r->body) {
		r->body = lia_arena_strdup(r->arena, "");
		r->body_len = 0;
	}
	if (!lia_uri_check_params(&r->uri, r->route->query, &p)) {
		lia_reply_problem(r, &p);
		return queue_reply(st);
	}
	if (r->route->auth == LIA_AUTH_SESSION && !lia_auth_request(r))
		return queue_reply(st);
	if (r->h_idempotency_key && !strcmp(r->method, "POST") && !lia_idempotency_key_ok(r))
		return queue_reply(st);
	if (!lia_req_conn(r)) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return queue_reply(st);
	}

	r->route->handler(r);

	if (!r->deferred && !r->has_job && r->naudit == 0)
		return queue_reply(st);
	st->phase = PH_WAITING;
	/* Suspend before handing over, so that the resume cannot come first. */
	MHD_suspend_connection(st->mhd);
	if (!r->deferred) {
		hand_over(st);
	} else if (!lia_workq_submit(r->srv->slow, run_deferred, st)) {
		r->deferred = NULL; /* shutting down */
		r->naudit = 0;
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		MHD_resume_connection(st->mhd);
	}
	return MHD_YES;
}

static enum MHD_Result
access_handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
	       const char *version, const char *upload_data, size_t *upload_data_size,
	       void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	(void)c;
	struct conn_state *st = *con_cls;
	switch (st->phase) {
	case PH_NEW:
		begin(st, method);
		st->phase = PH_BODY;
		return MHD_YES;
	case PH_BODY:
		if (*upload_data_size) {
			append_body(st, upload_data, *upload_data_size);
			*upload_data_size = 0;
			return MHD_YES;
		}
		if (st->preset_reply)
			return queue_reply(st);
		return dispatch(st);
	case PH_WAITING:
		return queue_reply(st);
	case PH_READY:
		return MHD_YES;
	}
	return MHD_NO;
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
	  enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	struct conn_state *st = *con_cls;
	if (!st)
		return;
	struct lia_req *r = &st->r;
	lia_log(LIA_LOG_INFO, "http.request",
		"request_id=%s method=%s route=\"%s\" status=%d us=%lld account=%s end=%d",
		r->request_id, r->method ? r->method : "-",
		r->route ? r->route->pattern : "-", r->status,
		(long long)(lia_clock_now_us() - st->started),
		r->authenticated ? r->account.id : "-", (int)toe);
	cJSON_Delete(r->json);
	free(r->reply);
	lia_sse_free(r->stream); /* a stream whose reply was never queued */
	lia_arena_free(r->arena);
	free(st);
	*con_cls = NULL;
}

static int
parse_listen(const char *listen, struct sockaddr_in *sa)
{
	const char *colon = strrchr(listen, ':');
	if (!colon)
		return -1;
	char host[64];
	size_t hl = (size_t)(colon - listen);
	if (hl == 0 || hl >= sizeof host)
		return -1;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)port);
	if (!strcmp(host, "localhost"))
		snprintf(host, sizeof host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	return 0;
}

int
lia_server_start(struct lia_server *srv, const struct lia_config *cfg)
{
	struct sockaddr_in sa;
	if (parse_listen(cfg->listen, &sa) != 0) {
		lia_log(LIA_LOG_ERROR, "server.listen_invalid",
			"listen=\"%s\" hint=\"use IPv4:port, e.g. 127.0.0.1:8080\"", cfg->listen);
		return -1;
	}
	srv->cfg = cfg;
	atomic_store(&srv->stopping, false);
	srv->committer = lia_committer_start(srv->database_url);
	if (!srv->committer) {
		lia_log(LIA_LOG_ERROR, "server.store_unavailable", NULL);
		return -1;
	}
	srv->ip_throttle = lia_throttle_new(cfg->ip_max_failures, cfg->login_lock_seconds * 1000000LL);
	/* One thread: Argon2id sign-ins use at most one core, the rest serve the API. */
	srv->slow = lia_workq_start(1);
	if (!srv->slow) {
		lia_log(LIA_LOG_ERROR, "server.no_threads", NULL);
		lia_committer_stop(srv->committer);
		lia_throttle_free(srv->ip_throttle);
		return -1;
	}
	long threads = cfg->threads > 0 ? cfg->threads : sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, access_handler, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_URI_LOG_CALLBACK, uri_logger, srv,
		MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, 60u,
		MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
		MHD_OPTION_END);
	if (!d) {
		lia_log(LIA_LOG_ERROR, "server.start_failed", "listen=%s", cfg->listen);
		lia_committer_stop(srv->committer);
		lia_workq_stop(srv->slow);
		lia_throttle_free(srv->ip_throttle);
		return -1;
	}
	srv->daemon = d;
	srv->vigilance = lia_vigilance_start(srv->database_url, srv->committer,
					     (int)cfg->vigilance_seconds);
	srv->sse = lia_sse_hub_start(srv->database_url);
	if (cfg->alarm_listen && *cfg->alarm_listen) {
		srv->receiver = lia_receiver_start(cfg, srv->committer, srv->sealing_key);
		if (!srv->receiver) {
			lia_server_stop(srv);
			return -1;
		}
	}
	srv->alarm_watch = lia_alarm_watch_start(
		srv->database_url, cfg, srv->committer,
		srv->receiver ? lia_receiver_paths(srv->receiver) : NULL);
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : ntohs(sa.sin_port);
	return 0;
}

void
lia_server_stop(struct lia_server *srv)
{
	if (srv->daemon) {
		/* New requests get a 503 at once; the committer finishes every queued job
		 * (their done resumes the suspended connections, and later jobs get a 503
		 * at once), so that no connection is left suspended when the daemon stops.
		 * Not MHD_quiesce_daemon: on an epoll daemon with its own threads it races
		 * with the workers' own removal of the listening socket, and libmicrohttpd
		 * 0.9.75 aborts the process ("Failed to remove listen FD from epoll set"). */
		atomic_store(&srv->stopping, true);
		/* The receiver answers what it has in flight (through the committer), then
		 * stops; the watch and the vigilance write through the committer too. */
		lia_receiver_stop(srv->receiver);
		srv->receiver = NULL;
		lia_alarm_watch_stop(srv->alarm_watch);
		srv->alarm_watch = NULL;
		lia_vigilance_stop(srv->vigilance);
		srv->vigilance = NULL;
		lia_sse_hub_shutdown(srv->sse); /* no stream may stay suspended */
		lia_workq_drain(srv->slow);  /* its requests go on to the committer... */
		lia_committer_drain(srv->committer); /* ...which finishes them all */
		MHD_stop_daemon(srv->daemon);
		lia_sse_hub_stop(srv->sse);
		srv->sse = NULL;
		lia_committer_stop(srv->committer);
		lia_workq_stop(srv->slow);
	}
	lia_throttle_free(srv->ip_throttle);
	lia_auth_cache_clear();
	srv->daemon = NULL;
}
