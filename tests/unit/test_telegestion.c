/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/telegestion (retained times and ESPPADOM correction
 * codes, the haversine distance) and src/domain/planning_settings (defaults,
 * overlaying a JSON object, refusals, JSON output). Visits are planned 08:00-09:00
 * UTC on 2026-03-10; expected instants are written as clock times.
 */
#include "lia_test.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "domain/planning_settings.h"
#include "domain/telegestion.h"

#define SEC_US 1000000LL

/* 2026-03-10 h:mi:s UTC, in microseconds (libc's timegm). */
static int64_t
at(int h, int mi, int s)
{
	struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 2, .tm_mday = 10, .tm_hour = h,
			.tm_min = mi, .tm_sec = s};
	return (int64_t)timegm(&tm) * SEC_US;
}

/* Rounding to the quarter hour, 5 minutes of tolerance. */
static struct lia_planning_settings
quarter(void)
{
	struct lia_planning_settings s;
	lia_planning_settings_defaults(&s);
	s.rounding_min = 15;
	s.tolerance_min = 5;
	return s;
}

static struct lia_clocking
clocked(int64_t in_at, int64_t out_at)
{
	return (struct lia_clocking){
		.planned_start = at(8, 0, 0),
		.planned_end = at(9, 0, 0),
		.in_at = in_at,
		.out_at = out_at,
		.in_certified = in_at != 0,
		.out_certified = out_at != 0,
	};
}

static void
expect(const struct lia_clocking *c, int64_t start, int64_t end, const char *code)
{
	struct lia_planning_settings s = quarter();
	struct lia_retained r = {.start = -1, .end = -1, .code = "garbage"};
	lia_retained_compute(&s, c, &r);
	if (r.start != start || r.end != end)
		fail_msg("retained [%lld, %lld] s, expected [%lld, %lld] s",
			 (long long)(r.start / SEC_US), (long long)(r.end / SEC_US),
			 (long long)(start / SEC_US), (long long)(end / SEC_US));
	if (!code)
		assert_null(r.code);
	else {
		assert_non_null(r.code);
		assert_string_equal(r.code, code);
	}
}

/* ---- lia_retained_compute ---- */

static void
test_lia_retained_compute_within_tolerance(void **state)
{
	(void)state;
	struct lia_clocking c = clocked(at(7, 57, 12), at(9, 4, 40));
	expect(&c, at(8, 0, 0), at(9, 0, 0), NULL);
	c = clocked(at(8, 3, 0), at(8, 56, 30));
	expect(&c, at(8, 0, 0), at(9, 0, 0), NULL);
	/* Exactly the tolerance still counts as within. */
	c = clocked(at(8, 5, 0), at(8, 55, 0));
	expect(&c, at(8, 0, 0), at(9, 0, 0), NULL);
	c = clocked(at(8, 0, 0), at(9, 0, 0));
	expect(&c, at(8, 0, 0), at(9, 0, 0), NULL);
}

static void
test_lia_retained_compute_rounded_outside_tolerance(void **state)
{
	(void)state;
	/* 08:12 -> 08:15, 09:23 -> 09:30: rounding is the contract's rule, no code. */
	struct lia_clocking c = clocked(at(8, 12, 0), at(9, 23, 0));
	expect(&c, at(8, 15, 0), at(9, 30, 0), NULL);
	/* Nearest, not up: 08:07 -> 08:00 (just outside tolerance), 09:22 -> 09:15. */
	c = clocked(at(8, 7, 0), at(9, 22, 0));
	expect(&c, at(8, 0, 0), at(9, 15, 0), NULL);
	c = clocked(at(8, 8, 0), at(9, 37, 59));
	expect(&c, at(8, 15, 0), at(9, 45, 0), NULL);
	/* Early arrival and early departure. */
	c = clocked(at(7, 40, 0), at(8, 20, 0));
	expect(&c, at(7, 45, 0), at(8, 15, 0), NULL);
	/* Just past the tolerance, by a second. */
	c = clocked(at(8, 5, 1), at(9, 0, 0));
	expect(&c, at(8, 0, 0), at(9, 0, 0), NULL); /* 08:05:01 rounds back to 08:00 */
	c = clocked(at(7, 54, 59), at(9, 0, 0));
	expect(&c, at(8, 0, 0), at(9, 0, 0), NULL);
	c = clocked(at(8, 8, 0), at(9, 0, 0));
	expect(&c, at(8, 15, 0), at(9, 0, 0), NULL);
}

