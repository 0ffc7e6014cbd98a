/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/recurrence: reading an intervention version (each field
 * refused with its name), expansion over a range (weekdays, every N weeks from an
 * anchor on either side of the range, validity clipping, month and year ends, the
 * DST week), the overlap check (adjacent, other days, opposite phases, night watches
 * crossing midnight, validity ranges), and the small helpers. Expected dates are
 * written out from a calendar.
 */
#include "lia_test.h"

#include <stdbool.h>
#include <string.h>

#include "domain/localtime.h"
#include "domain/recurrence.h"

#define MON (1 << 0)
#define TUE (1 << 1)
#define WED (1 << 2)
#define THU (1 << 3)
#define FRI (1 << 4)
#define SAT (1 << 5)
#define SUN (1 << 6)
#define EVERY_DAY 127

static int64_t
day(const char *date)
{
	int64_t d = 0;
	if (!lia_date_to_days(date, &d))
		fail_msg("bad test date %s", date);
	return d;
}

/* A valid intervention: Monday, Wednesday, Friday at 08:30 for 45 minutes from
 * 2026-03-01, open-ended. */
static struct lia_intervention
intervention(void)
{
	return (struct lia_intervention){
		.valid_from = "2026-03-01",
		.valid_until = NULL,
		.days = MON | WED | FRI,
		.every_weeks = 1,
		.anchor_date = NULL,
		.start_time = "08:30",
		.duration_min = 45,
	};
}

static struct lia_recurrence
rec(int days, int every, const char *anchor, const char *start, int duration, const char *from,
    const char *until)
{
	struct lia_recurrence r = {
		.days = days,
		.every_weeks = every,
		.anchor = day(anchor),
		.duration_min = duration,
		.from = day(from),
		.until = until ? day(until) : LIA_DAYS_OPEN,
	};
	assert_true(lia_hhmm_parse(start, &r.start_minute));
	return r;
}

/* Expands r over [from, to) and compares with the expected dates. */
static void
expect_dates(const struct lia_recurrence *r, const char *from, const char *to,
	     const char *const *want, size_t nwant)
{
	int64_t out[64];
	size_t n = lia_recurrence_expand(r, day(from), day(to), out, 64);
	if (n != nwant)
		fail_msg("%zu occurrences, expected %zu", n, nwant);
	for (size_t i = 0; i < n; i++) {
		char s[11];
		lia_days_to_date(out[i], s);
		if (strcmp(s, want[i]))
			fail_msg("occurrence %zu: %s, expected %s", i, s, want[i]);
	}
}

#define EXPECT_DATES(r, from, to, ...)                                                 \
	do {                                                                           \
		static const char *const want_[] = {__VA_ARGS__};                      \
		expect_dates(r, from, to, want_, sizeof want_ / sizeof want_[0]);      \
	} while (0)

/* ---- lia_recurrence_of ---- */

static void
test_lia_recurrence_of_valid(void **state)
{
	(void)state;
	struct lia_intervention iv = intervention();
	struct lia_recurrence r;
	const char *bad = "unset";
	assert_true(lia_recurrence_of(&iv, &r, &bad));
	assert_null(bad);
	assert_int_equal(r.days, MON | WED | FRI);
	assert_int_equal(r.every_weeks, 1);
	assert_int_equal(r.start_minute, 8 * 60 + 30);
	assert_int_equal(r.duration_min, 45);
	assert_int_equal(r.from, day("2026-03-01"));
	assert_true(r.until == LIA_DAYS_OPEN);
	/* No anchor: the Monday of the first week (2026-03-01 is a Sunday). */
	assert_int_equal(r.anchor, day("2026-02-23"));

	iv.valid_until = "2026-04-01";
	iv.anchor_date = "2026-03-09";
	iv.every_weeks = 8;
	iv.duration_min = 720;
	iv.days = EVERY_DAY;
	iv.start_time = "23:59";
	assert_true(lia_recurrence_of(&iv, &r, &bad));
	assert_int_equal(r.until, day("2026-04-01"));
	assert_int_equal(r.anchor, day("2026-03-09"));
	assert_int_equal(r.start_minute, 1439);
	iv.duration_min = 5;
	iv.every_weeks = 1;
	iv.days = SUN;
	iv.start_time = "00:00";
	assert_true(lia_recurrence_of(&iv, &r, &bad));
	assert_int_equal(r.start_minute, 0);
}

