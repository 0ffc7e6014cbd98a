/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/core: the arena (alignment, zeroing, big blocks, printf,
 * strndup), UUIDv7 (shape, order, syntax check), the clock and RFC 3339 helpers,
 * UTF-8 validation, and the error registry.
 */
#include "lia_test.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/utf8.h"
#include "core/uuid.h"

#define SEC_US 1000000LL
#define DAY_US (86400LL * SEC_US)

/* ---- arena ---- */

static void
test_lia_arena_alloc_aligned_for_any_type(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	static const size_t sizes[] = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000, 5000, 9000};
	for (int round = 0; round < 20; round++)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			void *p = lia_arena_alloc(a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		}
	lia_arena_free(a);
}

static void
test_lia_arena_alloc_zeroed(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	/* Dirty memory first so that freshly malloc'd blocks are unlikely to be zero by chance. */
	for (int round = 0; round < 8; round++) {
		struct lia_arena *dirty = lia_arena_new();
		memset(lia_arena_alloc(dirty, 6000), 0xAB, 6000);
		lia_arena_free(dirty);
		size_t n = 700 + (size_t)round * 1500;
		unsigned char *p = lia_arena_alloc(a, n);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xFF, n); /* the next allocation must not see this */
	}
	lia_arena_free(a);
}

static void
test_lia_arena_alloc_beyond_block_size(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	char *small1 = lia_arena_alloc(a, 32);
	memset(small1, 'a', 31);
	size_t big_n = 100000; /* far above one block */
	unsigned char *big = lia_arena_alloc(a, big_n);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % alignof(max_align_t), 0);
	for (size_t i = 0; i < big_n; i++)
		assert_int_equal(big[i], 0);
	memset(big, 'B', big_n);
	char *small2 = lia_arena_alloc(a, 32);
	memset(small2, 'c', 31);
	/* No overlap: every region keeps what was written to it. */
	for (size_t i = 0; i < 31; i++) {
		assert_int_equal(small1[i], 'a');
		assert_int_equal(small2[i], 'c');
	}
	for (size_t i = 0; i < big_n; i++)
		assert_int_equal(big[i], 'B');
	assert_true(lia_arena_used(a) >= big_n + 64);
	lia_arena_free(a);
}

static void
test_lia_arena_used_counts_allocations(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	assert_int_equal(lia_arena_used(a), 0);
	lia_arena_alloc(a, 10);
	size_t u1 = lia_arena_used(a);
	assert_true(u1 >= 10);
	lia_arena_alloc(a, 20000);
	assert_true(lia_arena_used(a) >= u1 + 20000);
	lia_arena_free(a);
	lia_arena_free(NULL); /* no-op */
}

static void
test_lia_arena_printf_formats(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	assert_string_equal(lia_arena_printf(a, "%s-%d-%05.1f", "x", 42, 3.14159), "x-42-003.1");
	assert_string_equal(lia_arena_printf(a, "%s", ""), "");
	/* Longer than a block. */
	size_t n = 20000;
	char *src = malloc(n + 1);
	memset(src, 'z', n);
	src[n] = '\0';
	char *p = lia_arena_printf(a, "<%s>", src);
	assert_int_equal(strlen(p), n + 2);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[n + 1], '>');
	assert_int_equal(p[n / 2], 'z');
	free(src);
	lia_arena_free(a);
}

static void
test_lia_arena_strndup_copies_prefix(void **state)
{
	(void)state;
	struct lia_arena *a = lia_arena_new();
	const char *s = "bonjour";
	char *p = lia_arena_strndup(a, s, 3);
	assert_string_equal(p, "bon");
	assert_ptr_not_equal(p, s);
	assert_string_equal(lia_arena_strndup(a, s, 0), "");
	assert_string_equal(lia_arena_strndup(a, s, 7), "bonjour");
	assert_null(lia_arena_strndup(a, NULL, 3));
	char *d = lia_arena_strdup(a, s);
	assert_string_equal(d, s);
	assert_ptr_not_equal(d, s);
	assert_null(lia_arena_strdup(a, NULL));
	lia_arena_free(a);
}

/* ---- uuid ---- */

