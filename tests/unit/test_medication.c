/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/medication: CIP13 and UCD code checks (check digits
 * worked out by hand in the comments), the times of a line, the doses due from a
 * line's versions in local time (daily lines, the 2027 daylight-saving days in
 * Europe/Paris, a change and a stop in the middle of a day, bounds, ordering, zones
 * without DST and with other rules), the pill-organiser compartments, and the
 * repeated-refusal rule. Expected instants come from libc's timegm() on UTC fields
 * worked out by hand from the zones' published rules, never from the module itself.
 */
#include "lia_test.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "domain/localtime.h"
#include "domain/medication.h"

#define PARIS "Europe/Paris"
#define HOUR_US (3600LL * 1000000LL)

/* The UTC instant y-mo-d h:mi:00, in microseconds, computed by libc. */
static int64_t
utc_us(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {
		.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
	return (int64_t)timegm(&tm) * 1000000LL;
}

static int64_t
day(const char *date)
{
	int64_t d = 0;
	if (!lia_date_to_days(date, &d))
		fail_msg("bad test date %s", date);
	return d;
}

/* A daily line version in force from 2027-01-01 00:00 UTC, open-ended. */
static struct lia_prescription
rx(const char *id, const char *series, int64_t seq, const char *times, const char *starts_on,
   const char *ends_on)
{
	return (struct lia_prescription){
		.id = id,
		.series_id = series,
		.seq = seq,
		.valid_from = utc_us(2027, 1, 1, 0, 0),
		.drug_label = "Paracétamol 500 mg",
		.times = times,
		.starts_on = starts_on,
		.ends_on = ends_on,
		.source = "prescribed",
		.version = 1,
	};
}

/* What one due dose is expected to be. */
struct want {
	int64_t due_at;
	const char *id; /* the version */
	const char *date;
	const char *hhmm;
};

static void
expect_doses(const struct lia_due_dose *d, size_t n, const struct want *w, size_t nw)
{
	if (n != nw)
		fail_msg("%zu doses, expected %zu", n, nw);
	for (size_t i = 0; i < n; i++) {
		int minute = -1;
		assert_true(lia_hhmm_parse(w[i].hhmm, &minute));
		if (d[i].due_at != w[i].due_at)
			fail_msg("dose %zu: due_at %lld, expected %lld", i, (long long)d[i].due_at,
				 (long long)w[i].due_at);
		if (strcmp(d[i].p->id, w[i].id))
			fail_msg("dose %zu: version %s, expected %s", i, d[i].p->id, w[i].id);
		if (d[i].day != day(w[i].date) || d[i].minute != minute)
			fail_msg("dose %zu: local %lld %d, expected %s %s", i, (long long)d[i].day,
				 d[i].minute, w[i].date, w[i].hhmm);
	}
}

#define EXPECT_DOSES(d, n, ...)                                            \
	do {                                                               \
		const struct want want_[] = {__VA_ARGS__};                 \
		expect_doses(d, n, want_, sizeof want_ / sizeof want_[0]); \
	} while (0)

/* The doses of ps over [from, to) in tz; the test's arena holds them. */
static size_t
doses(void **state, const struct lia_prescription *ps, size_t n, const char *tz, int64_t from,
      int64_t to, struct lia_due_dose **out)
{
	size_t nout = 99;
	assert_true(lia_med_doses(*state, ps, n, tz, from, to, out, &nout));
	if (nout)
		assert_non_null(*out);
	else
		assert_null(*out);
	/* Sorted by due_at then series, and one dose per line and instant. */
	for (size_t i = 1; i < nout; i++) {
		const struct lia_due_dose *a = &(*out)[i - 1], *b = &(*out)[i];
		assert_true(
			a->due_at < b->due_at ||
			(a->due_at == b->due_at && strcmp(a->p->series_id, b->p->series_id) < 0));
	}
	return nout;
}

static int
arena_setup(void **state)
{
	*state = lia_arena_new();
	return 0;
}

static int
arena_teardown(void **state)
{
	lia_arena_free(*state);
	return 0;
}

/* ---- drug codes ---- */

static void
test_lia_cip13_valid_good_codes(void **state)
{
	(void)state;
	/* 3 4 0 0 9 3 0 0 0 0 0 1 weighted 1,3,1,3...: 3+12+0+0+9+9+0+0+0+0+0+3 = 36,
	 * check (10 - 6) % 10 = 4. */
	assert_true(lia_cip13_valid("3400930000014"));
	/* 3 4 0 0 9 3 4 9 9 8 3 3: 3+12+0+0+9+9+4+27+9+24+3+9 = 109, check 1. */
	assert_true(lia_cip13_valid("3400934998331"));
	/* 3 4 0 0 0 ... 0: 3+12 = 15, check 5. */
	assert_true(lia_cip13_valid("3400000000005"));
	/* 3 4 0 0 3 0 ... 0: 3+12+3 = 18, check 2. */
	assert_true(lia_cip13_valid("3400300000002"));
	/* A sum that is already a multiple of ten: 3+12+0+0+0+3*5 = 30, check 0. */
	assert_true(lia_cip13_valid("3400050000000"));
}

static void
test_lia_cip13_valid_refusals(void **state)
{
	(void)state;
	/* Every other check digit of a good code. */
	char code[] = "3400930000014";
	for (char c = '0'; c <= '9'; c++) {
		code[12] = c;
		assert_true(lia_cip13_valid(code) == (c == '4'));
	}
	/* A swapped pair of digits changes the weighted sum. */
	assert_false(lia_cip13_valid("3400939000014"));
	assert_false(lia_cip13_valid("340093000001"));   /* 12 digits */
	assert_false(lia_cip13_valid("34009300000140")); /* 14 digits */
	assert_false(lia_cip13_valid("340093000001A"));
	assert_false(lia_cip13_valid("34009300O0014")); /* a letter O for a zero */
	assert_false(lia_cip13_valid(" 3400930000014"));
	assert_false(lia_cip13_valid("3400930000014 "));
	assert_false(lia_cip13_valid("-400930000014"));
	/* Right check digit, wrong prefix: 3 5 0 0 9 3 0 ... 1: 3+15+9+9+3 = 39, check 1;
	 * and an EAN-13 of another country, 4 0 0 6 3 8 1 3 3 3 9 3: 4+0+0+18+3+24+1+9+3
	 * +9+9+9 = 89, check 1. */
	assert_false(lia_cip13_valid("3500930000011"));
	assert_false(lia_cip13_valid("4006381333931"));
	assert_false(lia_cip13_valid(NULL));
	assert_false(lia_cip13_valid(""));
	/* A UCD7 is not a CIP13. */
	assert_false(lia_cip13_valid("9000001"));
}

static void
test_lia_ucd_valid_ucd13_and_ucd7(void **state)
{
	(void)state;
	/* 3 4 0 0 0 8 9 1 2 3 4 5: 3+12+0+0+0+24+9+3+2+9+4+15 = 81, check 9. */
	assert_true(lia_ucd_valid("3400089123459"));
	assert_false(lia_ucd_valid("3400089123458"));
	assert_true(lia_ucd_valid("3400930000014"));
	assert_false(lia_ucd_valid("340008912345"));   /* 12 digits */
	assert_false(lia_ucd_valid("34000891234590")); /* 14 digits */
	assert_false(lia_ucd_valid("340008912345X"));
	assert_false(lia_ucd_valid("3500930000011")); /* good check digit, not 3400 */
	/* UCD7: seven digits, no check digit. */
	assert_true(lia_ucd_valid("9000001"));
	assert_true(lia_ucd_valid("0000000"));
	assert_true(lia_ucd_valid("9000002"));
	assert_false(lia_ucd_valid("900000"));   /* 6 */
	assert_false(lia_ucd_valid("90000011")); /* 8 */
	assert_false(lia_ucd_valid("900000A"));
	assert_false(lia_ucd_valid("9000 01"));
	assert_false(lia_ucd_valid(NULL));
	assert_false(lia_ucd_valid(""));
}

/* ---- times ---- */

static void
test_lia_med_times_parse_sorted(void **state)
{
	(void)state;
	int m[LIA_MED_MAX_TIMES];
	assert_int_equal(lia_med_times_parse("[\"20:00\", \"08:00\", \"12:30\"]", m), 3);
	assert_int_equal(m[0], 8 * 60);
	assert_int_equal(m[1], 12 * 60 + 30);
	assert_int_equal(m[2], 20 * 60);
	assert_int_equal(lia_med_times_parse(" [ \"23:59\",\"00:00\" ] \n", m), 2);
	assert_int_equal(m[0], 0);
	assert_int_equal(m[1], 1439);
	assert_int_equal(lia_med_times_parse("[\"08:00\"]", m), 1);
	assert_int_equal(m[0], 480);
	/* Twelve, in descending order. */
	const char *twelve = "[\"23:00\",\"21:00\",\"19:00\",\"17:00\",\"15:00\",\"13:00\","
			     "\"11:00\",\"09:00\",\"07:00\",\"05:00\",\"03:00\",\"01:00\"]";
	assert_int_equal(lia_med_times_parse(twelve, m), 12);
	for (int i = 0; i < 12; i++)
		assert_int_equal(m[i], (1 + 2 * i) * 60);
}

static void
test_lia_med_times_parse_empty(void **state)
{
	(void)state;
	int m[LIA_MED_MAX_TIMES] = {0};
	assert_int_equal(lia_med_times_parse("[]", m), 0);
	assert_int_equal(lia_med_times_parse(" [ ] ", m), 0);
}

static void
test_lia_med_times_parse_refusals(void **state)
{
	(void)state;
	int m[LIA_MED_MAX_TIMES];
	assert_int_equal(lia_med_times_parse("[\"08:00\",\"08:00\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"08:00\",\"20:00\",\"08:00\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"24:00\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"8:00\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"08:60\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"08:00:00\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"08h00\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"\"]", m), -1);
	assert_int_equal(lia_med_times_parse("[480]", m), -1);
	assert_int_equal(lia_med_times_parse("[null]", m), -1);
	assert_int_equal(lia_med_times_parse("[[\"08:00\"]]", m), -1);
	assert_int_equal(lia_med_times_parse("[\"08:00\",]", m), -1);
	/* Thirteen. */
	const char *thirteen = "[\"00:00\",\"01:00\",\"02:00\",\"03:00\",\"04:00\",\"05:00\","
			       "\"06:00\",\"07:00\",\"08:00\",\"09:00\",\"10:00\",\"11:00\","
			       "\"12:00\"]";
	assert_int_equal(lia_med_times_parse(thirteen, m), -1);
	/* Not an array. */
	assert_int_equal(lia_med_times_parse("\"08:00\"", m), -1);
	assert_int_equal(lia_med_times_parse("{\"t\":\"08:00\"}", m), -1);
	assert_int_equal(lia_med_times_parse("{}", m), -1);
	assert_int_equal(lia_med_times_parse("null", m), -1);
	assert_int_equal(lia_med_times_parse("480", m), -1);
	assert_int_equal(lia_med_times_parse("", m), -1);
	assert_int_equal(lia_med_times_parse("[", m), -1);
	assert_int_equal(lia_med_times_parse("[] []", m), -1);
	assert_int_equal(lia_med_times_parse("[\"08:00\"] x", m), -1);
	assert_int_equal(lia_med_times_parse(NULL, m), -1);
}

/* ---- doses ---- */

static void
test_lia_med_doses_daily_three_days(void **state)
{
	struct lia_prescription p = rx("v1", "s1", 1, "[\"20:00\",\"08:00\"]", "2027-01-05", NULL);
	struct lia_due_dose *d;
	/* January: CET, UTC+1. */
	size_t n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 9, 23, 0), utc_us(2027, 1, 12, 23, 0),
			 &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 10, 7, 0), "v1", "2027-01-10", "08:00"},
		     {utc_us(2027, 1, 10, 19, 0), "v1", "2027-01-10", "20:00"},
		     {utc_us(2027, 1, 11, 7, 0), "v1", "2027-01-11", "08:00"},
		     {utc_us(2027, 1, 11, 19, 0), "v1", "2027-01-11", "20:00"},
		     {utc_us(2027, 1, 12, 7, 0), "v1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 19, 0), "v1", "2027-01-12", "20:00"});
	assert_ptr_equal(d[0].p, &p);
}

