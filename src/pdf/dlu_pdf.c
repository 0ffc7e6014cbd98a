/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The emergency liaison file on paper (DLU, HAS 2015 model), from the view of
 * export/dlu_view.h: first the DLU in the HAS order (identity and contacts, medical
 * information, autonomy and observations, annexed documents), then, on a new page,
 * the transfer sheet to the emergency department.
 *
 * Paper is read in a hurry by someone who does not know the client: every field of
 * the model is printed, "—" when nothing is recorded, so that a blank is never
 * mistaken for a page lost; allergies and a multi-resistant bacteria carrier stand
 * out in bold. A section the reader may not read says so instead of being empty.
 * Without a recorded transfer the sheet has ruled lines to fill in by hand, with
 * the doses given in the last 24 hours and the treatments in progress already
 * printed: what the emergency doctor asks first.
 *
 * The field labels come from the one DLU table (domain/dlu.h), the name, roles and
 * the like from view.h; the rest is below.
 */
#include <string.h>

#include "domain/dlu.h"
#include "pdf/render.h"
#include "pdf/view.h"

enum {
	L_TITLE,
	L_S_IDENTITY,
	L_S_MEDICAL,
	L_S_CARE,
	L_S_DOCUMENTS,
	L_WITHHELD,
	L_BIRTH_NAME,
	L_USED_NAME,
	L_GIVEN_NAME,
	L_BIRTH_DATE,
	L_ADDRESS,
	L_PHONE,
	L_TREATMENTS,
	L_NO_TREATMENT,
	L_DRUG,
	L_DOSE,
	L_ROUTE,
	L_TIMES,
	L_AS_NEEDED,
	L_YES,
	L_NO,
	L_T_TITLE,
	L_T_RECORDED,
	L_T_BLANK,
	L_LAST_DOSES,
	L_NO_DOSE,
	L_AT,
	L_OUTCOME,
	L_UPDATED,
	L_NEVER,
	L_READER,
	L_CIRCLE,
	L_ROLE,
	L_NAME,
	L_COUNT
};

static const char *const labels[L_COUNT][2] = {
	[L_TITLE] = {"Dossier de liaison d'urgence (DLU)", "Emergency liaison file (DLU)"},
	[L_S_IDENTITY] = {"1. Identité et personnes à contacter", "1. Identity and contacts"},
	[L_S_MEDICAL] = {"2. Informations médicales", "2. Medical information"},
	[L_S_CARE] = {"3. Autonomie, observations fonctionnelles et cognitives",
		      "3. Autonomy, functional and cognitive observations"},
	[L_S_DOCUMENTS] = {"4. Documents joints", "4. Annexed documents"},
	[L_WITHHELD] = {"Section non communiquée : vos droits d'accès ne permettent pas de la "
			"lire.",
			"Section withheld: your access rights do not allow reading it."},
	[L_BIRTH_NAME] = {"Nom de naissance", "Birth name"},
	[L_USED_NAME] = {"Nom d'usage", "Used name"},
	[L_GIVEN_NAME] = {"Prénom", "Given name"},
	[L_BIRTH_DATE] = {"Date de naissance", "Date of birth"},
	[L_ADDRESS] = {"Adresse", "Address"},
	[L_PHONE] = {"Téléphone", "Phone"},
	[L_TREATMENTS] = {"Traitements en cours", "Current treatments"},
	[L_NO_TREATMENT] = {"Aucun traitement en cours enregistré.",
			    "No current treatment recorded."},
	[L_DRUG] = {"Médicament", "Drug"},
	[L_DOSE] = {"Dose", "Dose"},
	[L_ROUTE] = {"Voie", "Route"},
	[L_TIMES] = {"Horaires", "Times"},
	[L_AS_NEEDED] = {"si besoin", "as needed"},
	[L_YES] = {"oui", "yes"},
	[L_NO] = {"non", "no"},
	[L_T_TITLE] = {"Fiche de transfert vers les urgences", "Transfer sheet to the emergency "
							       "department"},
	[L_T_RECORDED] = {"Transfert enregistré le %s", "Transfer recorded on %s"},
	[L_T_BLANK] = {"À remplir au moment du transfert.", "To fill in at the time of transfer."},
	[L_LAST_DOSES] = {"Derniers médicaments administrés (24 h)",
			  "Last medication given (24 h)"},
	[L_NO_DOSE] = {"Aucune administration enregistrée dans les dernières 24 heures.",
		       "No administration recorded in the last 24 hours."},
	[L_AT] = {"Heure", "Time"},
	[L_OUTCOME] = {"Résultat", "Outcome"},
	[L_UPDATED] = {"DLU mis à jour le %s", "DLU updated on %s"},
	[L_NEVER] = {"DLU jamais renseigné : champs à compléter.",
		     "DLU never filled in: fields to complete."},
	[L_READER] = {"Imprimé pour : %s", "Printed for: %s"},
	[L_CIRCLE] = {"Intervenants (cercle de soins)", "Care circle"},
	[L_ROLE] = {"Rôle", "Role"},
	[L_NAME] = {"Nom", "Name"},
};

