/* SPDX-License-Identifier: EUPL-1.2 */
/* Recurrence expansion and overlap (see recurrence.h). */
#include "domain/recurrence.h"

#include <stdio.h>

#include "domain/localtime.h"

int64_t
lia_monday_of(int64_t day)
{
	return day - (lia_days_weekday(day) - 1);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool
lia_recurrence_of(const struct lia_intervention *iv, struct lia_recurrence *out,
		  const char **bad_field)
{
	*bad_field = NULL;
	out->days = iv->days;
	out->every_weeks = iv->every_weeks;
	out->duration_min = iv->duration_min;
	out->until = LIA_DAYS_OPEN;
	if (iv->days < 1 || iv->days > 127)
		*bad_field = "days";
	else if (iv->every_weeks < 1 || iv->every_weeks > 8)
		*bad_field = "every_weeks";
	else if (iv->duration_min < 5 || iv->duration_min > 720)
		*bad_field = "duration_min";
	else if (!lia_hhmm_parse(iv->start_time, &out->start_minute))
		*bad_field = "start_time";
	else if (!lia_date_to_days(iv->valid_from, &out->from))
		*bad_field = "valid_from";
	else if (iv->valid_until && (!lia_date_to_days(iv->valid_until, &out->until) ||
				     out->until <= out->from))
		*bad_field = "valid_until";
	else if (iv->anchor_date) {
		if (!lia_date_to_days(iv->anchor_date, &out->anchor) ||
		    lia_days_weekday(out->anchor) != 1)
			*bad_field = "anchor_date";
	} else
		out->anchor = lia_monday_of(out->from);
	return *bad_field == NULL;
}

bool
lia_recurrence_occurs(const struct lia_recurrence *r, int64_t day)
{
	if (day < r->from || day >= r->until)
		return false;
	if (!(r->days & (1 << (lia_days_weekday(day) - 1))))
		return false;
	int64_t week = floor_div(day - r->anchor, 7);
	return week % r->every_weeks == 0; /* C's remainder is 0 for negative multiples too */
}

size_t
lia_recurrence_expand(const struct lia_recurrence *r, int64_t from, int64_t to, int64_t *out,
		      size_t max)
{
	size_t n = 0;
	if (from < r->from)
		from = r->from;
	if (to > r->until)
		to = r->until;
	for (int64_t d = from; d < to; d++)
		if (lia_recurrence_occurs(r, d)) {
			if (n < max)
				out[n] = d;
			n++;
		}
	return n;
}

static int
gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Do [a0, a0 + alen) and [b0, b0 + blen) (minutes) intersect? */
static bool
intersects(int64_t a0, int alen, int64_t b0, int blen)
{
	return a0 < b0 + blen && b0 < a0 + alen;
}

bool
lia_recurrence_overlap(const struct lia_recurrence *a, const struct lia_recurrence *b,
		       int64_t *day)
{
	int64_t from = a->from > b->from ? a->from : b->from;
	int64_t until = a->until < b->until ? a->until : b->until;
	/* An occurrence of a on day d meets b's on d - 1, d or d + 1 (midnight
	 * crossings), so a's days to look at run from the day before the common range to
	 * the day after it: a's first day may follow b's last night watch. */
	int64_t lo = from - 1, hi = until == LIA_DAYS_OPEN ? until : until + 1;
	if (lo >= hi)
		return false;
	/* The pattern of both repeats every lcm(every_a, every_b) weeks (at most 56),
	 * plus a day on each side for midnight crossings. */
	int64_t period = 7LL * a->every_weeks / gcd(a->every_weeks, b->every_weeks) * b->every_weeks;
	int64_t end = hi;
	if (end == LIA_DAYS_OPEN || end - from > period + 14)
		end = from + period + 14;
	for (int64_t d = lo; d < end; d++) {
		if (!lia_recurrence_occurs(a, d))
			continue;
		int64_t a0 = d * 1440 + a->start_minute;
		for (int64_t e = d - 1; e <= d + 1; e++)
			if (lia_recurrence_occurs(b, e) &&
			    intersects(a0, a->duration_min, e * 1440 + b->start_minute,
				       b->duration_min)) {
				*day = d;
				return true;
			}
	}
	return false;
}

void
lia_days_mask_format(int mask, char out[16])
{
	size_t n = 0;
	out[0] = '\0';
	for (int i = 0; i < 7; i++)
		if (mask & (1 << i))
			n += (size_t)snprintf(out + n, 16 - n, "%s%d", n ? "," : "", i + 1);
}
