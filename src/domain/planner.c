/* SPDX-License-Identifier: EUPL-1.2 */
/* Visit generation from the care plan (see planner.h). */
#include "domain/planner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/planning_settings.h"
#include "domain/recurrence.h"

#define PAGE 2000

static bool
same(const char *x, const char *y)
{
	return x == y || (x && y && !strcmp(x, y));
}

/* Every visit of the client with planned_start in [from_us, to_us). */
static int
load_visits(struct lia_conn *c, struct lia_arena *a, const char *client_id, int64_t from_us,
	    int64_t to_us, struct lia_visit **out, size_t *nout)
{
	struct lia_visit *all = NULL;
	size_t n = 0, cap = 0;
	struct lia_visit_query q = {.client_id = client_id, .from = from_us, .to = to_us,
				    .limit = PAGE};
	for (;;) {
		struct lia_visit *page;
		size_t got;
		int st = c->ops->visit_list(c, a, &q, &page, &got);
		if (st != LIA_STORE_OK)
			return st;
		if (n + got > cap) {
			size_t ncap = (n + got) * 2;
			struct lia_visit *bigger = lia_arena_alloc(a, ncap * sizeof *bigger);
			if (n)
				memcpy(bigger, all, n * sizeof *all);
			all = bigger;
			cap = ncap;
		}
		if (got)
			memcpy(all + n, page, got * sizeof *page);
		n += got;
		if (got < PAGE)
			break;
		q.after_start = page[got - 1].planned_start;
		q.after_id = page[got - 1].id;
	}
	*out = all;
	*nout = n;
	return LIA_STORE_OK;
}

static int
by_occurrence(const void *x, const void *y)
{
	const struct lia_visit *a = x, *b = y;
	int r = strcmp(a->series_id, b->series_id);
	return r ? r : strcmp(a->occurrence_date, b->occurrence_date);
}

/* The absence in force covering date (local "YYYY-MM-DD"), or NULL. */
static const struct lia_absence *
absence_on(const struct lia_absence *abs, size_t nabs, const char *date)
{
	for (size_t i = 0; i < nabs; i++)
		if (!abs[i].cancelled_at && strcmp(abs[i].starts_on, date) <= 0 &&
		    strcmp(abs[i].ends_on, date) >= 0)
			return &abs[i];
	return NULL;
}

static bool
may_follow_plan(const struct lia_visit *v)
{
	if (v->manual)
		return false;
	return !strcmp(v->status, "planned") || !strcmp(v->status, "suspended") ||
	       (!strcmp(v->status, "cancelled") && same(v->cancel_reason, "plan_changed"));
}

/* Fills the plan-driven fields of v for occurrence day of version iv; true when
 * anything changed. */
static bool
shape(struct lia_visit *v, const struct lia_intervention *iv, const struct lia_recurrence *r,
      int64_t start, const struct lia_absence *absent)
{
	int64_t end = start + (int64_t)r->duration_min * LIA_MINUTE_US;
	const char *status = absent ? "suspended" : "planned";
	const char *by = absent ? absent->id : NULL;
	bool changed = v->planned_start != start || v->planned_end != end ||
		       !same(v->intervention_id, iv->id) || !same(v->type, iv->type) ||
		       !same(v->label, iv->label) || !same(v->qualification, iv->qualification) ||
		       !same(v->tasks, iv->tasks) || !same(v->funder, iv->funder) ||
		       !same(v->status, status) || !same(v->suspended_by, by);
	v->planned_start = start;
	v->planned_end = end;
	v->intervention_id = iv->id;
	v->type = iv->type;
	v->label = iv->label;
	v->qualification = iv->qualification;
	v->tasks = iv->tasks;
	v->funder = iv->funder;
	v->status = status;
	v->suspended_by = by;
	if (changed) {
		v->cancel_reason = NULL;
		v->cancel_note = NULL;
	}
	return changed;
}

int
lia_plan_generate(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		  const char *org_id, const char *tz, int64_t from, int64_t to, int64_t now,
		  struct lia_plan_run *run)
{
	memset(run, 0, sizeof *run);
	struct lia_intervention *ivs;
	struct lia_absence *abs;
	struct lia_visit *vs;
	size_t niv, nabs, nv;
	int64_t from_us, to_us;
	if (!lia_local_days_to_utc(tz, from - LIA_PLAN_MOVE_MAX_DAYS - 1, 0, &from_us) ||
	    !lia_local_days_to_utc(tz, to + LIA_PLAN_MOVE_MAX_DAYS + 1, 0, &to_us))
		return LIA_STORE_ERROR;
	int st = c->ops->intervention_list(c, a, client_id, &ivs, &niv);
	if (st == LIA_STORE_OK)
		st = c->ops->absence_list(c, a, client_id, &abs, &nabs);
	if (st == LIA_STORE_OK)
		st = load_visits(c, a, client_id, from_us, to_us, &vs, &nv);
	if (st != LIA_STORE_OK)
		return st;