static void
expect_refused(const struct lia_intervention *iv, const char *field)
{
	struct lia_recurrence r;
	const char *bad = NULL;
	assert_false(lia_recurrence_of(iv, &r, &bad));
	assert_non_null(bad);
	assert_string_equal(bad, field);
}

static void
test_lia_recurrence_of_field_errors(void **state)
{
	(void)state;
	struct lia_intervention iv;

	iv = intervention(), iv.days = 0;
	expect_refused(&iv, "days");
	iv = intervention(), iv.days = 128;
	expect_refused(&iv, "days");
	iv = intervention(), iv.days = -1;
	expect_refused(&iv, "days");
	iv = intervention(), iv.every_weeks = 0;
	expect_refused(&iv, "every_weeks");
	iv = intervention(), iv.every_weeks = 9;
	expect_refused(&iv, "every_weeks");
	iv = intervention(), iv.duration_min = 4;
	expect_refused(&iv, "duration_min");
	iv = intervention(), iv.duration_min = 721;
	expect_refused(&iv, "duration_min");
	iv = intervention(), iv.start_time = "25:00";
	expect_refused(&iv, "start_time");
	iv = intervention(), iv.start_time = "8:30";
	expect_refused(&iv, "start_time");
	iv = intervention(), iv.start_time = NULL;
	expect_refused(&iv, "start_time");
	iv = intervention(), iv.valid_from = "2026-02-29";
	expect_refused(&iv, "valid_from");
	iv = intervention(), iv.valid_from = NULL;
	expect_refused(&iv, "valid_from");
	iv = intervention(), iv.valid_until = "2026-03-01"; /* == valid_from */
	expect_refused(&iv, "valid_until");
	iv = intervention(), iv.valid_until = "2026-02-15"; /* before */
	expect_refused(&iv, "valid_until");
	iv = intervention(), iv.valid_until = "2026-03-32";
	expect_refused(&iv, "valid_until");
	iv = intervention(), iv.anchor_date = "2026-03-03"; /* a Tuesday */
	expect_refused(&iv, "anchor_date");
	iv = intervention(), iv.anchor_date = "2026-03-01"; /* a Sunday */
	expect_refused(&iv, "anchor_date");
	iv = intervention(), iv.anchor_date = "2026-3-02";
	expect_refused(&iv, "anchor_date");
	/* valid_until one day after valid_from is the shortest valid range. */
	iv = intervention(), iv.valid_until = "2026-03-02";
	struct lia_recurrence r;
	const char *bad;
	assert_true(lia_recurrence_of(&iv, &r, &bad));
}

/* ---- expansion ---- */

static void
test_lia_recurrence_expand_mon_wed_fri_march(void **state)
{
	(void)state;
	struct lia_intervention iv = intervention();
	struct lia_recurrence r;
	const char *bad;
	assert_true(lia_recurrence_of(&iv, &r, &bad));
	/* March 2026 starts on a Sunday. */
	EXPECT_DATES(&r, "2026-03-01", "2026-04-01", "2026-03-02", "2026-03-04", "2026-03-06",
		     "2026-03-09", "2026-03-11", "2026-03-13", "2026-03-16", "2026-03-18",
		     "2026-03-20", "2026-03-23", "2026-03-25", "2026-03-27", "2026-03-30");
	for (int64_t d = day("2026-03-01"); d < day("2026-04-01"); d++) {
		int w = lia_days_weekday(d);
		assert_int_equal(lia_recurrence_occurs(&r, d), w == 1 || w == 3 || w == 5);
	}
}

static void
test_lia_recurrence_expand_every_two_weeks_anchor(void **state)
{
	(void)state;
	/* Tuesdays of the weeks starting 2026-03-02, 03-16, 03-30. */
	struct lia_recurrence r = rec(TUE, 2, "2026-03-02", "10:00", 60, "2026-03-01", NULL);
	EXPECT_DATES(&r, "2026-03-01", "2026-04-15", "2026-03-03", "2026-03-17", "2026-03-31",
		     "2026-04-14");
	/* The other phase. */
	r.anchor = day("2026-03-09");
	EXPECT_DATES(&r, "2026-03-01", "2026-04-15", "2026-03-10", "2026-03-24", "2026-04-07");
	/* An anchor after the dates (weeks -3, -2, -1, 0 ... before it): same phase
	 * as 2026-03-09, even weeks away from 2026-03-23. */
	r.anchor = day("2026-03-23");
	EXPECT_DATES(&r, "2026-03-01", "2026-04-15", "2026-03-10", "2026-03-24", "2026-04-07");
	/* An anchor long ago: 2025-12-29 is 9 weeks before 2026-03-02. */
	r.anchor = day("2025-12-29");
	EXPECT_DATES(&r, "2026-03-01", "2026-04-15", "2026-03-10", "2026-03-24", "2026-04-07");
	/* Every 3 weeks, Monday and Sunday (the last day of the anchor's week). */
	r = rec(MON | SUN, 3, "2026-03-02", "10:00", 60, "2026-03-01", NULL);
	EXPECT_DATES(&r, "2026-03-01", "2026-04-15", "2026-03-02", "2026-03-08", "2026-03-23",
		     "2026-03-29", "2026-04-13");
}

