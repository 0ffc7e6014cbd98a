/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The DLU field table and the checks that read it (see dlu.h). Labels follow the
 * HAS 2015 DLU model's wording, so a nurse in the emergency department finds each
 * section where the national form has it.
 */
#include "domain/dlu.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/utf8.h"
#include "domain/phone.h"

#define NAME_MAX_LEN 120
#define SHORT_MAX 200
#define TEXT_MAX 500
#define LONG_MAX 2000
#define PHONE_MIN_DIGITS 2 /* "15": the SAMU is a number to call */
#define FIELD_LEN 64

/* ---- the table ---- */

static const struct lia_dlu_member person[] = {
	{"name", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Nom", "Name"},
	{"relation", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Lien", "Relationship"},
	{"phone", LIA_DLU_PHONE, 0, NULL, "Téléphone", "Phone"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member doctor[] = {
	{"name", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Nom", "Name"},
	{"phone", LIA_DLU_PHONE, 0, NULL, "Téléphone", "Phone"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member hospital[] = {
	{"name", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Établissement", "Hospital"},
	{"phone", LIA_DLU_PHONE, 0, NULL, "Téléphone", "Phone"},
	{"address", LIA_DLU_TEXT, SHORT_MAX, NULL, "Adresse", "Address"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
/* HAS DLU: "documents joints" — what travels with the file. */
static const struct lia_dlu_choice document_codes[] = {
	{"dernieres_ordonnances", "Dernières ordonnances", "Latest prescriptions"},
	{"bilan_biologique", "Bilan biologique récent", "Recent blood tests"},
	{"ecg", "ECG", "ECG"},
	{"comptes_rendus_hospitalisation", "Comptes rendus d'hospitalisation",
	 "Hospital discharge reports"},
	{"courriers_specialistes", "Courriers de spécialistes", "Specialists' letters"},
	{"carte_groupe_sanguin", "Carte de groupe sanguin", "Blood group card"},
	{"directives_anticipees", "Directives anticipées", "Advance directives"},
	{"carte_vitale_mutuelle", "Carte Vitale / mutuelle", "Health insurance cards"},
	{"plan_de_soins", "Plan de soins", "Care plan"},
	{NULL, NULL, NULL},
};
static const struct lia_dlu_member document[] = {
	{"document", LIA_DLU_CHOICE, 0, document_codes, "Document", "Document"},
	{"present", LIA_DLU_BOOL, 0, NULL, "Joint", "Attached"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member short_text[] = {
	{"", LIA_DLU_TEXT, SHORT_MAX, NULL, NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member text[] = {
	{"", LIA_DLU_TEXT, TEXT_MAX, NULL, NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member long_text[] = {
	{"", LIA_DLU_TEXT, LONG_MAX, NULL, NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member allergy[] = {
	{"substance", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Substance", "Substance"},
	{"reaction", LIA_DLU_TEXT, SHORT_MAX, NULL, "Réaction", "Reaction"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member palliative[] = {
	{"active", LIA_DLU_BOOL, 0, NULL, "En soins palliatifs", "In palliative care"},
	{"team", LIA_DLU_TEXT, SHORT_MAX, NULL, "Équipe", "Team"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member directives[] = {
	{"exists", LIA_DLU_BOOL, 0, NULL, "Rédigées", "Written"},
	{"location", LIA_DLU_TEXT, SHORT_MAX, NULL, "Où les trouver", "Where to find them"},
	{"written_on", LIA_DLU_DATE, 0, NULL, "Date", "Date"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member bmr[] = {
	{"carrier", LIA_DLU_BOOL, 0, NULL, "Porteur", "Carrier"},
	{"organism", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Germe", "Organism"},
	{"identified_on", LIA_DLU_DATE, 0, NULL, "Identifié le", "Identified on"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_member vaccination[] = {
	{"vaccine", LIA_DLU_TEXT, NAME_MAX_LEN, NULL, "Vaccin", "Vaccine"},
	{"date", LIA_DLU_DATE, 0, NULL, "Date", "Date"},
	{NULL, 0, 0, NULL, NULL, NULL},
};

#define ADMIN LIA_CAT_ADMIN
#define MEDICAL LIA_CAT_MEDICAL
#define CARE LIA_CAT_CARE

static const struct lia_dlu_field fields[] = {
	{"medecin_traitant", LIA_DLU_OBJECT, ADMIN, doctor, 0, "Médecin traitant",
	 "General practitioner"},
	{"personne_confiance", LIA_DLU_OBJECT, ADMIN, person, 0, "Personne de confiance",
	 "Trusted person"},
	{"personne_a_prevenir", LIA_DLU_OBJECT, ADMIN, person, 0, "Personne à prévenir",
	 "Person to notify"},
	{"preferred_hospital", LIA_DLU_OBJECT, ADMIN, hospital, 0,
	 "Établissement de santé habituel", "Preferred hospital"},
	{"legal_protection", LIA_DLU_SCALAR, ADMIN, short_text, 0, "Mesure de protection juridique",
	 "Legal protection"},
	{"documents", LIA_DLU_OBJECT_LIST, ADMIN, document, 16, "Documents joints",
	 "Annexed documents"},
	{"pathologies", LIA_DLU_LIST, MEDICAL, short_text, 30, "Pathologies en cours",
	 "Current conditions"},
	{"history", LIA_DLU_LIST, MEDICAL, short_text, 30, "Antécédents", "Medical history"},
	{"allergies", LIA_DLU_OBJECT_LIST, MEDICAL, allergy, 20, "Allergies", "Allergies"},
	{"treatments_note", LIA_DLU_SCALAR, MEDICAL, long_text, 0, "Traitements au long cours",
	 "Long-term treatments"},
	{"palliative_care", LIA_DLU_OBJECT, MEDICAL, palliative, 0, "Soins palliatifs",
	 "Palliative care"},
	{"advance_directives", LIA_DLU_OBJECT, MEDICAL, directives, 0, "Directives anticipées",
	 "Advance directives"},
	{"bmr", LIA_DLU_OBJECT, MEDICAL, bmr, 0, "BMR / BHRe", "Multi-resistant bacteria"},
	{"vaccinations", LIA_DLU_OBJECT_LIST, MEDICAL, vaccination, 30, "Vaccinations",
	 "Vaccinations"},
	{"communication", LIA_DLU_SCALAR, CARE, text, 0, "Communication", "Communication"},
	{"orientation", LIA_DLU_SCALAR, CARE, text, 0, "Orientation", "Orientation"},
	{"behaviour", LIA_DLU_SCALAR, CARE, text, 0, "Comportement", "Behaviour"},
	{"falls", LIA_DLU_SCALAR, CARE, text, 0, "Chutes", "Falls"},
	{"wandering", LIA_DLU_SCALAR, CARE, text, 0, "Déambulation, fugue", "Wandering"},
	{"restraint", LIA_DLU_SCALAR, CARE, text, 0, "Contention", "Restraint"},
	{"pressure_sore_risk", LIA_DLU_SCALAR, CARE, text, 0, "Risque d'escarre",
	 "Pressure-sore risk"},
	{"swallowing", LIA_DLU_SCALAR, CARE, text, 0, "Déglutition", "Swallowing"},
	{"mobility", LIA_DLU_SCALAR, CARE, text, 0, "Mobilité", "Mobility"},
	{"diet", LIA_DLU_SCALAR, CARE, text, 0, "Alimentation, régime", "Diet"},
};

static const struct lia_dlu_member vitals[] = {
	{"blood_pressure", LIA_DLU_TEXT, 20, NULL, "Tension artérielle", "Blood pressure"},
	{"pulse", LIA_DLU_TEXT, 20, NULL, "Pouls", "Pulse"},
	{"temperature", LIA_DLU_TEXT, 20, NULL, "Température", "Temperature"},
	{"spo2", LIA_DLU_TEXT, 20, NULL, "SpO2", "SpO2"},
	{"glycaemia", LIA_DLU_TEXT, 20, NULL, "Glycémie", "Blood glucose"},
	{"consciousness", LIA_DLU_TEXT, SHORT_MAX, NULL, "État de conscience", "Consciousness"},
	{NULL, 0, 0, NULL, NULL, NULL},
};
static const struct lia_dlu_choice prosthesis_codes[] = {
	{"dentaire_haut", "Prothèse dentaire haut", "Upper denture"},
	{"dentaire_bas", "Prothèse dentaire bas", "Lower denture"},
	{"auditive_gauche", "Appareil auditif gauche", "Left hearing aid"},
	{"auditive_droite", "Appareil auditif droit", "Right hearing aid"},
	{"lunettes", "Lunettes", "Glasses"},
	{"lentilles", "Lentilles", "Contact lenses"},
	{"canne", "Canne", "Walking stick"},
	{"deambulateur", "Déambulateur", "Walking frame"},
	{"fauteuil_roulant", "Fauteuil roulant", "Wheelchair"},
	{"autre", "Autre", "Other"},
	{NULL, NULL, NULL},
};
static const struct lia_dlu_member prosthesis[] = {
	{"", LIA_DLU_CHOICE, 0, prosthesis_codes, NULL, NULL},
	{NULL, 0, 0, NULL, NULL, NULL},
};

static const struct lia_dlu_field transfer_fields[] = {
	{"reason", LIA_DLU_SCALAR, MEDICAL, text, 0, "Motif du transfert", "Reason for transfer"},
	{"vital_signs", LIA_DLU_OBJECT, MEDICAL, vitals, 0, "Paramètres vitaux", "Vital signs"},
	{"last_meal", LIA_DLU_SCALAR, MEDICAL, short_text, 0, "Dernier repas", "Last meal"},
	{"prostheses", LIA_DLU_LIST, MEDICAL, prosthesis, 12, "Prothèses et appareillages",
	 "Prostheses and aids"},
	{"belongings", LIA_DLU_SCALAR, MEDICAL, text, 0, "Effets personnels",
	 "Personal belongings"},
	{"accompanied_by", LIA_DLU_SCALAR, MEDICAL, short_text, 0, "Accompagné par",
	 "Accompanied by"},
	{"transport", LIA_DLU_SCALAR, MEDICAL, short_text, 0, "Mode de transport", "Transport"},
};

#define COUNT(x) (sizeof(x) / sizeof((x)[0]))

const struct lia_dlu_field *
lia_dlu_fields(size_t *n)
{
	*n = COUNT(fields);
	return fields;
}

const struct lia_dlu_field *
lia_dlu_transfer_fields(size_t *n)
{
	*n = COUNT(transfer_fields);
	return transfer_fields;
}

static const struct lia_dlu_field *
find(const struct lia_dlu_field *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

const struct lia_dlu_field *
lia_dlu_field_find(const char *name)
{
	return name ? find(fields, COUNT(fields), name) : NULL;
}

const char *
lia_dlu_choice_label(const struct lia_dlu_member *m, const char *code, bool french)
{
	for (const struct lia_dlu_choice *c = m->choices; c && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return french ? c->label_fr : c->label_en;
	return code;
}

unsigned
lia_dlu_patch_categories(const cJSON *patch)
{
	unsigned cats = 0;
	if (!cJSON_IsObject(patch))
		return 0;
	for (const cJSON *m = patch->child; m; m = m->next) {
		const struct lia_dlu_field *f = lia_dlu_field_find(m->string);
		if (f)
			cats |= 1u << f->category;
	}
	return cats;
}

/* ---- checks ---- */

static void
error_at(struct lia_problem *p, const char *field, int index, const char *member,
	 enum lia_field_error e)
{
	char name[FIELD_LEN];
	if (index >= 0 && member)
		snprintf(name, sizeof name, "%s[%d].%s", field, index, member);
	else if (index >= 0)
		snprintf(name, sizeof name, "%s[%d]", field, index);
	else if (member)
		snprintf(name, sizeof name, "%s.%s", field, member);
	else
		snprintf(name, sizeof name, "%s", field);
	lia_problem_field(p, name, e);
}

/* LIA_FE_COUNT when v fits member m. */
static enum lia_field_error
value_error(const struct lia_dlu_member *m, const cJSON *v)
{
	if (m->kind == LIA_DLU_BOOL)
		return cJSON_IsBool(v) ? LIA_FE_COUNT : LIA_FE_INVALID_TYPE;
	if (!cJSON_IsString(v))
		return LIA_FE_INVALID_TYPE;
	const char *s = v->valuestring;
	if (!lia_utf8_valid(s, strlen(s)))
		return LIA_FE_INVALID_FORMAT;
	switch (m->kind) {
	case LIA_DLU_TEXT:
		if (s[0] == '\0')
			return LIA_FE_TOO_SHORT;
		return lia_utf8_length(s) > (size_t)m->max ? LIA_FE_TOO_LONG : LIA_FE_COUNT;
	case LIA_DLU_PHONE:
		return lia_phone_error(s, PHONE_MIN_DIGITS);
	case LIA_DLU_DATE:
		return lia_date_valid(s) ? LIA_FE_COUNT : LIA_FE_INVALID_DATE;
	case LIA_DLU_CHOICE:
		for (const struct lia_dlu_choice *c = m->choices; c->code; c++)
			if (strcmp(c->code, s) == 0)
				return LIA_FE_COUNT;
		return LIA_FE_INVALID_VALUE;
	case LIA_DLU_BOOL:
		break;
	}
	return LIA_FE_COUNT;
}

/* Checks object o against members; errors named field[index].member. */
static int
check_object(const struct lia_dlu_field *f, int index, const cJSON *o, struct lia_problem *p)
{
	int errors = 0;
	if (!cJSON_IsObject(o)) {
		error_at(p, f->name, index, NULL, LIA_FE_INVALID_TYPE);
		return 1;
	}
	for (const cJSON *v = o->child; v; v = v->next) {
		const struct lia_dlu_member *m = f->members;
		while (m->name && strcmp(m->name, v->string) != 0)
			m++;
		enum lia_field_error e = LIA_FE_COUNT;
		if (!m->name)
			e = LIA_FE_UNKNOWN_FIELD;
		else if (cJSON_IsNull(v))
			continue;
		else
			e = value_error(m, v);
		for (const cJSON *o2 = o->child; e == LIA_FE_COUNT && o2 != v; o2 = o2->next)
			if (strcmp(o2->string, v->string) == 0)
				e = LIA_FE_DUPLICATE_FIELD;
		if (e != LIA_FE_COUNT) {
			error_at(p, f->name, index, v->string, e);
			errors++;
		}
	}
	/* A checklist line says which document; the other objects may be partial. */
	if (f->members == document && !cJSON_GetObjectItemCaseSensitive(o, "document")) {
		error_at(p, f->name, index, "document", LIA_FE_REQUIRED);
		errors++;
	}
	return errors;
}

/* Checks one field's value; the number of errors. */
static int
check_field(const struct lia_dlu_field *f, const cJSON *v, struct lia_problem *p)
{
	int errors = 0;
	switch (f->shape) {
	case LIA_DLU_SCALAR: {
		enum lia_field_error e = value_error(&f->members[0], v);
		if (e != LIA_FE_COUNT) {
			error_at(p, f->name, -1, NULL, e);
			errors++;
		}
		break;
	}
	case LIA_DLU_OBJECT:
		errors += check_object(f, -1, v, p);
		break;
	case LIA_DLU_LIST:
	case LIA_DLU_OBJECT_LIST: {
		if (!cJSON_IsArray(v)) {
			error_at(p, f->name, -1, NULL, LIA_FE_INVALID_TYPE);
			return 1;
		}
		/* The items of an over-long list are not looked at: one error says it. */
		if (cJSON_GetArraySize(v) > f->max_items) {
			error_at(p, f->name, -1, NULL, LIA_FE_TOO_LONG);
			return 1;
		}
		int i = 0;
		for (const cJSON *it = v->child; it; it = it->next, i++) {
			if (f->shape == LIA_DLU_OBJECT_LIST) {
				errors += check_object(f, i, it, p);
				continue;
			}
			enum lia_field_error e = value_error(&f->members[0], it);
			if (e != LIA_FE_COUNT) {
				error_at(p, f->name, i, NULL, e);
				errors++;
			}
		}
		break;
	}
	}
	return errors;
}

/* RFC 7396 MergePatch(target, patch): objects merge member by member (null
 * removes), anything else replaces. A new tree. */
static cJSON *
merge(const cJSON *target, const cJSON *patch)
{
	if (!cJSON_IsObject(patch))
		return cJSON_Duplicate(patch, true);
	cJSON *out = cJSON_IsObject(target) ? cJSON_Duplicate(target, true) : cJSON_CreateObject();
	for (const cJSON *m = patch->child; m; m = m->next) {
		cJSON *old = cJSON_DetachItemFromObjectCaseSensitive(out, m->string);
		if (!cJSON_IsNull(m))
			cJSON_AddItemToObject(out, m->string, merge(old, m));
		cJSON_Delete(old);
	}
	return out;
}

/* True when the object has no member left (a person whose every member was removed
 * is no person: the field goes). */
static bool
empty_object(const cJSON *v)
{
	return cJSON_IsObject(v) && !v->child;
}

bool
lia_dlu_merge(const cJSON *current, const cJSON *patch, cJSON **out, struct lia_problem *p)
{
	*out = NULL;
	if (!cJSON_IsObject(patch)) {
		lia_problem_set(p, LIA_P_VALIDATION_FAILED, "The body must be a JSON object.",
				"Le corps doit être un objet JSON.");
		return false;
	}
	int errors = 0;
	for (const cJSON *m = patch->child; m; m = m->next) {
		if (!lia_dlu_field_find(m->string)) {
			error_at(p, m->string, -1, NULL, LIA_FE_UNKNOWN_FIELD);
			errors++;
			continue;
		}
		for (const cJSON *o = patch->child; o != m; o = o->next)
			if (strcmp(o->string, m->string) == 0) {
				error_at(p, m->string, -1, NULL, LIA_FE_DUPLICATE_FIELD);
				errors++;
				break;
			}
	}
	if (errors)
		return false;
	cJSON *merged = merge(current, patch);
	for (const cJSON *m = patch->child; m; m = m->next) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(merged, m->string);
		if (!v)
			continue;
		if (empty_object(v)) {
			cJSON_DeleteItemFromObjectCaseSensitive(merged, m->string);
			continue;
		}
		errors += check_field(lia_dlu_field_find(m->string), v, p);
	}
	if (errors) {
		cJSON_Delete(merged);
		return false;
	}
	*out = merged;
	return true;
}

bool
lia_dlu_transfer_check(const cJSON *body, struct lia_problem *p)
{
	if (!cJSON_IsObject(body)) {
		lia_problem_set(p, LIA_P_VALIDATION_FAILED, "The body must be a JSON object.",
				"Le corps doit être un objet JSON.");
		return false;
	}
	int errors = 0;
	for (const cJSON *m = body->child; m; m = m->next) {
		const struct lia_dlu_field *f =
			find(transfer_fields, COUNT(transfer_fields), m->string);
		if (!f) {
			error_at(p, m->string, -1, NULL, LIA_FE_UNKNOWN_FIELD);
			errors++;
			continue;
		}
		bool dup = false;
		for (const cJSON *o = body->child; o != m; o = o->next)
			dup = dup || strcmp(o->string, m->string) == 0;
		if (dup) {
			error_at(p, m->string, -1, NULL, LIA_FE_DUPLICATE_FIELD);
			errors++;
		} else if (!cJSON_IsNull(m)) {
			errors += check_field(f, m, p);
		}
	}
	const cJSON *reason = cJSON_GetObjectItemCaseSensitive(body, "reason");
	if (!reason || cJSON_IsNull(reason)) {
		lia_problem_field(p, "reason", LIA_FE_REQUIRED);
		errors++;
	}
	return errors == 0;
}
