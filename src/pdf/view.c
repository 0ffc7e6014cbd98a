/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The renderers' shared helpers (view.h): reading a JSON view, strings made in the
 * document's arena, and the label tables of codes several documents print. Written
 * once here because six renderers had each grown their own copy, with small
 * differences in what the same code or the same name looked like on paper.
 */
#include <string.h>

#include <glib.h>

#include "pdf/view.h"

/* ---- the document's life ---- */

void
lia_view_init(struct lia_view *x, const cJSON *view, bool french)
{
	const char *tz = lia_view_str(view, "tz");
	if (!tz)
		tz = lia_view_str(view, "time_zone");
	/* Views carry their zone; a French service's paper is in French time otherwise. */
	*x = (struct lia_view){.a = lia_arena_new(), .fr = french, .tz = tz ? tz : "Europe/Paris"};
}

int
lia_view_open(struct lia_view *x, const struct lia_pdf_header *h, enum lia_pdf_orientation o)
{
	x->d = lia_pdf_new(h, o);
	if (x->d)
		return LIA_PDF_OK;
	lia_view_clear(x);
	return LIA_PDF_ERROR;
}

int
lia_view_finish(struct lia_view *x, lia_pdf_write_fn w, void *cls)
{
	int st = lia_pdf_finish(x->d, w, cls);
	lia_view_clear(x);
	return st;
}

void
lia_view_clear(struct lia_view *x)
{
	lia_pdf_free(x->d);
	lia_arena_free(x->a);
	x->d = NULL;
	x->a = NULL;
}

/* ---- reading the view ---- */

const cJSON *
lia_view_get(const cJSON *o, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(o, name);
}