static const char *const outcomes[][3] = {
	{"given", "donné", "given"},
	{"refused", "refusé", "refused"},
	{"not_available", "non disponible", "not available"},
	{"held", "suspendu", "held"},
	{"missed", "manqué", "missed"},
};

#define L(x, id) (labels[id][(x)->fr ? 0 : 1])

/* One value of member m as printed. */
static const char *
value_text(struct lia_view *x, const struct lia_dlu_member *m, const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsBool(v))
		return L(x, cJSON_IsTrue(v) ? L_YES : L_NO);
	if (!cJSON_IsString(v))
		return NULL;
	switch (m->kind) {
	case LIA_DLU_DATE:
		return lia_view_date(x, v->valuestring);
	case LIA_DLU_CHOICE:
		return lia_dlu_choice_label(m, v->valuestring, x->fr);
	default:
		return v->valuestring;
	}
}

/* An object as "value · Label : value": the first member (the name) without its
 * label: "Dr Martin · Téléphone : 03 20 00 00 00". */
static const char *
object_text(struct lia_view *x, const struct lia_dlu_field *f, const cJSON *o)
{
	const char *out = NULL;
	for (const struct lia_dlu_member *m = f->members; m->name; m++) {
		const char *t = value_text(x, m, cJSON_GetObjectItemCaseSensitive(o, m->name));
		if (!t)
			continue;
		const char *label = x->fr ? m->label_fr : m->label_en;
		out = lia_view_join(x, out, " · ",
				    m == f->members ? t :
						      lia_arena_printf(x->a, "%s : %s", label, t));
	}
	return out;
}

/* A field's whole value as printed; *bold when it must stand out. */
static const char *
field_text(struct lia_view *x, const struct lia_dlu_field *f, const cJSON *v, bool *bold)
{
	*bold = false;
	if (!v)
		return NULL;
	const char *out = NULL;
	switch (f->shape) {
	case LIA_DLU_SCALAR:
		return value_text(x, &f->members[0], v);
	case LIA_DLU_OBJECT:
		out = object_text(x, f, v);
		/* A carrier of a multi-resistant bacteria is isolated on arrival. */
		if (!strcmp(f->name, "bmr") &&
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "carrier")))
			*bold = true;
		return out;
	case LIA_DLU_LIST:
		for (const cJSON *it = v->child; it; it = it->next)
			out = lia_view_join(x, out, " ; ", value_text(x, &f->members[0], it));
		return out;
	case LIA_DLU_OBJECT_LIST:
		for (const cJSON *it = v->child; it; it = it->next) {
			const char *one = NULL;
			for (const struct lia_dlu_member *m = f->members; m->name; m++) {
				const cJSON *mv = cJSON_GetObjectItemCaseSensitive(it, m->name);
				one = lia_view_join(x, one, " — ", value_text(x, m, mv));
			}
			out = lia_view_join(x, out, " ; ", one);
		}
		*bold = out && !strcmp(f->name, "allergies");
		return out;
	}
	return NULL;
}