static void
test_lia_med_doses_spring_forward(void **state)
{
	/* 2027-03-28: at 02:00 CET (01:00 UTC) Paris goes to 03:00 CEST. 02:30 does not
	 * exist and moves after the gap: 03:30 CEST, 01:30 UTC. */
	struct lia_prescription p = rx("v1", "s1", 1, "[\"02:30\",\"08:00\"]", "2027-03-01", NULL);
	struct lia_due_dose *d;
	size_t n = doses(state, &p, 1, PARIS, utc_us(2027, 3, 26, 23, 0),
			 utc_us(2027, 3, 28, 22, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 3, 27, 1, 30), "v1", "2027-03-27", "02:30"},
		     {utc_us(2027, 3, 27, 7, 0), "v1", "2027-03-27", "08:00"},
		     {utc_us(2027, 3, 28, 1, 30), "v1", "2027-03-28", "02:30"},
		     {utc_us(2027, 3, 28, 6, 0), "v1", "2027-03-28", "08:00"});
}

static void
test_lia_med_doses_spring_forward_merge(void **state)
{
	/* 02:30 and 03:30 are both 01:30 UTC on 2027-03-28: one dose, the one whose
	 * prescribed time the clock shows (03:30). Other days keep both. */
	struct lia_prescription p = rx("v1", "s1", 1, "[\"03:30\",\"02:30\"]", "2027-03-01", NULL);
	struct lia_due_dose *d;
	size_t n = doses(state, &p, 1, PARIS, utc_us(2027, 3, 26, 23, 0),
			 utc_us(2027, 3, 29, 22, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 3, 27, 1, 30), "v1", "2027-03-27", "02:30"},
		     {utc_us(2027, 3, 27, 2, 30), "v1", "2027-03-27", "03:30"},
		     {utc_us(2027, 3, 28, 1, 30), "v1", "2027-03-28", "03:30"},
		     {utc_us(2027, 3, 29, 0, 30), "v1", "2027-03-29", "02:30"},
		     {utc_us(2027, 3, 29, 1, 30), "v1", "2027-03-29", "03:30"});
}