static void
test_lia_retained_compute_tolerance_off_quarter(void **state)
{
	(void)state;
	/* Planned 08:10-09:10, off the quarter grid, so that keeping the planned time
	 * and rounding give different answers. */
	struct lia_clocking c = clocked(at(8, 7, 0), at(9, 13, 0));
	c.planned_start = at(8, 10, 0);
	c.planned_end = at(9, 10, 0);
	expect(&c, at(8, 10, 0), at(9, 10, 0), NULL);
	/* Exactly the tolerance: still the planned time. */
	c.in_at = at(8, 15, 0);
	c.out_at = at(9, 5, 0);
	expect(&c, at(8, 10, 0), at(9, 10, 0), NULL);
	/* A second beyond: rounded to the quarter. */
	c.in_at = at(8, 15, 1);
	c.out_at = at(9, 4, 59);
	expect(&c, at(8, 15, 0), at(9, 0, 0), NULL);
	/* Missing departure: planned length after the retained start. */
	c.in_at = at(8, 8, 0);
	c.out_at = 0;
	c.out_certified = false;
	expect(&c, at(8, 10, 0), at(9, 10, 0), "COD");
}

static void
test_lia_retained_compute_no_rounding_whole_minutes(void **state)
{
	(void)state;
	struct lia_planning_settings s;
	lia_planning_settings_defaults(&s);
	s.rounding_min = 1;
	s.tolerance_min = 0;
	struct lia_clocking c = clocked(at(8, 3, 40), at(9, 11, 20));
	struct lia_retained r;
	lia_retained_compute(&s, &c, &r);
	assert_int_equal(r.start, at(8, 4, 0));
	assert_int_equal(r.end, at(9, 11, 0));
	assert_null(r.code);
}

static void
test_lia_retained_compute_missing_check_in(void **state)
{
	(void)state;
	struct lia_clocking c = clocked(0, at(9, 2, 0));
	expect(&c, at(8, 0, 0), at(9, 0, 0), "COA");
	c = clocked(0, at(9, 40, 0));
	expect(&c, at(8, 0, 0), at(9, 45, 0), "COA");
}

static void
test_lia_retained_compute_manual_check_in(void **state)
{
	(void)state;
	/* Entered by a coordinator: not certified, whatever the time. */
	struct lia_clocking c = clocked(at(8, 15, 0), at(9, 0, 0));
	c.in_certified = false;
	expect(&c, at(8, 15, 0), at(9, 0, 0), "COA");
	c = clocked(at(8, 0, 0), at(9, 0, 0));
	c.in_certified = false;
	expect(&c, at(8, 0, 0), at(9, 0, 0), "COA");
}

static void
test_lia_retained_compute_missing_check_out(void **state)
{
	(void)state;
	/* The end is the retained start plus the planned length. */
	struct lia_clocking c = clocked(at(8, 2, 0), 0);
	expect(&c, at(8, 0, 0), at(9, 0, 0), "COD");
	c = clocked(at(8, 12, 0), 0);
	expect(&c, at(8, 15, 0), at(9, 15, 0), "COD");
	c = clocked(at(7, 40, 0), 0);
	expect(&c, at(7, 45, 0), at(8, 45, 0), "COD");
	/* A coordinator-entered departure is not clocked either. */
	c = clocked(at(8, 0, 0), at(9, 30, 0));
	c.out_certified = false;
	struct lia_planning_settings s = quarter();
	struct lia_retained r;
	lia_retained_compute(&s, &c, &r);
	assert_non_null(r.code);
	assert_string_equal(r.code, "COD");
	assert_int_equal(r.start, at(8, 0, 0));
}

static void
test_lia_retained_compute_both_missing(void **state)
{
	(void)state;
	struct lia_clocking c = clocked(0, 0);
	expect(&c, at(8, 0, 0), at(9, 0, 0), "CO2");
	/* Both entered by a coordinator. */
	c = clocked(at(8, 0, 0), at(9, 0, 0));
	c.in_certified = c.out_certified = false;
	expect(&c, at(8, 0, 0), at(9, 0, 0), "CO2");
}

static void
test_lia_retained_compute_created_after(void **state)
{
	(void)state;
	struct lia_clocking c = clocked(0, 0);
	c.created_after = true;
	expect(&c, at(8, 0, 0), at(9, 0, 0), "CRE");
	/* Another planned length. */
	c.planned_end = at(8, 45, 0);
	expect(&c, at(8, 0, 0), at(8, 45, 0), "CRE");
}