static bool
withheld(const cJSON *view, const char *category)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(view, "withheld");
	for (const cJSON *it = w ? w->child : NULL; it; it = it->next)
		if (cJSON_IsString(it) && !strcmp(it->valuestring, category))
			return true;
	return false;
}

/* Every DLU field of category cat, in table order (documents apart). */
static void
dlu_fields(struct lia_view *x, const cJSON *fields, enum lia_category cat)
{
	size_t n;
	const struct lia_dlu_field *t = lia_dlu_fields(&n);
	for (size_t i = 0; i < n; i++) {
		if (t[i].category != cat || !strcmp(t[i].name, "documents"))
			continue;
		bool bold;
		const char *v = field_text(
			x, &t[i], cJSON_GetObjectItemCaseSensitive(fields, t[i].name), &bold);
		lia_pdf_field(x->d, x->fr ? t[i].label_fr : t[i].label_en, v,
			      bold ? LIA_PDF_BOLD : 0);
	}
}

static void
treatments(struct lia_view *x, const cJSON *view)
{
	static const double w[] = {0.40, 0.20, 0.15, 0.25};
	const char *h[] = {L(x, L_DRUG), L(x, L_DOSE), L(x, L_ROUTE), L(x, L_TIMES)};
	const cJSON *tr = cJSON_GetObjectItemCaseSensitive(view, "treatments"), *p;
	if (!lia_view_table(x, L(x, L_TREATMENTS), tr, L(x, L_NO_TREATMENT), 4, w, h))
		return;
	cJSON_ArrayForEach(p, tr)
	{
		const char *times = lia_view_list(x, lia_view_get(p, "times"), ", ");
		if (lia_view_true(p, "as_needed"))
			times = lia_view_join(x, times, ", ", L(x, L_AS_NEEDED));
		const char *drug = lia_view_join(x, lia_view_str(p, "drug"), " — ",
						 lia_view_str(p, "instructions"));
		const char *row[] = {drug, lia_view_str(p, "dose"), lia_view_str(p, "route"),
				     times};
		lia_pdf_table_row(x->d, row, 0);
	}
	lia_pdf_table_end(x->d);
}

static const char *
outcome_text(struct lia_view *x, const char *code)
{
	for (size_t i = 0; code && i < sizeof outcomes / sizeof outcomes[0]; i++)
		if (!strcmp(outcomes[i][0], code))
			return outcomes[i][x->fr ? 1 : 2];
	return code;
}

static void
last_doses(struct lia_view *x, const cJSON *view)
{
	static const double w[] = {0.25, 0.40, 0.15, 0.20};
	const char *h[] = {L(x, L_AT), L(x, L_DRUG), L(x, L_DOSE), L(x, L_OUTCOME)};
	const cJSON *ld = cJSON_GetObjectItemCaseSensitive(view, "last_doses"), *d;
	if (!lia_view_table(x, L(x, L_LAST_DOSES), ld, L(x, L_NO_DOSE), 4, w, h))
		return;
	cJSON_ArrayForEach(d, ld)
	{
		const char *outcome = lia_view_str(d, "outcome");
		const char *row[] = {lia_view_instant(x, lia_view_str(d, "at")),
				     lia_view_str(d, "drug"), lia_view_str(d, "dose"),
				     outcome_text(x, outcome)};
		lia_pdf_table_row(x->d, row,
				  outcome && strcmp(outcome, "given") ? LIA_PDF_BOLD : 0);
	}
	lia_pdf_table_end(x->d);
}

/* How many ruled lines a field of the blank sheet gets. */
static int
blank_lines(const struct lia_dlu_field *f)
{
	if (!strcmp(f->name, "reason") || !strcmp(f->name, "belongings"))
		return 3;
	return 1;
}

#define MAX_VITALS 8

/* The vital signs as one table, a column each: recorded values ("—" when not
 * taken), or tall empty cells to write in. */
