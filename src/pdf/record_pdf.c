/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The printed client record (render.h), from the view of export/record_view.h: the
 * page a team reads when the information system is down. Sections come in the order
 * of issue 7: identity and contacts, care circle (who to call), consents, care plan
 * and the next 7 days of visits, treatments in force with their times, allergies and
 * open alerts, the last 30 days of the notebook. A section the reader may not read
 * says so ("Non visible avec votre profil") rather than vanishing, so that a blank is
 * never mistaken for "nothing to know".
 *
 * The view carries codes (visit types, categories, states); the labels below turn
 * the record's own into French or English, one table for both languages, and view.h
 * has those other documents print too (roles, alert types, moments). An unknown code
 * is printed as it is: a new type still prints. Every table section has the same
 * shape (heading, "withheld" or "none", table), so each is a row of `sections`.
 */
#include <string.h>

#include "pdf/render.h"
#include "pdf/view.h"

static const struct lia_view_label texts[] = {
	{"doc_title", "Dossier de l'usager", "Client record"},
	{"for", "Édité pour : %s", "Printed for: %s"},
	{"withheld", "Non visible avec votre profil", "Not visible with your profile"},
	{"none", "Aucune donnée", "Nothing recorded"},
	{"s_identity", "Identité et coordonnées", "Identity and contacts"},
	{"s_circle", "Cercle de soins — qui appeler", "Care circle — who to call"},
	{"s_consents", "Consentements", "Consents"},
	{"s_plan", "Plan d'aide", "Care plan"},
	{"s_visits", "Visites des 7 prochains jours", "Visits of the next 7 days"},
	{"s_rx", "Traitements en cours", "Current treatments"},
	{"s_allergies", "Allergies", "Allergies"},
	{"s_alerts", "Alertes en cours", "Open alerts"},
	{"s_entries", "Cahier de liaison — 30 derniers jours", "Notebook — last 30 days"},
	{"birth_name", "Nom de naissance", "Birth name"},
	{"birth_given_names", "Prénoms de naissance", "Birth given names"},
	{"used_name", "Nom d'usage", "Used name"},
	{"used_given_name", "Prénom d'usage", "Used given name"},
	{"sex", "Sexe", "Sex"},
	{"birth_date", "Date de naissance", "Birth date"},
	{"ins", "INS (matricule)", "INS (national health id)"},
	{"identity_status", "Statut de l'identité", "Identity status"},
	{"gir", "GIR", "GIR"},
	{"address", "Adresse", "Address"},
	{"phone", "Téléphone", "Phone"},
	{"h_role", "Rôle", "Role"},
	{"h_name", "Nom", "Name"},
	{"h_phone", "Téléphone", "Phone"},
	{"h_since", "Depuis le", "Since"},
	{"h_category", "Catégorie", "Category"},
	{"h_decision", "Décision", "Decision"},
	{"h_grantee", "À qui", "To whom"},
	{"h_until", "Jusqu'au", "Until"},
	{"h_intervention", "Intervention", "Intervention"},
	{"h_days", "Jours", "Days"},
	{"h_time", "Heure", "Time"},
	{"h_duration", "Durée", "Duration"},
	{"h_tasks", "Tâches", "Tasks"},
	{"h_date", "Date", "Date"},
	{"h_type", "Type", "Type"},
	{"h_worker", "Intervenant", "Worker"},
	{"h_status", "Statut", "Status"},
	{"h_drug", "Médicament", "Drug"},
	{"h_dose", "Dose, voie", "Dose, route"},
	{"h_times", "Horaires", "Times"},
	{"h_prescriber", "Prescripteur", "Prescriber"},
	{"h_instructions", "Consignes", "Instructions"},
	{"h_severity", "Gravité", "Severity"},
	{"h_state", "État", "State"},
	{"h_raised", "Depuis le", "Raised"},
	{"h_author", "Auteur", "Author"},
	{"h_text", "Texte", "Text"},
	{"open_ended", "sans fin", "open-ended"},
	{"as_needed", "si besoin, %d par jour au plus", "as needed, at most %d a day"},
	{"every_weeks", "toutes les %d semaines", "every %d weeks"},
	{"every_day", "tous les jours", "every day"},
	{"truncated", "Liste abrégée : la suite est dans Liaison.",
	 "List shortened: the rest is in Liaison."},
	{"target", "Cible", "Focus"},
	{"kv", "%s : %s", "%s: %s"},
	{"d", "D", "D"},
	{"a", "A", "A"},
	{"r", "R", "R"},
	{"urgent", "URGENT", "URGENT"},
	{"correction", "correction", "correction"},
	{"organiser", "semainier", "pill organiser"},
	{"min", "%d min", "%d min"},
	{NULL, NULL, NULL},
};