static void
test_lia_retained_compute_end_not_before_start(void **state)
{
	(void)state;
	/* Out clocked before in (a device clock gone wrong): retained 08:45 - 08:15
	 * would be negative; the period is empty instead. */
	struct lia_clocking c = clocked(at(8, 40, 0), at(8, 20, 0));
	struct lia_planning_settings s = quarter();
	struct lia_retained r;
	lia_retained_compute(&s, &c, &r);
	assert_int_equal(r.start, at(8, 45, 0));
	assert_true(r.end >= r.start);
	assert_int_equal(r.end, r.start);
	/* Same with a coordinator-entered departure. */
	c = clocked(at(8, 40, 0), at(8, 10, 0));
	c.out_certified = false;
	lia_retained_compute(&s, &c, &r);
	assert_int_equal(r.start, at(8, 45, 0));
	assert_int_equal(r.end, r.start);
	assert_string_equal(r.code, "COD");
	/* Very late arrival with a missing departure. */
	c = clocked(at(10, 0, 0), 0);
	lia_retained_compute(&s, &c, &r);
	assert_true(r.end > r.start);
	assert_int_equal(r.end - r.start, 3600 * SEC_US);
}

/* ---- lia_distance_m ---- */

static void
test_lia_distance_m_notre_dame_eiffel(void **state)
{
	(void)state;
	double d = lia_distance_m(48.8530, 2.3499, 48.8584, 2.2945);
	if (d < 4000.0 || d > 4200.0)
		fail_msg("distance %.0f m, expected about 4100 m", d);
	double back = lia_distance_m(48.8584, 2.2945, 48.8530, 2.3499);
	assert_true(back > d - 0.01 && back < d + 0.01);
}

static void
test_lia_distance_m_same_point(void **state)
{
	(void)state;
	assert_true(lia_distance_m(48.8530, 2.3499, 48.8530, 2.3499) == 0.0);
	assert_true(lia_distance_m(0, 0, 0, 0) == 0.0);
	assert_true(lia_distance_m(-21.1151, 55.5364, -21.1151, 55.5364) == 0.0);
}

static void
test_lia_distance_m_known_arcs(void **state)
{
	(void)state;
	/* One degree of meridian is about 111.2 km; one of equator as well. */
	double d = lia_distance_m(45.0, 3.0, 46.0, 3.0);
	assert_true(d > 111000.0 && d < 111400.0);
	d = lia_distance_m(0.0, 10.0, 0.0, 11.0);
	assert_true(d > 111000.0 && d < 111400.0);
	/* Antipodes: half the circumference, about 20 015 km. */
	d = lia_distance_m(0.0, 0.0, 0.0, 180.0);
	assert_true(d > 20000000.0 && d < 20030000.0);
	/* 200 m of a geofence: 0.0018 degree of latitude is about 200 m. */
	d = lia_distance_m(48.8530, 2.3499, 48.8548, 2.3499);
	assert_true(d > 190.0 && d < 210.0);
}

/* ---- planning settings ---- */

static cJSON *
parse(const char *json)
{
	cJSON *o = cJSON_Parse(json);
	if (!o)
		fail_msg("bad test JSON %s", json);
	return o;
}

static void
test_lia_planning_settings_defaults_values(void **state)
{
	(void)state;
	struct lia_planning_settings s;
	memset(&s, 0x5A, sizeof s);
	lia_planning_settings_defaults(&s);
	assert_int_equal(s.rounding_min, 1); /* no rounding */
	assert_int_equal(s.tolerance_min, 0);
	assert_int_equal(s.geofence_m, 200);
	assert_int_equal(s.late_after_min, 15);
	assert_int_equal(s.checkout_grace_min, 30);
	assert_int_equal(s.horizon_days, 28);
}