static void
test_lia_med_doses_autumn(void **state)
{
	/* 2027-10-31: at 03:00 CEST (01:00 UTC) Paris goes back to 02:00 CET; 02:30 occurs
	 * at 00:30 and 01:30 UTC, and the dose is the first. */
	struct lia_prescription p =
		rx("v1", "s1", 1, "[\"02:30\",\"08:00\",\"20:00\"]", "2027-10-01", NULL);
	struct lia_due_dose *d;
	size_t n = doses(state, &p, 1, PARIS, utc_us(2027, 10, 30, 22, 0),
			 utc_us(2027, 10, 31, 23, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 10, 31, 0, 30), "v1", "2027-10-31", "02:30"},
		     {utc_us(2027, 10, 31, 7, 0), "v1", "2027-10-31", "08:00"},
		     {utc_us(2027, 10, 31, 19, 0), "v1", "2027-10-31", "20:00"});
}

static void
test_lia_med_doses_starts_ends_inclusive(void **state)
{
	struct lia_prescription p =
		rx("v1", "s1", 1, "[\"08:00\",\"20:00\"]", "2027-01-11", "2027-01-12");
	struct lia_due_dose *d;
	size_t n =
		doses(state, &p, 1, PARIS, utc_us(2027, 1, 5, 0, 0), utc_us(2027, 1, 20, 0, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 11, 7, 0), "v1", "2027-01-11", "08:00"},
		     {utc_us(2027, 1, 11, 19, 0), "v1", "2027-01-11", "20:00"},
		     {utc_us(2027, 1, 12, 7, 0), "v1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 19, 0), "v1", "2027-01-12", "20:00"});
	/* A one-day line. */
	p.ends_on = "2027-01-11";
	n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 5, 0, 0), utc_us(2027, 1, 20, 0, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 11, 7, 0), "v1", "2027-01-11", "08:00"},
		     {utc_us(2027, 1, 11, 19, 0), "v1", "2027-01-11", "20:00"});
	/* Ending before it starts: nothing. */
	p.ends_on = "2027-01-10";
	n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 5, 0, 0), utc_us(2027, 1, 20, 0, 0), &d);
	assert_int_equal(n, 0);
}