const char *
lia_view_str(const cJSON *o, const char *name)
{
	const cJSON *v = lia_view_get(o, name);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

int
lia_view_int(const cJSON *o, const char *name)
{
	const cJSON *v = lia_view_get(o, name);
	return cJSON_IsNumber(v) ? v->valueint : 0;
}

bool
lia_view_true(const cJSON *o, const char *name)
{
	return cJSON_IsTrue(lia_view_get(o, name));
}

const char *
lia_view_or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- strings ---- */

const char *
lia_view_join(struct lia_view *x, const char *a, const char *sep, const char *b)
{
	if (!a || !*a)
		return b;
	if (!b || !*b)
		return a;
	return lia_arena_printf(x->a, "%s%s%s", a, sep, b);
}

const char *
lia_view_list(struct lia_view *x, const cJSON *arr, const char *sep)
{
	const char *s = NULL;
	const cJSON *t;
	cJSON_ArrayForEach(t, arr)
	{
		if (cJSON_IsString(t))
			s = lia_view_join(x, s, sep, t->valuestring);
	}
	return s;
}

const char *
lia_view_upper(struct lia_view *x, const char *s)
{
	if (!s)
		return NULL;
	gchar *u = g_utf8_strup(s, -1);
	const char *out = lia_arena_strdup(x->a, u ? u : s);
	g_free(u);
	return out;
}

const char *
lia_view_capital(struct lia_view *x, const char *s)
{
	if (!s || !*s || !g_utf8_validate(s, -1, NULL))
		return s;
	const char *rest = g_utf8_find_next_char(s, NULL);
	gchar *first = g_utf8_strup(s, rest - s);
	const char *out = lia_arena_printf(x->a, "%s%s", first, rest);
	g_free(first);
	return out;
}

const char *
lia_view_date(struct lia_view *x, const char *iso_date)
{
	if (!iso_date)
		return NULL;
	char *out = lia_arena_alloc(x->a, 32);
	lia_pdf_date(iso_date, x->fr, out, 32);
	return out;
}

const char *
lia_view_instant(struct lia_view *x, const char *rfc3339)
{
	if (!rfc3339)
		return NULL;
	char *out = lia_arena_alloc(x->a, 32);
	lia_pdf_instant(rfc3339, x->tz, x->fr, out, 32);
	return out;
}

const char *
lia_view_generated(struct lia_view *x, const cJSON *view)
{
	char *out = lia_arena_alloc(x->a, 96);
	lia_pdf_generated(lia_view_str(view, "generated_at"), x->tz, x->fr, out, 96);
	return out;
}

const char *
lia_view_ins(struct lia_view *x, const char *ins)
{
	if (!ins || strlen(ins) != 15)
		return ins;
	return lia_arena_printf(x->a, "%.1s %.2s %.2s %.2s %.3s %.3s %.2s", ins, ins + 1, ins + 3,
				ins + 5, ins + 7, ins + 10, ins + 13);
}

const char *
lia_view_address(struct lia_view *x, const cJSON *address, const char *sep)
{
	const char *town = lia_view_join(x, lia_view_str(address, "postal_code"), " ",
					 lia_view_str(address, "city"));
	return lia_view_join(x, lia_view_str(address, "line"), sep, town);
}

/* F, M or anything else (unknown, not given): the three forms French needs. */
static int
sex_of(const cJSON *person)
{
	const char *sex = lia_view_str(person, "sex");
	return sex && !strcmp(sex, "F") ? 0 : sex && !strcmp(sex, "M") ? 1 : 2;
}

const char *
lia_view_name(struct lia_view *x, const cJSON *person, unsigned how)
{
	static const char *const nee[3][2] = {{"née", "née"}, {"né", "born"}, {"né(e)", "born"}};
	const char *birth = lia_view_str(person, "birth_name");
	const char *used = lia_view_str(person, "used_name");
	if (how & LIA_VIEW_NAME_UPPER) {
		birth = lia_view_upper(x, birth);
		used = lia_view_upper(x, used);
	}
	const char *given = lia_view_str(person, "used_given_name");
	if (!given)
		given = lia_view_str(person, "first_given_name");
	if (!given)
		given = lia_view_str(person, "given_name");
	if (!used || (birth && !strcmp(used, birth)))
		return lia_view_join(x, birth, " ", given);
	const char *name = lia_view_join(x, used, " ", given);
	if (!birth)
		return name;
	if (how & LIA_VIEW_NAME_NEE)
		return lia_arena_printf(x->a, "%s (%s %s)", name,
					nee[sex_of(person)][x->fr ? 0 : 1], birth);
	return lia_arena_printf(x->a, "%s (%s)", name, birth);
}

const char *
lia_view_born(struct lia_view *x, const cJSON *person)
{
	static const char *const born[3][2] = {{"Née le %s", "Born on %s"},
					       {"Né le %s", "Born on %s"},
					       {"Né(e) le %s", "Born on %s"}};
	const char *s = NULL;
	const char *date = lia_view_date(x, lia_view_str(person, "birth_date"));
	if (date)
		s = lia_arena_printf(x->a, born[sex_of(person)][x->fr ? 0 : 1], date);
	const char *ins = lia_view_ins(x, lia_view_str(person, "ins"));
	if (ins)
		s = lia_view_join(x, s, " · ", lia_arena_printf(x->a, "INS %s", ins));
	const cJSON *gir = lia_view_get(person, "gir");
	if (cJSON_IsNumber(gir))
		s = lia_view_join(x, s, " · ", lia_arena_printf(x->a, "GIR %d", gir->valueint));
	return s;
}

void
lia_view_sheet_header(struct lia_view *x, const cJSON *view, struct lia_pdf_header *h)
{
	const char *name = lia_view_name(x, view, 0);
	const char *born = lia_view_date(x, lia_view_str(view, "birth_date"));
	h->title = name ? name : "—";
	h->subtitle = lia_arena_printf(x->a, "%s %s",
				       x->fr ? "Date de naissance :" : "Born:", born ? born : "—");
	h->generated = lia_view_generated(x, view);
	h->notice = lia_pdf_notice(x->fr);
}

/* ---- codes ---- */

/* Union of what the record, the index and the day sheet named; the record capitalises
 * them in its table. */
static const struct lia_view_label alert_types[] = {
	{"medical", "alarme médicale", "medical alarm"},
	{"personal_emergency", "appel d'urgence", "emergency call"},
	{"panic", "alarme panique", "panic alarm"},
	{"fall", "chute", "fall"},
	{"fire", "alarme incendie", "fire alarm"},
	{"inactivity", "absence d'activité", "no activity"},
	{"low_battery", "pile faible", "low battery"},
	{"mains_lost", "coupure secteur", "mains power lost"},
	{"communication_failure", "défaut de transmission", "communication failure"},
	{"tamper", "autoprotection", "tamper"},
	{"device_silent", "transmetteur silencieux", "device silent"},
	{"alarm_path_lost", "liaison d'alarme perdue", "alarm path lost"},
	{"periodic_test", "test cyclique manquant", "periodic test missing"},
	{"unknown_event", "événement inconnu", "unknown event"},
	{"visit_late", "visite en retard", "late visit"},
	{"visit_not_checked_out", "visite non clôturée", "visit not checked out"},
	{"delivery_failed", "livraison échouée", "delivery failed"},
	{"dose_missed", "prise manquée", "missed dose"},
	{"dose_refused_repeatedly", "refus de traitement répétés", "repeated dose refusals"},
	{NULL, NULL, NULL},
};

static const struct lia_view_label roles[] = {
	/* care circle roles */
	{"medecin_traitant", "Médecin traitant", "General practitioner"},
	{"infirmier", "Infirmier(ère)", "Nurse"},
	{"aide_domicile", "Aide à domicile", "Home help"},
	{"aide_soignant", "Aide-soignant(e)", "Care assistant"},
	{"aidant", "Aidant(e)", "Family caregiver"},
	{"personne_confiance", "Personne de confiance", "Trusted person"},
	/* the DLU's contacts (domain/dlu.h) */
	{"personne_a_prevenir", "Personne à prévenir", "Person to notify"},
	{"preferred_hospital", "Hôpital de préférence", "Preferred hospital"},
	{"responsable_legal", "Responsable légal", "Legal guardian"},
	/* staff roles */
	{"admin", "Administrateur", "Administrator"},
	{"coordinator", "Coordinatrice", "Coordinator"},
	{"nurse", "Infirmier(ère)", "Nurse"},
	{"doctor", "Médecin", "Doctor"},
	{"aide", "Aide à domicile", "Home help"},
	{"alarm_operator", "Opérateur d'alarme", "Alarm operator"},
	{"auditor", "Auditeur", "Auditor"},
	/* relations to the client, and how access was granted */
	{"self", "L'usager", "The client"},
	{"caregiver", "Aidant(e)", "Family caregiver"},
	{"legal_representative", "Représentant légal", "Legal representative"},
	{"assigned", "Intervenant de la visite", "Visit worker"},
	{"break_glass", "Accès d'urgence", "Emergency access"},
	{NULL, NULL, NULL},
};

/* Whose reading a bundle holds; any other reader label (a person's name) prints as is. */
static const struct lia_view_label profiles[] = {
	{"care", "équipe d'intervention (sans données médicales)", "care team (no medical data)"},
	{"health", "professionnels de santé", "health professionals"},
	{NULL, NULL, NULL},
};

static const struct lia_view_label moments[] = {
	{"matin", "matin", "morning"},     {"midi", "midi", "noon"}, {"soir", "soir", "evening"},
	{"coucher", "coucher", "bedtime"}, {NULL, NULL, NULL},
};

const char *
lia_view_label(const struct lia_view *x, const struct lia_view_label *t, const char *code)
{
	for (; code && t->code; t++)
		if (!strcmp(t->code, code))
			return x->fr ? t->fr : t->en;
	return code;
}

const char *
lia_view_code(const struct lia_view *x, enum lia_view_codes t, const char *code)
{
	static const struct lia_view_label *const tables[] = {
		[LIA_VIEW_ALERT_TYPE] = alert_types,
		[LIA_VIEW_ROLE] = roles,
		[LIA_VIEW_MOMENT] = moments,
		[LIA_VIEW_PROFILE] = profiles,
	};
	return lia_view_label(x, tables[t], code);
}

const char *
lia_view_weekday(const struct lia_view *x, int n, bool abbreviated)
{
	static const char *const days[7][4] = {
		{"lundi", "lun", "Monday", "Mon"},       {"mardi", "mar", "Tuesday", "Tue"},
		{"mercredi", "mer", "Wednesday", "Wed"}, {"jeudi", "jeu", "Thursday", "Thu"},
		{"vendredi", "ven", "Friday", "Fri"},    {"samedi", "sam", "Saturday", "Sat"},
		{"dimanche", "dim", "Sunday", "Sun"},
	};
	if (n < 1 || n > 7)
		return NULL;
	return days[n - 1][(x->fr ? 0 : 2) + (abbreviated ? 1 : 0)];
}

/* ---- blocks ---- */

bool
lia_view_table(struct lia_view *x, const char *heading, const cJSON *items, const char *none,
	       int ncols, const double *widths, const char *const *headers)
{
	lia_pdf_heading(x->d, heading);
	if (cJSON_GetArraySize(items) == 0) {
		lia_pdf_note(x->d, none);
		return false;
	}
	lia_pdf_table_begin(x->d, ncols, widths, headers, 0);
	return true;
}