static void
test_lia_recurrence_expand_validity_clipping(void **state)
{
	(void)state;
	struct lia_recurrence r =
		rec(EVERY_DAY, 1, "2026-03-09", "08:00", 30, "2026-03-10", "2026-03-15");
	/* until is exclusive. */
	EXPECT_DATES(&r, "2026-03-01", "2026-04-01", "2026-03-10", "2026-03-11", "2026-03-12",
		     "2026-03-13", "2026-03-14");
	/* The asked range clips too. */
	EXPECT_DATES(&r, "2026-03-12", "2026-03-14", "2026-03-12", "2026-03-13");
	EXPECT_DATES(&r, "2026-03-01", "2026-03-11", "2026-03-10");
	/* Ranges outside the validity, or empty. */
	int64_t out[4];
	assert_int_equal(lia_recurrence_expand(&r, day("2026-03-01"), day("2026-03-10"), out, 4), 0);
	assert_int_equal(lia_recurrence_expand(&r, day("2026-03-15"), day("2026-04-01"), out, 4), 0);
	assert_int_equal(lia_recurrence_expand(&r, day("2026-03-12"), day("2026-03-12"), out, 4), 0);
	assert_int_equal(lia_recurrence_expand(&r, day("2026-03-14"), day("2026-03-11"), out, 4), 0);
	assert_false(lia_recurrence_occurs(&r, day("2026-03-09")));
	assert_true(lia_recurrence_occurs(&r, day("2026-03-10")));
	assert_true(lia_recurrence_occurs(&r, day("2026-03-14")));
	assert_false(lia_recurrence_occurs(&r, day("2026-03-15")));
}

static void
test_lia_recurrence_expand_max_counts_all(void **state)
{
	(void)state;
	struct lia_recurrence r = rec(EVERY_DAY, 1, "2026-03-02", "08:00", 30, "2026-03-01", NULL);
	int64_t out[5] = {-7, -7, -7, -7, -7};
	/* 31 occurrences, only the first 3 written. */
	assert_int_equal(lia_recurrence_expand(&r, day("2026-03-01"), day("2026-04-01"), out, 3), 31);
	assert_int_equal(out[0], day("2026-03-01"));
	assert_int_equal(out[1], day("2026-03-02"));
	assert_int_equal(out[2], day("2026-03-03"));
	assert_int_equal(out[3], -7);
	assert_int_equal(out[4], -7);
	assert_int_equal(lia_recurrence_expand(&r, day("2026-03-01"), day("2026-04-01"), NULL, 0), 31);
}

static void
test_lia_recurrence_expand_month_ends(void **state)
{
	(void)state;
	struct lia_recurrence r = rec(EVERY_DAY, 1, "2026-01-26", "08:00", 30, "2026-01-30", NULL);
	int64_t out[64];
	size_t n = lia_recurrence_expand(&r, day("2026-02-01"), day("2026-03-03"), out, 64);
	assert_int_equal(n, 30); /* 28 days of February, then 1 and 2 March */
	char s[11];
	lia_days_to_date(out[0], s);
	assert_string_equal(s, "2026-02-01");
	lia_days_to_date(out[27], s);
	assert_string_equal(s, "2026-02-28");
	lia_days_to_date(out[28], s);
	assert_string_equal(s, "2026-03-01");
	for (size_t i = 1; i < n; i++)
		assert_int_equal(out[i], out[i - 1] + 1);
	EXPECT_DATES(&r, "2026-01-29", "2026-02-02", "2026-01-30", "2026-01-31", "2026-02-01");
	/* 2028 is leap. */
	r.from = day("2028-02-27");
	EXPECT_DATES(&r, "2028-02-27", "2028-03-02", "2028-02-27", "2028-02-28", "2028-02-29",
		     "2028-03-01");
	/* Across a year end, Thursdays. */
	r = rec(THU, 1, "2026-12-21", "08:00", 30, "2026-12-01", NULL);
	EXPECT_DATES(&r, "2026-12-20", "2027-01-15", "2026-12-24", "2026-12-31", "2027-01-07",
		     "2027-01-14");
}

