/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/localtime: calendar dates <-> day numbers (leap years,
 * weekdays), "HH:MM" parsing, and local time <-> UTC in real zones across
 * daylight-saving changes (Europe/Paris, America/New_York, America/Santiago) and in
 * a zone without DST (Indian/Reunion). Expected instants come from libc's timegm()
 * on UTC fields worked out by hand from the zones' published rules, never from the
 * module itself.
 */
#include "lia_test.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "domain/localtime.h"

#define SEC_US 1000000LL

/* The UTC instant y-mo-d h:mi:00, in microseconds, computed by libc. */
static int64_t
utc_us(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
			.tm_min = mi};
	return (int64_t)timegm(&tm) * SEC_US;
}

static int64_t
local(const char *tz, const char *date, const char *hhmm)
{
	int minute;
	int64_t us = 0;
	assert_true(lia_hhmm_parse(hhmm, &minute));
	assert_true(lia_local_to_utc(tz, date, minute, &us));
	return us;
}

static int
two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* ---- dates ---- */

static void
test_lia_date_to_days_known_dates(void **state)
{
	(void)state;
	int64_t d = -42;
	assert_true(lia_date_to_days("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(lia_date_to_days("1970-01-02", &d));
	assert_int_equal(d, 1);
	assert_true(lia_date_to_days("1969-12-31", &d));
	assert_int_equal(d, -1);
	assert_true(lia_date_to_days("2000-01-01", &d));
	assert_int_equal(d, 10957); /* 30 years, 7 of them leap: 30 * 365 + 7 */
	assert_true(lia_date_to_days("2024-02-29", &d));
	assert_int_equal(d, 19782);
	assert_true(lia_date_to_days("2026-03-01", &d));
	assert_int_equal(d, 20513);
	/* The same instant as libc sees it. */
	assert_int_equal(d * 86400 * SEC_US, utc_us(2026, 3, 1, 0, 0));
}

static void
test_lia_date_to_days_leap_days(void **state)
{
	(void)state;
	int64_t d, next;
	assert_true(lia_date_to_days("2024-02-29", &d));
	assert_true(lia_date_to_days("2024-03-01", &next));
	assert_int_equal(next - d, 1);
	assert_true(lia_date_to_days("2000-02-29", &d)); /* divisible by 400: leap */
	assert_int_equal(d, 11016);
	d = 7;
	assert_false(lia_date_to_days("2026-02-29", &d));
	assert_false(lia_date_to_days("1900-02-29", &d)); /* divisible by 100: not leap */
	assert_false(lia_date_to_days("2100-02-29", &d));
	assert_int_equal(d, 7); /* untouched on failure */
	/* Year lengths. */
	int64_t a, b;
	assert_true(lia_date_to_days("2024-01-01", &a));
	assert_true(lia_date_to_days("2025-01-01", &b));
	assert_int_equal(b - a, 366);
	assert_true(lia_date_to_days("2026-01-01", &a));
	assert_true(lia_date_to_days("2027-01-01", &b));
	assert_int_equal(b - a, 365);
}

static void
test_lia_date_to_days_malformed(void **state)
{
	(void)state;
	static const char *bad[] = {
		"",           "2026",        "2026-1-01",   "2026-01-1",  "2026/01/01",
		"26-01-01",   "2026-00-10",  "2026-13-01",  "2026-01-00", "2026-01-32",
		"2026-04-31", "2026-06-31",  "2026-01-01T", "2026-01-01 ", " 2026-01-01",
		"2026-0a-01", "2026-01-01x", "0000-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t d = 0;
		if (lia_date_to_days(bad[i], &d))
			fail_msg("accepted \"%s\"", bad[i]);
	}
	int64_t d;
	assert_false(lia_date_to_days(NULL, &d));
}

static void
test_lia_days_to_date_known_days(void **state)
{
	(void)state;
	char s[11];
	lia_days_to_date(0, s);
	assert_string_equal(s, "1970-01-01");
	lia_days_to_date(-1, s);
	assert_string_equal(s, "1969-12-31");
	lia_days_to_date(19782, s);
	assert_string_equal(s, "2024-02-29");
	lia_days_to_date(19783, s);
	assert_string_equal(s, "2024-03-01");
	lia_days_to_date(20512, s);
	assert_string_equal(s, "2026-02-28");
	lia_days_to_date(20513, s);
	assert_string_equal(s, "2026-03-01");
	lia_days_to_date(20779, s);
	assert_string_equal(s, "2026-11-22");
}

static void
test_lia_days_to_date_round_trip(void **state)
{
	(void)state;
	/* Every day from 1999-12-01 to 2101-01-31 (leap 2000, non-leap 2100) reads
	 * back as itself, and the dates step like a calendar: day + 1 or the first of
	 * the next month. */
	int64_t first, last;
	assert_true(lia_date_to_days("1999-12-01", &first));
	assert_true(lia_date_to_days("2101-01-31", &last));
	char prev[11] = "";
	int leap_days = 0;
	for (int64_t d = first; d <= last; d++) {
		char s[11];
		int64_t back = -1;
		lia_days_to_date(d, s);
		assert_int_equal(strlen(s), 10);
		assert_true(lia_date_to_days(s, &back));
		assert_int_equal(back, d);
		if (!strcmp(s + 5, "02-29"))
			leap_days++;
		if (*prev) {
			int pd = two_digits(prev + 8), sd = two_digits(s + 8);
			int pm = two_digits(prev + 5), sm = two_digits(s + 5);
			if (sd != 1) {
				assert_int_equal(sd, pd + 1);
				assert_int_equal(sm, pm);
			} else {
				assert_true(pd >= 28);
				assert_int_equal(sm, pm % 12 + 1);
			}
		}
		memcpy(prev, s, sizeof prev);
	}
	/* 2000..2096 every 4 years, 2100 excluded: 25 leap days. */
	assert_int_equal(leap_days, 25);
}

static void
test_lia_days_weekday_known_dates(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		int weekday;
	} known[] = {
		{"1970-01-01", 4}, /* a Thursday */
		{"1969-12-31", 3}, /* before the epoch: Wednesday */
		{"1969-12-28", 7},
		{"2000-01-01", 6}, /* a Saturday */
		{"2024-02-29", 4},
		{"2026-03-29", 7},
		{"2026-03-30", 1},
		{"2026-11-22", 7}, /* a Sunday */
		{"2026-11-23", 1},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		int64_t d;
		assert_true(lia_date_to_days(known[i].date, &d));
		if (lia_days_weekday(d) != known[i].weekday)
			fail_msg("%s: weekday %d, expected %d", known[i].date, lia_days_weekday(d),
				 known[i].weekday);
	}
	/* Seven consecutive days take each weekday once, Monday to Sunday. */
	int64_t mon;
	assert_true(lia_date_to_days("2026-11-16", &mon));
	for (int i = 0; i < 7; i++)
		assert_int_equal(lia_days_weekday(mon + i), i + 1);
}

/* ---- HH:MM ---- */

static void
test_lia_hhmm_parse_valid(void **state)
{
	(void)state;
	int m = -1;
	assert_true(lia_hhmm_parse("00:00", &m));
	assert_int_equal(m, 0);
	assert_true(lia_hhmm_parse("08:30", &m));
	assert_int_equal(m, 510);
	assert_true(lia_hhmm_parse("12:05", &m));
	assert_int_equal(m, 725);
	assert_true(lia_hhmm_parse("23:59", &m));
	assert_int_equal(m, 1439);
}

static void
test_lia_hhmm_parse_refused(void **state)
{
	(void)state;
	static const char *bad[] = {
		"24:00", "7:30", "07:60", "07:3", "0730", "07-30", "07:30:00", "",
		" 7:30", "07:3a", "-1:00", "99:99", "ab:cd", "07:30 ",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int m = 12345;
		if (lia_hhmm_parse(bad[i], &m))
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(m, 12345);
	}
	int m;
	assert_false(lia_hhmm_parse(NULL, &m));
}

/* ---- zones ---- */

static void
test_lia_tz_valid_known_and_unknown(void **state)
{
	(void)state;
	assert_true(lia_tz_valid("Europe/Paris"));
	assert_true(lia_tz_valid("America/New_York"));
	assert_true(lia_tz_valid("Indian/Reunion"));
	assert_true(lia_tz_valid("Europe/Paris")); /* from the cache this time */
	assert_false(lia_tz_valid("Mars/Olympus"));
	assert_false(lia_tz_valid("Mars/Olympus")); /* not cached as valid either */
	assert_false(lia_tz_valid(""));
	assert_false(lia_tz_valid(NULL));
}

static void
test_lia_tz_valid_refuses_paths_and_rules(void **state)
{
	(void)state;
	/* GLib would take all of these as identifiers; none is a zone name, and a path
	 * would make the server open a file of the caller's choice. */
	static const char *bad[] = {
		"/usr/share/zoneinfo/Europe/Paris",
		"../../../../usr/share/zoneinfo/Europe/Paris",
		"Europe/../Europe/Paris",
		"./Europe/Paris",
		"/etc/passwd",
		"/dev/stdin",
		"+05:00",
		"-0300",
		"CET-1CEST,M3.5.0,M10.5.0/3",
		"Europe/Paris/",
		"Europe//Paris",
		"Europe/Paris ",
		"Europe/Paris\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (lia_tz_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
	/* tzdata names with digits, '+', '-' and '_'. */
	assert_true(lia_tz_valid("Etc/GMT+3"));
	assert_true(lia_tz_valid("America/Port-au-Prince"));
	assert_true(lia_tz_valid("America/Argentina/Buenos_Aires"));
	int off = 0;
	assert_true(lia_tz_offset("Etc/GMT+3", utc_us(2026, 7, 1, 0, 0), &off));
	assert_int_equal(off, -3 * 3600); /* POSIX sign: GMT+3 is three hours west */
}

static void
test_lia_local_to_utc_unknown_zone_refused(void **state)
{
	(void)state;
	int64_t us = 42, days = 42;
	int off = 42;
	char date[11] = "x", time[9] = "y";
	assert_false(lia_local_to_utc("Mars/Olympus", "2026-03-28", 510, &us));
	assert_false(lia_local_days_to_utc("Mars/Olympus", 20540, 510, &us));
	assert_false(lia_local_midnight("Mars/Olympus", "2026-03-28", &us));
	assert_false(lia_tz_offset("Mars/Olympus", utc_us(2026, 3, 28, 7, 30), &off));
	assert_false(lia_local_format("Mars/Olympus", utc_us(2026, 3, 28, 7, 30), date, time));
	assert_false(lia_local_days("Mars/Olympus", utc_us(2026, 3, 28, 7, 30), &days));
	assert_int_equal(us, 42);
	assert_int_equal(days, 42);
	assert_int_equal(off, 42);
}

static void
test_lia_local_to_utc_bad_arguments(void **state)
{
	(void)state;
	int64_t us = 42;
	assert_false(lia_local_to_utc("Europe/Paris", "2026-02-29", 510, &us));
	assert_false(lia_local_to_utc("Europe/Paris", "2026-03-28", -1, &us));
	assert_false(lia_local_to_utc("Europe/Paris", "2026-03-28", 1440, &us));
	assert_int_equal(us, 42);
	assert_true(lia_local_to_utc("Europe/Paris", "2026-03-28", 1439, &us));
	assert_int_equal(us, utc_us(2026, 3, 28, 22, 59));
}

/* Europe/Paris, spring 2026: on Sunday 29 March at 02:00 CET the clocks go to 03:00
 * CEST (01:00Z). */
static void
test_lia_local_to_utc_paris_spring_forward(void **state)
{
	(void)state;
	const char *tz = "Europe/Paris";
	/* The independent reference: 1774683000 s is 2026-03-28T07:30Z. */
	assert_int_equal(local(tz, "2026-03-28", "08:30"), 1774683000LL * SEC_US);
	assert_int_equal(local(tz, "2026-03-28", "08:30"), utc_us(2026, 3, 28, 7, 30));
	assert_int_equal(local(tz, "2026-03-29", "08:30"), utc_us(2026, 3, 29, 6, 30));
	assert_int_equal(local(tz, "2026-03-30", "08:30"), utc_us(2026, 3, 30, 6, 30));
	/* Around the gap. */
	assert_int_equal(local(tz, "2026-03-29", "01:59"), utc_us(2026, 3, 29, 0, 59));
	assert_int_equal(local(tz, "2026-03-29", "03:00"), utc_us(2026, 3, 29, 1, 0));
	/* In the gap: read with the offset before it (+01:00), i.e. 03:30 CEST. */
	assert_int_equal(local(tz, "2026-03-29", "02:30"), utc_us(2026, 3, 29, 1, 30));
	assert_int_equal(local(tz, "2026-03-29", "02:00"), utc_us(2026, 3, 29, 1, 0));
	assert_int_equal(local(tz, "2026-03-29", "02:59"), utc_us(2026, 3, 29, 1, 59));
}

/* Europe/Paris, autumn 2026: on Sunday 25 October at 03:00 CEST the clocks go back
 * to 02:00 CET (01:00Z); 02:00..02:59 happens twice. */
static void
test_lia_local_to_utc_paris_fall_back(void **state)
{
	(void)state;
	const char *tz = "Europe/Paris";
	assert_int_equal(local(tz, "2026-10-24", "08:30"), utc_us(2026, 10, 24, 6, 30));
	assert_int_equal(local(tz, "2026-10-25", "08:30"), utc_us(2026, 10, 25, 7, 30));
	assert_int_equal(local(tz, "2026-10-26", "08:30"), utc_us(2026, 10, 26, 7, 30));
	/* Twice: the first occurrence (CEST). */
	assert_int_equal(local(tz, "2026-10-25", "02:30"), utc_us(2026, 10, 25, 0, 30));
	assert_int_equal(local(tz, "2026-10-25", "02:00"), utc_us(2026, 10, 25, 0, 0));
	/* Once, on either side. */
	assert_int_equal(local(tz, "2026-10-25", "01:59"), utc_us(2026, 10, 24, 23, 59));
	assert_int_equal(local(tz, "2026-10-25", "03:00"), utc_us(2026, 10, 25, 2, 0));
}

static void
test_lia_local_midnight_dst_days(void **state)
{
	(void)state;
	int64_t us;
	/* Both midnights are before the change, so they keep the old offset. */
	assert_true(lia_local_midnight("Europe/Paris", "2026-03-29", &us));
	assert_int_equal(us, utc_us(2026, 3, 28, 23, 0));
	assert_true(lia_local_midnight("Europe/Paris", "2026-03-30", &us));
	assert_int_equal(us, utc_us(2026, 3, 29, 22, 0));
	assert_true(lia_local_midnight("Europe/Paris", "2026-10-25", &us));
	assert_int_equal(us, utc_us(2026, 10, 24, 22, 0));
	assert_true(lia_local_midnight("Europe/Paris", "2026-10-26", &us));
	assert_int_equal(us, utc_us(2026, 10, 25, 23, 0));
	/* So the local days last 23 and 25 hours. */
	int64_t a, b;
	assert_true(lia_local_midnight("Europe/Paris", "2026-03-29", &a));
	assert_true(lia_local_midnight("Europe/Paris", "2026-03-30", &b));
	assert_int_equal(b - a, 23 * 3600 * SEC_US);
	assert_true(lia_local_midnight("Europe/Paris", "2026-10-25", &a));
	assert_true(lia_local_midnight("Europe/Paris", "2026-10-26", &b));
	assert_int_equal(b - a, 25 * 3600 * SEC_US);
	assert_false(lia_local_midnight("Europe/Paris", "2026-02-29", &us));
}

/* America/Santiago springs forward at 24:00 local: on 2026-09-06 the day starts at
 * 01:00 -03; midnight is in the gap, read with the offset before it (-04:00). */
static void
test_lia_local_midnight_in_gap(void **state)
{
	(void)state;
	int64_t us;
	assert_true(lia_local_midnight("America/Santiago", "2026-09-05", &us));
	assert_int_equal(us, utc_us(2026, 9, 5, 4, 0));
	assert_true(lia_local_midnight("America/Santiago", "2026-09-06", &us));
	assert_int_equal(us, utc_us(2026, 9, 6, 4, 0));
	char date[11], time[9];
	assert_true(lia_local_format("America/Santiago", us, date, time));
	assert_string_equal(date, "2026-09-06");
	assert_string_equal(time, "01:00:00");
}

static void
test_lia_tz_offset_paris(void **state)
{
	(void)state;
	int off = 0;
	assert_true(lia_tz_offset("Europe/Paris", utc_us(2026, 1, 15, 12, 0), &off));
	assert_int_equal(off, 3600);
	assert_true(lia_tz_offset("Europe/Paris", utc_us(2026, 7, 15, 12, 0), &off));
	assert_int_equal(off, 7200);
	/* The changes happen at 01:00Z on both days. */
	assert_true(lia_tz_offset("Europe/Paris", utc_us(2026, 3, 29, 1, 0) - 1, &off));
	assert_int_equal(off, 3600);
	assert_true(lia_tz_offset("Europe/Paris", utc_us(2026, 3, 29, 1, 0), &off));
	assert_int_equal(off, 7200);
	assert_true(lia_tz_offset("Europe/Paris", utc_us(2026, 10, 25, 1, 0) - 1, &off));
	assert_int_equal(off, 7200);
	assert_true(lia_tz_offset("Europe/Paris", utc_us(2026, 10, 25, 1, 0), &off));
	assert_int_equal(off, 3600);
}

static void
test_lia_local_format_paris(void **state)
{
	(void)state;
	const char *tz = "Europe/Paris";
	char date[11], time[9];
	assert_true(lia_local_format(tz, utc_us(2026, 3, 28, 7, 30), date, time));
	assert_string_equal(date, "2026-03-28");
	assert_string_equal(time, "08:30:00");
	assert_true(lia_local_format(tz, utc_us(2026, 3, 30, 6, 30), date, time));
	assert_string_equal(date, "2026-03-30");
	assert_string_equal(time, "08:30:00");
	/* The gap time came back as 03:30 CEST. */
	assert_true(lia_local_format(tz, utc_us(2026, 3, 29, 1, 30), date, time));
	assert_string_equal(date, "2026-03-29");
	assert_string_equal(time, "03:30:00");
	/* Both 02:30 of 25 October. */
	assert_true(lia_local_format(tz, utc_us(2026, 10, 25, 0, 30), date, time));
	assert_string_equal(date, "2026-10-25");
	assert_string_equal(time, "02:30:00");
	assert_true(lia_local_format(tz, utc_us(2026, 10, 25, 1, 30), date, time));
	assert_string_equal(date, "2026-10-25");
	assert_string_equal(time, "02:30:00");
	/* Seconds, and the local date ahead of the UTC date. */
	assert_true(lia_local_format(tz, utc_us(2026, 12, 31, 23, 59) + 7 * SEC_US, date, time));
	assert_string_equal(date, "2027-01-01");
	assert_string_equal(time, "00:59:07");
}

static void
test_lia_local_days_paris(void **state)
{
	(void)state;
	const char *tz = "Europe/Paris";
	int64_t days = 0, d29, d28;
	assert_true(lia_date_to_days("2026-03-29", &d29));
	assert_true(lia_date_to_days("2026-03-28", &d28));
	/* 22:59Z on the 28th is 23:59 CET, still the 28th; 23:00Z is the 29th. */
	assert_true(lia_local_days(tz, utc_us(2026, 3, 28, 22, 59), &days));
	assert_int_equal(days, d28);
	assert_true(lia_local_days(tz, utc_us(2026, 3, 28, 23, 0), &days));
	assert_int_equal(days, d29);
	/* 21:59Z on the 29th is 23:59 CEST; 22:00Z is the 30th. */
	assert_true(lia_local_days(tz, utc_us(2026, 3, 29, 21, 59), &days));
	assert_int_equal(days, d29);
	assert_true(lia_local_days(tz, utc_us(2026, 3, 29, 22, 0), &days));
	assert_int_equal(days, d29 + 1);
	/* Before the epoch, in UTC: floor, not truncation. */
	assert_true(lia_local_days("UTC", -1, &days));
	assert_int_equal(days, -1);
}

static void
test_lia_local_to_utc_round_trip_paris_2026(void **state)
{
	(void)state;
	/* Every day of 2026 at 08:30 and 23:45 reads back as the same local date and
	 * time; the offset is +02:00 exactly between the two changes. */
	const char *tz = "Europe/Paris";
	int64_t first, last, spring, autumn;
	assert_true(lia_date_to_days("2026-01-01", &first));
	assert_true(lia_date_to_days("2027-01-01", &last));
	assert_true(lia_date_to_days("2026-03-29", &spring));
	assert_true(lia_date_to_days("2026-10-25", &autumn));
	for (int64_t d = first; d < last; d++) {
		static const int minutes[] = {510, 1425};
		static const char *const hms[] = {"08:30:00", "23:45:00"};
		for (int k = 0; k < 2; k++) {
			int64_t us;
			char want[11], date[11], time[9];
			assert_true(lia_local_days_to_utc(tz, d, minutes[k], &us));
			int64_t summer = d >= spring && d < autumn ? 7200 : 3600;
			assert_int_equal(us, (d * 86400 + minutes[k] * 60 - summer) * SEC_US);
			assert_true(lia_local_format(tz, us, date, time));
			lia_days_to_date(d, want);
			assert_string_equal(date, want);
			assert_string_equal(time, hms[k]);
			int64_t back;
			assert_true(lia_local_days(tz, us, &back));
			assert_int_equal(back, d);
		}
	}
}

/* America/New_York, 2026: spring forward on 8 March at 02:00 EST, fall back on
 * 1 November at 02:00 EDT; three and one weeks apart from Europe. */
static void
test_lia_local_to_utc_new_york(void **state)
{
	(void)state;
	const char *tz = "America/New_York";
	assert_int_equal(local(tz, "2026-03-07", "08:30"), utc_us(2026, 3, 7, 13, 30));
	assert_int_equal(local(tz, "2026-03-09", "08:30"), utc_us(2026, 3, 9, 12, 30));
	/* On Europe's change days New York is on its other offset. */
	assert_int_equal(local(tz, "2026-03-28", "08:30"), utc_us(2026, 3, 28, 12, 30));
	assert_int_equal(local(tz, "2026-10-24", "08:30"), utc_us(2026, 10, 24, 12, 30));
	assert_int_equal(local(tz, "2026-10-31", "08:30"), utc_us(2026, 10, 31, 12, 30));
	assert_int_equal(local(tz, "2026-11-02", "08:30"), utc_us(2026, 11, 2, 13, 30));
	/* Gap (offset before: -05:00) and the repeated hour (first: -04:00). */
	assert_int_equal(local(tz, "2026-03-08", "02:30"), utc_us(2026, 3, 8, 7, 30));
	assert_int_equal(local(tz, "2026-11-01", "01:30"), utc_us(2026, 11, 1, 5, 30));
	int64_t us;
	assert_true(lia_local_midnight(tz, "2026-03-08", &us));
	assert_int_equal(us, utc_us(2026, 3, 8, 5, 0));
	char date[11], time[9];
	assert_true(lia_local_format(tz, utc_us(2026, 11, 1, 6, 30), date, time));
	assert_string_equal(date, "2026-11-01");
	assert_string_equal(time, "01:30:00"); /* the second 01:30, EST */
	assert_true(lia_local_format(tz, utc_us(2026, 3, 9, 3, 0), date, time));
	assert_string_equal(date, "2026-03-08");
	assert_string_equal(time, "23:00:00");
}

static void
test_lia_local_to_utc_reunion_no_dst(void **state)
{
	(void)state;
	const char *tz = "Indian/Reunion";
	assert_int_equal(local(tz, "2026-01-15", "08:30"), utc_us(2026, 1, 15, 4, 30));
	assert_int_equal(local(tz, "2026-03-29", "02:30"), utc_us(2026, 3, 28, 22, 30));
	assert_int_equal(local(tz, "2026-07-15", "08:30"), utc_us(2026, 7, 15, 4, 30));
	assert_int_equal(local(tz, "2026-10-25", "02:30"), utc_us(2026, 10, 24, 22, 30));
	int off = 0;
	assert_true(lia_tz_offset(tz, utc_us(2026, 7, 15, 4, 30), &off));
	assert_int_equal(off, 4 * 3600);
	assert_true(lia_tz_offset(tz, utc_us(2026, 1, 15, 4, 30), &off));
	assert_int_equal(off, 4 * 3600);
	char date[11], time[9];
	assert_true(lia_local_format(tz, utc_us(2026, 7, 15, 21, 0), date, time));
	assert_string_equal(date, "2026-07-16");
	assert_string_equal(time, "01:00:00");
	int64_t us;
	assert_true(lia_local_midnight(tz, "2026-07-16", &us));
	assert_int_equal(us, utc_us(2026, 7, 15, 20, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_date_to_days_known_dates),
		cmocka_unit_test(test_lia_date_to_days_leap_days),
		cmocka_unit_test(test_lia_date_to_days_malformed),
		cmocka_unit_test(test_lia_days_to_date_known_days),
		cmocka_unit_test(test_lia_days_to_date_round_trip),
		cmocka_unit_test(test_lia_days_weekday_known_dates),
		cmocka_unit_test(test_lia_hhmm_parse_valid),
		cmocka_unit_test(test_lia_hhmm_parse_refused),
		cmocka_unit_test(test_lia_tz_valid_known_and_unknown),
		cmocka_unit_test(test_lia_tz_valid_refuses_paths_and_rules),
		cmocka_unit_test(test_lia_local_to_utc_unknown_zone_refused),
		cmocka_unit_test(test_lia_local_to_utc_bad_arguments),
		cmocka_unit_test(test_lia_local_to_utc_paris_spring_forward),
		cmocka_unit_test(test_lia_local_to_utc_paris_fall_back),
		cmocka_unit_test(test_lia_local_midnight_dst_days),
		cmocka_unit_test(test_lia_local_midnight_in_gap),
		cmocka_unit_test(test_lia_tz_offset_paris),
		cmocka_unit_test(test_lia_local_format_paris),
		cmocka_unit_test(test_lia_local_days_paris),
		cmocka_unit_test(test_lia_local_to_utc_round_trip_paris_2026),
		cmocka_unit_test(test_lia_local_to_utc_new_york),
		cmocka_unit_test(test_lia_local_to_utc_reunion_no_dst),
	};
	LIA_RUN_GROUP("localtime", tests, NULL, NULL);
}
