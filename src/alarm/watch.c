/* SPDX-License-Identifier: EUPL-1.2 */
/* The alarm watch thread (see watch.h). */
#include "alarm/watch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alarm/alert_raise.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/escalation.h"

#define BATCH 200

struct lia_alarm_watch {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	char *url;
	const struct lia_config *cfg;
	struct lia_committer *cm;
	struct lia_alarm_paths *paths;
	char *org_id; /* the receiver's own alerts; found on first use */
};

/* ---- escalation deadlines ---- */

struct esc_batch {
	struct lia_arena *arena;
	struct lia_alert *due;
	size_t n;
	int64_t now;
};

static int
advance_escalations(struct lia_conn *c, void *cls)
{
	struct esc_batch *b = cls;
	for (size_t i = 0; i < b->n; i++) {
		struct lia_alert al;
		int st = c->ops->alert_get(c, b->arena, b->due[i].id, &al);
		if (st != LIA_STORE_OK)
			return st;
		if (!al.escalation || !al.escalation_due_at || al.escalation_due_at > b->now)
			continue; /* answered or moved since it was read */
		struct lia_escalation_step step;
		if (!lia_escalation_tick(b->arena, al.escalation, b->now, &step)) {
			lia_log(LIA_LOG_ERROR, "alarm.escalation_unreadable", "alert=%s", al.id);
			step = (struct lia_escalation_step){.json = al.escalation};
		}
		int64_t expected = al.version;
		al.escalation = step.json;
		al.escalation_due_at = step.event ? step.due_at : 0;
		al.event = step.event ? step.event : "escalation_stopped";
		st = c->ops->alert_update(c, &al, expected);
		if (st == LIA_STORE_OK)
			st = lia_audit_system(c, al.org_id, "alert.escalate", al.client_id, al.id,
					      al.event, b->now);
		if (st != LIA_STORE_OK)
			return st;
	}
	return LIA_STORE_OK;
}

static int
escalation_pass(struct lia_alarm_watch *w, struct lia_conn *c, int64_t now)
{
	struct esc_batch b = {.arena = lia_arena_new(), .now = now};
	int st = c->ops->alert_list_escalation_due(c, b.arena, now, BATCH, &b.due, &b.n);
	if (st == LIA_STORE_OK && b.n) {
		struct lia_job job = {.fn = advance_escalations, .cls = &b};
		lia_committer_run(w->cm, &job);
		st = job.fn_status != LIA_STORE_OK ? job.fn_status : job.commit_status;
	}
	lia_arena_free(b.arena);
	return st;
}

/* ---- silent devices ---- */

struct silent_batch {
	struct lia_arena *arena;
	struct lia_device *devs;
	size_t n;
	int64_t now;
};

static int
raise_silent(struct lia_conn *c, void *cls)
{
	struct silent_batch *b = cls;
	for (size_t i = 0; i < b->n; i++) {
		const struct lia_device *d = &b->devs[i];
		char seen[LIA_RFC3339_LEN];
		lia_time_format(d->last_seen_at ? d->last_seen_at : d->created_at, seen);
		struct lia_alert al = {
			.org_id = d->org_id, .client_id = d->client_id, .type = "device_silent",
			.severity = "high", .source = "device", .source_ref = d->id,
			.dedup_key = lia_arena_printf(b->arena, "device:%s:silent:%lld", d->id,
						      (long long)d->last_seen_at),
			.details = lia_arena_printf(b->arena,
						    "{\"device_id\":\"%s\",\"account\":\"%s\","
						    "\"last_seen\":%s%s%s,\"supervision_s\":%lld}",
						    d->id, d->account, d->last_seen_at ? "\"" : "",
						    d->last_seen_at ? seen : "null",
						    d->last_seen_at ? "\"" : "",
						    (long long)d->supervision_s),
		};
		int st = lia_alert_raise(c, b->arena, &al, false, b->now);
		if (st == LIA_STORE_CONFLICT)
			st = LIA_STORE_OK; /* raised by another server sharing the database */
		if (st == LIA_STORE_OK)
			st = c->ops->device_mark_silent(c, d->id,
							d->last_seen_at ? d->last_seen_at : 1);
		if (st != LIA_STORE_OK)
			return st;
	}
	return LIA_STORE_OK;
}

static int
silence_pass(struct lia_alarm_watch *w, struct lia_conn *c, int64_t now)
{
	struct silent_batch b = {.arena = lia_arena_new(), .now = now};
	int st = c->ops->device_list_silent(c, b.arena, now, w->cfg->alarm_supervision_grace,
					    BATCH, &b.devs, &b.n);
	if (st == LIA_STORE_OK && b.n) {
		struct lia_job job = {.fn = raise_silent, .cls = &b};
		lia_committer_run(w->cm, &job);
		st = job.fn_status != LIA_STORE_OK ? job.fn_status : job.commit_status;
		if (st == LIA_STORE_OK)
			lia_log(LIA_LOG_WARN, "alarm.devices_silent", "count=%zu", b.n);
	}
	lia_arena_free(b.arena);
	return st;
}

/* ---- lost paths ---- */

struct path_alert {
	struct lia_arena *arena;
	struct lia_alarm_path *p;
	const char *org_id;
	int64_t last, now;
};

