/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Dates and instants as printed (pdf.h): French paper reads "12/03/1940" and
 * "22/11/2026 14:05"; English paper gets "12 Mar 1940", which no reader on either
 * side of the Atlantic can take for 3 December. Instants are shown in the
 * organisation's zone (domain/localtime.c, GTimeZone); if the zone is unknown the
 * time is printed in UTC and says so, rather than being silently an hour off.
 */
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "domain/localtime.h"
#include "pdf/pdf.h"

static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* date is a checked "YYYY-MM-DD". */
static void
format_date(const char *date, bool french, char *out, size_t size)
{
	int m = (date[5] - '0') * 10 + (date[6] - '0');
	if (french)
		snprintf(out, size, "%.2s/%.2s/%.4s", date + 8, date + 5, date);
	else
		snprintf(out, size, "%.2s %s %.4s", date + 8, months[(m - 1) % 12], date);
}

void
lia_pdf_date(const char *iso_date, bool french, char *out, size_t size)
{
	if (!out || !size)
		return;
	if (!iso_date)
		out[0] = '\0';
	else if (lia_date_valid(iso_date))
		format_date(iso_date, french, out, size);
	else
		snprintf(out, size, "%s", iso_date);
}

void
lia_pdf_instant(const char *rfc3339, const char *tz, bool french, char *out, size_t size)
{
	if (!out || !size)
		return;
	int64_t us;
	if (!rfc3339 || !lia_time_parse(rfc3339, &us)) {
		snprintf(out, size, "%s", rfc3339 ? rfc3339 : "");
		return;
	}
	char date[11], time[9], day[24];
	bool local = lia_local_format(tz, us, date, time);
	if (!local)
		(void)lia_local_format("UTC", us, date, time);
	format_date(date, french, day, sizeof day);
	snprintf(out, size, "%s %.5s%s", day, time, local ? "" : " UTC");
}

void
lia_pdf_generated(const char *rfc3339, const char *tz, bool french, char *out, size_t size)
{
	if (!out || !size)
		return;
	out[0] = '\0';
	if (!rfc3339)
		return;
	char at[64];
	lia_pdf_instant(rfc3339, tz, french, at, sizeof at);
	/* French says "le <date> à <time>"; the instant is "<date> <time>[ UTC]". */
	const char *sp = strchr(at, ' ');
	if (french && sp && strchr("0123456789", sp[1]) && sp[1])
		snprintf(out, size, "Généré le %.*s à %s", (int)(sp - at), at, sp + 1);
	else
		snprintf(out, size, "%s %s", french ? "Généré le" : "Generated", at);
}

const char *
lia_pdf_notice(bool french)
{
	return french ? "Confidentiel — données de santé" : "Confidential — health data";
}