static void
test_lia_recurrence_expand_dst_week(void **state)
{
	(void)state;
	/* Every day at 08:30 Paris across the spring change (Sunday 2026-03-29): the
	 * local dates are the calendar's, and each is at 08:30 local. */
	const char *tz = "Europe/Paris";
	struct lia_recurrence r = rec(EVERY_DAY, 1, "2026-03-23", "08:30", 60, "2026-03-01", NULL);
	int64_t out[16];
	size_t n = lia_recurrence_expand(&r, day("2026-03-26"), day("2026-04-02"), out, 16);
	static const char *const want[] = {"2026-03-26", "2026-03-27", "2026-03-28",
					   "2026-03-29", "2026-03-30", "2026-03-31",
					   "2026-04-01"};
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++) {
		char date[11], time[9];
		int64_t us;
		lia_days_to_date(out[i], date);
		assert_string_equal(date, want[i]);
		assert_true(lia_local_days_to_utc(tz, out[i], r.start_minute, &us));
		assert_true(lia_local_format(tz, us, date, time));
		assert_string_equal(date, want[i]);
		assert_string_equal(time, "08:30:00");
		/* 07:30Z before the change, 06:30Z from its day on. */
		int64_t utc_s = out[i] * 86400 + (i < 3 ? 7 * 3600 : 6 * 3600) + 30 * 60;
		assert_int_equal(us, utc_s * 1000000LL);
	}
	/* The autumn week: Saturdays and Sundays around 2026-10-25. */
	r = rec(SAT | SUN, 1, "2026-10-19", "02:30", 60, "2026-10-01", NULL);
	EXPECT_DATES(&r, "2026-10-19", "2026-11-02", "2026-10-24", "2026-10-25", "2026-10-31",
		     "2026-11-01");
}

/* ---- overlap ---- */

static void
test_lia_recurrence_overlap_same_day(void **state)
{
	(void)state;
	struct lia_recurrence a = rec(MON, 1, "2026-03-02", "08:00", 60, "2026-03-04", NULL);
	struct lia_recurrence b = rec(MON | THU, 1, "2026-03-02", "08:30", 30, "2026-03-01", NULL);
	int64_t d = -1;
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	assert_int_equal(d, day("2026-03-09")); /* a's first Monday */
	d = -1;
	assert_true(lia_recurrence_overlap(&b, &a, &d));
	assert_int_equal(d, day("2026-03-09"));
	/* One inside the other. */
	b = rec(MON, 1, "2026-03-02", "08:10", 10, "2026-03-01", NULL);
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	assert_true(lia_recurrence_overlap(&b, &a, &d));
	/* One minute of overlap is enough. */
	b = rec(MON, 1, "2026-03-02", "08:59", 30, "2026-03-01", NULL);
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	assert_true(lia_recurrence_overlap(&b, &a, &d));
}

static void
test_lia_recurrence_overlap_adjacent(void **state)
{
	(void)state;
	struct lia_recurrence a = rec(MON, 1, "2026-03-02", "08:00", 60, "2026-03-01", NULL);
	struct lia_recurrence b = rec(MON, 1, "2026-03-02", "09:00", 60, "2026-03-01", NULL);
	int64_t d = -1;
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
	assert_int_equal(d, -1);
}

static void
test_lia_recurrence_overlap_different_days(void **state)
{
	(void)state;
	struct lia_recurrence a = rec(MON | WED | FRI, 1, "2026-03-02", "08:00", 60, "2026-03-01",
				      NULL);
	struct lia_recurrence b = rec(TUE | THU | SAT | SUN, 1, "2026-03-02", "08:00", 60,
				      "2026-03-01", NULL);
	int64_t d;
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
}

