/* SPDX-License-Identifier: EUPL-1.2 */
/* Server clock and RFC 3339 / calendar-date helpers. */
#include "core/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static _Atomic int64_t offset_us;

int64_t
lia_clock_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 + atomic_load(&offset_us);
}

void
lia_clock_set_offset_us(int64_t offset)
{
	atomic_store(&offset_us, offset);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b) != 0 && ((a < 0) != (b < 0)))
		q--;
	return q;
}

void
lia_time_format(int64_t us, char out[LIA_RFC3339_LEN])
{
	time_t secs = (time_t)floor_div(us, 1000000);
	int frac = (int)(us - (int64_t)secs * 1000000);
	struct tm tm;
	char tmp[96];
	gmtime_r(&secs, &tm);
	if (frac)
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec, frac);
	else
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			 tm.tm_min, tm.tm_sec);
	/* Years past 9999 do not occur; the copy bounds the output regardless. */
	size_t n = strnlen(tmp, LIA_RFC3339_LEN - 1);
	memcpy(out, tmp, n);
	out[n] = '\0';
}

void
lia_date_of(int64_t us, char out[11])
{
	char buf[LIA_RFC3339_LEN];
	lia_time_format(us, buf);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

static bool
digits(const char *s, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static bool
parse_date(const char *s, int *y, int *m, int *d)
{
	if (!digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) || s[7] != '-' ||
	    !digits(s + 8, 2, d))
		return false;
	return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool
lia_date_valid(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && parse_date(s, &y, &m, &d);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), without timegm's TZ state. */
static int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
lia_time_parse(const char *s, int64_t *us)
{
	int y, mo, d, h, mi, sec;
	if (!s || strlen(s) < 20 || !parse_date(s, &y, &mo, &d))
		return false;
	if ((s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2, &h) || s[13] != ':' ||
	    !digits(s + 14, 2, &mi) || s[16] != ':' || !digits(s + 17, 2, &sec))
		return false;
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	const char *p = s + 19;
	int64_t frac = 0;
	if (*p == '.') {
		int n = 0;
		p++;
		while (*p >= '0' && *p <= '9') {
			if (n < 6) {
				frac = frac * 10 + (*p - '0');
				n++;
			}
			p++;
		}
		if (n == 0)
			return false;
		while (n++ < 6)
			frac *= 10;
	}
	int64_t off = 0;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || oh > 23 ||
		    om > 59)
			return false;
		off = (int64_t)(oh * 60 + om) * 60 * (*p == '+' ? 1 : -1);
		p += 6;
	} else {
		return false;
	}
	if (*p)
		return false;
	int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	*us = secs * 1000000 + frac;
	return true;
}
