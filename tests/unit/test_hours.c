/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/hours: local month bounds (winter, summer, a westward zone),
 * grants prorated over the days of a month they cover, visits placed in months by their
 * local planned start (23:30 on the last day, 00:30 on the first), counts per status and
 * the rows per funder sorted by name.
 */
#include "lia_test.h"

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "domain/hours.h"

#define MIN_US (60LL * 1000000LL)

static int64_t
at(const char *rfc3339)
{
	int64_t us = 0;
	assert_true(lia_time_parse(rfc3339, &us));
	return us;
}

static struct lia_visit
visit(const char *funder, const char *status, const char *start, int minutes)
{
	struct lia_visit v;
	memset(&v, 0, sizeof v);
	v.id = "v";
	v.funder = funder;
	v.status = status;
	v.planned_start = at(start);
	v.planned_end = v.planned_start + minutes * MIN_US;
	if (strcmp(status, "done") == 0) {
		v.retained_start = v.planned_start;
		v.retained_end = v.planned_end;
	}
	return v;
}

static struct lia_grant
grant(const char *funder, int64_t minutes, const char *starts_on, const char *ends_on)
{
	struct lia_grant g;
	memset(&g, 0, sizeof g);
	g.id = "g";
	g.funder = funder;
	g.minutes_per_month = minutes;
	g.starts_on = starts_on;
	g.ends_on = ends_on;
	return g;
}

static const struct lia_hours_row *
find(const struct lia_hours_row *rows, size_t n, const char *funder)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].funder, funder) == 0)
			return &rows[i];
	return NULL;
}

/* ---- month bounds ---- */

static void
test_lia_hours_month_bounds_paris_winter(void **state)
{
	(void)state;
	int64_t from, to;
	assert_true(lia_hours_month_bounds("2026-01", "Europe/Paris", &from, &to));
	assert_int_equal(from, at("2025-12-31T23:00:00Z"));
	assert_int_equal(to, at("2026-01-31T23:00:00Z"));
}

static void
test_lia_hours_month_bounds_paris_dst_changes(void **state)
{
	(void)state;
	int64_t from, to;
	/* March starts in winter time and ends in summer time (switch 2026-03-29). */
	assert_true(lia_hours_month_bounds("2026-03", "Europe/Paris", &from, &to));
	assert_int_equal(from, at("2026-02-28T23:00:00Z"));
	assert_int_equal(to, at("2026-03-31T22:00:00Z"));
	/* October the other way round (switch 2026-10-25). */
	assert_true(lia_hours_month_bounds("2026-10", "Europe/Paris", &from, &to));
	assert_int_equal(from, at("2026-09-30T22:00:00Z"));
	assert_int_equal(to, at("2026-10-31T23:00:00Z"));
	/* December runs into the next year. */
	assert_true(lia_hours_month_bounds("2026-12", "Europe/Paris", &from, &to));
	assert_int_equal(to, at("2026-12-31T23:00:00Z"));
}

static void
test_lia_hours_month_bounds_rejects_garbage(void **state)
{
	(void)state;
	int64_t from, to;
	assert_false(lia_hours_month_bounds("2026-13", "Europe/Paris", &from, &to));
	assert_false(lia_hours_month_bounds("2026-00", "Europe/Paris", &from, &to));
	assert_false(lia_hours_month_bounds("2026-1", "Europe/Paris", &from, &to));
	assert_false(lia_hours_month_bounds("2026-01-01", "Europe/Paris", &from, &to));
	assert_false(lia_hours_month_bounds("20x6-01", "Europe/Paris", &from, &to));
	assert_false(lia_hours_month_bounds(NULL, "Europe/Paris", &from, &to));
	assert_false(lia_hours_month_bounds("2026-01", "Mars/Olympus_Mons", &from, &to));
	assert_false(lia_hours_month_bounds("2026-01", NULL, &from, &to));
}

/* ---- grants ---- */

static void
test_lia_hours_grant_minutes_partial_months(void **state)
{
	(void)state;
	/* 600 min/month from 15 January to 10 March 2026. */
	assert_int_equal(lia_hours_grant_minutes("2025-12", 600, "2026-01-15", "2026-03-10"), 0);
	/* 17 of 31 days: 329.03 */
	assert_int_equal(lia_hours_grant_minutes("2026-01", 600, "2026-01-15", "2026-03-10"), 329);
	assert_int_equal(lia_hours_grant_minutes("2026-02", 600, "2026-01-15", "2026-03-10"), 600);
	/* 10 of 31 days: 193.55 rounds up */
	assert_int_equal(lia_hours_grant_minutes("2026-03", 600, "2026-01-15", "2026-03-10"), 194);
	assert_int_equal(lia_hours_grant_minutes("2026-04", 600, "2026-01-15", "2026-03-10"), 0);
}

