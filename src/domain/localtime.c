/* SPDX-License-Identifier: EUPL-1.2 */
/* Calendar arithmetic and local time (see localtime.h). */
#include "domain/localtime.h"

#include <glib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"

/* Civil date <-> day number, by the classic era/year-of-era decomposition of the
 * proleptic Gregorian calendar (valid far beyond any date we store). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool
lia_date_to_days(const char *date, int64_t *days)
{
	if (!date || !lia_date_valid(date))
		return false;
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + date[3] - '0';
	int m = (date[5] - '0') * 10 + date[6] - '0';
	int d = (date[8] - '0') * 10 + date[9] - '0';
	*days = days_from_civil(y, m, d);
	return true;
}

void
lia_days_to_date(int64_t days, char out[11])
{
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0; /* never stored; keeps the output within 10 characters */
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, m, d);
}

int
lia_days_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = (days + 3) % 7;
	if (w < 0)
		w += 7;
	return (int)w + 1;
}

bool
lia_hhmm_parse(const char *s, int *minutes)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return false;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return false;
	int h = (s[0] - '0') * 10 + s[1] - '0';
	int m = (s[3] - '0') * 10 + s[4] - '0';
	if (h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}

/* Zones are few (one per organisation country or region) and never freed. */
#define MAX_ZONES 1024 /* more than tzdata has names */
static struct {
	char name[64];
	GTimeZone *tz;
} zones[MAX_ZONES];
static int nzones;
static pthread_mutex_t zones_lock = PTHREAD_MUTEX_INITIALIZER;

/* tzdata names ("Europe/Paris", "America/Port-au-Prince", "Etc/GMT+3"): components
 * of ASCII letters, digits, '_', '-' and '+', each starting with a letter. GLib also
 * takes file paths, POSIX TZ rules and UTC offsets as identifiers; those are not zone
 * names, and a path would let whoever sets an organisation's zone make the server
 * open any file (a FIFO blocks the thread). */
static bool
zone_name_ok(const char *name)
{
	bool start = true;
	for (const char *p = name; *p; p++) {
		char ch = *p;
		bool letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
		if (start && !letter)
			return false;
		start = ch == '/';
		if (!letter && !start && !(ch >= '0' && ch <= '9') && ch != '_' && ch != '-' &&
		    ch != '+')
			return false;
	}
	return !start; /* neither empty nor ending with '/' */
}

static GTimeZone *
zone(const char *name)
{
	if (!name || !*name || strlen(name) >= sizeof zones[0].name || !zone_name_ok(name))
		return NULL;
	GTimeZone *found = NULL;
	pthread_mutex_lock(&zones_lock);
	for (int i = 0; i < nzones && !found; i++)
		if (!strcmp(zones[i].name, name))
			found = zones[i].tz;
	if (!found && nzones < MAX_ZONES) {
		/* g_time_zone_new_identifier() returns NULL for a name tzdata lacks. */
		found = g_time_zone_new_identifier(name);
		if (found) {
			snprintf(zones[nzones].name, sizeof zones[nzones].name, "%s", name);
			zones[nzones++].tz = found;
		}
	}
	pthread_mutex_unlock(&zones_lock);
	return found;
}

bool
lia_tz_valid(const char *tz)
{
	return zone(tz) != NULL;
}

static int
offset_at(GTimeZone *z, int64_t utc_s)
{
	int iv = g_time_zone_find_interval(z, G_TIME_TYPE_UNIVERSAL, utc_s);
	return iv < 0 ? 0 : g_time_zone_get_offset(z, iv);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool
lia_tz_offset(const char *tz, int64_t us, int *offset_s)
{
	GTimeZone *z = zone(tz);
	if (!z)
		return false;
	*offset_s = offset_at(z, floor_div(us, 1000000));
	return true;
}

bool
lia_local_days_to_utc(const char *tz, int64_t days, int minute_of_day, int64_t *us)
{
	GTimeZone *z = zone(tz);
	if (!z || minute_of_day < 0 || minute_of_day >= 24 * 60)
		return false;
	int64_t local_s = days * 86400 + (int64_t)minute_of_day * 60;
	/* Offsets a day before and a day after bracket any transition (they are months
	 * apart). A candidate is right when it reads back as the same local time. */
	int before = offset_at(z, local_s - 86400), after = offset_at(z, local_s + 86400);
	int64_t c1 = local_s - before, c2 = local_s - after;
	bool ok1 = c1 + offset_at(z, c1) == local_s, ok2 = c2 + offset_at(z, c2) == local_s;
	int64_t utc;
	if (ok1 && ok2)
		utc = c1 < c2 ? c1 : c2;  /* twice in autumn: the first occurrence */
	else if (ok1 || ok2)
		utc = ok1 ? c1 : c2;
	else
		utc = c1;                 /* in the spring gap: the offset before it */
	*us = utc * 1000000;
	return true;
}

bool
lia_local_to_utc(const char *tz, const char *date, int minute_of_day, int64_t *us)
{
	int64_t days;
	return lia_date_to_days(date, &days) && lia_local_days_to_utc(tz, days, minute_of_day, us);
}

bool
lia_local_midnight(const char *tz, const char *date, int64_t *us)
{
	return lia_local_to_utc(tz, date, 0, us);
}

bool
lia_local_days(const char *tz, int64_t us, int64_t *days)
{
	GTimeZone *z = zone(tz);
	if (!z)
		return false;
	int64_t s = floor_div(us, 1000000);
	*days = floor_div(s + offset_at(z, s), 86400);
	return true;
}

bool
lia_local_format(const char *tz, int64_t us, char date[11], char time[9])
{
	GTimeZone *z = zone(tz);
	if (!z)
		return false;
	int64_t s = floor_div(us, 1000000);
	int64_t local = s + offset_at(z, s);
	int64_t days = floor_div(local, 86400), sod = local - days * 86400;
	lia_days_to_date(days, date);
	/* 0 <= sod < 86400, so each field has two digits. */
	unsigned h = (unsigned)(sod / 3600) % 24, m = (unsigned)(sod / 60 % 60) % 60,
		 s2 = (unsigned)(sod % 60) % 60;
	snprintf(time, 9, "%02u:%02u:%02u", h, m, s2);
	return true;
}
