/* SPDX-License-Identifier: EUPL-1.2 */
/* Vigilance rules on a timer (see vigilance.h). */
#include "http/vigilance.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "domain/dose_sync.h"
#include "domain/localtime.h"
#include "domain/planner.h"
#include "domain/planning_settings.h"

#define LOOK_BACK_US (2 * LIA_DAY_US) /* older visits are the coordinator's to close */
#define BATCH 500

struct lia_vigilance {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	int interval_s;
	char *url;
	struct lia_committer *cm;
};

/* Settings per organisation, resolved once per pass. */
struct org_rules {
	const char *org_id;
	struct lia_planning_settings ps;
};

static int
rules_for(struct lia_conn *c, struct lia_arena *a, struct org_rules *cache, size_t *n,
	  size_t cap, const char *org_id, const struct lia_planning_settings **out)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(cache[i].org_id, org_id)) {
			*out = &cache[i].ps;
			return LIA_STORE_OK;
		}
	struct lia_org o;
	struct lia_planning_settings ps;
	int st = c->ops->org_get(c, a, org_id, &o);
	if (st == LIA_STORE_OK)
		st = lia_planning_settings_load(c, a, o.path, &ps);
	if (st != LIA_STORE_OK)
		return st;
	if (*n == cap) /* more organisations than slots: the first ones stay cached */
		cache[cap - 1] = (struct org_rules){org_id, ps};
	else
		cache[(*n)++] = (struct org_rules){org_id, ps};
	*out = &cache[*n - 1].ps;
	return LIA_STORE_OK;
}

struct due {
	const struct lia_visit *v;
	bool late; /* else: not checked out */
};

struct pass {
	struct lia_arena *arena;
	struct due *due;
	size_t ndue;
	int64_t now;
	int raised;
};

/* In the batch transaction: re-checks each visit (it may have been clocked since it
 * was read), raises the alert, marks the visit, audits as the system. */
static int
raise_alerts(struct lia_conn *c, void *cls)
{
	struct pass *p = cls;
	p->raised = 0;
	for (size_t i = 0; i < p->ndue; i++) {
		struct lia_visit v;
		int st = c->ops->visit_get(c, p->arena, p->due[i].v->id, &v);
		if (st != LIA_STORE_OK)
			return st;
		bool late = p->due[i].late;
		if (late ? (strcmp(v.status, "planned") || v.late_alert_at)
			 : (strcmp(v.status, "in_progress") || v.overdue_alert_at))
			continue;
		char id[LIA_UUID_STRLEN + 1], at[LIA_RFC3339_LEN];
		lia_uuid7(id);
		lia_time_format(late ? v.planned_start : v.planned_end, at);
		const char *type = late ? "visit_late" : "visit_not_checked_out";
		struct lia_alert al = {
			.id = id, .org_id = v.org_id, .client_id = v.client_id, .type = type,
			.severity = late ? "high" : "medium", .state = "raised", .source = "rule",
			.source_ref = v.id,
			.dedup_key = lia_arena_printf(p->arena, "%s:%s", type, v.id),
			.details = lia_arena_printf(p->arena,
						    "{\"visit_id\":\"%s\",\"planned\":\"%s\","
						    "\"worker_id\":%s%s%s,\"visit_type\":\"%s\"}",
						    v.id, at, v.worker_id ? "\"" : "",
						    v.worker_id ? v.worker_id : "null",
						    v.worker_id ? "\"" : "", v.type),
			.raised_at = p->now, .version = 1,
		};
		if (late)
			v.late_alert_at = p->now;
		else
			v.overdue_alert_at = p->now;
		v.updated_at = p->now;
		char eid[LIA_UUID_STRLEN + 1];
		lia_uuid7(eid);
		struct lia_audit_entry e = {
			.id = eid, .org_id = v.org_id, .at = p->now,
			.actor_role = "system", .action = "alert.raise", .client_id = v.client_id,
			.object_id = al.id, .outcome = "ok", .detail = type,
		};
		st = c->ops->alert_insert(c, &al);
		if (st == LIA_STORE_OK)
			st = c->ops->visit_update(c, &v, v.version);
		if (st == LIA_STORE_OK)
			st = c->ops->audit_append(c, &e, 1);
		if (st != LIA_STORE_OK)
			return st;
		p->raised++;
	}
	return LIA_STORE_OK;
}