	/* Generated visits of the range, sorted by (series, date) for lookup. */
	struct lia_visit *gen = lia_arena_alloc(a, (nv ? nv : 1) * sizeof *gen);
	bool *seen = lia_arena_alloc(a, (nv ? nv : 1) * sizeof *seen);
	size_t ngen = 0;
	char lo[11], hi[11];
	lia_days_to_date(from, lo);
	lia_days_to_date(to, hi);
	for (size_t i = 0; i < nv; i++)
		if (vs[i].series_id && vs[i].occurrence_date &&
		    strcmp(vs[i].occurrence_date, lo) >= 0 && strcmp(vs[i].occurrence_date, hi) < 0)
			gen[ngen++] = vs[i];
	qsort(gen, ngen, sizeof *gen, by_occurrence);

	int64_t *days = lia_arena_alloc(a, (size_t)(to - from + 1) * sizeof *days);
	for (size_t k = 0; k < niv && st == LIA_STORE_OK; k++) {
		struct lia_recurrence r;
		const char *bad;
		if (!lia_recurrence_of(&ivs[k], &r, &bad))
			continue; /* refused at entry; an old bad row must not stop the rest */
		size_t nd = lia_recurrence_expand(&r, from, to, days, (size_t)(to - from + 1));
		for (size_t j = 0; j < nd && st == LIA_STORE_OK; j++) {
			char date[11];
			int64_t start;
			lia_days_to_date(days[j], date);
			if (!lia_local_days_to_utc(tz, days[j], r.start_minute, &start))
				return LIA_STORE_ERROR;
			if (start < now)
				continue; /* the past is what happened: never planned after the fact */
			const struct lia_absence *absent = absence_on(abs, nabs, date);
			struct lia_visit key = {.series_id = ivs[k].series_id, .occurrence_date = date};
			struct lia_visit *found = bsearch(&key, gen, ngen, sizeof *gen, by_occurrence);
			if (found) {
				seen[found - gen] = true;
				struct lia_visit v = *found;
				if (!may_follow_plan(&v) || !shape(&v, &ivs[k], &r, start, absent))
					continue;
				v.updated_at = now;
				st = c->ops->visit_update(c, &v, found->version);
				run->updated++;
				continue;
			}
			char id[LIA_UUID_STRLEN + 1];
			lia_uuid7(id);
			struct lia_visit v = {
				.id = id, .org_id = org_id, .client_id = client_id,
				.series_id = ivs[k].series_id, .occurrence_date = date,
				.tasks = "[]", .status = "planned", .version = 1,
				.created_at = now, .updated_at = now,
			};
			shape(&v, &ivs[k], &r, start, absent);
			st = c->ops->visit_insert(c, &v);
			run->inserted++;
		}
	}
	/* What the plan no longer has. */
	for (size_t i = 0; i < ngen && st == LIA_STORE_OK; i++) {
		struct lia_visit v = gen[i];
		if (seen[i] || !may_follow_plan(&v) || !strcmp(v.status, "cancelled") ||
		    v.planned_start < now)
			continue;
		v.status = "cancelled";
		v.suspended_by = NULL;
		v.cancel_reason = "plan_changed";
		v.updated_at = now;
		st = c->ops->visit_update(c, &v, gen[i].version);
		run->cancelled++;
	}
	/* Absences over the visits the plan does not drive (one-off and manual ones). */
	for (size_t i = 0; i < nv && st == LIA_STORE_OK; i++) {
		struct lia_visit v = vs[i];
		if (!v.manual && v.series_id)
			continue;
		int64_t day;
		char date[11];
		if (v.planned_start < now || !lia_local_days(tz, v.planned_start, &day) ||
		    day < from || day >= to)
			continue;
		lia_days_to_date(day, date);
		const struct lia_absence *absent = absence_on(abs, nabs, date);
		if (absent && !strcmp(v.status, "planned")) {
			v.status = "suspended";
			v.suspended_by = absent->id;
			run->suspended++;
		} else if (!absent && !strcmp(v.status, "suspended")) {
			v.status = "planned";
			v.suspended_by = NULL;
			run->released++;
		} else
			continue;
		v.updated_at = now;
		st = c->ops->visit_update(c, &v, vs[i].version);
	}
	return st;
}

