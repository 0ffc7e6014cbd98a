/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Hours delivered against hours granted, for one client and one month, per funder:
 * what the coordinator checks before sending a month to the funders (APA, PCH, caisse
 * de retraite...). Pure: the caller reads the visits and grants, this module adds up.
 *
 * A month is "YYYY-MM" in the organisation's local time: a visit belongs to the month
 * of its planned start read in that zone, so 00:30 on the 1st in Paris (22:30 or 23:30
 * UTC the day before) counts in the new month.
 */
#ifndef LIA_DOMAIN_HOURS_H
#define LIA_DOMAIN_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/records.h"

/* The funder key of visits and grants without a funder. */
#define LIA_HOURS_NO_FUNDER "none"

/* One funder's month. funder is borrowed from the visit or grant it came from (or is
 * the static LIA_HOURS_NO_FUNDER). */
struct lia_hours_row {
	const char *funder;
	int64_t granted_min;   /* prorated to the days of the month the grants cover */
	int64_t planned_min;   /* planned durations of visits neither cancelled nor suspended */
	int64_t delivered_min; /* retained durations of done visits */
	int visits_planned;    /* visits neither cancelled nor suspended (those of planned_min) */
	int visits_done;
	int visits_cancelled; /* cancelled or suspended (client absence) */
	int visits_open;      /* planned or in_progress */
};

enum lia_hours_status {
	LIA_HOURS_OK = 0,
	LIA_HOURS_BAD_MONTH, /* not "YYYY-MM" with a month 01..12 */
	LIA_HOURS_BAD_TZ,    /* unknown zone */
	LIA_HOURS_BAD_GRANT, /* malformed starts_on/ends_on, ends_on before starts_on, or
	                        negative minutes_per_month */
};

/* The instants [*from, *to) of the local month "YYYY-MM" in tz: local midnight of the
 * 1st and of the 1st of the next month. Suits the from/to of struct lia_visit_query.
 * False on a malformed month or an unknown zone. */
bool lia_hours_month_bounds(const char *month, const char *tz, int64_t *from, int64_t *to);

/* Adds up one client's month.
 *   month, tz       "YYYY-MM" and the organisation's IANA zone.
 *   visits          the client's visits, any status, any dates (borrowed); only those
 *                   whose planned_start falls in the local month count.
 *   grants          the client's grants (borrowed). A grant counts when its
 *                   [starts_on, ends_on] (inclusive; NULL: open-ended on that side)
 *                   overlaps the month; its minutes_per_month are prorated by the days
 *                   of the month it covers and rounded half up to the minute. Several
 *                   grants of one funder add up.
 *   a               arena the rows are allocated from.
 *   rows, nrows     out: one row per funder of a counted visit or grant, sorted by
 *                   funder (strcmp); *rows is NULL when *nrows is 0. Grants that miss
 *                   the month and visits of other months make no row.
 * Delivered minutes of a done visit are retained_end - retained_start in whole minutes
 * (rounded half up), 0 when the retained period is missing. Returns LIA_HOURS_OK, or an
 * error with *rows NULL and *nrows 0. */
enum lia_hours_status lia_hours_month(const char *month, const char *tz,
				      const struct lia_visit *visits, size_t nvisits,
				      const struct lia_grant *grants, size_t ngrants,
				      struct lia_arena *a, struct lia_hours_row **rows,
				      size_t *nrows);

/* Minutes of a month granted by minutes_per_month over [starts_on, ends_on] (either may
 * be NULL: open-ended). 0 when the period misses the month; -1 on a malformed date,
 * ends_on before starts_on, a negative minutes_per_month or a malformed month. */
int64_t lia_hours_grant_minutes(const char *month, int64_t minutes_per_month, const char *starts_on,
				const char *ends_on);

#endif
