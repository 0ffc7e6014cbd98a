/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Medication rules that need no database (see medication.h): drug code checks, the
 * times of a line, the doses due from a line's versions in local time, the pill
 * organiser's compartments and the repeated-refusal rule. Pure functions, safe on
 * any input (tests/fuzz/fuzz_medication.c feeds them arbitrary bytes).
 */
#include "domain/medication.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/localtime.h"

#define CODE13_LEN 13
#define UCD7_LEN 7
#define HOUR_US (3600LL * 1000000LL)
/* 9999-12-31, the last date a "YYYY-MM-DD" can write: an open-ended line stops there,
 * which keeps the instants of its dates far from int64 overflow. */
#define LAST_DAY 2932896

static bool
digits_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* GS1 General Specifications 7.9 (EAN-13 check digit): weights 1 and 3 alternate
 * from the left over the first 12 digits; the check digit brings the sum to a
 * multiple of 10. CIP13 and UCD13 are both GS1 codes under France's prefix 3400. */
static bool
code13_valid(const char *code)
{
	if (!code || strlen(code) != CODE13_LEN || !digits_only(code, CODE13_LEN) ||
	    strncmp(code, "3400", 4) != 0)
		return false;
	int sum = 0;
	for (int i = 0; i < CODE13_LEN - 1; i++)
		sum += (code[i] - '0') * (i % 2 ? 3 : 1);
	return (10 - sum % 10) % 10 == code[CODE13_LEN - 1] - '0';
}

bool
lia_cip13_valid(const char *code)
{
	return code13_valid(code);
}

bool
lia_ucd_valid(const char *code)
{
	if (code && strlen(code) == UCD7_LEN)
		return digits_only(code, UCD7_LEN); /* UCD7 carries no check digit */
	return code13_valid(code);
}

int
lia_med_times_parse(const char *json, int minutes[LIA_MED_MAX_TIMES])
{
	if (!json)
		return -1;
	/* Nothing may follow the array: "[\"08:00\"] x" is not a times text. */
	cJSON *arr = cJSON_ParseWithOpts(json, NULL, true);
	int got[LIA_MED_MAX_TIMES];
	int n = 0;
	bool ok = cJSON_IsArray(arr);
	for (const cJSON *it = ok ? arr->child : NULL; it && ok; it = it->next) {
		int m;
		if (n == LIA_MED_MAX_TIMES || !cJSON_IsString(it) ||
		    !lia_hhmm_parse(it->valuestring, &m)) {
			ok = false;
			break;
		}
		/* Insertion keeps got[] ascending; an equal time is a duplicate. */
		int i = n;
		while (i > 0 && got[i - 1] > m)
			i--;
		if (i > 0 && got[i - 1] == m) {
			ok = false;
			break;
		}
		memmove(got + i + 1, got + i, (size_t)(n - i) * sizeof got[0]);
		got[i] = m;
		n++;
	}
	cJSON_Delete(arr);
	if (!ok)
		return -1;
	if (n)
		memcpy(minutes, got, (size_t)n * sizeof got[0]);
	return n;
}

/* A dose as computed, with what the sort needs to choose between equal instants. */
struct cand {
	struct lia_due_dose d;
	size_t index; /* of the version in ps[], for a total order */
};

/* due_at, then series_id; among doses of one line at one instant, first the latest
 * version (overlapping versions are bad data; the latest statement wins) and then
 * the latest local (date, time): the time the clock really shows at that instant,
 * not the one the spring-forward gap pushed onto it. */
static int
by_due(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->d.due_at != b->d.due_at)
		return a->d.due_at < b->d.due_at ? -1 : 1;
	int r = strcmp(a->d.p->series_id, b->d.p->series_id);
	if (r)
		return r;
	if (a->d.p->seq != b->d.p->seq)
		return a->d.p->seq > b->d.p->seq ? -1 : 1;
	int64_t la = a->d.day * 1440 + a->d.minute, lb = b->d.day * 1440 + b->d.minute;
	if (la != lb)
		return la > lb ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static bool
in_force(const struct lia_prescription *p, int64_t t)
{
	return p->valid_from <= t && (p->valid_until == 0 || p->valid_until > t);
}

/* The local dates worth trying for version p: its starts_on..ends_on, narrowed to the
 * dates around [from, to) and its validity. The margin of two days covers any zone's
 * offset and a gap that pushes a time past midnight (Pacific/Apia skipped a whole
 * day). False when the version's dates are unreadable. */