static void
test_lia_med_doses_change_mid_day(void **state)
{
	/* Version 1 (08:00, 12:00, 20:00) is changed at 14:00 local on 2027-01-12 (13:00
	 * UTC) into version 2 (08:00, 20:00, 22:00). The versions are given newest first
	 * to show the order does not matter. */
	int64_t change = utc_us(2027, 1, 12, 13, 0);
	struct lia_prescription ps[2] = {
		rx("v2", "s1", 2, "[\"08:00\",\"20:00\",\"22:00\"]", "2027-01-01", NULL),
		rx("v1", "s1", 1, "[\"08:00\",\"12:00\",\"20:00\"]", "2027-01-01", NULL),
	};
	ps[0].valid_from = change;
	ps[1].valid_until = change;
	ps[1].end_reason = "changed";
	struct lia_due_dose *d;
	size_t n = doses(state, ps, 2, PARIS, utc_us(2027, 1, 10, 23, 0),
			 utc_us(2027, 1, 13, 23, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 11, 7, 0), "v1", "2027-01-11", "08:00"},
		     {utc_us(2027, 1, 11, 11, 0), "v1", "2027-01-11", "12:00"},
		     {utc_us(2027, 1, 11, 19, 0), "v1", "2027-01-11", "20:00"},
		     {utc_us(2027, 1, 12, 7, 0), "v1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 11, 0), "v1", "2027-01-12", "12:00"},
		     {utc_us(2027, 1, 12, 19, 0), "v2", "2027-01-12", "20:00"},
		     {utc_us(2027, 1, 12, 21, 0), "v2", "2027-01-12", "22:00"},
		     {utc_us(2027, 1, 13, 7, 0), "v2", "2027-01-13", "08:00"},
		     {utc_us(2027, 1, 13, 19, 0), "v2", "2027-01-13", "20:00"},
		     {utc_us(2027, 1, 13, 21, 0), "v2", "2027-01-13", "22:00"});
	assert_ptr_equal(d[4].p, &ps[1]);
	assert_ptr_equal(d[5].p, &ps[0]);

	/* A change exactly at a dose's time (12:00 local) gives that dose to the new
	 * version. */
	change = utc_us(2027, 1, 12, 11, 0);
	ps[0].times = "[\"12:00\",\"20:00\"]";
	ps[0].valid_from = change;
	ps[1].valid_until = change;
	n = doses(state, ps, 2, PARIS, utc_us(2027, 1, 11, 23, 0), utc_us(2027, 1, 12, 23, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 12, 7, 0), "v1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 11, 0), "v2", "2027-01-12", "12:00"},
		     {utc_us(2027, 1, 12, 19, 0), "v2", "2027-01-12", "20:00"});
}