static void
test_lia_hours_grant_minutes_open_ended_and_edges(void **state)
{
	(void)state;
	assert_int_equal(lia_hours_grant_minutes("2030-06", 900, "2026-01-01", NULL), 900);
	assert_int_equal(lia_hours_grant_minutes("2020-06", 900, NULL, "2026-01-01"), 900);
	assert_int_equal(lia_hours_grant_minutes("2020-06", 900, NULL, NULL), 900);
	/* Both ends inclusive: a grant of the last day only. 600 / 31 = 19.35 */
	assert_int_equal(lia_hours_grant_minutes("2026-01", 600, "2026-01-31", "2026-01-31"), 19);
	/* Leap February: 1 of 29 days, 600 / 29 = 20.69; a common one: 600 / 28 = 21.43 */
	assert_int_equal(lia_hours_grant_minutes("2024-02", 600, "2024-02-29", NULL), 21);
	assert_int_equal(lia_hours_grant_minutes("2026-02", 600, "2026-02-28", NULL), 21);
	/* Half exactly rounds up: 31 min over 15 of 30 days = 15.5 */
	assert_int_equal(lia_hours_grant_minutes("2026-04", 31, "2026-04-16", NULL), 16);
	/* Ends the day before the month starts. */
	assert_int_equal(lia_hours_grant_minutes("2026-02", 600, "2026-01-01", "2026-01-31"), 0);
}

static void
test_lia_hours_grant_minutes_rejects_bad_periods(void **state)
{
	(void)state;
	assert_int_equal(lia_hours_grant_minutes("2026-01", 600, "2026-02-01", "2026-01-01"), -1);
	assert_int_equal(lia_hours_grant_minutes("2026-01", 600, "2026-02-30", NULL), -1);
	assert_int_equal(lia_hours_grant_minutes("2026-01", 600, NULL, "yesterday"), -1);
	assert_int_equal(lia_hours_grant_minutes("2026-01", -1, NULL, NULL), -1);
	assert_int_equal(lia_hours_grant_minutes("2026-1", 600, NULL, NULL), -1);
}

/* ---- rows ---- */

static void
test_lia_hours_month_counts_per_status_and_funder(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	struct lia_visit v[] = {
		visit("apa", "done", "2026-02-02T08:00:00Z", 60),
		visit("apa", "done", "2026-02-03T08:00:00Z", 90),
		visit("apa", "planned", "2026-02-20T08:00:00Z", 30),
		visit("apa", "in_progress", "2026-02-10T08:00:00Z", 45),
		visit("apa", "cancelled", "2026-02-04T08:00:00Z", 60),
		visit("apa", "suspended", "2026-02-05T08:00:00Z", 60),
		visit("pch", "done", "2026-02-06T08:00:00Z", 120),
		visit(NULL, "done", "2026-02-07T08:00:00Z", 30),
		visit("", "planned", "2026-02-08T08:00:00Z", 30),
		/* Other months: ignored. */
		visit("apa", "done", "2026-01-15T08:00:00Z", 60),
		visit("caisse_retraite", "done", "2026-03-02T08:00:00Z", 60),
	};
	/* Delivered is the retained period, not the planned one: 50 min of 60 here. */
	v[0].retained_start = v[0].planned_start + 5 * MIN_US;
	v[0].retained_end = v[0].planned_start + 55 * MIN_US;
	struct lia_grant g[] = {
		grant("apa", 1200, "2025-06-01", NULL),
		grant("private", 300, "2026-01-01", "2026-12-31"),
		grant("caisse_retraite", 300, "2025-01-01", "2025-12-31"), /* misses the month */
	};
	struct lia_hours_row *rows = NULL;
	size_t n = 99;
	assert_int_equal(lia_hours_month("2026-02", "Europe/Paris", v, sizeof v / sizeof v[0], g,
					 sizeof g / sizeof g[0], a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0].funder, "apa");
	assert_string_equal(rows[1].funder, "none");
	assert_string_equal(rows[2].funder, "pch");
	assert_string_equal(rows[3].funder, "private");

	const struct lia_hours_row *apa = &rows[0];
	assert_int_equal(apa->granted_min, 1200);
	assert_int_equal(apa->planned_min, 60 + 90 + 30 + 45);
	assert_int_equal(apa->delivered_min, 50 + 90);
	assert_int_equal(apa->visits_planned, 4);
	assert_int_equal(apa->visits_done, 2);
	assert_int_equal(apa->visits_cancelled, 2);
	assert_int_equal(apa->visits_open, 2);

	const struct lia_hours_row *none = &rows[1];
	assert_int_equal(none->granted_min, 0);
	assert_int_equal(none->planned_min, 60);
	assert_int_equal(none->delivered_min, 30);
	assert_int_equal(none->visits_done, 1);
	assert_int_equal(none->visits_open, 1);

	assert_int_equal(rows[2].delivered_min, 120);
	assert_int_equal(rows[2].granted_min, 0);
	assert_int_equal(rows[3].granted_min, 300);
	assert_int_equal(rows[3].planned_min, 0);
	assert_int_equal(rows[3].visits_planned, 0);
	assert_null(find(rows, n, "caisse_retraite"));
	lia_arena_free(a);
}