static const struct lia_view_label codes[] = {
	/* sex */
	{"F", "Féminin", "Female"},
	{"M", "Masculin", "Male"},
	{"I", "Indéterminé", "Unknown"},
	/* identity status (RNIV) */
	{"PROV", "provisoire", "provisional"},
	{"RECUP", "récupérée", "retrieved"},
	{"VALI", "validée", "validated"},
	{"QUAL", "qualifiée", "qualified"},
	/* categories */
	{"cat_admin", "Administratif", "Administrative"},
	{"cat_daily", "Vie quotidienne", "Daily life"},
	{"cat_care", "Soins", "Care"},
	{"cat_medical", "Médical", "Medical"},
	/* consent decisions */
	{"grant", "Accordé", "Granted"},
	{"refuse", "Refusé", "Refused"},
	/* visit and intervention types */
	{"aide_toilette", "Aide à la toilette", "Personal care"},
	{"aide_repas", "Aide au repas", "Meal help"},
	{"courses", "Courses", "Shopping"},
	{"menage", "Ménage", "Housework"},
	{"soins_infirmiers", "Soins infirmiers", "Nursing care"},
	{"livraison_repas", "Livraison de repas", "Meal delivery"},
	{"accompagnement", "Accompagnement", "Accompanying"},
	{"garde", "Garde", "Sitting"},
	{"aide_lever_coucher", "Lever / coucher", "Getting up / to bed"},
	{"autre", "Autre", "Other"},
	/* visit status */
	{"planned", "prévue", "planned"},
	{"in_progress", "en cours", "in progress"},
	{"done", "faite", "done"},
	{"cancelled", "annulée", "cancelled"},
	{"suspended", "suspendue", "suspended"},
	/* alert severities, states */
	{"low", "faible", "low"},
	{"medium", "moyenne", "medium"},
	{"critical", "critique", "critical"},
	{"high", "élevée", "high"},
	{"raised", "déclenchée", "raised"},
	{"acknowledged", "prise en compte", "acknowledged"},
	{NULL, NULL, NULL},
};

static const char *
T(const struct lia_view *x, const char *key)
{
	return lia_view_label(x, texts, key);
}

/* The label of one of the record's own codes, or the code itself. */
static const char *
L(const struct lia_view *x, const char *code)
{
	return lia_view_label(x, codes, code);
}

static bool
withheld(const cJSON *section)
{
	return !cJSON_IsObject(section) || lia_view_true(section, "withheld");
}

static void
note(struct lia_view *x, const char *key)
{
	lia_pdf_note(x->d, T(x, key));
}

static void
field(struct lia_view *x, const char *key, const char *value)
{
	lia_pdf_field(x->d, T(x, key), value, 0);
}

/* ---- identity ---- */

static void
identity(struct lia_view *x, const cJSON *id)
{
	lia_pdf_heading(x->d, T(x, "s_identity"));
	if (withheld(id)) {
		note(x, "withheld");
		return;
	}
	field(x, "birth_name", lia_view_upper(x, lia_view_str(id, "birth_name")));
	field(x, "birth_given_names", lia_view_str(id, "birth_given_names"));
	if (lia_view_str(id, "used_name"))
		field(x, "used_name", lia_view_upper(x, lia_view_str(id, "used_name")));
	if (lia_view_str(id, "used_given_name"))
		field(x, "used_given_name", lia_view_str(id, "used_given_name"));
	field(x, "sex", L(x, lia_view_str(id, "sex")));
	field(x, "birth_date", lia_view_date(x, lia_view_str(id, "birth_date")));
	if (lia_view_str(id, "ins"))
		field(x, "ins", lia_view_ins(x, lia_view_str(id, "ins")));
	field(x, "identity_status", L(x, lia_view_str(id, "identity_status")));
	const cJSON *gir = lia_view_get(id, "gir");
	field(x, "gir", cJSON_IsNumber(gir) ? lia_arena_printf(x->a, "%d", gir->valueint) : NULL);
	field(x, "address", lia_view_address(x, lia_view_get(id, "address"), ", "));
	field(x, "phone", lia_view_str(id, "phone"));
}