static bool
is_lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int64_t
uuid_ms(const char *u)
{
	char hex[13];
	memcpy(hex, u, 8);
	memcpy(hex + 8, u + 9, 4);
	hex[12] = '\0';
	return (int64_t)strtoll(hex, NULL, 16);
}

static void
test_lia_uuid7_format(void **state)
{
	(void)state;
	for (int i = 0; i < 1000; i++) {
		char u[LIA_UUID_STRLEN + 1];
		memset(u, 'X', sizeof u);
		lia_uuid7(u);
		assert_int_equal(strlen(u), LIA_UUID_STRLEN);
		for (int k = 0; k < LIA_UUID_STRLEN; k++) {
			if (k == 8 || k == 13 || k == 18 || k == 23)
				assert_int_equal(u[k], '-');
			else
				assert_true(is_lower_hex(u[k]));
		}
		assert_int_equal(u[14], '7');           /* version 7 */
		assert_non_null(strchr("89ab", u[19])); /* variant 10xx */
		assert_true(lia_uuid_valid(u));
	}
}

static void
test_lia_uuid7_carries_current_ms(void **state)
{
	(void)state;
	int64_t before = lia_clock_now_us() / 1000;
	char u[LIA_UUID_STRLEN + 1];
	lia_uuid7(u);
	int64_t after = lia_clock_now_us() / 1000;
	int64_t ms = uuid_ms(u);
	assert_true(ms >= before);
	/* The in-millisecond counter may run a few ms ahead after a burst. */
	assert_true(ms <= after + 50);
}

static void
test_lia_uuid7_strictly_increasing(void **state)
{
	(void)state;
	enum { N = 10000 };
	char(*ids)[LIA_UUID_STRLEN + 1] = malloc(N * sizeof *ids);
	assert_non_null(ids);
	for (int i = 0; i < N; i++)
		lia_uuid7(ids[i]);
	int same_ms = 0;
	for (int i = 1; i < N; i++) {
		assert_true(strcmp(ids[i - 1], ids[i]) < 0);
		if (memcmp(ids[i - 1], ids[i], 13) == 0)
			same_ms++;
	}
	/* 10,000 ids take far less than 10,000 ms: the counter was exercised. */
	assert_true(same_ms > 0);
	free(ids);
}

static void
test_lia_uuid7_increasing_when_clock_goes_back(void **state)
{
	(void)state;
	char a[LIA_UUID_STRLEN + 1], b[LIA_UUID_STRLEN + 1];
	lia_uuid7(a);
	lia_clock_set_offset_us(-3600 * SEC_US);
	lia_uuid7(b);
	lia_clock_set_offset_us(0);
	assert_true(strcmp(a, b) < 0);
	char c[LIA_UUID_STRLEN + 1];
	lia_uuid7_at(1000, c); /* a time long past: still after b */
	assert_true(strcmp(b, c) < 0);
}

static void
test_lia_uuid_valid_accepts_canonical(void **state)
{
	(void)state;
	assert_true(lia_uuid_valid("0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b"));
	assert_true(lia_uuid_valid("0190A5B2-3C4D-7E8F-9A0B-1C2D3E4F5A6B"));
	assert_true(lia_uuid_valid("00000000-0000-0000-0000-000000000000"));
}

static void
test_lia_uuid_valid_rejects_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6",   /* 35 */
		"0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b0", /* 37 */
		"0190a5b23c4d7e8f9a0b1c2d3e4f5a6b",      /* no dashes */
		"0190a5b2-3c4d-7e8f-9a0b1-c2d3e4f5a6b",  /* dash moved */
		"0190a5b-23c4d-7e8f-9a0b-1c2d3e4f5a6b",  /* dash moved */
		"0190a5b2_3c4d_7e8f_9a0b_1c2d3e4f5a6b",  /* other separator */
		"0190a5g2-3c4d-7e8f-9a0b-1c2d3e4f5a6b",  /* g */
		"0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6 ",  /* space */
		"{190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6}",
		"0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a-b", /* extra dash */
		"0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a\xc3\xa9",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(lia_uuid_valid(bad[i]));
	assert_false(lia_uuid_valid(NULL));
}

/* ---- clock ---- */

