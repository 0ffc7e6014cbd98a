/* SPDX-License-Identifier: EUPL-1.2 */
/* The live alert stream (see sse.h). */
#include "http/sse.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "http/handlers/planning.h"
#include "http/request.h"

#define POLL_MS 200
#define HEARTBEAT_US (15LL * 1000000)
#define BATCH 100

struct lia_sse_stream {
	struct lia_sse_hub *hub;
	struct lia_req *r;
	int64_t last;               /* seq of the last event sent (or skipped as out of scope) */
	char **scope;
	int nscope;
	char *out;                  /* formatted, not yet handed to MHD */
	size_t out_len, out_off, out_cap;
	int64_t last_write;         /* monotonic µs */
	bool hello;
	void *conn;                 /* the MHD connection */
	void *mhd;                  /* set while suspended */
	struct lia_sse_stream *next_wait;
};

struct lia_sse_hub {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping, shutdown;
	int64_t last_seq;           /* the log's last seq, as the hub last saw it */
	struct lia_sse_stream *waiting;
	char *url;
};

static int64_t
mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Resumes the waiting streams that are behind `seq` (all of them when all). Under
 * the lock. */
static void
resume_behind(struct lia_sse_hub *h, int64_t seq, bool all)
{
	struct lia_sse_stream **pp = &h->waiting;
	while (*pp) {
		struct lia_sse_stream *s = *pp;
		if (all || s->last < seq) {
			*pp = s->next_wait;
			s->next_wait = NULL;
			void *mhd = s->mhd;
			s->mhd = NULL;
			MHD_resume_connection(mhd);
		} else {
			pp = &s->next_wait;
		}
	}
}

static void *
hub_loop(void *arg)
{
	struct lia_sse_hub *h = arg;
	struct lia_conn *c = NULL;
	int64_t last_beat = mono_us();
	pthread_mutex_lock(&h->lock);
	while (!h->stopping) {
		pthread_mutex_unlock(&h->lock);
		int64_t seq = -1;
		if (!c && lia_store_connect(h->url, &c) != LIA_STORE_OK)
			c = NULL;
		if (c && c->ops->alert_events_last(c, &seq) != LIA_STORE_OK) {
			c->ops->conn_close(c); /* reconnect next time */
			c = NULL;
			seq = -1;
		}
		bool beat = mono_us() - last_beat >= HEARTBEAT_US;
		pthread_mutex_lock(&h->lock);
		if (seq > h->last_seq)
			h->last_seq = seq;
		if (seq >= 0 || beat)
			resume_behind(h, h->last_seq, beat);
		if (beat)
			last_beat = mono_us();
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += POLL_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (!h->stopping)
			pthread_cond_timedwait(&h->wake, &h->lock, &until);
	}
	pthread_mutex_unlock(&h->lock);
	if (c)
		c->ops->conn_close(c);
	return NULL;
}

struct lia_sse_hub *
lia_sse_hub_start(const char *url)
{
	struct lia_sse_hub *h = lia_xcalloc(1, sizeof *h);
	h->url = lia_xstrdup(url);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->wake, NULL);
	struct lia_conn *c;
	if (lia_store_connect(url, &c) == LIA_STORE_OK) {
		c->ops->alert_events_last(c, &h->last_seq);
		c->ops->conn_close(c);
	}
	if (pthread_create(&h->thread, NULL, hub_loop, h) != 0) {
		free(h->url);
		free(h);
		return NULL;
	}
	return h;
}

void
lia_sse_hub_poke(struct lia_sse_hub *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->lock);
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->lock);
}

void
lia_sse_hub_shutdown(struct lia_sse_hub *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->lock);
	h->shutdown = true;
	resume_behind(h, 0, true);
	pthread_mutex_unlock(&h->lock);
}

void
lia_sse_hub_stop(struct lia_sse_hub *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->lock);
	h->stopping = h->shutdown = true;
	resume_behind(h, 0, true);
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->lock);
	pthread_join(h->thread, NULL);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->wake);
	free(h->url);
	free(h);
}

struct lia_sse_stream *
lia_sse_stream_new(struct lia_sse_hub *h, struct lia_req *r, int64_t after,
		   const char *const *scope, int nscope)
{
	struct lia_sse_stream *s = lia_xcalloc(1, sizeof *s);
	s->hub = h;
	s->r = r;
	s->last = after;
	s->nscope = nscope;
	s->scope = lia_xcalloc((size_t)(nscope ? nscope : 1), sizeof *s->scope);
	for (int i = 0; i < nscope; i++)
		s->scope[i] = lia_xstrdup(scope[i]);
	s->last_write = mono_us();
	return s;
}