/* ---- one row per item of each table section ---- */

static unsigned
circle_row(struct lia_view *x, const cJSON *m, const char **cells)
{
	cells[0] = lia_view_code(x, LIA_VIEW_ROLE, lia_view_str(m, "role"));
	cells[1] = lia_view_str(m, "name");
	cells[2] = lia_view_str(m, "phone");
	cells[3] = lia_view_date(x, lia_view_str(m, "since"));
	return 0;
}

static const char *
category(struct lia_view *x, const char *cat)
{
	return cat ? L(x, lia_arena_printf(x->a, "cat_%s", cat)) : NULL;
}

static unsigned
consent_row(struct lia_view *x, const cJSON *k, const char **cells)
{
	const char *until = lia_view_str(k, "ends_at"), *dec = lia_view_str(k, "decision");
	cells[0] = category(x, lia_view_str(k, "category"));
	cells[1] = L(x, dec);
	cells[2] = lia_view_str(k, "grantee");
	cells[3] = until ? lia_view_instant(x, until) : T(x, "open_ended");
	return dec && !strcmp(dec, "refuse") ? LIA_PDF_BOLD : 0;
}

static const char *
days_text(struct lia_view *x, const cJSON *iv)
{
	const char *s = NULL;
	const cJSON *d;
	if (cJSON_GetArraySize(lia_view_get(iv, "days")) == 7) {
		s = T(x, "every_day");
	} else {
		cJSON_ArrayForEach(d, lia_view_get(iv, "days"))
		{
			if (cJSON_IsNumber(d))
				s = lia_view_join(x, s, " ",
						  lia_view_weekday(x, d->valueint, true));
		}
	}
	const cJSON *every = lia_view_get(iv, "every_weeks");
	if (cJSON_IsNumber(every) && every->valueint > 1)
		s = lia_view_join(x, s, ", ",
				  lia_arena_printf(x->a, T(x, "every_weeks"), every->valueint));
	return s;
}

static unsigned
intervention_row(struct lia_view *x, const cJSON *iv, const char **cells)
{
	const cJSON *dur = lia_view_get(iv, "duration_min");
	cells[0] =
		lia_view_join(x, L(x, lia_view_str(iv, "type")), " — ", lia_view_str(iv, "label"));
	cells[1] = days_text(x, iv);
	cells[2] = lia_view_str(iv, "start_time");
	cells[3] = cJSON_IsNumber(dur) ? lia_arena_printf(x->a, T(x, "min"), dur->valueint) : NULL;
	cells[4] = lia_view_list(x, lia_view_get(iv, "tasks"), ", ");
	return 0;
}

static unsigned
visit_row(struct lia_view *x, const cJSON *v, const char **cells)
{
	const char *status = lia_view_str(v, "status");
	cells[0] = lia_view_date(x, lia_view_str(v, "date"));
	cells[1] = lia_view_join(x, lia_view_str(v, "start"), " – ", lia_view_str(v, "end"));
	cells[2] = lia_view_join(x, L(x, lia_view_str(v, "type")), " — ", lia_view_str(v, "label"));
	cells[3] = lia_view_str(v, "worker");
	cells[4] = L(x, status);
	bool off = status && (!strcmp(status, "cancelled") || !strcmp(status, "suspended"));
	return off ? LIA_PDF_MUTED : 0;
}

static const char *
schedule_text(struct lia_view *x, const cJSON *p)
{
	if (lia_view_true(p, "as_needed"))
		return lia_arena_printf(x->a, T(x, "as_needed"), lia_view_int(p, "max_per_day"));
	const char *s = NULL;
	const cJSON *t;
	cJSON_ArrayForEach(t, lia_view_get(p, "schedule"))
	{
		const char *m = lia_view_str(t, "moment");
		const char *one = m ? lia_arena_printf(x->a, "%s (%s)",
						       lia_view_or_empty(lia_view_str(t, "time")),
						       lia_view_code(x, LIA_VIEW_MOMENT, m)) :
				      lia_view_str(t, "time");
		s = lia_view_join(x, s, ", ", one);
	}
	if (lia_view_true(p, "in_organiser"))
		s = lia_view_join(x, s, " · ", T(x, "organiser"));
	return s;
}