static void
test_lia_recurrence_overlap_opposite_phases(void **state)
{
	(void)state;
	struct lia_recurrence a = rec(WED, 2, "2026-03-02", "14:00", 120, "2026-03-01", NULL);
	struct lia_recurrence b = rec(WED, 2, "2026-03-09", "14:00", 120, "2026-03-01", NULL);
	int64_t d = -1;
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
	/* Same phase from another anchor four weeks on: they meet. */
	b.anchor = day("2026-03-30");
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	assert_int_equal(d, day("2026-03-04"));
	/* Every 2 and every 3 weeks meet once in 6 weeks. */
	b = rec(WED, 3, "2026-03-09", "15:00", 30, "2026-03-01", NULL);
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	/* Weeks of a: 03-02, 03-16, 03-30, 04-13; of b: 03-09, 03-30. */
	assert_int_equal(d, day("2026-04-01"));
}

static void
test_lia_recurrence_overlap_night_watch(void **state)
{
	(void)state;
	/* Monday 22:00 for 10 hours: until Tuesday 08:00. */
	struct lia_recurrence watch = rec(MON, 1, "2026-03-02", "22:00", 600, "2026-03-01", NULL);
	struct lia_recurrence visit = rec(TUE, 1, "2026-03-02", "06:00", 30, "2026-03-01", NULL);
	int64_t d = -1;
	assert_true(lia_recurrence_overlap(&watch, &visit, &d));
	assert_int_equal(d, day("2026-03-02"));
	d = -1;
	assert_true(lia_recurrence_overlap(&visit, &watch, &d));
	assert_int_equal(d, day("2026-03-03"));
	/* A Tuesday visit from 08:00 starts as the watch ends. */
	visit = rec(TUE, 1, "2026-03-02", "08:00", 30, "2026-03-01", NULL);
	assert_false(lia_recurrence_overlap(&watch, &visit, &d));
	assert_false(lia_recurrence_overlap(&visit, &watch, &d));
	/* A Monday morning visit is before the watch. */
	visit = rec(MON, 1, "2026-03-02", "06:00", 30, "2026-03-01", NULL);
	assert_false(lia_recurrence_overlap(&watch, &visit, &d));
	assert_false(lia_recurrence_overlap(&visit, &watch, &d));
	/* Sunday-night watch into Monday: the week wraps. */
	watch = rec(SUN, 1, "2026-03-02", "22:00", 600, "2026-03-01", NULL);
	assert_true(lia_recurrence_overlap(&watch, &visit, &d));
	assert_int_equal(d, day("2026-03-01"));
	assert_true(lia_recurrence_overlap(&visit, &watch, &d));
	assert_int_equal(d, day("2026-03-02"));
}

static void
test_lia_recurrence_overlap_validity_ranges(void **state)
{
	(void)state;
	/* The same slot in consecutive versions does not clash. */
	struct lia_recurrence a =
		rec(MON | TUE, 1, "2026-03-02", "08:00", 60, "2026-03-01", "2026-04-01");
	struct lia_recurrence b = rec(MON | TUE, 1, "2026-03-02", "08:00", 60, "2026-04-01", NULL);
	int64_t d;
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
	/* Far apart ranges. */
	b.from = day("2027-01-01");
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
	/* One shared day is enough. */
	b.from = day("2026-03-31");
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	assert_int_equal(d, day("2026-03-31"));
	assert_true(lia_recurrence_overlap(&b, &a, &d));
	assert_int_equal(d, day("2026-03-31"));
	/* Ranges that share days where only one of them occurs. */
	a = rec(MON, 1, "2026-03-02", "08:00", 60, "2026-03-01", "2026-03-10");
	b = rec(MON, 1, "2026-03-02", "08:00", 60, "2026-03-10", NULL);
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
}

static void
test_lia_recurrence_overlap_night_watch_across_versions(void **state)
{
	(void)state;
	/* The old version's last night watch (Tuesday 2026-03-31, 22:00 to Wednesday
	 * 08:00) still runs when the new version's first visit starts on Wednesday
	 * 2026-04-01 at 06:00: the occurrences overlap, whichever is passed first. */
	struct lia_recurrence watch =
		rec(TUE, 1, "2026-03-02", "22:00", 600, "2026-03-01", "2026-04-01");
	struct lia_recurrence visit = rec(WED, 1, "2026-03-02", "06:00", 30, "2026-04-01", NULL);
	int64_t d = -1;
	assert_true(lia_recurrence_overlap(&watch, &visit, &d));
	assert_int_equal(d, day("2026-03-31"));
	d = -1;
	assert_true(lia_recurrence_overlap(&visit, &watch, &d));
	assert_int_equal(d, day("2026-04-01"));
}