static void
test_lia_med_doses_stop(void **state)
{
	struct lia_prescription p =
		rx("v1", "s1", 1, "[\"08:00\",\"12:00\",\"20:00\"]", "2027-01-01", NULL);
	p.valid_until = utc_us(2027, 1, 12, 13, 0); /* 14:00 local */
	p.end_reason = "stopped";
	struct lia_due_dose *d;
	size_t n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 11, 23, 0), utc_us(2027, 1, 20, 0, 0),
			 &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 12, 7, 0), "v1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 11, 0), "v1", "2027-01-12", "12:00"});
	/* Nothing at all after the stop. */
	n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 12, 13, 0), utc_us(2027, 2, 1, 0, 0), &d);
	assert_int_equal(n, 0);
}

static void
test_lia_med_doses_valid_from_mid_day(void **state)
{
	/* A line prescribed at 10:00 local starts with its 12:00 dose. */
	struct lia_prescription p =
		rx("v1", "s1", 1, "[\"08:00\",\"12:00\"]", "2027-01-12", "2027-01-13");
	p.valid_from = utc_us(2027, 1, 12, 9, 0);
	struct lia_due_dose *d;
	size_t n =
		doses(state, &p, 1, PARIS, utc_us(2027, 1, 1, 0, 0), utc_us(2027, 2, 1, 0, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 12, 11, 0), "v1", "2027-01-12", "12:00"},
		     {utc_us(2027, 1, 13, 7, 0), "v1", "2027-01-13", "08:00"},
		     {utc_us(2027, 1, 13, 11, 0), "v1", "2027-01-13", "12:00"});
}

static void
test_lia_med_doses_as_needed(void **state)
{
	struct lia_prescription p = rx("v1", "s1", 1, "[]", "2027-01-01", NULL);
	p.as_needed = true;
	p.max_per_day = 3;
	struct lia_due_dose dummy;
	struct lia_due_dose *d = &dummy; /* overwritten with NULL */
	size_t n =
		doses(state, &p, 1, PARIS, utc_us(2027, 1, 1, 0, 0), utc_us(2027, 2, 1, 0, 0), &d);
	assert_int_equal(n, 0);
	/* Even with times written, an as-needed line has no schedule. */
	p.times = "[\"08:00\"]";
	n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 1, 0, 0), utc_us(2027, 2, 1, 0, 0), &d);
	assert_int_equal(n, 0);
	/* No versions at all. */
	n = doses(state, NULL, 0, PARIS, utc_us(2027, 1, 1, 0, 0), utc_us(2027, 2, 1, 0, 0), &d);
	assert_int_equal(n, 0);
}