/* Zone and horizon per organisation, looked up once per run. */
struct org_plan {
	const char *org_id;
	const char *tz;
	int horizon;
};

struct all_batch {
	const struct lia_plan_client *clients;
	size_t n;
	const struct org_plan *orgs;    /* one per client */
	int64_t now;
	int days;
	struct lia_plan_run run;
};

static int
generate_batch(struct lia_conn *c, void *cls)
{
	struct all_batch *b = cls;
	struct lia_arena *a = lia_arena_new();
	int st = LIA_STORE_OK;
	memset(&b->run, 0, sizeof b->run);
	for (size_t i = 0; i < b->n && st == LIA_STORE_OK; i++) {
		const struct org_plan *o = &b->orgs[i];
		int64_t today;
		struct lia_plan_run one;
		if (!lia_local_days(o->tz, b->now, &today)) {
			st = LIA_STORE_ERROR;
			break;
		}
		st = lia_plan_generate(c, a, b->clients[i].client_id, b->clients[i].org_id, o->tz,
				       today, today + (b->days > 0 ? b->days : o->horizon), b->now,
				       &one);
		b->run.inserted += one.inserted;
		b->run.updated += one.updated;
		b->run.cancelled += one.cancelled;
		b->run.suspended += one.suspended;
		b->run.released += one.released;
		if (i % 64 == 63) { /* keep the arena small over a long batch */
			lia_arena_free(a);
			a = lia_arena_new();
		}
	}
	lia_arena_free(a);
	return st;
}

static int
org_plan_of(struct lia_conn *c, struct lia_arena *a, struct org_plan *cache, size_t *n,
	    size_t cap, const char *org_id, const struct org_plan **out)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(cache[i].org_id, org_id)) {
			*out = &cache[i];
			return LIA_STORE_OK;
		}
	struct lia_org o;
	struct lia_planning_settings ps;
	int st = c->ops->org_get(c, a, org_id, &o);
	if (st == LIA_STORE_OK)
		st = lia_planning_settings_load(c, a, o.path, &ps);
	if (st != LIA_STORE_OK)
		return st;
	size_t at = *n < cap ? (*n)++ : cap - 1;
	cache[at] = (struct org_plan){lia_arena_strdup(a, org_id), lia_arena_strdup(a, o.tz),
				      ps.horizon_days};
	*out = &cache[at];
	return LIA_STORE_OK;
}

int
lia_plan_generate_all(struct lia_conn *read, lia_write_runner run, void *ctx, int64_t now,
		      int days, int per_tx, struct lia_plan_totals *totals)
{
	memset(totals, 0, sizeof *totals);
	struct lia_arena *keep = lia_arena_new(); /* the organisation cache */
	struct org_plan cache[256];
	size_t ncache = 0;
	char after[64] = "", from[11];
	int64_t today;
	/* Plans still running yesterday in the westernmost zone are included. */
	lia_local_days("Etc/GMT+12", now, &today);
	lia_days_to_date(today - 1, from);
	int st = LIA_STORE_OK;
	for (;;) {
		struct lia_arena *a = lia_arena_new();
		struct lia_plan_client *cs;
		size_t n;
		st = read->ops->plan_clients(read, a, from, after[0] ? after : NULL, per_tx, &cs, &n);
		struct org_plan *orgs = lia_arena_alloc(a, (n ? n : 1) * sizeof *orgs);
		for (size_t i = 0; st == LIA_STORE_OK && i < n; i++) {
			const struct org_plan *o;
			st = org_plan_of(read, keep, cache, &ncache, sizeof cache / sizeof cache[0],
					 cs[i].org_id, &o);
			if (st == LIA_STORE_OK)
				orgs[i] = *o;
		}
		if (st == LIA_STORE_OK && n) {
			struct all_batch b = {.clients = cs, .n = n, .orgs = orgs, .now = now,
					      .days = days};
			st = run(ctx, generate_batch, &b);
			totals->clients += (long)n;
			totals->run.inserted += b.run.inserted;
			totals->run.updated += b.run.updated;
			totals->run.cancelled += b.run.cancelled;
			totals->run.suspended += b.run.suspended;
			totals->run.released += b.run.released;
			snprintf(after, sizeof after, "%s", cs[n - 1].client_id);
		}
		lia_arena_free(a);
		if (st != LIA_STORE_OK || n < (size_t)per_tx)
			break;
	}
	lia_arena_free(keep);
	return st;
}