static bool
date_range(const struct lia_prescription *p, const char *tz, int64_t from, int64_t to, int64_t *lo,
	   int64_t *hi)
{
	int64_t start, end, d;
	if (!lia_date_to_days(p->starts_on, &start))
		return false;
	if (!p->ends_on)
		end = LAST_DAY;
	else if (!lia_date_to_days(p->ends_on, &end))
		return false;
	if (lia_local_days(tz, from, &d) && d - 2 > start)
		start = d - 2;
	if (lia_local_days(tz, p->valid_from, &d) && d - 2 > start)
		start = d - 2;
	if (lia_local_days(tz, to - 1, &d) && d + 2 < end)
		end = d + 2;
	if (p->valid_until && lia_local_days(tz, p->valid_until - 1, &d) && d + 2 < end)
		end = d + 2;
	*lo = start;
	*hi = end;
	return true;
}

bool
lia_med_doses(struct lia_arena *a, const struct lia_prescription *ps, size_t n, const char *tz,
	      int64_t from, int64_t to, struct lia_due_dose **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	if (!lia_tz_valid(tz))
		return false;
	if (from >= to)
		return true;
	struct cand *c = NULL;
	size_t nc = 0, cap = 0;
	for (size_t k = 0; k < n; k++) {
		const struct lia_prescription *p = &ps[k];
		int times[LIA_MED_MAX_TIMES];
		int nt;
		int64_t lo, hi;
		if (p->as_needed || !p->series_id ||
		    (p->valid_until && p->valid_until <= p->valid_from))
			continue;
		nt = lia_med_times_parse(p->times, times);
		if (nt <= 0 || !date_range(p, tz, from, to, &lo, &hi))
			continue; /* refused at entry; an old bad row must not stop the rest */
		for (int64_t day = lo; day <= hi; day++)
			for (int i = 0; i < nt; i++) {
				int64_t t;
				if (!lia_local_days_to_utc(tz, day, times[i], &t) || t < from ||
				    t >= to || !in_force(p, t))
					continue;
				if (nc == cap) {
					size_t ncap = cap ? cap * 2 : 64;
					struct cand *bigger =
						lia_arena_alloc(a, ncap * sizeof *bigger);
					if (nc)
						memcpy(bigger, c, nc * sizeof *c);
					c = bigger;
					cap = ncap;
				}
				c[nc++] = (struct cand){
					.d = {.p = p, .due_at = t, .day = day, .minute = times[i]},
					.index = k,
				};
			}
	}
	if (!nc)
		return true;
	qsort(c, nc, sizeof *c, by_due);
	/* One dose per line and instant (the doses table's key): the first of a run of
	 * equals, which by_due made the one to keep. */
	struct lia_due_dose *d = lia_arena_alloc(a, nc * sizeof *d);
	size_t nd = 0;
	for (size_t i = 0; i < nc; i++) {
		if (nd && d[nd - 1].due_at == c[i].d.due_at &&
		    !strcmp(d[nd - 1].p->series_id, c[i].d.p->series_id))
			continue;
		d[nd++] = c[i].d;
	}
	*out = d;
	*nout = nd;
	return true;
}

const char *
lia_med_moment(int minute_of_day)
{
	if (minute_of_day < 11 * 60)
		return "matin";
	if (minute_of_day < 16 * 60)
		return "midi";
	if (minute_of_day < 21 * 60)
		return "soir";
	return "coucher";
}

/* Is x earlier than the earliest so far (NULL: none yet)? */
static bool
earlier(const struct lia_administration *x, const struct lia_administration *earliest)
{
	if (!earliest)
		return true;
	if (x->slot_at != earliest->slot_at)
		return x->slot_at < earliest->slot_at;
	/* Same slot: the id decides, so every run names the same first refusal. */
	return x->id && (!earliest->id || strcmp(x->id, earliest->id) < 0);
}

bool
lia_med_refusals_repeated(const struct lia_administration *recs, size_t n, const char *series_id,
			  int64_t now, int hours, int count,
			  const struct lia_administration **first)
{
	const struct lia_administration *earliest = NULL;
	int found = 0;
	if (first)
		*first = NULL;
	if (!series_id || hours <= 0)
		return false;
	int64_t window = (int64_t)hours * HOUR_US; /* at most 2^31 hours: no overflow */
	int64_t since = now < INT64_MIN + window ? INT64_MIN : now - window;
	for (size_t i = 0; i < n; i++) {
		const struct lia_administration *r = &recs[i];
		if (!r->series_id || strcmp(r->series_id, series_id) || !r->outcome ||
		    strcmp(r->outcome, "refused") || r->slot_at <= since || r->slot_at > now)
			continue;
		found++;
		if (earlier(r, earliest))
			earliest = r;
	}
	/* A count below 1 would raise an alert with no refusal to name. */
	if (found < (count < 1 ? 1 : count))
		return false;
	if (first)
		*first = earliest;
	return true;
}