static void
test_lia_time_format_known_instants(void **state)
{
	(void)state;
	char out[LIA_RFC3339_LEN];
	lia_time_format(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	lia_time_format(1795336200123456LL, out);
	assert_string_equal(out, "2026-11-22T08:30:00.123456Z");
	lia_time_format(1709251199LL * SEC_US, out);
	assert_string_equal(out, "2024-02-29T23:59:59Z");
	lia_time_format(1, out);
	assert_string_equal(out, "1970-01-01T00:00:00.000001Z");
	lia_time_format(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59.999999Z");
}

static void
test_lia_time_parse_round_trip(void **state)
{
	(void)state;
	static const int64_t values[] = {
		0,
		1,
		999999,
		SEC_US,
		1795336200123456LL,
		1709251199LL * SEC_US + 500000,
		253402300799LL * SEC_US + 999999, /* 9999-12-31T23:59:59.999999Z */
		-1,
		-DAY_US - 123,
	};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char out[LIA_RFC3339_LEN];
		int64_t back = 42;
		lia_time_format(values[i], out);
		assert_true(lia_time_parse(out, &back));
		assert_int_equal(back, values[i]);
	}
	int64_t now = lia_clock_now_us();
	char out[LIA_RFC3339_LEN];
	int64_t back;
	lia_time_format(now, out);
	assert_true(lia_time_parse(out, &back));
	assert_int_equal(back, now);
}

static void
test_lia_time_parse_fractions(void **state)
{
	(void)state;
	int64_t us;
	assert_true(lia_time_parse("2026-11-22T08:30:00.5Z", &us));
	assert_int_equal(us, 1795336200LL * SEC_US + 500000);
	assert_true(lia_time_parse("2026-11-22T08:30:00.123Z", &us));
	assert_int_equal(us, 1795336200LL * SEC_US + 123000);
	assert_true(lia_time_parse("2026-11-22t08:30:00.123456z", &us));
	assert_int_equal(us, 1795336200123456LL);
}

static void
test_lia_time_parse_offsets(void **state)
{
	(void)state;
	int64_t z, plus, minus;
	assert_true(lia_time_parse("2024-03-10T08:00:00Z", &z));
	assert_true(lia_time_parse("2024-03-10T10:00:00+02:00", &plus));
	assert_int_equal(plus, z);
	assert_true(lia_time_parse("2024-03-10T02:30:00-05:30", &minus));
	assert_int_equal(minus, z);
	/* An offset that crosses midnight and a month end. */
	int64_t a, b;
	assert_true(lia_time_parse("2024-03-01T01:00:00+02:00", &a));
	assert_true(lia_time_parse("2024-02-29T23:00:00Z", &b));
	assert_int_equal(a, b);
	assert_true(lia_time_parse("2024-03-10T08:00:00+00:00", &a));
	assert_int_equal(a, z);
}

static void
test_lia_time_parse_leap_day(void **state)
{
	(void)state;
	int64_t us;
	assert_true(lia_time_parse("2024-02-29T23:59:59Z", &us));
	assert_int_equal(us, 1709251199LL * SEC_US);
	assert_true(lia_time_parse("2000-02-29T00:00:00Z", &us));
	assert_false(lia_time_parse("2023-02-29T12:00:00Z", &us));
	assert_false(lia_time_parse("1900-02-29T12:00:00Z", &us));
	assert_false(lia_time_parse("2024-02-30T12:00:00Z", &us));
	assert_false(lia_time_parse("2024-04-31T12:00:00Z", &us));
}

static void
test_lia_time_parse_rejects_garbage(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"garbage",
		"2024-03-10",
		"2024-03-10T08:00:00", /* no zone */
		"2024-03-10T08:00Z",
		"2024-03-10T24:00:00Z",
		"2024-03-10T08:60:00Z",
		"2024-03-10T08:00:60Z",
		"2024-13-10T08:00:00Z",
		"2024-00-10T08:00:00Z",
		"2024-03-00T08:00:00Z",
		"2024-3-10T08:00:00Z",
		"2024-03-10X08:00:00Z",
		"2024-03-10T08:00:00.Z", /* dot without digits */
		"2024-03-10T08:00:00ZZ",
		"2024-03-10T08:00:00Z ",
		" 2024-03-10T08:00:00Z",
		"2024-03-10T08:00:00+2:00",
		"2024-03-10T08:00:00+02",
		"2024-03-10T08:00:00+0200",
		"2024-03-10T08:00:00+24:00",
		"2024-03-10T08:00:00+02:60",
		"2024-03-10T08:00:00+02:00x",
		"2024-03-10T08:00:00.12a4Z",
		"+024-03-10T08:00:00Z",
		"2024-03-10T0a:00:00Z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t us = 7;
		assert_false(lia_time_parse(bad[i], &us));
	}
	int64_t us;
	assert_false(lia_time_parse(NULL, &us));
}

