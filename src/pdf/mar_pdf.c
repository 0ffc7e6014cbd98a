/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The month's medication administration record on paper (feuille d'administration),
 * from the view GET /api/v1/clients/{id}/medication/mar serves (sheets.h,
 * lia_mar_build): A4 landscape, one row per prescription line and time of day, one
 * column per day of the month, each cell the mark of what became of that dose.
 *
 * The sheet is read to find what did not happen: a dose due with no record is printed
 * "∅" and its whole row is bold, since a table row carries one style. Doses not due
 * yet are left blank, so that the sheet can be filled in by hand when the system is
 * down. "As needed" lines get one row with a mark per dose given that day. A legend,
 * the month's totals and the lines themselves (dose, route, prescriber, instructions)
 * follow the grid.
 */
#include <stdio.h>
#include <string.h>

#include "pdf/render.h"
#include "pdf/view.h"

#define MAX_TIMES 12 /* distinct times of day of one line in a month */
#define CELL 48      /* one day's marks */

enum {
	L_TITLE,
	L_DRUG,
	L_TIME,
	L_AS_NEEDED,
	L_NONE,
	L_LEGEND_H,
	L_LEGEND,
	L_TOTALS_H,
	L_LINES_H,
	L_DOSE,
	L_ROUTE,
	L_PRESCRIBER,
	L_STATUS,
	L_INSTRUCTIONS,
	L_COUNT
};

static const char *const labels[L_COUNT][2] = {
	[L_TITLE] = {"Feuille d'administration des médicaments",
		     "Medication administration record"},
	[L_DRUG] = {"Médicament", "Drug"},
	[L_TIME] = {"Heure", "Time"},
	[L_AS_NEEDED] = {"si besoin", "as needed"},
	[L_NONE] = {"Aucune prescription pour ce mois.", "No prescription this month."},
	[L_LEGEND_H] = {"Légende", "Key"},
	[L_LEGEND] = {"✓ donné · R refusé · ND non disponible · S suspendu · M manqué · "
		      "∅ aucun enregistrement (ligne en gras) · * saisi en retard · "
		      "case vide : pas encore due",
		      "✓ given · R refused · ND not available · S held · M missed · "
		      "∅ no record (row in bold) · * recorded late · blank: not due yet"},
	[L_TOTALS_H] = {"Totaux du mois", "Month totals"},
	[L_LINES_H] = {"Lignes de prescription", "Prescription lines"},
	[L_DOSE] = {"Dose", "Dose"},
	[L_ROUTE] = {"Voie", "Route"},
	[L_PRESCRIBER] = {"Prescripteur", "Prescriber"},
	[L_STATUS] = {"Statut", "Status"},
	[L_INSTRUCTIONS] = {"Consignes", "Instructions"},
};

static const char *const months[12][2] = {
	{"janvier", "January"}, {"février", "February"},  {"mars", "March"},
	{"avril", "April"},     {"mai", "May"},           {"juin", "June"},
	{"juillet", "July"},    {"août", "August"},       {"septembre", "September"},
	{"octobre", "October"}, {"novembre", "November"}, {"décembre", "December"},
};

/* The totals the view carries, in the order printed. */
static const struct {
	const char *key;
	const char *label[2];
	bool alarm; /* bold when not zero */
} totals[] = {
	{"due", {"Doses prévues", "Doses due"}, false},
	{"given", {"Données", "Given"}, false},
	{"refused", {"Refusées", "Refused"}, true},
	{"not_available", {"Non disponibles", "Not available"}, true},
	{"held", {"Suspendues", "Held"}, false},
	{"missed", {"Manquées", "Missed"}, true},
	{"no_record", {"Sans enregistrement", "No record"}, true},
	{"pending", {"À venir", "Not due yet"}, false},
	{"late", {"Saisies en retard", "Recorded late"}, false},
	{"as_needed_given", {"Si besoin, données", "As needed, given"}, false},
};

static const struct {
	const char *state, *mark;
} marks[] = {
	{"given", "✓"}, {"refused", "R"}, {"not_available", "ND"},
	{"held", "S"},  {"missed", "M"},  {"no_record", "∅"},
};

static const struct {
	const char *status, *label[2];
} statuses[] = {
	{"active", {"en cours", "active"}},   {"future", {"à venir", "future"}},
	{"ended", {"terminée", "ended"}},     {"stopped", {"arrêtée", "stopped"}},
	{"changed", {"modifiée", "changed"}},
};

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