static void
test_lia_med_doses_bounds_exact(void **state)
{
	struct lia_prescription p = rx("v1", "s1", 1, "[\"08:00\",\"20:00\"]", "2027-01-01", NULL);
	int64_t at8 = utc_us(2027, 1, 12, 7, 0), at20 = utc_us(2027, 1, 12, 19, 0);
	struct lia_due_dose *d;
	/* from is inclusive, to exclusive. */
	size_t n = doses(state, &p, 1, PARIS, at8, at20, &d);
	EXPECT_DOSES(d, n, {at8, "v1", "2027-01-12", "08:00"});
	n = doses(state, &p, 1, PARIS, at8 + 1, at20 + 1, &d);
	EXPECT_DOSES(d, n, {at20, "v1", "2027-01-12", "20:00"});
	n = doses(state, &p, 1, PARIS, at8 + 1, at20, &d);
	assert_int_equal(n, 0);
	/* An empty or reversed range. */
	n = doses(state, &p, 1, PARIS, at8, at8, &d);
	assert_int_equal(n, 0);
	n = doses(state, &p, 1, PARIS, at20, at8, &d);
	assert_int_equal(n, 0);
	/* A version's validity bounds the same way: from inclusive, until exclusive. */
	p.valid_from = at8;
	p.valid_until = at20;
	n = doses(state, &p, 1, PARIS, utc_us(2027, 1, 1, 0, 0), utc_us(2027, 2, 1, 0, 0), &d);
	EXPECT_DOSES(d, n, {at8, "v1", "2027-01-12", "08:00"});
}

static void
test_lia_med_doses_two_lines_sorted(void **state)
{
	struct lia_prescription ps[2] = {
		rx("b1", "sb", 1, "[\"08:00\"]", "2027-01-01", NULL),
		rx("a1", "sa", 1, "[\"12:00\",\"08:00\"]", "2027-01-01", NULL),
	};
	struct lia_due_dose *d;
	size_t n = doses(state, ps, 2, PARIS, utc_us(2027, 1, 11, 23, 0),
			 utc_us(2027, 1, 13, 23, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 12, 7, 0), "a1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 7, 0), "b1", "2027-01-12", "08:00"},
		     {utc_us(2027, 1, 12, 11, 0), "a1", "2027-01-12", "12:00"},
		     {utc_us(2027, 1, 13, 7, 0), "a1", "2027-01-13", "08:00"},
		     {utc_us(2027, 1, 13, 7, 0), "b1", "2027-01-13", "08:00"},
		     {utc_us(2027, 1, 13, 11, 0), "a1", "2027-01-13", "12:00"});
}

static void
test_lia_med_doses_other_zones(void **state)
{
	/* Indian/Reunion: UTC+4 all year, so the Paris DST days change nothing. */
	struct lia_prescription p = rx("v1", "s1", 1, "[\"02:30\",\"08:00\"]", "2027-01-01", NULL);
	struct lia_due_dose *d;
	size_t n = doses(state, &p, 1, "Indian/Reunion", utc_us(2027, 3, 27, 20, 0),
			 utc_us(2027, 3, 28, 20, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 3, 27, 22, 30), "v1", "2027-03-28", "02:30"},
		     {utc_us(2027, 3, 28, 4, 0), "v1", "2027-03-28", "08:00"});
	n = doses(state, &p, 1, "Indian/Reunion", utc_us(2027, 10, 30, 20, 0),
		  utc_us(2027, 10, 31, 20, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 10, 30, 22, 30), "v1", "2027-10-31", "02:30"},
		     {utc_us(2027, 10, 31, 4, 0), "v1", "2027-10-31", "08:00"});

	/* America/New_York: 2027-03-14 (second Sunday of March) at 02:00 EST (07:00 UTC)
	 * goes to 03:00 EDT. The day before is UTC-5, the day itself after 03:00 UTC-4;
	 * 02:30 moves to 03:30 EDT, 07:30 UTC. */
	n = doses(state, &p, 1, "America/New_York", utc_us(2027, 3, 13, 5, 0),
		  utc_us(2027, 3, 15, 4, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 3, 13, 7, 30), "v1", "2027-03-13", "02:30"},
		     {utc_us(2027, 3, 13, 13, 0), "v1", "2027-03-13", "08:00"},
		     {utc_us(2027, 3, 14, 7, 30), "v1", "2027-03-14", "02:30"},
		     {utc_us(2027, 3, 14, 12, 0), "v1", "2027-03-14", "08:00"});
}