static void
test_lia_hours_month_grants_overlapping_partially(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	/* An APA decision ends on 10 March, the renewal starts on 11 March at a new rate;
	 * a PCH grant starts mid-month. */
	struct lia_grant g[] = {
		grant("apa", 600, "2025-03-11", "2026-03-10"),
		grant("apa", 900, "2026-03-11", "2027-03-10"),
		grant("pch", 310, "2026-03-22", NULL),
	};
	struct lia_hours_row *rows;
	size_t n;
	assert_int_equal(lia_hours_month("2026-03", "Europe/Paris", NULL, 0, g, 3, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 2);
	/* 600 * 10/31 = 193.55 -> 194, 900 * 21/31 = 609.68 -> 610 */
	assert_string_equal(rows[0].funder, "apa");
	assert_int_equal(rows[0].granted_min, 194 + 610);
	/* 310 * 10/31 = 100 */
	assert_string_equal(rows[1].funder, "pch");
	assert_int_equal(rows[1].granted_min, 100);

	/* The month before: only the old decision, whole. */
	assert_int_equal(lia_hours_month("2026-02", "Europe/Paris", NULL, 0, g, 3, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].granted_min, 600);
	lia_arena_free(a);
}

static void
test_lia_hours_month_2330_last_day_winter(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	struct lia_visit v[] = {
		/* 31 January 23:30 in Paris (UTC+1) is 22:30 UTC: January. */
		visit("apa", "done", "2026-01-31T22:30:00Z", 60),
		/* 1 February 00:30 in Paris is still 31 January 23:30 UTC: February. */
		visit("apa", "done", "2026-01-31T23:30:00Z", 45),
		/* 1 January 00:00 in Paris is 31 December 23:00 UTC: January. */
		visit("apa", "done", "2025-12-31T23:00:00Z", 30),
	};
	struct lia_hours_row *rows;
	size_t n;
	assert_int_equal(lia_hours_month("2026-01", "Europe/Paris", v, 3, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].visits_done, 2);
	assert_int_equal(rows[0].delivered_min, 60 + 30);

	assert_int_equal(lia_hours_month("2026-02", "Europe/Paris", v, 3, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].visits_done, 1);
	assert_int_equal(rows[0].delivered_min, 45);

	/* In UTC the second visit would be January's: the zone matters. */
	assert_int_equal(lia_hours_month("2026-01", "UTC", v, 3, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(rows[0].visits_done, 2);
	assert_int_equal(rows[0].delivered_min, 60 + 45);
	lia_arena_free(a);
}

static void
test_lia_hours_month_2330_last_day_summer_time(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	struct lia_visit v[] = {
		/* 31 March 23:30 in Paris, summer time (UTC+2) since the 29th: 21:30 UTC. */
		visit("pch", "done", "2026-03-31T21:30:00Z", 60),
		/* 1 April 00:30 local = 31 March 22:30 UTC: April. */
		visit("pch", "done", "2026-03-31T22:30:00Z", 45),
		/* 29 March 03:30 local, just after the switch (01:30 UTC): March. */
		visit("pch", "done", "2026-03-29T01:30:00Z", 30),
		/* 1 March 00:30 local, winter (UTC+1) = 28 February 23:30 UTC: March. */
		visit("pch", "done", "2026-02-28T23:30:00Z", 20),
	};
	struct lia_hours_row *rows;
	size_t n;
	assert_int_equal(lia_hours_month("2026-03", "Europe/Paris", v, 4, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].visits_done, 3);
	assert_int_equal(rows[0].delivered_min, 60 + 30 + 20);
	assert_int_equal(lia_hours_month("2026-04", "Europe/Paris", v, 4, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(rows[0].visits_done, 1);
	assert_int_equal(rows[0].delivered_min, 45);
	assert_int_equal(lia_hours_month("2026-02", "Europe/Paris", v, 4, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 0);
	assert_null(rows);

	/* October, back to winter time on the 25th: 31 October 23:30 local = 22:30 UTC. */
	struct lia_visit w[] = {
		visit("apa", "planned", "2026-10-31T22:30:00Z", 60),
		visit("apa", "planned", "2026-10-31T23:30:00Z", 60), /* 1 November 00:30 */
	};
	assert_int_equal(lia_hours_month("2026-10", "Europe/Paris", w, 2, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(rows[0].visits_open, 1);
	assert_int_equal(rows[0].planned_min, 60);
	lia_arena_free(a);
}

static void
test_lia_hours_month_westward_zone_next_utc_month(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	/* 31 January 23:30 in New York (UTC-5) is 1 February 04:30 UTC: January there. */
	struct lia_visit v[] = {visit("apa", "done", "2026-02-01T04:30:00Z", 60)};
	struct lia_hours_row *rows;
	size_t n;
	assert_int_equal(lia_hours_month("2026-01", "America/New_York", v, 1, NULL, 0, a, &rows,
					 &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].delivered_min, 60);
	assert_int_equal(lia_hours_month("2026-02", "America/New_York", v, 1, NULL, 0, a, &rows,
					 &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 0);
	lia_arena_free(a);
}

static void
test_lia_hours_month_delivered_rounds_to_minute(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	struct lia_visit v[] = {
		visit("apa", "done", "2026-05-04T08:00:00Z", 60),
		visit("apa", "done", "2026-05-05T08:00:00Z", 60),
		visit("apa", "done", "2026-05-06T08:00:00Z", 60),
	};
	v[0].retained_end = v[0].retained_start + 59 * MIN_US + 40 * 1000000LL; /* 60 */
	v[1].retained_end = v[1].retained_start + 29 * MIN_US + 29 * 1000000LL; /* 29 */
	v[2].retained_start = v[2].retained_end = 0; /* done without retained period: 0 */
	struct lia_hours_row *rows;
	size_t n;
	assert_int_equal(lia_hours_month("2026-05", "Europe/Paris", v, 3, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(rows[0].delivered_min, 60 + 29);
	assert_int_equal(rows[0].visits_done, 3);
	lia_arena_free(a);
}

static void
test_lia_hours_month_errors_leave_no_rows(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	struct lia_visit v[] = {visit("apa", "done", "2026-05-04T08:00:00Z", 60)};
	struct lia_grant bad[] = {grant("apa", 600, "2026-06-01", "2026-05-01")};
	struct lia_hours_row dummy;
	struct lia_hours_row *rows = &dummy;
	size_t n = 7;
	assert_int_equal(lia_hours_month("2026-05", "Europe/Paris", v, 1, bad, 1, a, &rows, &n),
			 LIA_HOURS_BAD_GRANT);
	assert_null(rows);
	assert_int_equal(n, 0);
	assert_int_equal(lia_hours_month("2026-5", "Europe/Paris", v, 1, NULL, 0, a, &rows, &n),
			 LIA_HOURS_BAD_MONTH);
	assert_int_equal(lia_hours_month("2026-05", "Europe/Nowhere", v, 1, NULL, 0, a, &rows, &n),
			 LIA_HOURS_BAD_TZ);
	assert_int_equal(lia_hours_month("2026-05", NULL, v, 1, NULL, 0, a, &rows, &n),
			 LIA_HOURS_BAD_TZ);
	assert_null(rows);
	/* Nothing at all: no rows, not an error. */
	assert_int_equal(lia_hours_month("2026-05", "Europe/Paris", NULL, 0, NULL, 0, a, &rows, &n),
			 LIA_HOURS_OK);
	assert_int_equal(n, 0);
	lia_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_hours_month_bounds_paris_winter),
		cmocka_unit_test(test_lia_hours_month_bounds_paris_dst_changes),
		cmocka_unit_test(test_lia_hours_month_bounds_rejects_garbage),
		cmocka_unit_test(test_lia_hours_grant_minutes_partial_months),
		cmocka_unit_test(test_lia_hours_grant_minutes_open_ended_and_edges),
		cmocka_unit_test(test_lia_hours_grant_minutes_rejects_bad_periods),
		cmocka_unit_test(test_lia_hours_month_counts_per_status_and_funder),
		cmocka_unit_test(test_lia_hours_month_grants_overlapping_partially),
		cmocka_unit_test(test_lia_hours_month_2330_last_day_winter),
		cmocka_unit_test(test_lia_hours_month_2330_last_day_summer_time),
		cmocka_unit_test(test_lia_hours_month_westward_zone_next_utc_month),
		cmocka_unit_test(test_lia_hours_month_delivered_rounds_to_minute),
		cmocka_unit_test(test_lia_hours_month_errors_leave_no_rows),
	};
	LIA_RUN_GROUP("hours", tests, NULL, NULL);
}