static int
raise_path_lost(struct lia_conn *c, void *cls)
{
	struct path_alert *pa = cls;
	char seen[LIA_RFC3339_LEN];
	lia_time_format(pa->last, seen);
	const char *transport = pa->p->udp ? "udp" : "tcp";
	struct lia_alert al = {
		.org_id = pa->org_id, .type = "alarm_path_lost", .severity = "high",
		.source = "device", .source_ref = pa->p->name,
		.dedup_key = lia_arena_printf(pa->arena, "path:%s:%s:%lld", pa->p->name, transport,
					      (long long)pa->last),
		.details = lia_arena_printf(pa->arena,
					    "{\"path\":\"%s\",\"transport\":\"%s\",\"port\":%u,"
					    "\"last_frame\":\"%s\"}",
					    pa->p->name, transport, pa->p->bound_port, seen),
	};
	int st = lia_alert_raise(c, pa->arena, &al, false, pa->now);
	return st == LIA_STORE_CONFLICT ? LIA_STORE_OK : st;
}

/* The organisation of the receiver's own alerts: alarm-org, else the root. */
static const char *
receiver_org(struct lia_alarm_watch *w, struct lia_conn *c)
{
	if (w->org_id)
		return w->org_id;
	if (w->cfg->alarm_org && *w->cfg->alarm_org) {
		w->org_id = lia_xstrdup(w->cfg->alarm_org);
		return w->org_id;
	}
	struct lia_arena *a = lia_arena_new();
	struct lia_org *orgs;
	size_t n = 0;
	if (c->ops->org_list(c, a, "/", &orgs, &n) == LIA_STORE_OK)
		for (size_t i = 0; i < n; i++)
			if (!orgs[i].parent_id) {
				w->org_id = lia_xstrdup(orgs[i].id);
				break;
			}
	lia_arena_free(a);
	return w->org_id;
}

static int
path_pass(struct lia_alarm_watch *w, struct lia_conn *c, int64_t now)
{
	if (!w->paths || w->cfg->alarm_path_silence <= 0)
		return LIA_STORE_OK;
	for (int i = 0; i < w->paths->n; i++) {
		struct lia_alarm_path *p = &w->paths->path[i];
		int64_t last = p->last_frame_at;
		if (!last || now - last < w->cfg->alarm_path_silence * 1000000LL ||
		    p->lost_alerted_at == last)
			continue;
		const char *org = receiver_org(w, c);
		if (!org)
			return LIA_STORE_OK; /* no organisation yet: nothing to alert */
		struct path_alert pa = {.arena = lia_arena_new(), .p = p, .org_id = org,
					.last = last, .now = now};
		struct lia_job job = {.fn = raise_path_lost, .cls = &pa};
		lia_committer_run(w->cm, &job);
		int st = job.fn_status != LIA_STORE_OK ? job.fn_status : job.commit_status;
		lia_arena_free(pa.arena);
		if (st != LIA_STORE_OK)
			return st;
		p->lost_alerted_at = last;
		lia_log(LIA_LOG_WARN, "alarm.path_lost", "path=%s transport=%s", p->name,
			p->udp ? "udp" : "tcp");
	}
	return LIA_STORE_OK;
}

int
lia_alarm_watch_pass(struct lia_alarm_watch *w, struct lia_conn *c, int64_t now)
{
	int st = escalation_pass(w, c, now);
	if (st == LIA_STORE_OK)
		st = silence_pass(w, c, now);
	if (st == LIA_STORE_OK)
		st = path_pass(w, c, now);
	return st;
}

static void *
loop(void *arg)
{
	struct lia_alarm_watch *w = arg;
	struct lia_conn *c = NULL;
	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		pthread_mutex_unlock(&w->lock);
		int st = c ? LIA_STORE_OK : lia_store_connect(w->url, &c);
		if (st == LIA_STORE_OK)
			st = lia_alarm_watch_pass(w, c, lia_clock_now_us());
		if (st != LIA_STORE_OK) {
			lia_log(LIA_LOG_WARN, "alarm.watch_failed", "status=%s",
				lia_store_status_name(st));
			if (c)
				c->ops->conn_close(c);
			c = NULL; /* reconnect next time: the database may have come back */
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		long ms = w->cfg->escalation_tick_ms;
		until.tv_sec += ms / 1000;
		until.tv_nsec += (ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&w->lock);
		while (!w->stopping && pthread_cond_timedwait(&w->wake, &w->lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w->lock);
	if (c)
		c->ops->conn_close(c);
	return NULL;
}

struct lia_alarm_watch *
lia_alarm_watch_start(const char *url, const struct lia_config *cfg, struct lia_committer *cm,
		      struct lia_alarm_paths *paths)
{
	if (cfg->escalation_tick_ms <= 0)
		return NULL;
	struct lia_alarm_watch *w = lia_xcalloc(1, sizeof *w);
	w->url = lia_xstrdup(url);
	w->cfg = cfg;
	w->cm = cm;
	w->paths = paths;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, loop, w) != 0) {
		free(w->url);
		free(w);
		return NULL;
	}
	return w;
}

void
lia_alarm_watch_stop(struct lia_alarm_watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	free(w->url);
	free(w->org_id);
	free(w);
}