void
lia_sse_free(struct lia_sse_stream *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nscope; i++)
		free(s->scope[i]);
	free(s->scope);
	free(s->out);
	free(s);
}

static void
emit(struct lia_sse_stream *s, const char *text, size_t n)
{
	if (s->out_len + n > s->out_cap) {
		size_t cap = s->out_cap ? s->out_cap : 4096;
		while (cap < s->out_len + n)
			cap *= 2;
		char *nb = lia_xmalloc(cap);
		if (s->out_len)
			memcpy(nb, s->out, s->out_len);
		free(s->out);
		s->out = nb;
		s->out_cap = cap;
	}
	memcpy(s->out + s->out_len, text, n);
	s->out_len += n;
}

/* Formats the events after s->last into s->out. False on a store error. */
static bool
fetch(struct lia_sse_stream *s, int64_t hub_seq)
{
	struct lia_conn *c = lia_req_conn(s->r);
	if (!c)
		return false;
	struct lia_arena *a = lia_arena_new();
	struct lia_alert_event *evs = NULL;
	size_t n = 0;
	int st = c->ops->alert_events_since(c, a, s->last, (const char *const *)s->scope,
					    s->nscope, BATCH, &evs, &n);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "seq", (double)evs[i].seq);
		cJSON_AddStringToObject(o, "kind", evs[i].kind);
		char at[LIA_RFC3339_LEN];
		lia_time_format(evs[i].at, at);
		cJSON_AddStringToObject(o, "at", at);
		cJSON_AddNumberToObject(o, "version", (double)evs[i].version);
		cJSON_AddItemToObject(o, "alert", lia_alert_json(&evs[i].alert));
		char *data = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		char head[64];
		int hn = snprintf(head, sizeof head, "id: %lld\nevent: alert\ndata: ",
				  (long long)evs[i].seq);
		emit(s, head, (size_t)hn);
		emit(s, data, strlen(data));
		emit(s, "\n\n", 2);
		free(data);
		s->last = evs[i].seq;
	}
	/* Everything up to the hub's seq was committed before this read: what the
	 * scope filtered out need not be looked at again. */
	if (st == LIA_STORE_OK && n < BATCH && hub_seq > s->last)
		s->last = hub_seq;
	lia_arena_free(a);
	return st == LIA_STORE_OK;
}

void
lia_sse_attach(struct lia_sse_stream *s, void *mhd_conn)
{
	s->conn = mhd_conn;
}

long
lia_sse_read(struct lia_sse_stream *s, char *buf, size_t max)
{
	void *mhd_conn = s->conn;
	struct lia_sse_hub *h = s->hub;
	for (int round = 0; s->out_off == s->out_len; round++) {
		s->out_len = s->out_off = 0;
		pthread_mutex_lock(&h->lock);
		bool shutdown = h->shutdown;
		int64_t hub_seq = h->last_seq;
		pthread_mutex_unlock(&h->lock);
		if (shutdown)
			return MHD_CONTENT_READER_END_OF_STREAM;
		if (!s->hello) {
			static const char hello[] = "retry: 2000\n\n";
			emit(s, hello, sizeof hello - 1);
			s->hello = true;
		}
		if (!fetch(s, hub_seq)) {
			lia_log(LIA_LOG_WARN, "sse.read_failed", NULL);
			return MHD_CONTENT_READER_END_WITH_ERROR; /* the client reconnects */
		}
		if (s->out_len)
			break;
		if (mono_us() - s->last_write >= HEARTBEAT_US) {
			static const char beat[] = ": keep-alive\n\n";
			emit(s, beat, sizeof beat - 1);
			break;
		}
		pthread_mutex_lock(&h->lock);
		if (h->shutdown) {
			pthread_mutex_unlock(&h->lock);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (h->last_seq > s->last && round == 0) {
			pthread_mutex_unlock(&h->lock); /* committed meanwhile: read again */
			continue;
		}
		s->mhd = mhd_conn;
		s->next_wait = h->waiting;
		h->waiting = s;
		MHD_suspend_connection(mhd_conn);
		pthread_mutex_unlock(&h->lock);
		return 0;
	}
	size_t n = s->out_len - s->out_off;
	if (n > max)
		n = max;
	memcpy(buf, s->out + s->out_off, n);
	s->out_off += n;
	s->last_write = mono_us();
	return (long)n;
}
