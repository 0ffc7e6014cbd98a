/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The week's pill-organiser preparation sheet on paper (A4 portrait), from the view
 * GET /api/v1/clients/{id}/pill-organisers/sheet serves (sheets.h,
 * lia_organiser_sheet_build), plus "generated_at" and the preparer's name that the
 * PDF handler adds.
 *
 * The person filling the organiser reads it compartment by compartment: one row per
 * day, one column per compartment (matin, midi, soir, coucher), each cell the doses
 * to put there. Above the grid, whether this week's preparation is recorded and still
 * matches the prescriptions (a change since means preparing it again: printed bold);
 * below, the lines given otherwise (as needed, or kept out of the organiser) and the
 * boxes where the preparer and the checker sign.
 */
#include <stdio.h>
#include <string.h>

#include "pdf/render.h"
#include "pdf/view.h"

#define CELL 1024 /* one compartment's doses */

enum {
	L_TITLE,
	L_WEEK,
	L_TO,
	L_PREP_H,
	L_NOT_PREPARED,
	L_PREPARED_BY,
	L_PREPARED_AT,
	L_STATE,
	L_UP_TO_DATE,
	L_REDO,
	L_NOTE,
	L_GRID_H,
	L_DAY,
	L_OTHERS_H,
	L_NO_OTHERS,
	L_DRUG,
	L_DOSE,
	L_HOW,
	L_AS_NEEDED,
	L_OUTSIDE,
	L_INSTRUCTIONS,
	L_SIGN_H,
	L_SIGN_PREP,
	L_SIGN_CHECK,
	L_COUNT
};

static const char *const labels[L_COUNT][2] = {
	[L_TITLE] = {"Préparation du pilulier", "Pill organiser preparation"},
	[L_WEEK] = {"semaine du", "week of"},
	[L_TO] = {"au", "to"},
	[L_PREP_H] = {"Préparation", "Preparation"},
	[L_NOT_PREPARED] = {"Pilulier non préparé pour cette semaine.",
			    "No preparation recorded for this week."},
	[L_PREPARED_BY] = {"Préparé par", "Prepared by"},
	[L_PREPARED_AT] = {"Le", "On"},
	[L_STATE] = {"État", "State"},
	[L_UP_TO_DATE] = {"À jour : conforme aux prescriptions en cours",
			  "Up to date with the prescriptions"},
	[L_REDO] = {"À refaire : une prescription a changé depuis la préparation",
		    "To prepare again: a prescription changed since"},
	[L_NOTE] = {"Note", "Note"},
	[L_GRID_H] = {"Semaine", "Week"},
	[L_DAY] = {"Jour", "Day"},
	[L_OTHERS_H] = {"Hors pilulier", "Not in the organiser"},
	[L_NO_OTHERS] = {"Aucune ligne hors pilulier.", "No line outside the organiser."},
	[L_DRUG] = {"Médicament", "Drug"},
	[L_DOSE] = {"Dose", "Dose"},
	[L_HOW] = {"Prise", "How"},
	[L_AS_NEEDED] = {"si besoin", "as needed"},
	[L_OUTSIDE] = {"donné hors pilulier", "given outside the organiser"},
	[L_INSTRUCTIONS] = {"Consignes", "Instructions"},
	[L_SIGN_H] = {"Signatures", "Signatures"},
	[L_SIGN_PREP] = {"Préparé par (nom, date, signature)",
			 "Prepared by (name, date, signature)"},
	[L_SIGN_CHECK] = {"Vérifié par (nom, date, signature)",
			  "Checked by (name, date, signature)"},
};

/* The compartments, as the view names them. */
static const char *const moments[4] = {"matin", "midi", "soir", "coucher"};

#define L(x, id) (labels[id][(x)->fr ? 0 : 1])

/* "08:00 Furosémide 40 mg — 1 comprimé" per dose, one per line. */
static void
compartment(const cJSON *doses, char *out, size_t size)
{
	out[0] = '\0';
	const cJSON *x;
	cJSON_ArrayForEach(x, doses)
	{
		size_t len = strlen(out);
		if (len + 1 >= size)
			break;
		snprintf(out + len, size - len, "%s%s %s — %s", len ? "\n" : "",
			 lia_view_or_empty(lia_view_str(x, "time")),
			 lia_view_or_empty(lia_view_str(x, "drug_label")),
			 lia_view_or_empty(lia_view_str(x, "dose")));
	}
}