static unsigned
rx_row(struct lia_view *x, const cJSON *p, const char **cells)
{
	const char *until = lia_view_str(p, "ends_on");
	/* "Amoxicilline 1 g comprimé" already says its form. */
	const char *label = lia_view_str(p, "drug_label"), *form = lia_view_str(p, "form");
	const char *drug =
		label && form && strstr(label, form) ? label : lia_view_join(x, label, " — ", form);
	cells[0] = until ? lia_arena_printf(x->a, "%s (%s %s)", lia_view_or_empty(drug),
					    T(x, "h_until"), lia_view_date(x, until)) :
			   drug;
	cells[1] = lia_view_join(x, lia_view_str(p, "dose"), ", ", lia_view_str(p, "route"));
	cells[2] = schedule_text(x, p);
	cells[3] = lia_view_str(p, "prescriber_name");
	cells[4] = lia_view_str(p, "instructions");
	return 0;
}

static unsigned
alert_row(struct lia_view *x, const cJSON *a, const char **cells)
{
	const char *type = lia_view_str(a, "type");
	const char *label = lia_view_code(x, LIA_VIEW_ALERT_TYPE, type);
	/* A known type heads its cell, capitalised; an unknown code prints as it is. */
	cells[0] = label == type ? type : lia_view_capital(x, label);
	cells[1] = L(x, lia_view_str(a, "severity"));
	cells[2] = L(x, lia_view_str(a, "state"));
	cells[3] = lia_view_instant(x, lia_view_str(a, "raised_at"));
	return LIA_PDF_BOLD;
}

/* "circle:infirmier" → "Infirmier(ère)". */
static const char *
role_label(struct lia_view *x, const char *role)
{
	if (!role)
		return NULL;
	const char *colon = strchr(role, ':');
	return lia_view_code(x, LIA_VIEW_ROLE, colon ? colon + 1 : role);
}

static const char *
entry_text(struct lia_view *x, const cJSON *e)
{
	const char *s = NULL;
	if (lia_view_true(e, "urgent"))
		s = T(x, "urgent");
	if (lia_view_true(e, "correction"))
		s = lia_view_join(x, s, " · ", lia_arena_printf(x->a, "(%s)", T(x, "correction")));
	const char *target = lia_view_str(e, "target");
	if (target)
		s = lia_view_join(x, s, " — ",
				  lia_arena_printf(x->a, T(x, "kv"), T(x, "target"), target));
	static const char *const parts[][2] = {{"data", "d"}, {"actions", "a"}, {"results", "r"}};
	for (size_t i = 0; i < 3; i++)
		if (lia_view_str(e, parts[i][0]))
			s = lia_view_join(x, s, "\n",
					  lia_arena_printf(x->a, T(x, "kv"), T(x, parts[i][1]),
							   lia_view_str(e, parts[i][0])));
	return lia_view_join(x, s, "\n", lia_view_str(e, "text"));
}

static unsigned
entry_row(struct lia_view *x, const cJSON *e, const char **cells)
{
	const char *at = lia_view_str(e, "fact_at") ? lia_view_str(e, "fact_at") :
						      lia_view_str(e, "written_at");
	cells[0] = lia_view_instant(x, at);
	cells[1] = lia_view_str(e, "author");
	cells[2] = role_label(x, lia_view_str(e, "author_role"));
	cells[3] = category(x, lia_view_str(e, "category"));
	cells[4] = entry_text(x, e);
	return lia_view_true(e, "urgent") ? LIA_PDF_BOLD : 0;
}

/* ---- sections ---- */

#define MAX_COLS 5

/* A table section: where its items are in the view's section, its columns, how an
 * item becomes a row (returns the row's style), the member saying the list was cut. */
struct section {
	const char *view, *heading, *items, *truncated;
	int ncols;
	double widths[MAX_COLS];
	const char *headers[MAX_COLS]; /* text keys */
	unsigned (*row)(struct lia_view *x, const cJSON *item, const char **cells);
};