static void
test_lia_date_valid_calendar(void **state)
{
	(void)state;
	assert_true(lia_date_valid("2024-02-29"));
	assert_true(lia_date_valid("2000-02-29"));
	assert_true(lia_date_valid("1930-12-31"));
	assert_true(lia_date_valid("2023-01-01"));
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29",  "2024-02-30", "2024-04-31", "2024-13-01",
		"2024-00-10", "2024-01-00",  "2024-1-01",  "2024-01-1",  "2024-01-011",
		"2024/01/01", "24-01-01",    "",           "0000-01-01", "2024-01-01T00:00:00Z",
		"abcd-ef-gh", " 2024-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(lia_date_valid(bad[i]));
	assert_false(lia_date_valid(NULL));
}

static void
test_lia_date_of_utc_day(void **state)
{
	(void)state;
	char d[11];
	lia_date_of(1709251199LL * SEC_US, d);
	assert_string_equal(d, "2024-02-29");
	lia_date_of(1709251200LL * SEC_US, d);
	assert_string_equal(d, "2024-03-01");
}

static void
test_lia_clock_set_offset_us_moves_clock(void **state)
{
	(void)state;
	int64_t t0 = lia_clock_now_us();
	lia_clock_set_offset_us(DAY_US);
	int64_t t1 = lia_clock_now_us();
	lia_clock_set_offset_us(0);
	int64_t t2 = lia_clock_now_us();
	assert_true(t1 - t0 >= DAY_US);
	assert_true(t1 - t0 < DAY_US + 5 * SEC_US);
	assert_true(t2 >= t0);
	assert_true(t2 - t0 < 5 * SEC_US);
	lia_clock_set_offset_us(-DAY_US);
	int64_t t3 = lia_clock_now_us();
	lia_clock_set_offset_us(0);
	assert_true(t0 - t3 > DAY_US - 5 * SEC_US);
}

/* ---- utf8 ---- */

static bool
valid(const char *s)
{
	return lia_utf8_valid(s, strlen(s));
}