static void
preparation(struct lia_view *x, const cJSON *prep)
{
	lia_pdf_heading(x->d, L(x, L_PREP_H));
	if (!cJSON_IsObject(prep)) {
		lia_pdf_text(x->d, L(x, L_NOT_PREPARED), LIA_PDF_BOLD);
		return;
	}
	lia_pdf_field(x->d, L(x, L_PREPARED_BY), lia_view_str(prep, "prepared_by_name"), 0);
	lia_pdf_field(x->d, L(x, L_PREPARED_AT),
		      lia_view_instant(x, lia_view_str(prep, "prepared_at")), 0);
	bool ok = lia_view_true(prep, "up_to_date");
	lia_pdf_field(x->d, L(x, L_STATE), L(x, ok ? L_UP_TO_DATE : L_REDO), ok ? 0 : LIA_PDF_BOLD);
	if (lia_view_str(prep, "note"))
		lia_pdf_field(x->d, L(x, L_NOTE), lia_view_str(prep, "note"), 0);
}

static void
week_grid(struct lia_view *x, const cJSON *days)
{
	static const double widths[] = {0.16, 0.21, 0.21, 0.21, 0.21};
	const char *headers[5] = {L(x, L_DAY)};
	for (int m = 0; m < 4; m++)
		headers[1 + m] = lia_view_capital(x, lia_view_code(x, LIA_VIEW_MOMENT, moments[m]));
	lia_pdf_heading(x->d, L(x, L_GRID_H));
	lia_pdf_table_begin(x->d, 5, widths, headers, 0);
	int k = 0;
	const cJSON *day;
	cJSON_ArrayForEach(day, days)
	{
		char cells_text[4][CELL];
		const char *cells[5] = {lia_view_join(x, lia_view_weekday(x, k % 7 + 1, false), " ",
						      lia_view_date(x, lia_view_str(day, "date")))};
		for (int m = 0; m < 4; m++) {
			compartment(lia_view_get(day, moments[m]), cells_text[m], CELL);
			cells[1 + m] = cells_text[m][0] ? cells_text[m] : " ";
		}
		lia_pdf_table_row(x->d, cells, 0);
		k++;
	}
	lia_pdf_table_end(x->d);
}

static void
others(struct lia_view *x, const cJSON *lines)
{
	static const double widths[] = {0.28, 0.22, 0.18, 0.32};
	const char *headers[] = {L(x, L_DRUG), L(x, L_DOSE), L(x, L_HOW), L(x, L_INSTRUCTIONS)};
	if (!lia_view_table(x, L(x, L_OTHERS_H), lines, L(x, L_NO_OTHERS), 4, widths, headers))
		return;
	const cJSON *p;
	cJSON_ArrayForEach(p, lines)
	{
		bool prn = lia_view_true(p, "as_needed");
		const char *cells[] = {lia_view_str(p, "drug_label"), lia_view_str(p, "dose"),
				       L(x, prn ? L_AS_NEEDED : L_OUTSIDE),
				       lia_view_str(p, "instructions")};
		lia_pdf_table_row(x->d, cells, 0);
	}
	lia_pdf_table_end(x->d);
}

int
lia_pdf_render_organiser_sheet(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls)
{
	const cJSON *days = lia_view_get(view, "days");
	if (!lia_view_str(view, "week_start") || !cJSON_IsArray(days))
		return LIA_PDF_ERROR; /* not an organiser sheet view: our bug */
	struct lia_view x;
	lia_view_init(&x, view, french);
	struct lia_pdf_header h;
	lia_view_sheet_header(&x, view, &h);
	if (lia_view_open(&x, &h, LIA_PDF_PORTRAIT) != LIA_PDF_OK)
		return LIA_PDF_ERROR;
	const cJSON *last = cJSON_GetArrayItem(days, cJSON_GetArraySize(days) - 1);
	lia_pdf_title(
		x.d,
		lia_arena_printf(x.a, "%s — %s %s %s %s", L(&x, L_TITLE), L(&x, L_WEEK),
				 lia_view_date(&x, lia_view_str(view, "week_start")), L(&x, L_TO),
				 lia_view_or_empty(lia_view_date(&x, lia_view_str(last, "date")))));
	preparation(&x, lia_view_get(view, "preparation"));
	week_grid(&x, days);
	others(&x, lia_view_get(view, "not_in_organiser"));
	lia_pdf_heading(x.d, L(&x, L_SIGN_H));
	lia_pdf_blank_lines(x.d, L(&x, L_SIGN_PREP), 2);
	lia_pdf_blank_lines(x.d, L(&x, L_SIGN_CHECK), 2);
	return lia_view_finish(&x, w, cls);
}
