/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Recurrence of a care-plan intervention: days of the week, every N weeks counted
 * from an anchor Monday, a local start time and a duration, within a validity range
 * of dates. Everything here is in local calendar terms (days since 1970-01-01 and
 * minutes since midnight); localtime.h turns an occurrence into UTC instants.
 */
#ifndef LIA_DOMAIN_RECURRENCE_H
#define LIA_DOMAIN_RECURRENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/records.h"

#define LIA_DAYS_OPEN INT64_MAX /* until: no end */

struct lia_recurrence {
	int days;             /* bit 0 = Monday ... bit 6 = Sunday, at least one */
	int every_weeks;      /* 1..8 */
	int64_t anchor;       /* a Monday: week 0 of the cycle */
	int start_minute;     /* 0..1439 */
	int duration_min;     /* 5..720: may cross midnight (night watch) */
	int64_t from, until;  /* valid dates [from, until) */
};

/* Reads an intervention version; on failure *bad_field names the offending field
 * ("days", "every_weeks", "anchor_date", "start_time", "duration_min", "valid_from",
 * "valid_until") and false is returned. */
bool lia_recurrence_of(const struct lia_intervention *iv, struct lia_recurrence *out,
		       const char **bad_field);

/* True when the recurrence has an occurrence on date day. */
bool lia_recurrence_occurs(const struct lia_recurrence *r, int64_t day);

/* Occurrence dates in [from, to), ascending; returns how many there are (only the
 * first max are written). */
size_t lia_recurrence_expand(const struct lia_recurrence *r, int64_t from, int64_t to,
			     int64_t *out, size_t max);

/* True when some occurrence of a overlaps in local time one of b (occurrences
 * crossing midnight included); *day receives the first such date of a. */
bool lia_recurrence_overlap(const struct lia_recurrence *a, const struct lia_recurrence *b,
			    int64_t *day);

/* The Monday of the week holding day. */
int64_t lia_monday_of(int64_t day);

/* Parses a days list like [1,3,5] (1 = Monday) given as a bit mask; helpers for the
 * JSON layer: mask to text "1,3,5". */
void lia_days_mask_format(int mask, char out[16]);

#endif
