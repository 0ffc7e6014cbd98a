/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the planning inputs that come from outside as text: local dates and
 * times, visit cursors, recurrences and planning settings (src/domain/localtime.c,
 * recurrence.c, planning_settings.c, http/handlers/planning.c's cursor). The input is
 * split at '|' into: date, time, cursor, days mask, every_weeks, duration, anchor,
 * valid_until, and a JSON settings object. Any bytes must give an answer, never a
 * crash, and the answers must be consistent (an accepted recurrence expands within
 * its bounds; a date that parses formats back to itself).
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/localtime.h"
#include "domain/planning_settings.h"
#include "domain/recurrence.h"
#include "http/handlers/planning.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NFIELDS 9

static int
num(const char *s)
{
	long v = strtol(s, NULL, 10);
	return v > 100000 || v < -100000 ? 0 : (int)v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	const char *f[NFIELDS] = {0};
	char *p = buf;
	for (int i = 0; i < NFIELDS; i++) {
		f[i] = p;
		char *bar = p ? strchr(p, '|') : NULL;
		if (bar)
			*bar++ = '\0';
		p = bar;
		if (!p) {
			for (int k = i + 1; k < NFIELDS; k++)
				f[k] = "";
			break;
		}
	}

	int64_t days, us;
	char back[11], date[11], time[9];
	if (lia_date_to_days(f[0], &days)) {
		lia_days_to_date(days, back);
		if (strcmp(back, f[0]) != 0)
			abort();
		if (lia_days_weekday(days) < 1 || lia_days_weekday(days) > 7)
			abort();
	}
	int minute;
	if (lia_hhmm_parse(f[1], &minute)) {
		if (minute < 0 || minute >= 1440)
			abort();
		if (lia_local_to_utc("Europe/Paris", "2026-03-29", minute, &us) &&
		    !lia_local_format("Europe/Paris", us, date, time))
			abort();
	}
	int64_t after;
	const char *id;
	if (lia_visit_cursor_parse(f[2], &after, &id) && strlen(id) != 36)
		abort();

	struct lia_intervention iv = {
		.days = num(f[3]), .every_weeks = num(f[4]), .duration_min = num(f[5]),
		.anchor_date = *f[6] ? f[6] : NULL, .valid_until = *f[7] ? f[7] : NULL,
		.start_time = f[1], .valid_from = f[0],
	};
	struct lia_recurrence r;
	const char *bad;
	if (lia_recurrence_of(&iv, &r, &bad)) {
		int64_t out[64];
		size_t n = lia_recurrence_expand(&r, r.from, r.from + 60, out, 64);
		for (size_t i = 0; i < n && i < 64; i++)
			if (out[i] < r.from || out[i] >= r.until || !lia_recurrence_occurs(&r, out[i]))
				abort();
		int64_t d1, d2;
		if (lia_recurrence_overlap(&r, &r, &d1) != lia_recurrence_overlap(&r, &r, &d2))
			abort();
	} else if (!bad) {
		abort();
	}

	cJSON *obj = cJSON_Parse(f[8]);
	struct lia_planning_settings s, before;
	lia_planning_settings_defaults(&s);
	before = s;
	if (obj && !lia_planning_settings_apply(&s, obj, &bad) && memcmp(&s, &before, sizeof s))
		abort(); /* a refusal leaves the settings unchanged */
	cJSON_Delete(obj);
	free(buf);
	return 0;
}