static int
days_in_month(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

static const char *
mark_of(const char *state)
{
	for (size_t i = 0; state && i < sizeof marks / sizeof marks[0]; i++)
		if (!strcmp(marks[i].state, state))
			return marks[i].mark;
	return ""; /* pending: blank, to fill in by hand */
}

static void
append(char *cell, size_t size, const char *s)
{
	size_t len = strlen(cell);
	if (len < size)
		snprintf(cell + len, size - len, "%s", s);
}

/* The distinct times of day of the line's doses, sorted. */
static int
line_times(const cJSON *days, const char **times)
{
	int n = 0;
	const cJSON *day, *dose;
	cJSON_ArrayForEach(day, days)
	{
		cJSON_ArrayForEach(dose, day)
		{
			const char *t = lia_view_str(dose, "time");
			bool seen = !t;
			for (int i = 0; i < n && !seen; i++)
				seen = !strcmp(times[i], t);
			if (!seen && n < MAX_TIMES)
				times[n++] = t;
		}
	}
	for (int i = 1; i < n; i++) /* insertion sort: "HH:MM" sorts as text */
		for (int j = i; j > 0 && strcmp(times[j - 1], times[j]) > 0; j--) {
			const char *t = times[j];
			times[j] = times[j - 1];
			times[j - 1] = t;
		}
	return n;
}

/* One row of the grid: the line's doses at `time` (NULL: as-needed doses). */
static void
grid_row(struct lia_pdf *d, const cJSON *line, const char *time, const char *month, int ndays,
	 const char *tz, bool french)
{
	const char *cells[2 + 31];
	char text[31][CELL];
	char drug[256];
	const char *dose = lia_view_str(line, "dose");
	const char *label = lia_view_str(line, "drug_label");
	snprintf(drug, sizeof drug, "%s%s%s", label ? label : "", dose ? " — " : "",
		 dose ? dose : "");
	cells[0] = drug;
	cells[1] = time ? time : labels[L_AS_NEEDED][french ? 0 : 1];
	bool gap = false;
	for (int k = 0; k < ndays; k++)
		text[k][0] = '\0';
	if (time) {
		const cJSON *days = lia_view_get(line, "days");
		for (int k = 0; k < ndays; k++) {
			char date[24];
			snprintf(date, sizeof date, "%.7s-%02d", month, k + 1);
			const cJSON *dose_j;
			cJSON_ArrayForEach(dose_j, lia_view_get(days, date))
			{
				const char *t = lia_view_str(dose_j, "time");
				if (!t || strcmp(t, time) != 0)
					continue;
				const char *state = lia_view_str(dose_j, "state");
				const cJSON *rec = lia_view_get(dose_j, "record");
				gap |= state && !strcmp(state, "no_record");
				append(text[k], CELL, mark_of(state));
				if (lia_view_true(rec, "late"))
					append(text[k], CELL, "*");
			}
		}
	} else {
		/* As-needed doses by local day of when they were taken. */
		const cJSON *rec;
		cJSON_ArrayForEach(rec, lia_view_get(line, "as_needed_records"))
		{
			char local[64]; /* "dd/mm/yyyy HH:MM" */
			const char *at = lia_view_str(rec, "occurred_at");
			if (!at)
				continue;
			lia_pdf_instant(at, tz, true, local, sizeof local);
			int day = digits(local, 2), m = digits(local + 3, 2);
			int y = digits(local + 6, 4);
			if (day < 1 || day > ndays || m != digits(month + 5, 2) ||
			    y != digits(month, 4) || local[2] != '/')
				continue;
			append(text[day - 1], CELL, mark_of(lia_view_str(rec, "outcome")));
			if (lia_view_true(rec, "late"))
				append(text[day - 1], CELL, "*");
		}
	}
	for (int k = 0; k < ndays; k++)
		cells[2 + k] = text[k][0] ? text[k] : " ";
	lia_pdf_table_row(d, cells, gap ? LIA_PDF_BOLD : 0);
}

static void
grid(struct lia_pdf *d, const cJSON *lines, const char *month, int ndays, const char *tz,
     bool french)
{
	int lang = french ? 0 : 1;
	double widths[2 + 31];
	const char *headers[2 + 31];
	char numbers[31][12];
	widths[0] = 0.17;
	widths[1] = 0.05;
	headers[0] = labels[L_DRUG][lang];
	headers[1] = labels[L_TIME][lang];
	for (int k = 0; k < ndays; k++) {
		widths[2 + k] = 0.78 / ndays;
		snprintf(numbers[k], sizeof numbers[k], "%d", k + 1);
		headers[2 + k] = numbers[k];
	}
	lia_pdf_table_begin(d, 2 + ndays, widths, headers, 6.5);
	const cJSON *line;
	cJSON_ArrayForEach(line, lines)
	{
		if (lia_view_true(line, "as_needed")) {
			grid_row(d, line, NULL, month, ndays, tz, french);
			continue;
		}
		const char *times[MAX_TIMES];
		int nt = line_times(lia_view_get(line, "days"), times);
		for (int i = 0; i < nt; i++)
			grid_row(d, line, times[i], month, ndays, tz, french);
		if (nt == 0) /* in force this month, nothing due (yet): a row to fill in */
			grid_row(d, line, "", month, ndays, tz, french);
	}
	lia_pdf_table_end(d);
}

static void
line_table(struct lia_pdf *d, const cJSON *lines, bool french)
{
	int lang = french ? 0 : 1;
	static const double widths[] = {0.22, 0.14, 0.08, 0.16, 0.10, 0.30};
	const char *headers[] = {labels[L_DRUG][lang],   labels[L_DOSE][lang],
				 labels[L_ROUTE][lang],  labels[L_PRESCRIBER][lang],
				 labels[L_STATUS][lang], labels[L_INSTRUCTIONS][lang]};
	lia_pdf_table_begin(d, 6, widths, headers, 0);
	const cJSON *line;
	cJSON_ArrayForEach(line, lines)
	{
		const char *status = lia_view_str(line, "status");
		for (size_t i = 0; status && i < sizeof statuses / sizeof statuses[0]; i++)
			if (!strcmp(statuses[i].status, status)) {
				status = statuses[i].label[lang];
				break;
			}
		const char *cells[] = {lia_view_str(line, "drug_label"),
				       lia_view_str(line, "dose"),
				       lia_view_str(line, "route"),
				       lia_view_str(line, "prescriber_name"),
				       status,
				       lia_view_str(line, "instructions")};
		lia_pdf_table_row(d, cells, 0);
	}
	lia_pdf_table_end(d);
}

int
lia_pdf_render_mar(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls)
{
	int lang = french ? 0 : 1;
	const char *month = lia_view_str(view, "month");
	int y = month && strlen(month) == 7 ? digits(month, 4) : -1;
	int m = y > 0 ? digits(month + 5, 2) : -1;
	if (m < 1 || m > 12)
		return LIA_PDF_ERROR; /* not a MAR view: our bug, the handler built it */
	int ndays = days_in_month(y, m);
	struct lia_view x;
	lia_view_init(&x, view, french);
	struct lia_pdf_header h;
	lia_view_sheet_header(&x, view, &h);
	if (lia_view_open(&x, &h, LIA_PDF_LANDSCAPE) != LIA_PDF_OK)
		return LIA_PDF_ERROR;
	struct lia_pdf *d = x.d;
	lia_pdf_title(d, lia_arena_printf(x.a, "%s — %s %d", labels[L_TITLE][lang],
					  months[m - 1][lang], y));
	const cJSON *lines = lia_view_get(view, "lines");
	if (cJSON_GetArraySize(lines) == 0)
		lia_pdf_note(d, labels[L_NONE][lang]);
	else
		grid(d, lines, month, ndays, x.tz, french);
	lia_pdf_note(d, labels[L_LEGEND][lang]);
	lia_pdf_heading(d, labels[L_TOTALS_H][lang]);
	const cJSON *t = lia_view_get(view, "totals");
	for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++) {
		int v = lia_view_int(t, totals[i].key);
		lia_pdf_field(d, totals[i].label[lang], lia_arena_printf(x.a, "%d", v),
			      totals[i].alarm && v > 0 ? LIA_PDF_BOLD : 0);
	}
	if (cJSON_GetArraySize(lines) > 0) {
		lia_pdf_heading(d, labels[L_LINES_H][lang]);
		line_table(d, lines, french);
	}
	return lia_view_finish(&x, w, cls);
}