static void
test_lia_utf8_valid_accepts_french(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("Hello"));
	assert_true(
		valid("\xc3\x89lodie \xc3\xa0 l'h\xc3\xb4pital, \xc5\x93uvre, \xc3\xa7"
		      "a, "
		      "No\xc3\xabl, \xc3\xaele")); /* Élodie à l'hôpital, œuvre, ça, Noël, île */
	assert_true(valid("\xe2\x82\xac 12"));     /* € */
	assert_true(valid("\xf0\x9f\x98\x80")); /* U+1F600 */
	assert_true(valid("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
	assert_true(valid("\xed\x9f\xbf"));     /* U+D7FF */
	assert_true(valid("\xee\x80\x80"));     /* U+E000 */
	assert_true(valid("\xc2\x80"));         /* U+0080 */
	assert_true(valid("\xe0\xa0\x80"));     /* U+0800 */
	assert_true(valid("\xf0\x90\x80\x80")); /* U+10000 */
}

static void
test_lia_utf8_valid_rejects_overlongs(void **state)
{
	(void)state;
	assert_false(valid("\xc0\xaf"));
	assert_false(valid("\xc1\xbf"));
	assert_false(valid("\xe0\x80\xaf"));
	assert_false(valid("\xe0\x9f\xbf"));
	assert_false(valid("\xf0\x80\x80\xaf"));
	assert_false(valid("\xf0\x8f\xbf\xbf"));
}

static void
test_lia_utf8_valid_rejects_surrogates(void **state)
{
	(void)state;
	assert_false(valid("\xed\xa0\x80")); /* U+D800 */
	assert_false(valid("\xed\xbf\xbf")); /* U+DFFF */
	assert_false(valid("a\xed\xb0\x80z"));
}

static void
test_lia_utf8_valid_rejects_above_max(void **state)
{
	(void)state;
	assert_false(valid("\xf4\x90\x80\x80")); /* U+110000 */
	assert_false(valid("\xf5\x80\x80\x80"));
	assert_false(valid("\xf8\x88\x80\x80\x80"));
	assert_false(valid("\xfe"));
	assert_false(valid("\xff"));
}

static void
test_lia_utf8_valid_rejects_truncated(void **state)
{
	(void)state;
	assert_false(valid("\xc3"));
	assert_false(valid("abc\xc3"));
	assert_false(valid("\xe2\x82"));
	assert_false(valid("\xf0\x9f\x98"));
	assert_false(valid("\xe2\x82"
			   "A"));
	assert_false(valid("\xf0\x9f"
			   "AB"));
	assert_false(valid("\xc3"
			   "A"));
	assert_false(valid("\x80")); /* lone continuation */
	assert_false(valid("a\xbf"
			   "b"));
	/* n cuts a sequence that continues in memory. */
	assert_false(lia_utf8_valid("\xc3\xa9", 1));
	assert_false(lia_utf8_valid("\xf0\x9f\x98\x80", 3));
	assert_true(lia_utf8_valid("\xc3\xa9xyz", 2));
}

static void
test_lia_utf8_valid_rejects_nul(void **state)
{
	(void)state;
	assert_false(lia_utf8_valid("ab\0cd", 5));
	assert_false(lia_utf8_valid("\0", 1));
	assert_true(lia_utf8_valid("ab\0cd", 2));
}

static void
test_lia_utf8_length_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(lia_utf8_length(""), 0);
	assert_int_equal(lia_utf8_length("abc"), 3);
	assert_int_equal(lia_utf8_length("\xc3\x89l\xc3\xa8ne"), 5); /* Élène */
	assert_int_equal(lia_utf8_length("\xe2\x82\xac\xf0\x9f\x98\x80"), 2);
}

/* ---- errors ---- */

static void
test_lia_problem_registry_complete(void **state)
{
	(void)state;
	for (int k = LIA_P_NONE + 1; k < LIA_P_COUNT; k++) {
		const char *code = lia_problem_code((enum lia_problem_kind)k);
		assert_non_null(code);
		assert_true(strlen(code) > 0);
		for (const char *c = code; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
				    *c == '_');
		int status = lia_problem_status((enum lia_problem_kind)k);
		assert_true(status >= 400 && status <= 599);
		const char *fr = lia_problem_title((enum lia_problem_kind)k, 1);
		const char *en = lia_problem_title((enum lia_problem_kind)k, 0);
		assert_non_null(fr);
		assert_non_null(en);
		assert_true(strlen(fr) > 0);
		assert_true(strlen(en) > 0);
		assert_true(lia_utf8_valid(fr, strlen(fr)));
	}
	assert_int_equal(lia_problem_status(LIA_P_NOT_FOUND), 404);
	assert_int_equal(lia_problem_status(LIA_P_VALIDATION_FAILED), 422);
	assert_string_equal(lia_problem_code(LIA_P_VALIDATION_FAILED), "validation_failed");
}

static void
test_lia_problem_code_unique(void **state)
{
	(void)state;
	for (int i = LIA_P_NONE + 1; i < LIA_P_COUNT; i++)
		for (int j = i + 1; j < LIA_P_COUNT; j++)
			assert_string_not_equal(lia_problem_code((enum lia_problem_kind)i),
						lia_problem_code((enum lia_problem_kind)j));
}

static void
test_lia_field_error_registry_complete(void **state)
{
	(void)state;
	for (int i = 0; i < LIA_FE_COUNT; i++) {
		const char *code = lia_field_error_code((enum lia_field_error)i);
		assert_non_null(code);
		assert_true(strlen(code) > 0);
		assert_true(strlen(lia_field_error_meaning((enum lia_field_error)i)) > 0);
		for (int j = i + 1; j < LIA_FE_COUNT; j++)
			assert_string_not_equal(code,
						lia_field_error_code((enum lia_field_error)j));
	}
}