static void
test_lia_planning_settings_apply_partial(void **state)
{
	(void)state;
	struct lia_planning_settings s;
	lia_planning_settings_defaults(&s);
	cJSON *o = parse("{\"rounding_min\": 15, \"tolerance_min\": 5}");
	const char *field = "unset";
	assert_true(lia_planning_settings_apply(&s, o, &field));
	assert_null(field);
	assert_int_equal(s.rounding_min, 15);
	assert_int_equal(s.tolerance_min, 5);
	assert_int_equal(s.geofence_m, 200);
	assert_int_equal(s.late_after_min, 15);
	assert_int_equal(s.checkout_grace_min, 30);
	assert_int_equal(s.horizon_days, 28);
	cJSON_Delete(o);
	/* A second overlay keeps the first one's members (inheritance). */
	o = parse("{\"geofence_m\": 500, \"horizon_days\": 42}");
	assert_true(lia_planning_settings_apply(&s, o, &field));
	assert_int_equal(s.rounding_min, 15);
	assert_int_equal(s.tolerance_min, 5);
	assert_int_equal(s.geofence_m, 500);
	assert_int_equal(s.horizon_days, 42);
	cJSON_Delete(o);
	/* An empty object changes nothing. */
	struct lia_planning_settings before = s;
	o = parse("{}");
	assert_true(lia_planning_settings_apply(&s, o, &field));
	assert_memory_equal(&s, &before, sizeof s);
	cJSON_Delete(o);
	/* Integral values written as decimals are integers. */
	o = parse("{\"late_after_min\": 20.0, \"checkout_grace_min\": 45}");
	assert_true(lia_planning_settings_apply(&s, o, &field));
	assert_int_equal(s.late_after_min, 20);
	assert_int_equal(s.checkout_grace_min, 45);
	cJSON_Delete(o);
}

static void
expect_apply_refused(const char *json, const char *field_want)
{
	struct lia_planning_settings s, before;
	lia_planning_settings_defaults(&s);
	s.rounding_min = 10; /* not all defaults, to see nothing is reset */
	before = s;
	cJSON *o = parse(json);
	const char *field = NULL;
	bool ok = lia_planning_settings_apply(&s, o, &field);
	/* An unknown member's name points into o: compare before freeing it, and free it
	 * before failing so that a failure reports cleanly. */
	char got[64];
	snprintf(got, sizeof got, "%s", field ? field : "(null)");
	cJSON_Delete(o);
	if (ok)
		fail_msg("accepted %s", json);
	if (strcmp(got, field_want))
		fail_msg("%s: field %s, expected %s", json, got, field_want);
	assert_memory_equal(&s, &before, sizeof s);
}

static void
test_lia_planning_settings_apply_out_of_range(void **state)
{
	(void)state;
	expect_apply_refused("{\"rounding_min\": 0}", "rounding_min");
	expect_apply_refused("{\"rounding_min\": -15}", "rounding_min");
	expect_apply_refused("{\"rounding_min\": 1000}", "rounding_min");
	expect_apply_refused("{\"tolerance_min\": -1}", "tolerance_min");
	expect_apply_refused("{\"geofence_m\": 0}", "geofence_m");
	expect_apply_refused("{\"geofence_m\": 1000000}", "geofence_m");
	expect_apply_refused("{\"late_after_min\": 0}", "late_after_min");
	expect_apply_refused("{\"checkout_grace_min\": 0}", "checkout_grace_min");
	expect_apply_refused("{\"horizon_days\": 0}", "horizon_days");
	expect_apply_refused("{\"horizon_days\": 3650}", "horizon_days");
	/* Far beyond int: must not wrap into range. */
	expect_apply_refused("{\"geofence_m\": 4294967496}", "geofence_m");
	expect_apply_refused("{\"geofence_m\": 1e300}", "geofence_m");
	expect_apply_refused("{\"horizon_days\": -1e300}", "horizon_days");
	/* NaN cannot come from JSON text, but a tree built in code can hold it. */
	struct lia_planning_settings s, before;
	lia_planning_settings_defaults(&s);
	before = s;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "geofence_m", NAN);
	const char *field = NULL;
	bool ok = lia_planning_settings_apply(&s, o, &field);
	cJSON_Delete(o);
	assert_false(ok);
	assert_string_equal(field, "geofence_m");
	assert_memory_equal(&s, &before, sizeof s);
	/* A good member before the bad one is not applied either. */
	expect_apply_refused("{\"tolerance_min\": 5, \"horizon_days\": 0}", "horizon_days");
}