static void
vitals(struct lia_view *x, const struct lia_dlu_field *f, const cJSON *v, bool recorded)
{
	const char *h[MAX_VITALS], *row[MAX_VITALS];
	double w[MAX_VITALS];
	int n = 0;
	for (const struct lia_dlu_member *m = f->members; m->name && n < MAX_VITALS; m++, n++) {
		h[n] = x->fr ? m->label_fr : m->label_en;
		/* Blank: three lines of room for a hand-written value. */
		row[n] = recorded ? value_text(x, m, cJSON_GetObjectItemCaseSensitive(v, m->name)) :
				    " \n \n ";
	}
	for (int i = 0; i < n; i++)
		w[i] = 1.0 / n;
	lia_pdf_table_begin(x->d, n, w, h, 0);
	lia_pdf_table_row(x->d, row, 0);
	lia_pdf_table_end(x->d);
}

static void
transfer_sheet(struct lia_view *x, const cJSON *view)
{
	lia_pdf_page_break(x->d);
	lia_pdf_title(x->d, L(x, L_T_TITLE));
	if (withheld(view, "medical")) {
		lia_pdf_note(x->d, L(x, L_WITHHELD));
		return;
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(view, "transfer");
	const cJSON *fields = cJSON_IsObject(t) ? cJSON_GetObjectItemCaseSensitive(t, "fields") :
						  NULL;
	if (fields)
		lia_pdf_note(x->d,
			     lia_arena_printf(x->a, L(x, L_T_RECORDED),
					      lia_view_instant(x, lia_view_str(t, "created_at"))));
	else
		lia_pdf_note(x->d, L(x, L_T_BLANK));
	size_t n;
	const struct lia_dlu_field *tf = lia_dlu_transfer_fields(&n);
	for (size_t i = 0; i < n; i++) {
		const struct lia_dlu_field *f = &tf[i];
		const char *label = x->fr ? f->label_fr : f->label_en;
		const cJSON *v = fields ? cJSON_GetObjectItemCaseSensitive(fields, f->name) : NULL;
		if (f->shape == LIA_DLU_OBJECT) {
			lia_pdf_heading(x->d, label);
			vitals(x, f, fields ? v : NULL, fields != NULL);
			continue;
		}
		if (f->shape == LIA_DLU_LIST && f->members[0].kind == LIA_DLU_CHOICE) {
			/* The prostheses: a box per kind, ticked as recorded. */
			lia_pdf_heading(x->d, label);
			for (const struct lia_dlu_choice *c = f->members[0].choices; c->code; c++) {
				bool on = false;
				for (const cJSON *it = v ? v->child : NULL; it; it = it->next)
					on = on || (cJSON_IsString(it) &&
						    !strcmp(it->valuestring, c->code));
				lia_pdf_checkbox(x->d, on, x->fr ? c->label_fr : c->label_en);
			}
			continue;
		}
		if (fields) {
			bool bold;
			lia_pdf_field(x->d, label, field_text(x, f, v, &bold), 0);
		} else {
			lia_pdf_blank_lines(x->d, label, blank_lines(f));
		}
	}
	last_doses(x, view);
	treatments(x, view);
}

static void
documents(struct lia_view *x, const cJSON *fields)
{
	const struct lia_dlu_field *f = lia_dlu_field_find("documents");
	const cJSON *docs = cJSON_GetObjectItemCaseSensitive(fields, "documents");
	for (const struct lia_dlu_choice *c = f->members[0].choices; c->code; c++) {
		bool on = false;
		for (const cJSON *it = docs ? docs->child : NULL; it; it = it->next) {
			const char *code = lia_view_str(it, "document");
			if (code && !strcmp(code, c->code))
				on = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "present"));
		}
		lia_pdf_checkbox(x->d, on, x->fr ? c->label_fr : c->label_en);
	}
}