static void
test_lia_problem_field_caps_and_sets_kind(void **state)
{
	(void)state;
	struct lia_problem p;
	memset(&p, 0, sizeof p);
	lia_problem_field(&p, "birth_date", LIA_FE_INVALID_DATE);
	assert_int_equal(p.kind, LIA_P_VALIDATION_FAILED);
	assert_int_equal(p.nfields, 1);
	assert_string_equal(p.fields[0].field, "birth_date");
	assert_int_equal(p.fields[0].code, LIA_FE_INVALID_DATE);
	for (int i = 1; i < LIA_PROBLEM_MAX_FIELDS + 10; i++) {
		char name[16];
		snprintf(name, sizeof name, "f%d", i);
		lia_problem_field(&p, name, LIA_FE_REQUIRED);
	}
	assert_int_equal(p.nfields, LIA_PROBLEM_MAX_FIELDS);
	char last[16];
	snprintf(last, sizeof last, "f%d", LIA_PROBLEM_MAX_FIELDS - 1);
	assert_string_equal(p.fields[LIA_PROBLEM_MAX_FIELDS - 1].field, last);
	assert_int_equal(p.kind, LIA_P_VALIDATION_FAILED);
}

static void
test_lia_problem_field_keeps_other_kind(void **state)
{
	(void)state;
	struct lia_problem p;
	memset(&p, 0, sizeof p);
	lia_problem_set(&p, LIA_P_INVALID_QUERY, "en", "fr");
	lia_problem_field(&p, "limit", LIA_FE_OUT_OF_RANGE);
	assert_int_equal(p.kind, LIA_P_INVALID_QUERY);
	assert_string_equal(p.detail_en, "en");
	assert_int_equal(p.nfields, 1);
	/* A long field name is cut, never overflowing. */
	char longname[200];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	lia_problem_field(&p, longname, LIA_FE_REQUIRED);
	assert_int_equal(strlen(p.fields[1].field), sizeof p.fields[1].field - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_arena_alloc_aligned_for_any_type),
		cmocka_unit_test(test_lia_arena_alloc_zeroed),
		cmocka_unit_test(test_lia_arena_alloc_beyond_block_size),
		cmocka_unit_test(test_lia_arena_used_counts_allocations),
		cmocka_unit_test(test_lia_arena_printf_formats),
		cmocka_unit_test(test_lia_arena_strndup_copies_prefix),
		cmocka_unit_test(test_lia_uuid7_format),
		cmocka_unit_test(test_lia_uuid7_carries_current_ms),
		cmocka_unit_test(test_lia_uuid7_strictly_increasing),
		cmocka_unit_test(test_lia_uuid7_increasing_when_clock_goes_back),
		cmocka_unit_test(test_lia_uuid_valid_accepts_canonical),
		cmocka_unit_test(test_lia_uuid_valid_rejects_malformed),
		cmocka_unit_test(test_lia_time_format_known_instants),
		cmocka_unit_test(test_lia_time_parse_round_trip),
		cmocka_unit_test(test_lia_time_parse_fractions),
		cmocka_unit_test(test_lia_time_parse_offsets),
		cmocka_unit_test(test_lia_time_parse_leap_day),
		cmocka_unit_test(test_lia_time_parse_rejects_garbage),
		cmocka_unit_test(test_lia_date_valid_calendar),
		cmocka_unit_test(test_lia_date_of_utc_day),
		cmocka_unit_test(test_lia_clock_set_offset_us_moves_clock),
		cmocka_unit_test(test_lia_utf8_valid_accepts_french),
		cmocka_unit_test(test_lia_utf8_valid_rejects_overlongs),
		cmocka_unit_test(test_lia_utf8_valid_rejects_surrogates),
		cmocka_unit_test(test_lia_utf8_valid_rejects_above_max),
		cmocka_unit_test(test_lia_utf8_valid_rejects_truncated),
		cmocka_unit_test(test_lia_utf8_valid_rejects_nul),
		cmocka_unit_test(test_lia_utf8_length_counts_code_points),
		cmocka_unit_test(test_lia_problem_registry_complete),
		cmocka_unit_test(test_lia_problem_code_unique),
		cmocka_unit_test(test_lia_field_error_registry_complete),
		cmocka_unit_test(test_lia_problem_field_caps_and_sets_kind),
		cmocka_unit_test(test_lia_problem_field_keeps_other_kind),
	};
	LIA_RUN_GROUP("core", tests, NULL, NULL);
}
