/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The DC-09 timestamp "_HH:MM:SS,MM-DD-YYYY", always UTC, and the window in
 * which an encrypted message's timestamp must fall (40 s behind to 20 s ahead of
 * our clock: it is what stops a replayed ciphertext). Calendar arithmetic on the
 * proleptic Gregorian calendar with days counted from 1970-01-01, so that no time
 * zone library or global state (gmtime, TZ) is involved.
 */
#include "dc09/dc09_internal.h"

#define DAY_S 86400LL
#define SEC_US 1000000LL

static bool
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : DAYS[m - 1];
}

/* Days from 1970-01-01 to y-m-d. Counts in 400-year eras (146097 days each) of
 * years that start on March 1st, so that the leap day is the last day of a year. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	if (m <= 2)
		y--;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                         /* 0..399 */
	int64_t mp = m > 2 ? m - 3 : m + 9;                  /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + d - 1;            /* 0..365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
	return era * 146097 + doe - 719468;                  /* 719468: 0000-03-01 to 1970 */
}

/* The inverse, for days >= 0. */
static void
civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	days += 719468;
	int64_t era = days / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (yoe * 365 + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* n decimal digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
lia_dc09_ts_parse(const char *s, int64_t *us)
{
	if (s[0] != '_' || s[3] != ':' || s[6] != ':' || s[9] != ',' || s[12] != '-' ||
	    s[15] != '-')
		return false;
	int hh = digits(s + 1, 2), mi = digits(s + 4, 2), ss = digits(s + 7, 2);
	int mo = digits(s + 10, 2), dd = digits(s + 13, 2), yy = digits(s + 16, 4);
	if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59 || yy < 0 || mo < 1 ||
	    mo > 12 || dd < 1 || dd > days_in_month(yy, mo))
		return false;
	int64_t secs = days_from_civil(yy, mo, dd) * DAY_S + hh * 3600 + mi * 60 + ss;
	*us = secs * SEC_US;
	return true;
}

static void
put(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

bool
lia_dc09_ts_format(int64_t us, char out[LIA_DC09_TS_LEN + 1])
{
	/* 10000-01-01T00:00:00Z */
	if (us < 0 || us / SEC_US >= 253402300800LL)
		return false;
	int64_t secs = us / SEC_US;
	int64_t y;
	int m, d;
	civil_from_days(secs / DAY_S, &y, &m, &d);
	int sod = (int)(secs % DAY_S);
	out[0] = '_';
	put(out + 1, sod / 3600, 2);
	out[3] = ':';
	put(out + 4, sod / 60 % 60, 2);
	out[6] = ':';
	put(out + 7, sod % 60, 2);
	out[9] = ',';
	put(out + 10, m, 2);
	out[12] = '-';
	put(out + 13, d, 2);
	out[15] = '-';
	put(out + 16, (int)y, 4);
	out[LIA_DC09_TS_LEN] = '\0';
	return true;
}

bool
lia_dc09_timestamp_ok(const struct lia_dc09_msg *m, int64_t now_us)
{
	if (!m->has_timestamp)
		return false;
	int64_t diff;
	if (__builtin_sub_overflow(m->timestamp_us, now_us, &diff))
		return false;
	return diff >= -LIA_DC09_TS_BEHIND_US && diff <= LIA_DC09_TS_AHEAD_US;
}