static void
test_lia_recurrence_overlap_far_anchor(void **state)
{
	(void)state;
	/* Every 8 weeks from 2026-03-02 and every 7 weeks from 2026-04-13 (6 weeks
	 * later), both open-ended: counted from 2026-03-02, a's weeks are 0, 8, 16 ...
	 * and b's are 6 + 7j (..., -1, 6, 13 ...). The first common week is found by
	 * brute force below; it is nearly a year on, near the end of the 56-week cycle. */
	struct lia_recurrence a = rec(FRI, 8, "2026-03-02", "09:00", 60, "2026-03-01", NULL);
	struct lia_recurrence b = rec(FRI, 7, "2026-04-13", "09:30", 60, "2026-03-01", NULL);
	int week = -1;
	for (int w = 0; w < 56 && week < 0; w++)
		if (w % 8 == 0 && (w - 6) % 7 == 0)
			week = w;
	assert_int_equal(week, 48);
	int64_t d = -1;
	assert_true(lia_recurrence_overlap(&a, &b, &d));
	assert_int_equal(d, day("2026-03-02") + 7 * week + 4);
	assert_int_equal(lia_days_weekday(d), 5);
	/* Both every 7 weeks, in phases 7k and 5 + 7k: they never meet. */
	a = rec(FRI, 7, "2026-03-02", "09:00", 60, "2026-03-01", NULL);
	b = rec(FRI, 7, "2026-04-06", "09:30", 60, "2026-03-01", NULL);
	assert_false(lia_recurrence_overlap(&a, &b, &d));
	assert_false(lia_recurrence_overlap(&b, &a, &d));
}

/* ---- helpers ---- */

static void
test_lia_monday_of_each_weekday(void **state)
{
	(void)state;
	int64_t mon = day("2026-11-16");
	for (int i = 0; i < 7; i++)
		assert_int_equal(lia_monday_of(mon + i), mon);
	assert_int_equal(lia_monday_of(day("2026-11-22")), day("2026-11-16"));
	assert_int_equal(lia_monday_of(day("2026-11-23")), day("2026-11-23"));
	assert_int_equal(lia_monday_of(day("2026-03-01")), day("2026-02-23"));
	/* Before the epoch (1970-01-01 is a Thursday). */
	assert_int_equal(lia_monday_of(0), -3);
	assert_int_equal(lia_monday_of(-4), -10);
}

static void
test_lia_days_mask_format_lists(void **state)
{
	(void)state;
	char s[16];
	lia_days_mask_format(MON | WED | FRI, s);
	assert_string_equal(s, "1,3,5");
	lia_days_mask_format(EVERY_DAY, s);
	assert_string_equal(s, "1,2,3,4,5,6,7");
	lia_days_mask_format(SUN, s);
	assert_string_equal(s, "7");
	lia_days_mask_format(0, s);
	assert_string_equal(s, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_recurrence_of_valid),
		cmocka_unit_test(test_lia_recurrence_of_field_errors),
		cmocka_unit_test(test_lia_recurrence_expand_mon_wed_fri_march),
		cmocka_unit_test(test_lia_recurrence_expand_every_two_weeks_anchor),
		cmocka_unit_test(test_lia_recurrence_expand_validity_clipping),
		cmocka_unit_test(test_lia_recurrence_expand_max_counts_all),
		cmocka_unit_test(test_lia_recurrence_expand_month_ends),
		cmocka_unit_test(test_lia_recurrence_expand_dst_week),
		cmocka_unit_test(test_lia_recurrence_overlap_same_day),
		cmocka_unit_test(test_lia_recurrence_overlap_adjacent),
		cmocka_unit_test(test_lia_recurrence_overlap_different_days),
		cmocka_unit_test(test_lia_recurrence_overlap_opposite_phases),
		cmocka_unit_test(test_lia_recurrence_overlap_night_watch),
		cmocka_unit_test(test_lia_recurrence_overlap_validity_ranges),
		cmocka_unit_test(test_lia_recurrence_overlap_night_watch_across_versions),
		cmocka_unit_test(test_lia_recurrence_overlap_far_anchor),
		cmocka_unit_test(test_lia_monday_of_each_weekday),
		cmocka_unit_test(test_lia_days_mask_format_lists),
	};
	LIA_RUN_GROUP("recurrence", tests, NULL, NULL);
}