static void
test_lia_planning_settings_apply_not_integer(void **state)
{
	(void)state;
	expect_apply_refused("{\"tolerance_min\": 2.5}", "tolerance_min");
	expect_apply_refused("{\"rounding_min\": \"15\"}", "rounding_min");
	expect_apply_refused("{\"geofence_m\": true}", "geofence_m");
	expect_apply_refused("{\"geofence_m\": null}", "geofence_m");
	expect_apply_refused("{\"horizon_days\": [28]}", "horizon_days");
	expect_apply_refused("{\"late_after_min\": {\"v\": 15}}", "late_after_min");
}

static void
test_lia_planning_settings_apply_unknown_member(void **state)
{
	(void)state;
	expect_apply_refused("{\"rounding\": 15}", "rounding");
	expect_apply_refused("{\"tolerance_min\": 5, \"colour\": 3}", "colour");
	expect_apply_refused("{\"Rounding_min\": 15}", "Rounding_min");
}

static void
test_lia_planning_settings_apply_not_object(void **state)
{
	(void)state;
	struct lia_planning_settings s, before;
	lia_planning_settings_defaults(&s);
	before = s;
	const char *field = NULL;
	cJSON *o = parse("[1, 2]");
	assert_false(lia_planning_settings_apply(&s, o, &field));
	assert_non_null(field);
	cJSON_Delete(o);
	field = NULL;
	assert_false(lia_planning_settings_apply(&s, NULL, &field));
	assert_non_null(field);
	assert_memory_equal(&s, &before, sizeof s);
}

static void
test_lia_planning_settings_json_every_key(void **state)
{
	(void)state;
	struct lia_planning_settings s = {
		.rounding_min = 15,
		.tolerance_min = 5,
		.geofence_m = 300,
		.late_after_min = 20,
		.checkout_grace_min = 40,
		.horizon_days = 35,
		.dose_grace_min = 45,
		.late_entry_min = 90,
		.refusal_alert_count = 4,
		.refusal_alert_hours = 48,
	};
	cJSON *o = lia_planning_settings_json(&s);
	assert_non_null(o);
	assert_true(cJSON_IsObject(o));
	static const struct {
		const char *name;
		int value;
	} want[] = {
		{"rounding_min", 15},   {"tolerance_min", 5},       {"geofence_m", 300},
		{"late_after_min", 20}, {"checkout_grace_min", 40}, {"horizon_days", 35},
		{"dose_grace_min", 45}, {"late_entry_min", 90},     {"refusal_alert_count", 4},
		{"refusal_alert_hours", 48},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, want[i].name);
		if (!cJSON_IsNumber(m))
			fail_msg("no number %s", want[i].name);
		assert_int_equal(m->valueint, want[i].value);
	}
	assert_int_equal(cJSON_GetArraySize(o), 10);
	/* And it reads back into the same settings. */
	struct lia_planning_settings back;
	const char *field;
	lia_planning_settings_defaults(&back);
	assert_true(lia_planning_settings_apply(&back, o, &field));
	assert_memory_equal(&back, &s, sizeof s);
	cJSON_Delete(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_retained_compute_within_tolerance),
		cmocka_unit_test(test_lia_retained_compute_rounded_outside_tolerance),
		cmocka_unit_test(test_lia_retained_compute_tolerance_off_quarter),
		cmocka_unit_test(test_lia_retained_compute_no_rounding_whole_minutes),
		cmocka_unit_test(test_lia_retained_compute_missing_check_in),
		cmocka_unit_test(test_lia_retained_compute_manual_check_in),
		cmocka_unit_test(test_lia_retained_compute_missing_check_out),
		cmocka_unit_test(test_lia_retained_compute_both_missing),
		cmocka_unit_test(test_lia_retained_compute_created_after),
		cmocka_unit_test(test_lia_retained_compute_end_not_before_start),
		cmocka_unit_test(test_lia_distance_m_notre_dame_eiffel),
		cmocka_unit_test(test_lia_distance_m_same_point),
		cmocka_unit_test(test_lia_distance_m_known_arcs),
		cmocka_unit_test(test_lia_planning_settings_defaults_values),
		cmocka_unit_test(test_lia_planning_settings_apply_partial),
		cmocka_unit_test(test_lia_planning_settings_apply_out_of_range),
		cmocka_unit_test(test_lia_planning_settings_apply_not_integer),
		cmocka_unit_test(test_lia_planning_settings_apply_unknown_member),
		cmocka_unit_test(test_lia_planning_settings_apply_not_object),
		cmocka_unit_test(test_lia_planning_settings_json_every_key),
	};
	LIA_RUN_GROUP("telegestion", tests, NULL, NULL);
}
