/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A field worker's day sheet on paper (feuille de route, A4 portrait), from the view
 * GET /api/v1/me/visits serves (sheets.h, lia_day_build) plus "worker" and
 * "generated_at" that the PDF handler adds.
 *
 * It is what a worker takes along when the phone is flat or the network down: the
 * visits in route order, each with what is needed at the door (address, phone, access
 * notes and door code), the tasks as boxes to tick, the notebook entries waiting, the
 * client's open alerts, allergies and the DLU's observations (falls, wandering,
 * swallowing...) as far as the reader may see them (bold: the risks to know before
 * ringing), and boxes to tick with the arrival and departure times written by hand.
 */
#include <string.h>

#include "domain/dlu.h"
#include "pdf/render.h"
#include "pdf/view.h"

enum {
	L_TITLE,
	L_OF,
	L_VISITS,
	L_NONE,
	L_SERVICE,
	L_ADDRESS,
	L_PHONE,
	L_ACCESS,
	L_TASKS,
	L_NO_TASK,
	L_NOTEBOOK,
	L_UNREAD,
	L_URGENT,
	L_RISKS,
	L_NO_RISK,
	L_ALLERGIES,
	L_SINCE,
	L_ARRIVAL,
	L_DEPARTURE,
	L_CLIENT,
	L_COUNT
};

static const char *const labels[L_COUNT][2] = {
	[L_TITLE] = {"Feuille de route", "Day sheet"},
	[L_OF] = {"du", "of"},
	[L_VISITS] = {"visite(s)", "visit(s)"},
	[L_NONE] = {"Aucune visite ce jour.", "No visit this day."},
	[L_SERVICE] = {"Intervention", "Service"},
	[L_ADDRESS] = {"Adresse", "Address"},
	[L_PHONE] = {"Téléphone", "Phone"},
	[L_ACCESS] = {"Accès", "Access"},
	[L_TASKS] = {"Tâches", "Tasks"},
	[L_NO_TASK] = {"Aucune tâche précisée.", "No task given."},
	[L_NOTEBOOK] = {"Cahier de liaison", "Notebook"},
	[L_UNREAD] = {"non lue(s)", "unread"},
	[L_URGENT] = {"urgente(s) à acquitter", "urgent to acknowledge"},
	[L_RISKS] = {"Alertes en cours", "Open alerts"},
	[L_NO_RISK] = {"aucune", "none"},
	[L_ALLERGIES] = {"Allergies", "Allergies"},
	[L_SINCE] = {"depuis le", "since"},
	[L_ARRIVAL] = {"Arrivée à ______ h ______", "Arrived at ______ : ______"},
	[L_DEPARTURE] = {"Départ à ______ h ______", "Left at ______ : ______"},
	[L_CLIENT] = {"Usager", "Client"},
};

#define L(x, id) (labels[id][(x)->fr ? 0 : 1])

/* The risks of kind `kind` joined on one line (NULL for none). */
static const char *
joined(struct lia_view *x, const cJSON *risks, const char *kind)
{
	const char *out = NULL;
	const cJSON *r;
	cJSON_ArrayForEach(r, risks)
	{
		if (strcmp(lia_view_or_empty(lia_view_str(r, "kind")), kind) != 0)
			continue;
		const char *one = lia_view_str(r, "text");
		if (!strcmp(kind, "alert")) {
			const char *since = lia_view_instant(x, lia_view_str(r, "raised_at"));
			one = lia_view_code(x, LIA_VIEW_ALERT_TYPE, lia_view_str(r, "type"));
			if (since)
				one = lia_arena_printf(x->a, "%s (%s %s)", lia_view_or_empty(one),
						       L(x, L_SINCE), since);
		}
		out = lia_view_join(x, out, " · ", one);
	}
	return out;
}

/* What the reader may know of the client's risks: open alerts, allergies (readers of
 * medical data), the DLU's observations under their own labels. Nothing when the
 * view says the reader may not see them (key_risks null). */
