/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Calendar dates and the organisation's local time. Plans are written in local time
 * ("every Monday at 08:30, Europe/Paris") and stored visits in UTC instants; this is
 * where one becomes the other, across daylight-saving changes.
 *
 * Zones come from the system's tzdata through glib's GTimeZone (thread-safe, cached
 * here per name). Local times that do not exist (the spring-forward gap) are read
 * with the offset in force before the gap, as RFC 5545 does: 02:30 becomes 03:30.
 * Local times that occur twice (autumn) take the first occurrence.
 */
#ifndef LIA_DOMAIN_LOCALTIME_H
#define LIA_DOMAIN_LOCALTIME_H

#include <stdbool.h>
#include <stdint.h>

#define LIA_DAY_US (86400LL * 1000000LL)
#define LIA_MINUTE_US (60LL * 1000000LL)

/* "YYYY-MM-DD" (checked, leap years included) to days since 1970-01-01. */
bool lia_date_to_days(const char *date, int64_t *days);
void lia_days_to_date(int64_t days, char out[11]);
/* 1 = Monday ... 7 = Sunday. */
int lia_days_weekday(int64_t days);
/* "HH:MM" (00:00..23:59) to minutes since midnight; false when malformed. */
bool lia_hhmm_parse(const char *s, int *minutes);

/* True when tz names a zone the system knows ("Europe/Paris"). */
bool lia_tz_valid(const char *tz);
/* UTC offset of tz at instant us, in seconds (east positive). */
bool lia_tz_offset(const char *tz, int64_t us, int *offset_s);
/* The instant of local date + minute_of_day (0..1439) in tz. */
bool lia_local_to_utc(const char *tz, const char *date, int minute_of_day, int64_t *us);
/* Same with the date as days since 1970-01-01. */
bool lia_local_days_to_utc(const char *tz, int64_t days, int minute_of_day, int64_t *us);
/* The instant local midnight starts date (a midnight that falls in a gap is read
 * like any other gap time). */
bool lia_local_midnight(const char *tz, const char *date, int64_t *us);
/* Local date "YYYY-MM-DD" and time "HH:MM:SS" of instant us in tz. */
bool lia_local_format(const char *tz, int64_t us, char date[11], char time[9]);
/* Local date of instant us, as days since 1970-01-01. */
bool lia_local_days(const char *tz, int64_t us, int64_t *days);

#endif
