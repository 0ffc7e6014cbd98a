/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The bundle's index (render.h): the page a team prints first when the system is
 * down, one line per client of the antenna in the order the caller gave (sorted by
 * name), with what is needed to go there and what to watch for: birth date, address,
 * phone, next visit, key risks. A line with a risk (an allergy, an open alert, a fall,
 * an urgent note) is printed in bold so that it stands out on a long list.
 *
 * Input: {"organisation", "generated_at", "profile", "tz"?, "rows": [...]}, each row
 * as export/record_view.h lia_record_index_row() makes it.
 */
#include <string.h>

#include "pdf/render.h"
#include "pdf/view.h"

static const struct lia_view_label texts[] = {
	{"title", "Index des usagers — %s", "Client index — %s"},
	{"count", "%d usagers", "%d clients"},
	{"count1", "1 usager", "1 client"},
	{"profile", "Profil : %s", "Profile: %s"},
	{"none", "Aucun usager", "No client"},
	{"h_name", "Nom", "Name"},
	{"h_birth", "Naissance", "Born"},
	{"h_address", "Adresse", "Address"},
	{"h_phone", "Téléphone", "Phone"},
	{"h_next", "Prochaine visite", "Next visit"},
	{"h_risks", "Risques", "Risks"},
	{"allergy", "Allergie : %s", "Allergy: %s"},
	{"alerts", "%d alerte(s) en cours", "%d open alert(s)"},
	{"urgent", "%d note(s) urgente(s)", "%d urgent note(s)"},
	{NULL, NULL, NULL},
};

static const char *
T(const struct lia_view *x, const char *code)
{
	return lia_view_label(x, texts, code);
}

static const char *
next_visit(struct lia_view *x, const cJSON *row)
{
	const cJSON *v = lia_view_get(row, "next_visit");
	if (!cJSON_IsObject(v))
		return NULL;
	const char *s = lia_view_join(x, lia_view_date(x, lia_view_str(v, "date")), " ",
				      lia_view_str(v, "start"));
	return lia_view_join(x, s, "\n", lia_view_str(v, "worker"));
}

/* The risk cell; *any set when there is something to watch for. */
static const char *
risks(struct lia_view *x, const cJSON *row, bool *any)
{
	const cJSON *r = lia_view_get(row, "risks");
	const char *s = NULL;
	const cJSON *it;
	cJSON_ArrayForEach(it, lia_view_get(r, "allergies"))
	{
		if (cJSON_IsString(it) && *it->valuestring)
			s = lia_view_join(x, s, "\n",
					  lia_arena_printf(x->a, T(x, "allergy"), it->valuestring));
	}
	int open = lia_view_int(r, "open_alerts");
	if (open > 0) {
		const char *types = NULL;
		cJSON_ArrayForEach(it, lia_view_get(r, "alert_types"))
		{
			if (cJSON_IsString(it))
				types = lia_view_join(x, types, ", ",
						      lia_view_code(x, LIA_VIEW_ALERT_TYPE,
								    it->valuestring));
		}
		const char *n = lia_arena_printf(x->a, T(x, "alerts"), open);
		s = lia_view_join(x, s, "\n",
				  types ? lia_arena_printf(x->a, "%s (%s)", n, types) : n);
	}
	int urgent = lia_view_int(r, "urgent_entries");
	if (urgent > 0)
		s = lia_view_join(x, s, "\n", lia_arena_printf(x->a, T(x, "urgent"), urgent));
	*any = s != NULL;
	return s;
}

int
lia_pdf_render_index(const cJSON *index, bool french, lia_pdf_write_fn w, void *cls)
{
	struct lia_view x;
	lia_view_init(&x, index, french);
	const char *org = lia_view_str(index, "organisation");
	const char *title = lia_arena_printf(x.a, T(&x, "title"), org ? org : "—");
	const cJSON *rows = lia_view_get(index, "rows");
	int n = cJSON_GetArraySize(rows);
	const char *profile = lia_view_str(index, "profile");
	const char *sub = n == 1 ? T(&x, "count1") : lia_arena_printf(x.a, T(&x, "count"), n);
	if (profile)
		sub = lia_view_join(&x, sub, " · ",
				    lia_arena_printf(x.a, T(&x, "profile"),
						     lia_view_code(&x, LIA_VIEW_PROFILE, profile)));
	struct lia_pdf_header h = {
		.title = title,
		.subtitle = sub,
		.generated = lia_view_generated(&x, index),
		.notice = lia_pdf_notice(french),
	};
	/* Landscape: six columns of addresses and risks read better wide. */
	if (lia_view_open(&x, &h, LIA_PDF_LANDSCAPE) != LIA_PDF_OK)
		return LIA_PDF_ERROR;
	lia_pdf_title(x.d, title);
	if (n == 0) {
		lia_pdf_note(x.d, T(&x, "none"));
		return lia_view_finish(&x, w, cls);
	}
	static const double widths[] = {0.2, 0.09, 0.24, 0.11, 0.14, 0.22};
	const char *heads[] = {T(&x, "h_name"),  T(&x, "h_birth"), T(&x, "h_address"),
			       T(&x, "h_phone"), T(&x, "h_next"),  T(&x, "h_risks")};
	lia_pdf_table_begin(x.d, 6, widths, heads, 0);
	const cJSON *row;
	cJSON_ArrayForEach(row, rows)
	{
		bool any = false;
		const char *risk = risks(&x, row, &any);
		/* "DUPONT Jeanne (MARTIN)": the name the person goes by, the birth name beside. */
		const char *cells[] = {
			lia_view_name(&x, row, LIA_VIEW_NAME_UPPER),
			lia_view_date(&x, lia_view_str(row, "birth_date")),
			lia_view_address(&x, lia_view_get(row, "address"), "\n"),
			lia_view_str(row, "phone"),
			next_visit(&x, row),
			risk,
		};
		lia_pdf_table_row(x.d, cells, any ? LIA_PDF_BOLD : 0);
	}
	lia_pdf_table_end(x.d);
	return lia_view_finish(&x, w, cls);
}