static void
test_lia_med_doses_unknown_tz(void **state)
{
	struct lia_prescription p = rx("v1", "s1", 1, "[\"08:00\"]", "2027-01-01", NULL);
	struct lia_due_dose dummy;
	struct lia_due_dose *d = &dummy;
	size_t n = 7;
	int64_t from = utc_us(2027, 1, 1, 0, 0), to = utc_us(2027, 2, 1, 0, 0);
	assert_false(lia_med_doses(*state, &p, 1, "Mars/Olympus_Mons", from, to, &d, &n));
	assert_null(d);
	assert_int_equal(n, 0);
	assert_false(lia_med_doses(*state, &p, 1, "", from, to, &d, &n));
	assert_false(lia_med_doses(*state, &p, 1, NULL, from, to, &d, &n));
	assert_false(lia_med_doses(*state, &p, 1, "/etc/passwd", from, to, &d, &n));
	assert_false(lia_med_doses(*state, NULL, 0, "Nowhere/Else", from, to, &d, &n));
}

static void
test_lia_med_doses_bad_versions_skipped(void **state)
{
	struct lia_prescription ps[6] = {
		rx("bad-times", "s1", 1, "[\"8:00\"]", "2027-01-01", NULL),
		rx("bad-json", "s2", 1, "08:00", "2027-01-01", NULL),
		rx("bad-start", "s3", 1, "[\"08:00\"]", "2027-02-30", NULL),
		rx("bad-end", "s4", 1, "[\"08:00\"]", "2027-01-01", "2027-13-01"),
		rx("no-times", "s5", 1, NULL, "2027-01-01", NULL),
		rx("good", "s6", 1, "[\"09:00\"]", "2027-01-01", NULL),
	};
	struct lia_due_dose *d;
	size_t n = doses(state, ps, 6, PARIS, utc_us(2027, 1, 11, 23, 0),
			 utc_us(2027, 1, 12, 23, 0), &d);
	EXPECT_DOSES(d, n, {utc_us(2027, 1, 12, 8, 0), "good", "2027-01-12", "09:00"});
}

/* ---- compartments ---- */

static void
test_lia_med_moment_boundaries(void **state)
{
	(void)state;
	assert_string_equal(lia_med_moment(0), "matin");
	assert_string_equal(lia_med_moment(30), "matin"); /* 00:30: before 11:00 */
	assert_string_equal(lia_med_moment(8 * 60), "matin");
	assert_string_equal(lia_med_moment(10 * 60 + 59), "matin");
	assert_string_equal(lia_med_moment(11 * 60), "midi");
	assert_string_equal(lia_med_moment(15 * 60 + 59), "midi");
	assert_string_equal(lia_med_moment(16 * 60), "soir");
	assert_string_equal(lia_med_moment(20 * 60 + 59), "soir");
	assert_string_equal(lia_med_moment(21 * 60), "coucher");
	assert_string_equal(lia_med_moment(23 * 60 + 59), "coucher");
}

/* ---- repeated refusals ---- */

static struct lia_administration
adm(const char *id, const char *series, const char *outcome, int64_t slot_at)
{
	return (struct lia_administration){
		.id = id,
		.series_id = series,
		.outcome = outcome,
		.mode = "administered",
		.due_at = slot_at,
		.slot_at = slot_at,
		.occurred_at = slot_at,
		.recorded_at = slot_at,
	};
}