static void
identity(struct lia_view *x, const cJSON *view, const cJSON *client, const cJSON *fields)
{
	lia_pdf_heading(x->d, L(x, L_S_IDENTITY));
	lia_pdf_field(x->d, L(x, L_BIRTH_NAME),
		      lia_view_upper(x, lia_view_str(client, "birth_name")), LIA_PDF_BOLD);
	lia_pdf_field(x->d, L(x, L_USED_NAME), lia_view_upper(x, lia_view_str(client, "used_name")),
		      0);
	lia_pdf_field(x->d, L(x, L_GIVEN_NAME), lia_view_str(client, "given_name"), 0);
	lia_pdf_field(x->d, L(x, L_BIRTH_DATE),
		      lia_view_date(x, lia_view_str(client, "birth_date")), 0);
	const char *ins = lia_view_ins(x, lia_view_str(client, "ins"));
	if (ins)
		lia_pdf_field(x->d, "INS", ins, 0); /* the same word in English */
	if (withheld(view, "admin")) {
		lia_pdf_note(x->d, L(x, L_WITHHELD));
		return;
	}
	lia_pdf_field(x->d, L(x, L_ADDRESS), lia_view_str(client, "address"), 0);
	lia_pdf_field(x->d, L(x, L_PHONE), lia_view_str(client, "phone"), 0);
	dlu_fields(x, fields, LIA_CAT_ADMIN);
	const cJSON *circle = cJSON_GetObjectItemCaseSensitive(view, "care_circle");
	if (!cJSON_GetArraySize(circle))
		return;
	lia_pdf_space(x->d, 6);
	static const double w[] = {0.35, 0.65};
	const char *h[] = {L(x, L_ROLE), L(x, L_NAME)};
	lia_pdf_note(x->d, L(x, L_CIRCLE));
	lia_pdf_table_begin(x->d, 2, w, h, 0);
	for (const cJSON *m = circle->child; m; m = m->next) {
		const char *row[] = {lia_view_code(x, LIA_VIEW_ROLE, lia_view_str(m, "role")),
				     lia_view_str(m, "name")};
		lia_pdf_table_row(x->d, row, 0);
	}
	lia_pdf_table_end(x->d);
}

int
lia_pdf_render_dlu(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls)
{
	struct lia_view x;
	lia_view_init(&x, view, french);
	struct lia_arena *a = x.a;
	const cJSON *client = cJSON_GetObjectItemCaseSensitive(view, "client");
	const cJSON *dlu = cJSON_GetObjectItemCaseSensitive(view, "dlu");
	const cJSON *fields = cJSON_GetObjectItemCaseSensitive(dlu, "fields");
	/* "DUPONT Jeanne (née MARTIN)", "Née le 12/03/1940 · INS ...". */
	const char *name = lia_view_name(&x, client, LIA_VIEW_NAME_UPPER | LIA_VIEW_NAME_NEE);
	struct lia_pdf_header h = {.title = name ? name : "—",
				   .subtitle = lia_view_born(&x, client),
				   .generated = lia_view_generated(&x, view),
				   .notice = lia_pdf_notice(french)};
	if (lia_view_open(&x, &h, LIA_PDF_PORTRAIT) != LIA_PDF_OK)
		return LIA_PDF_ERROR;
	lia_pdf_title(x.d, L(&x, L_TITLE));
	const char *updated = lia_view_instant(&x, lia_view_str(dlu, "updated_at"));
	lia_pdf_note(x.d,
		     updated ? lia_arena_printf(a, L(&x, L_UPDATED), updated) : L(&x, L_NEVER));
	if (lia_view_str(view, "reader"))
		lia_pdf_note(x.d,
			     lia_arena_printf(a, L(&x, L_READER),
					      lia_view_code(&x, LIA_VIEW_PROFILE,
							    lia_view_str(view, "reader"))));

	identity(&x, view, client, fields);

	lia_pdf_heading(x.d, L(&x, L_S_MEDICAL));
	if (withheld(view, "medical")) {
		lia_pdf_note(x.d, L(&x, L_WITHHELD));
	} else {
		dlu_fields(&x, fields, LIA_CAT_MEDICAL);
		treatments(&x, view);
	}

	lia_pdf_heading(x.d, L(&x, L_S_CARE));
	if (withheld(view, "care"))
		lia_pdf_note(x.d, L(&x, L_WITHHELD));
	else
		dlu_fields(&x, fields, LIA_CAT_CARE);

	lia_pdf_heading(x.d, L(&x, L_S_DOCUMENTS));
	if (withheld(view, "admin"))
		lia_pdf_note(x.d, L(&x, L_WITHHELD));
	else
		documents(&x, fields);

	transfer_sheet(&x, view);
	return lia_view_finish(&x, w, cls);
}
