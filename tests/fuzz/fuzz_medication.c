/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the medication rules (src/domain/medication.c): drug codes, the
 * times text of a prescription line and the doses derived from it in Europe/Paris.
 * The input is split at '|' into: times (JSON), starts_on, ends_on, valid_from (µs),
 * valid_until (µs), from (µs), span (hours, 0..1500, 72 when empty or out of range),
 * a drug code, and the times of a second version taking over at valid_until. Any
 * bytes must give an answer, never a crash, and the answers must hold together:
 * times ascending and within the day; every dose within [from, from + span), its
 * version in force and within its dates, at the instant of its local time, sorted,
 * with no line twice at one instant; the refusal rule counts what it is given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/localtime.h"
#include "domain/medication.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NFIELDS 9
#define TZ "Europe/Paris"
#define HOUR_US (3600LL * 1000000LL)
#define BASE_US (1798761600LL * 1000000LL) /* 2027-01-01 00:00 UTC */

static int64_t
instant(const char *s, int64_t fallback)
{
	return *s ? (int64_t)strtoll(s, NULL, 10) : fallback;
}

static void
check_codes(const char *code)
{
	size_t len = strlen(code);
	bool cip = lia_cip13_valid(code), ucd = lia_ucd_valid(code);
	if (cip &&
	    (len != 13 || strncmp(code, "3400", 4) != 0 || strspn(code, "0123456789") != len))
		abort();
	if (ucd && !((len == 7 || len == 13) && strspn(code, "0123456789") == len))
		abort();
	if (len == 13 && ucd != cip) /* UCD13 and CIP13 share the rule */
		abort();
}

/* The times of a version, as parsed; -1 when unreadable. */
static int
check_times(const char *json, int minutes[LIA_MED_MAX_TIMES])
{
	int n = lia_med_times_parse(json, minutes);
	if (n < -1 || n > LIA_MED_MAX_TIMES)
		abort();
	for (int i = 0; i < n; i++)
		if (minutes[i] < 0 || minutes[i] >= 1440 || (i && minutes[i - 1] >= minutes[i]))
			abort();
	return n;
}

static bool
has_minute(const int *minutes, int n, int m)
{
	for (int i = 0; i < n; i++)
		if (minutes[i] == m)
			return true;
	return false;
}

static void
check_doses(const struct lia_prescription *ps, size_t nps, int times[2][LIA_MED_MAX_TIMES],
	    const int nt[2], int64_t from, int64_t to, int span)
{
	struct lia_arena *a = lia_arena_new();
	struct lia_due_dose *d;
	size_t n;
	if (!lia_med_doses(a, ps, nps, TZ, from, to, &d, &n) || (n == 0) != (d == NULL))
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct lia_prescription *p = d[i].p;
		size_t k = (size_t)(p - ps);
		if (p < ps || k >= nps || p->as_needed || nt[k] <= 0)
			abort();
		if (d[i].due_at < from || d[i].due_at >= to || d[i].due_at < p->valid_from ||
		    (p->valid_until && d[i].due_at >= p->valid_until))
			abort();
		if (i && (d[i - 1].due_at > d[i].due_at ||
			  (d[i - 1].due_at == d[i].due_at &&
			   strcmp(d[i - 1].p->series_id, p->series_id) >= 0)))
			abort();
		int64_t start, end, t;
		if (!lia_date_to_days(p->starts_on, &start) || d[i].day < start ||
		    (p->ends_on && (!lia_date_to_days(p->ends_on, &end) || d[i].day > end)))
			abort();
		if (!has_minute(times[k], nt[k], d[i].minute) ||
		    !lia_local_days_to_utc(TZ, d[i].day, d[i].minute, &t) || t != d[i].due_at)
			abort();
		const char *m = lia_med_moment(d[i].minute);
		if (strcmp(m, "matin") && strcmp(m, "midi") && strcmp(m, "soir") &&
		    strcmp(m, "coucher"))
			abort();
	}

	/* Every dose refused: the rule sees those in (to - span, to]. */
	struct lia_administration *recs = lia_arena_alloc(a, (n ? n : 1) * sizeof *recs);
	int64_t since = to - (int64_t)span * HOUR_US;
	int inside = 0;
	const struct lia_administration *want = NULL, *first = NULL;
	for (size_t i = 0; i < n; i++) {
		recs[i] = (struct lia_administration){
			.id = d[i].p->id,
			.series_id = d[i].p->series_id,
			.outcome = "refused",
			.due_at = d[i].due_at,
			.slot_at = d[i].due_at,
		};
		if (recs[i].slot_at > since && recs[i].slot_at <= to) {
			inside++;
			if (!want)
				want = &recs[i]; /* sorted: the first inside is the earliest */
		}
	}
	bool rep = lia_med_refusals_repeated(recs, n, "s1", to, span, inside, &first);
	if (span > 0 && inside > 0 && (!rep || first != want))
		abort();
	if (lia_med_refusals_repeated(recs, n, "s1", to, span, inside + 1, &first) || first)
		abort();
	lia_arena_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	const char *f[NFIELDS];
	char *p = buf;
	for (int i = 0; i < NFIELDS; i++) {
		f[i] = p ? p : "";
		char *bar = p ? strchr(p, '|') : NULL;
		if (bar)
			*bar++ = '\0';
		p = bar;
	}

	check_codes(f[7]);

	int times[2][LIA_MED_MAX_TIMES];
	int nt[2];
	nt[0] = check_times(f[0], times[0]);
	nt[1] = check_times(f[8], times[1]);

	/* The range is at most 1500 hours: the work stays small whatever the dates. */
	long span = *f[6] ? strtol(f[6], NULL, 10) : 72;
	if (span < 0 || span > 1500)
		span = 72;
	int64_t span_us = span * HOUR_US;
	int64_t from = instant(f[5], BASE_US);
	if (from > INT64_MAX - span_us)
		from = INT64_MAX - span_us;

	struct lia_prescription ps[2] = {
		{.id = "v1",
		 .series_id = "s1",
		 .seq = 1,
		 .times = f[0],
		 .starts_on = f[1],
		 .ends_on = *f[2] ? f[2] : NULL,
		 .valid_from = instant(f[3], BASE_US),
		 .valid_until = instant(f[4], 0)},
	};
	size_t nps = 1;
	if (*f[8] && ps[0].valid_until) {
		ps[1] = ps[0];
		ps[1].id = "v2";
		ps[1].seq = 2;
		ps[1].times = f[8];
		ps[1].valid_from = ps[0].valid_until;
		ps[1].valid_until = 0;
		nps = 2;
	}
	check_doses(ps, nps, times, nt, from, from + span_us, (int)span);
	free(buf);
	return 0;
}