static void
test_lia_med_refusals_repeated_count_and_window(void **state)
{
	(void)state;
	int64_t now = utc_us(2027, 1, 12, 20, 0);
	/* Given in no particular order. */
	struct lia_administration r[4] = {
		adm("r3", "s1", "refused", now - 2 * HOUR_US),
		adm("r1", "s1", "refused", now - 30 * HOUR_US),
		adm("r2", "s1", "refused", now - 14 * HOUR_US),
		adm("r4", "s1", "refused", now),
	};
	const struct lia_administration *first = NULL;
	/* Within 48 h: all four; the earliest is r1. */
	assert_true(lia_med_refusals_repeated(r, 4, "s1", now, 48, 3, &first));
	assert_ptr_equal(first, &r[1]);
	assert_true(lia_med_refusals_repeated(r, 4, "s1", now, 48, 4, &first));
	assert_ptr_equal(first, &r[1]);
	assert_false(lia_med_refusals_repeated(r, 4, "s1", now, 48, 5, &first));
	assert_null(first);
	/* Within 24 h: r2, r3, r4; the earliest is r2. */
	assert_true(lia_med_refusals_repeated(r, 4, "s1", now, 24, 3, &first));
	assert_ptr_equal(first, &r[2]);
	/* Exactly `hours` old is outside: 14 h drops r2. */
	assert_false(lia_med_refusals_repeated(r, 4, "s1", now, 14, 3, &first));
	assert_true(lia_med_refusals_repeated(r, 4, "s1", now, 14, 2, &first));
	assert_ptr_equal(first, &r[0]);
	/* One microsecond earlier, r2 is inside the window, and r4 (at now) is after
	 * now - 1 so does not count yet: r2 and r3. */
	assert_true(lia_med_refusals_repeated(r, 4, "s1", now - 1, 14, 2, &first));
	assert_ptr_equal(first, &r[2]);
	assert_false(lia_med_refusals_repeated(r, 4, "s1", now - 1, 14, 3, &first));
	/* One microsecond later, r2 is even further out. */
	assert_false(lia_med_refusals_repeated(r, 4, "s1", now + 1, 14, 3, &first));
	/* The first pointer may be omitted. */
	assert_true(lia_med_refusals_repeated(r, 4, "s1", now, 48, 3, NULL));
}

static void
test_lia_med_refusals_repeated_filters(void **state)
{
	(void)state;
	int64_t now = utc_us(2027, 1, 12, 20, 0);
	struct lia_administration r[6] = {
		adm("a", "s1", "given", now - 5 * HOUR_US),
		adm("b", "s2", "refused", now - 4 * HOUR_US),
		adm("c", "s1", "refused", now - 3 * HOUR_US),
		adm("d", "s1", "held", now - 2 * HOUR_US),
		adm("e", "s1", "refused", now - 1 * HOUR_US),
		adm("f", "s2", "refused", now - 1 * HOUR_US),
	};
	const struct lia_administration *first = NULL;
	/* Given, held and other lines are ignored: s1 has two refusals, c and e. */
	assert_false(lia_med_refusals_repeated(r, 6, "s1", now, 24, 3, &first));
	assert_true(lia_med_refusals_repeated(r, 6, "s1", now, 24, 2, &first));
	assert_ptr_equal(first, &r[2]);
	assert_true(lia_med_refusals_repeated(r, 6, "s2", now, 24, 2, &first));
	assert_ptr_equal(first, &r[1]);
	assert_false(lia_med_refusals_repeated(r, 6, "s3", now, 24, 1, &first));
	assert_false(lia_med_refusals_repeated(NULL, 0, "s1", now, 24, 1, &first));
	assert_null(first);
	/* Two refusals of one slot: the smaller id is the first, whatever the order. */
	struct lia_administration same[2] = {
		adm("id-b", "s1", "refused", now - HOUR_US),
		adm("id-a", "s1", "refused", now - HOUR_US),
	};
	assert_true(lia_med_refusals_repeated(same, 2, "s1", now, 24, 2, &first));
	assert_ptr_equal(first, &same[1]);
	/* A count below one still needs a refusal to name. */
	assert_false(lia_med_refusals_repeated(r, 6, "s3", now, 24, 0, &first));
	assert_true(lia_med_refusals_repeated(r, 6, "s1", now, 24, 0, &first));
	assert_ptr_equal(first, &r[2]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_cip13_valid_good_codes),
		cmocka_unit_test(test_lia_cip13_valid_refusals),
		cmocka_unit_test(test_lia_ucd_valid_ucd13_and_ucd7),
		cmocka_unit_test(test_lia_med_times_parse_sorted),
		cmocka_unit_test(test_lia_med_times_parse_empty),
		cmocka_unit_test(test_lia_med_times_parse_refusals),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_daily_three_days, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_spring_forward, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_spring_forward_merge,
						arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_autumn, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_starts_ends_inclusive,
						arena_setup, arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_change_mid_day, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_stop, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_valid_from_mid_day, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_as_needed, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_bounds_exact, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_two_lines_sorted, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_other_zones, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_unknown_tz, arena_setup,
						arena_teardown),
		cmocka_unit_test_setup_teardown(test_lia_med_doses_bad_versions_skipped,
						arena_setup, arena_teardown),
		cmocka_unit_test(test_lia_med_moment_boundaries),
		cmocka_unit_test(test_lia_med_refusals_repeated_count_and_window),
		cmocka_unit_test(test_lia_med_refusals_repeated_filters),
	};
	LIA_RUN_GROUP("medication", tests, NULL, NULL);
}