static int
visit_pass(struct lia_conn *c, struct lia_committer *cm, int64_t now, int *raised)
{
	*raised = 0;
	struct lia_arena *a = lia_arena_new();
	struct org_rules cache[64];
	size_t ncache = 0;
	struct lia_visit *vs;
	size_t n;
	/* Nothing is due before a minute after its planned time (the smallest delay). */
	int st = c->ops->visit_list_vigilance(c, a, now - LOOK_BACK_US, now - LIA_MINUTE_US, BATCH,
					      &vs, &n);
	struct pass p = {.arena = a, .now = now};
	p.due = lia_arena_alloc(a, (n ? n : 1) * sizeof *p.due);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++) {
		const struct lia_planning_settings *ps;
		st = rules_for(c, a, cache, &ncache, sizeof cache / sizeof cache[0], vs[i].org_id, &ps);
		if (st != LIA_STORE_OK)
			break;
		bool planned = !strcmp(vs[i].status, "planned");
		int64_t due_at = planned ? vs[i].planned_start + ps->late_after_min * LIA_MINUTE_US
					 : vs[i].planned_end + ps->checkout_grace_min * LIA_MINUTE_US;
		if (now >= due_at)
			p.due[p.ndue++] = (struct due){&vs[i], planned};
	}
	if (st == LIA_STORE_OK && p.ndue) {
		struct lia_job job = {.fn = raise_alerts, .cls = &p};
		lia_committer_run(cm, &job);
		st = job.fn_status != LIA_STORE_OK ? job.fn_status : job.commit_status;
		if (st == LIA_STORE_OK)
			*raised = p.raised;
	}
	lia_arena_free(a);
	return st;
}

/* ---- missed doses ---- */

struct dose_batch {
	struct lia_arena *arena;
	const struct lia_dose **due;
	size_t ndue;
	int64_t now;
	int raised;
};

/* In the batch transaction: re-checks that each dose is still unrecorded (a record
 * may have come since it was read), raises the alert, marks the dose, audits. */
static int
raise_dose_alerts(struct lia_conn *c, void *cls)
{
	struct dose_batch *p = cls;
	p->raised = 0;
	for (size_t i = 0; i < p->ndue; i++) {
		const struct lia_dose *d = p->due[i];
		struct lia_administration *recs;
		size_t n;
		int st = c->ops->administration_list(c, p->arena, d->client_id, d->due_at,
						     d->due_at + 1, &recs, &n);
		bool recorded = false;
		for (size_t k = 0; st == LIA_STORE_OK && k < n; k++)
			recorded |= !strcmp(recs[k].series_id, d->series_id);
		if (st != LIA_STORE_OK)
			return st;
		if (recorded)
			continue;
		char id[LIA_UUID_STRLEN + 1], at[LIA_RFC3339_LEN];
		lia_uuid7(id);
		lia_time_format(d->due_at, at);
		/* No drug name in the alert: alarm operators see alerts, not prescriptions. */
		struct lia_alert al = {
			.id = id, .org_id = d->org_id, .client_id = d->client_id, .type = "dose_missed",
			.severity = "high", .state = "raised", .source = "rule",
			.source_ref = d->prescription_id,
			.dedup_key = lia_arena_printf(p->arena, "dose_missed:%s:%lld", d->series_id,
						      (long long)d->due_at),
			.details = lia_arena_printf(p->arena,
						    "{\"series_id\":\"%s\",\"prescription_id\":\"%s\","
						    "\"due_at\":\"%s\"}",
						    d->series_id, d->prescription_id, at),
			.raised_at = p->now, .version = 1,
		};
		char eid[LIA_UUID_STRLEN + 1];
		lia_uuid7(eid);
		struct lia_audit_entry e = {
			.id = eid, .org_id = d->org_id, .at = p->now,
			.actor_role = "system", .action = "alert.raise", .client_id = d->client_id,
			.object_id = al.id, .outcome = "ok", .detail = al.type,
		};
		st = c->ops->alert_insert(c, &al);
		bool fresh = st == LIA_STORE_OK;
		if (st == LIA_STORE_CONFLICT) /* raised before a restart lost the mark */
			st = LIA_STORE_OK;
		if (st == LIA_STORE_OK)
			st = c->ops->dose_mark_alerted(c, d->series_id, d->due_at, p->now);
		if (st == LIA_STORE_NOT_FOUND) /* marked meanwhile */
			st = LIA_STORE_OK;
		if (st == LIA_STORE_OK && fresh)
			st = c->ops->audit_append(c, &e, 1);
		if (st != LIA_STORE_OK)
			return st;
		p->raised += fresh;
	}
	return LIA_STORE_OK;
}

/* Doses past their grace delay with no record raise "dose_missed" for the nurse and
 * the coordinator. */
