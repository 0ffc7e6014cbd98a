/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Medication rules that need no database: drug codes, the times of a prescription
 * line, the doses due from its versions in the organisation's local time, the
 * compartment of the pill organiser a time falls in, and the repeated-refusal rule.
 *
 * A prescription line is a series of versions (records.h struct lia_prescription);
 * each version applies from an instant (valid_from) until the next change or the stop
 * (valid_until, exclusive). A dose due at T belongs to the version in force at T, so a
 * change at 14:00 leaves the morning's doses to the old version and gives the
 * evening's to the new one.
 */
#ifndef LIA_DOMAIN_MEDICATION_H
#define LIA_DOMAIN_MEDICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/records.h"

#define LIA_MED_MAX_TIMES 12

/* CIP13: 13 digits starting "3400", the last one the EAN-13 check digit. */
bool lia_cip13_valid(const char *code);
/* UCD: the 13-digit UCD13 (starting "3400", EAN-13 check digit) or the older 7-digit
 * UCD7 (digits only, no check digit). */
bool lia_ucd_valid(const char *code);

/* The times of a line, a JSON array text of distinct "HH:MM" (1..LIA_MED_MAX_TIMES
 * items), as minutes of the day in ascending order. Returns how many, or -1 when the
 * text is not such an array (an empty array gives 0). */
int lia_med_times_parse(const char *json, int minutes[LIA_MED_MAX_TIMES]);

/* One dose due. */
struct lia_due_dose {
	const struct lia_prescription *p; /* the version in force at due_at */
	int64_t due_at;                   /* µs */
	int64_t day;                      /* local date (days since 1970-01-01) */
	int minute;                       /* the prescribed local time, minutes */
};

/* The scheduled doses of versions ps[0..n) due in [from, to), in zone tz: for every
 * version that is not "as needed", every local date from starts_on to ends_on and
 * every time of the version, the instant of that local time (localtime.h: a time in
 * the spring-forward gap moves after it, a repeated time takes its first
 * occurrence), kept when the version is in force then (valid_from <= due_at and
 * valid_until 0 or later than due_at). Two times of one line that fall on the same
 * instant (02:30 and 03:30 on the spring-forward day) give one dose, the one whose
 * local time the clock shows then (03:30); should two versions of a line overlap
 * (bad data), the higher seq keeps the instant. So no line has two doses at one
 * instant (the doses table's key). Sorted by due_at, then series_id. ps is borrowed
 * (each dose points into it); *out is allocated from a (NULL when none). Versions
 * with unreadable times or dates, or no series_id, are skipped. The work grows with
 * [from, to), which the caller bounds (a horizon of days). False only when tz is
 * unknown. */
bool lia_med_doses(struct lia_arena *a, const struct lia_prescription *ps, size_t n,
		   const char *tz, int64_t from, int64_t to, struct lia_due_dose **out,
		   size_t *nout);

/* The pill-organiser compartment of a local time: "matin" (before 11:00, so 00:30 too),
 * "midi" (11:00-15:59), "soir" (16:00-20:59), "coucher" (21:00 and later). A static
 * string. */
const char *lia_med_moment(int minute_of_day);

/* The repeated-refusal rule: among recs[0..n) (any order), the refusals (outcome
 * "refused") of series_id with slot_at in (now - hours, now]; true when there are at
 * least `count` (a count below 1 counts as 1), with *first set to the earliest of
 * them, the smaller id on a tie (the alert is raised once per run of refusals: its
 * key names that first refusal). *first points into recs, and is NULL when false;
 * first may be NULL. hours <= 0 gives false. */
bool lia_med_refusals_repeated(const struct lia_administration *recs, size_t n,
			       const char *series_id, int64_t now, int hours, int count,
			       const struct lia_administration **first);

#endif