static void
risks(struct lia_view *x, const cJSON *cl)
{
	const cJSON *arr = lia_view_get(cl, "key_risks");
	if (!cJSON_IsArray(arr))
		return;
	const char *alerts = joined(x, arr, "alert");
	lia_pdf_field(x->d, L(x, L_RISKS), alerts ? alerts : L(x, L_NO_RISK),
		      alerts ? LIA_PDF_BOLD : 0);
	const char *allergies = joined(x, arr, "allergy");
	if (allergies)
		lia_pdf_field(x->d, L(x, L_ALLERGIES), allergies, LIA_PDF_BOLD);
	const cJSON *r;
	cJSON_ArrayForEach(r, arr)
	{
		if (strcmp(lia_view_or_empty(lia_view_str(r, "kind")), "observation") != 0)
			continue;
		const char *code = lia_view_str(r, "field");
		const struct lia_dlu_field *f = lia_dlu_field_find(lia_view_or_empty(code));
		const char *label = f ? (x->fr ? f->label_fr : f->label_en) : code;
		lia_pdf_field(x->d, label, lia_view_str(r, "text"), LIA_PDF_BOLD);
	}
}

static void
visit(struct lia_view *x, const cJSON *v)
{
	const cJSON *cl = lia_view_get(v, "client");
	const char *name = lia_view_name(x, cl, 0);
	lia_pdf_heading(x->d,
			lia_arena_printf(x->a, "%d. %s–%s · %s", lia_view_int(v, "route_position"),
					 lia_view_or_empty(lia_view_str(v, "local_start")),
					 lia_view_or_empty(lia_view_str(v, "local_end")),
					 name ? name : L(x, L_CLIENT)));
	const char *service = lia_view_str(v, "label");
	lia_pdf_field(x->d, L(x, L_SERVICE), service ? service : lia_view_str(v, "type"), 0);
	lia_pdf_field(x->d, L(x, L_ADDRESS), lia_view_address(x, lia_view_get(cl, "address"), ", "),
		      0);
	lia_pdf_field(x->d, L(x, L_PHONE), lia_view_str(cl, "phone"), 0);
	lia_pdf_field(x->d, L(x, L_ACCESS), lia_view_str(cl, "access_notes"), 0);
	risks(x, cl);
	const cJSON *nb = lia_view_get(v, "notebook");
	if (cJSON_IsObject(nb)) {
		int urgent = lia_view_int(nb, "urgent_to_acknowledge");
		lia_pdf_field(x->d, L(x, L_NOTEBOOK),
			      lia_arena_printf(x->a, "%d %s · %d %s", lia_view_int(nb, "unread"),
					       L(x, L_UNREAD), urgent, L(x, L_URGENT)),
			      urgent ? LIA_PDF_BOLD : 0);
	}
	const cJSON *tasks = lia_view_get(v, "tasks"), *t;
	lia_pdf_text(x->d, L(x, L_TASKS), 0);
	if (cJSON_GetArraySize(tasks) == 0)
		lia_pdf_note(x->d, L(x, L_NO_TASK));
	cJSON_ArrayForEach(t, tasks)
	{
		if (cJSON_IsString(t))
			lia_pdf_checkbox(x->d, false, t->valuestring);
	}
	lia_pdf_space(x->d, 4);
	lia_pdf_checkbox(x->d, false, L(x, L_ARRIVAL));
	lia_pdf_checkbox(x->d, false, L(x, L_DEPARTURE));
}

int
lia_pdf_render_day_sheet(const cJSON *sheet, bool french, lia_pdf_write_fn w, void *cls)
{
	const cJSON *items = lia_view_get(sheet, "items"), *v;
	if (!lia_view_str(sheet, "date") || !cJSON_IsArray(items))
		return LIA_PDF_ERROR; /* not a day view: our bug */
	struct lia_view x;
	lia_view_init(&x, sheet, french);
	const char *date = lia_view_date(&x, lia_view_str(sheet, "date"));
	const char *title = lia_view_str(lia_view_get(sheet, "worker"), "display_name");
	struct lia_pdf_header h = {
		.title = lia_view_or_empty(title),
		.subtitle = lia_arena_printf(x.a, "%s %s %s", L(&x, L_TITLE), L(&x, L_OF), date),
		.generated = lia_view_generated(&x, sheet),
		.notice = lia_pdf_notice(french),
	};
	if (lia_view_open(&x, &h, LIA_PDF_PORTRAIT) != LIA_PDF_OK)
		return LIA_PDF_ERROR;
	lia_pdf_title(x.d, lia_arena_printf(x.a, "%s — %s · %d %s", L(&x, L_TITLE), date,
					    cJSON_GetArraySize(items), L(&x, L_VISITS)));
	if (cJSON_GetArraySize(items) == 0)
		lia_pdf_note(x.d, L(&x, L_NONE));
	cJSON_ArrayForEach(v, items)
	{
		visit(&x, v);
	}
	return lia_view_finish(&x, w, cls);
}