/* One section a line reads best. */
/* clang-format off */
static const struct section sections[] = {
	{"circle", "s_circle", "items", NULL, 4, {0.3, 0.35, 0.2, 0.15},
	 {"h_role", "h_name", "h_phone", "h_since"}, circle_row},
	{"consents", "s_consents", "items", NULL, 4, {0.22, 0.16, 0.42, 0.2},
	 {"h_category", "h_decision", "h_grantee", "h_until"}, consent_row},
	{"care_plan", "s_plan", "interventions", NULL, 5, {0.25, 0.2, 0.1, 0.1, 0.35},
	 {"h_intervention", "h_days", "h_time", "h_duration", "h_tasks"}, intervention_row},
	{"care_plan", "s_visits", "visits", "visits_truncated", 5, {0.14, 0.14, 0.36, 0.22, 0.14},
	 {"h_date", "h_time", "h_type", "h_worker", "h_status"}, visit_row},
	{"prescriptions", "s_rx", "items", NULL, 5, {0.24, 0.16, 0.22, 0.17, 0.21},
	 {"h_drug", "h_dose", "h_times", "h_prescriber", "h_instructions"}, rx_row},
	/* No columns: one bold line per allergy. */
	{"allergies", "s_allergies", "items", NULL, 0, {0}, {NULL}, NULL},
	{"alerts", "s_alerts", "items", NULL, 4, {0.34, 0.18, 0.22, 0.26},
	 {"h_type", "h_severity", "h_state", "h_raised"}, alert_row},
	{"entries", "s_entries", "items", "truncated", 5, {0.13, 0.15, 0.14, 0.16, 0.42},
	 {"h_date", "h_author", "h_role", "h_category", "h_text"}, entry_row},
};
/* clang-format on */

/* The heading, then "withheld", "none", or the items: a table, or (allergies, no
 * columns) one bold line each. */
static void
section(struct lia_view *x, const cJSON *view, const struct section *k)
{
	const cJSON *s = lia_view_get(view, k->view);
	lia_pdf_heading(x->d, T(x, k->heading));
	if (withheld(s)) {
		note(x, "withheld");
		return;
	}
	const cJSON *items = lia_view_get(s, k->items), *it;
	if (cJSON_GetArraySize(items) == 0) {
		note(x, "none");
		return;
	}
	if (k->ncols == 0) {
		cJSON_ArrayForEach(it, items)
		{
			if (cJSON_IsString(it))
				lia_pdf_text(x->d, it->valuestring, LIA_PDF_BOLD);
		}
		return;
	}
	const char *h[MAX_COLS];
	for (int i = 0; i < k->ncols; i++)
		h[i] = T(x, k->headers[i]);
	lia_pdf_table_begin(x->d, k->ncols, k->widths, h, 0);
	cJSON_ArrayForEach(it, items)
	{
		const char *cells[MAX_COLS];
		unsigned flags = k->row(x, it, cells);
		lia_pdf_table_row(x->d, cells, flags);
	}
	lia_pdf_table_end(x->d);
	if (k->truncated && lia_view_true(s, k->truncated))
		note(x, "truncated");
}

static const char *
reader_of(struct lia_view *x, const cJSON *view)
{
	return lia_view_code(x, LIA_VIEW_PROFILE, lia_view_str(view, "reader"));
}

int
lia_pdf_render_record(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls)
{
	struct lia_view x;
	lia_view_init(&x, view, french);
	const cJSON *id = lia_view_get(view, "identity");
	const char *name = withheld(id) ?
				   NULL :
				   lia_view_name(&x, id, LIA_VIEW_NAME_UPPER | LIA_VIEW_NAME_NEE);
	struct lia_pdf_header h = {
		.title = name ? name : "—",
		.subtitle = withheld(id) ? NULL : lia_view_born(&x, id),
		.generated = lia_view_generated(&x, view),
		.notice = lia_pdf_notice(french),
	};
	if (lia_view_open(&x, &h, LIA_PDF_PORTRAIT) != LIA_PDF_OK)
		return LIA_PDF_ERROR;
	lia_pdf_title(x.d, T(&x, "doc_title"));
	const char *reader = reader_of(&x, view);
	if (reader)
		lia_pdf_note(x.d, lia_arena_printf(x.a, T(&x, "for"), reader));
	identity(&x, id);
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		section(&x, view, &sections[i]);
	return lia_view_finish(&x, w, cls);
}