static int
dose_pass(struct lia_conn *c, struct lia_committer *cm, int64_t now, int *raised)
{
	*raised = 0;
	struct lia_arena *a = lia_arena_new();
	struct org_rules cache[64];
	size_t ncache = 0;
	struct lia_dose *ds;
	size_t n;
	/* Nothing is missed before five minutes (the smallest grace delay). */
	int st = c->ops->dose_list_vigilance(c, a, now - LOOK_BACK_US, now - 5 * LIA_MINUTE_US,
					     BATCH, &ds, &n);
	struct dose_batch p = {.arena = a, .now = now};
	p.due = lia_arena_alloc(a, (n ? n : 1) * sizeof *p.due);
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++) {
		const struct lia_planning_settings *ps;
		st = rules_for(c, a, cache, &ncache, sizeof cache / sizeof cache[0], ds[i].org_id, &ps);
		if (st == LIA_STORE_OK && now >= ds[i].due_at + ps->dose_grace_min * LIA_MINUTE_US)
			p.due[p.ndue++] = &ds[i];
	}
	if (st == LIA_STORE_OK && p.ndue) {
		struct lia_job job = {.fn = raise_dose_alerts, .cls = &p};
		lia_committer_run(cm, &job);
		st = job.fn_status != LIA_STORE_OK ? job.fn_status : job.commit_status;
		if (st == LIA_STORE_OK)
			*raised = p.raised;
	}
	lia_arena_free(a);
	return st;
}

int
lia_vigilance_pass(struct lia_conn *c, struct lia_committer *cm, int64_t now, int *raised)
{
	int visits = 0, doses = 0;
	int st = visit_pass(c, cm, now, &visits);
	if (st == LIA_STORE_OK)
		st = dose_pass(c, cm, now, &doses);
	*raised = visits + doses;
	return st;
}

static int
run_committed(void *ctx, lia_store_write_fn fn, void *cls)
{
	struct lia_job job = {.fn = fn, .cls = cls};
	lia_committer_run(ctx, &job);
	return job.fn_status != LIA_STORE_OK ? job.fn_status : job.commit_status;
}

/* The daily visit generation (planner.h) and the extension of the due doses
 * (dose_sync.h), at start and when the date changes. */
static int
daily_plan(struct lia_vigilance *v, struct lia_conn *c, char last[11])
{
	char today[11];
	int64_t now = lia_clock_now_us();
	lia_date_of(now, today);
	if (!strcmp(today, last))
		return LIA_STORE_OK;
	struct lia_plan_totals tot;
	int st = lia_plan_generate_all(c, run_committed, v->cm, now, 0, 100, &tot);
	long clients = 0, doses = 0;
	if (st == LIA_STORE_OK)
		st = lia_doses_sync_all(c, run_committed, v->cm, now, 100, &clients, &doses);
	if (st == LIA_STORE_OK) {
		memcpy(last, today, 11);
		lia_log(LIA_LOG_INFO, "planning.daily_run", "clients=%ld inserted=%d updated=%d "
			"cancelled=%d medication_clients=%ld doses=%ld", tot.clients,
			tot.run.inserted, tot.run.updated, tot.run.cancelled, clients, doses);
	}
	return st;
}

static void *
loop(void *arg)
{
	struct lia_vigilance *v = arg;
	struct lia_conn *c = NULL;
	char planned_day[11] = "";
	pthread_mutex_lock(&v->lock);
	while (!v->stopping) {
		pthread_mutex_unlock(&v->lock);
		if (!c && lia_store_connect(v->url, &c) != LIA_STORE_OK)
			c = NULL;
		int raised = 0;
		int st = c ? lia_vigilance_pass(c, v->cm, lia_clock_now_us(), &raised) : LIA_STORE_ERROR;
		if (st == LIA_STORE_OK)
			st = daily_plan(v, c, planned_day);
		if (st != LIA_STORE_OK) {
			lia_log(LIA_LOG_WARN, "vigilance.pass_failed", "status=%s",
				lia_store_status_name(st));
			if (c)
				c->ops->conn_close(c);
			c = NULL; /* reconnect next time: the database may have come back */
		} else if (raised) {
			lia_log(LIA_LOG_INFO, "vigilance.alerts_raised", "count=%d", raised);
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += v->interval_s;
		pthread_mutex_lock(&v->lock);
		while (!v->stopping &&
		       pthread_cond_timedwait(&v->wake, &v->lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&v->lock);
	if (c)
		c->ops->conn_close(c);
	return NULL;
}

struct lia_vigilance *
lia_vigilance_start(const char *url, struct lia_committer *cm, int interval_s)
{
	if (interval_s <= 0)
		return NULL;
	struct lia_vigilance *v = lia_xcalloc(1, sizeof *v);
	v->url = lia_xstrdup(url);
	v->cm = cm;
	v->interval_s = interval_s;
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->wake, NULL);
	if (pthread_create(&v->thread, NULL, loop, v) != 0) {
		free(v->url);
		free(v);
		return NULL;
	}
	return v;
}

void
lia_vigilance_stop(struct lia_vigilance *v)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->lock);
	v->stopping = true;
	pthread_cond_signal(&v->wake);
	pthread_mutex_unlock(&v->lock);
	pthread_join(v->thread, NULL);
	pthread_mutex_destroy(&v->lock);
	pthread_cond_destroy(&v->wake);
	free(v->url);
	free(v);
}
