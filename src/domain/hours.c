/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Hours delivered against hours granted (see hours.h). Grants are monthly amounts over
 * a period of dates, so a grant that starts or ends mid-month gives the share of the
 * month's days it covers; visits are placed in months by their local planned start.
 */
#include "domain/hours.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/localtime.h"

/* Parses "YYYY-MM" into the day numbers of its first day and of the next month's. */
static bool
month_days(const char *month, int64_t *first, int64_t *next)
{
	if (!month || strlen(month) != 7 || month[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (month[i] < '0' || month[i] > '9'))
			return false;
	int y = (month[0] - '0') * 1000 + (month[1] - '0') * 100 + (month[2] - '0') * 10 +
		(month[3] - '0');
	int m = (month[5] - '0') * 10 + (month[6] - '0');
	if (m < 1 || m > 12)
		return false;
	char d1[16], d2[16];
	snprintf(d1, sizeof d1, "%04d-%02d-01", y, m);
	snprintf(d2, sizeof d2, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	return lia_date_to_days(d1, first) && lia_date_to_days(d2, next);
}

bool
lia_hours_month_bounds(const char *month, const char *tz, int64_t *from, int64_t *to)
{
	int64_t first, next;
	if (!month_days(month, &first, &next) || !tz)
		return false;
	char d1[11], d2[11];
	lia_days_to_date(first, d1);
	lia_days_to_date(next, d2);
	return lia_local_midnight(tz, d1, from) && lia_local_midnight(tz, d2, to);
}

/* Days of [first, next) that [starts_on, ends_on] covers (either NULL: open-ended on
 * that side), or -1 on a malformed date or ends_on before starts_on. */
static int64_t
covered_days(int64_t first, int64_t next, const char *starts_on, const char *ends_on)
{
	int64_t lo = first, hi = next - 1, s = 0, e;
	if (starts_on) {
		if (!lia_date_to_days(starts_on, &s))
			return -1;
		if (s > lo)
			lo = s;
	}
	if (ends_on) {
		if (!lia_date_to_days(ends_on, &e))
			return -1;
		if (starts_on && e < s)
			return -1;
		if (e < hi)
			hi = e;
	}
	return hi < lo ? 0 : hi - lo + 1;
}

static int64_t
prorate(int64_t minutes_per_month, int64_t covered, int64_t days)
{
	/* Half up: 600 min over 10 of 31 days is 193.55, granted 194. */
	return (minutes_per_month * covered * 2 + days) / (days * 2);
}

int64_t
lia_hours_grant_minutes(const char *month, int64_t minutes_per_month, const char *starts_on,
			const char *ends_on)
{
	int64_t first, next;
	if (!month_days(month, &first, &next) || minutes_per_month < 0)
		return -1;
	int64_t covered = covered_days(first, next, starts_on, ends_on);
	return covered < 0 ? -1 : prorate(minutes_per_month, covered, next - first);
}

static bool
is(const char *s, const char *want)
{
	return s && strcmp(s, want) == 0;
}

static int64_t
whole_minutes(int64_t us)
{
	return us > 0 ? (us + LIA_MINUTE_US / 2) / LIA_MINUTE_US : 0;
}

static struct lia_hours_row *
row_for(struct lia_hours_row *rows, size_t *n, const char *funder)
{
	const char *key = funder && *funder ? funder : LIA_HOURS_NO_FUNDER;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(rows[i].funder, key) == 0)
			return &rows[i];
	rows[*n].funder = key; /* the arena zeroed the rest */
	return &rows[(*n)++];
}

static int
row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lia_hours_row *)a)->funder,
		      ((const struct lia_hours_row *)b)->funder);
}

enum lia_hours_status
lia_hours_month(const char *month, const char *tz, const struct lia_visit *visits, size_t nvisits,
		const struct lia_grant *grants, size_t ngrants, struct lia_arena *a,
		struct lia_hours_row **rows, size_t *nrows)
{
	*rows = NULL;
	*nrows = 0;
	int64_t first, next, from, to;
	if (!month_days(month, &first, &next))
		return LIA_HOURS_BAD_MONTH;
	if (!tz || !lia_tz_valid(tz) || !lia_hours_month_bounds(month, tz, &from, &to))
		return LIA_HOURS_BAD_TZ;

	/* Grants first, so that a bad one leaves nothing behind. */
	int64_t *covered = NULL;
	if (ngrants) {
		covered = lia_arena_alloc(a, ngrants * sizeof *covered);
		for (size_t i = 0; i < ngrants; i++) {
			covered[i] =
				covered_days(first, next, grants[i].starts_on, grants[i].ends_on);
			if (covered[i] < 0 || grants[i].minutes_per_month < 0)
				return LIA_HOURS_BAD_GRANT;
		}
	}

	size_t cap = nvisits + ngrants; /* at most one row per visit or grant */
	if (cap == 0)
		return LIA_HOURS_OK;
	struct lia_hours_row *out = lia_arena_alloc(a, cap * sizeof *out);
	size_t n = 0;

	for (size_t i = 0; i < ngrants; i++) {
		/* A grant covering a single day of the month makes a row even when that
		 * day's share rounds to 0 minutes. */
		if (covered[i] == 0)
			continue;
		row_for(out, &n, grants[i].funder)->granted_min +=
			prorate(grants[i].minutes_per_month, covered[i], next - first);
	}

	for (size_t i = 0; i < nvisits; i++) {
		const struct lia_visit *v = &visits[i];
		if (v->planned_start < from || v->planned_start >= to)
			continue;
		struct lia_hours_row *r = row_for(out, &n, v->funder);
		if (is(v->status, "cancelled") || is(v->status, "suspended")) {
			r->visits_cancelled++;
			continue;
		}
		r->visits_planned++;
		r->planned_min += whole_minutes(v->planned_end - v->planned_start);
		if (is(v->status, "done")) {
			r->visits_done++;
			r->delivered_min += whole_minutes(v->retained_end - v->retained_start);
		} else if (is(v->status, "planned") || is(v->status, "in_progress")) {
			r->visits_open++;
		}
	}

	if (n == 0)
		return LIA_HOURS_OK;
	qsort(out, n, sizeof *out, row_cmp);
	*rows = out;
	*nrows = n;
	return LIA_HOURS_OK;
}
