/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The emergency liaison file's own fields (DLU, HAS 2015 model; content per the ANS
 * CI-SIS volet DLU-EHPAD) and the transfer sheet to the emergency department: ONE
 * table says, for each field, its JSON shape, its access category (policy.h) and its
 * printed label in French and English. The API, the view and the PDF all read it, so
 * a field added here is stored, checked, withheld and printed without another edit.
 *
 * A DLU is one JSON object {field: value}; it is changed by a JSON merge patch
 * (RFC 7396): a member set to null is removed, an object is merged member by member,
 * an array is replaced whole. Every value is bounded (text length, list length) and
 * its text is valid UTF-8. A transfer is one JSON object checked whole.
 */
#ifndef LIA_DOMAIN_DLU_H
#define LIA_DOMAIN_DLU_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "core/errors.h"
#include "domain/policy.h"

/* What a value (or an object's member) holds. */
enum lia_dlu_kind {
	LIA_DLU_TEXT,   /* a string, 1..max characters */
	LIA_DLU_PHONE,  /* "+33 6 12 34 56 78", "03.20.00.00.00", "15" */
	LIA_DLU_DATE,   /* YYYY-MM-DD */
	LIA_DLU_BOOL,   /* true or false */
	LIA_DLU_CHOICE, /* one code of the member's choices */
};

/* One of a fixed list of codes and how it is printed. */
struct lia_dlu_choice {
	const char *code;
	const char *label_fr;
	const char *label_en;
};

struct lia_dlu_member {
	const char *name;
	enum lia_dlu_kind kind;
	int max;                              /* characters (TEXT) */
	const struct lia_dlu_choice *choices; /* CHOICE: terminated by a NULL code */
	const char *label_fr;
	const char *label_en;
};

/* The shape of a field's value. */
enum lia_dlu_shape {
	LIA_DLU_SCALAR,      /* one value of kind members[0].kind (members[0] describes it) */
	LIA_DLU_LIST,        /* an array of such values, at most max_items */
	LIA_DLU_OBJECT,      /* an object of members */
	LIA_DLU_OBJECT_LIST, /* an array of such objects, at most max_items */
};

struct lia_dlu_field {
	const char *name;
	enum lia_dlu_shape shape;
	enum lia_category category;
	const struct lia_dlu_member *members; /* terminated by a NULL name */
	int max_items;
	const char *label_fr;
	const char *label_en;
};

/* The DLU fields in printed order (admin, then medical, then care); *n gets the
 * count. Static. */
const struct lia_dlu_field *lia_dlu_fields(size_t *n);
/* The field named name, NULL when none. */
const struct lia_dlu_field *lia_dlu_field_find(const char *name);

/* The categories (bit 1 << enum lia_category) of the fields a merge patch touches;
 * unknown fields count for none (lia_dlu_merge reports them). */
unsigned lia_dlu_patch_categories(const cJSON *patch);

/* Applies the merge patch to current (a DLU object, or NULL for none) into *out (a new
 * tree) after checking it: the patch must be an object of known fields; each field
 * it touches must, after the merge, have its shape. Errors go to p with field names
 * like "allergies[1].substance"; *out is NULL then. True when valid. */
bool lia_dlu_merge(const cJSON *current, const cJSON *patch, cJSON **out, struct lia_problem *p);

/* The transfer sheet's fields (same table shape; category unused: a transfer is
 * medical data). *n gets the count. Static. */
const struct lia_dlu_field *lia_dlu_transfer_fields(size_t *n);
/* Checks a transfer body: an object of known fields, reason required. Errors go
 * to p. True when valid. */
bool lia_dlu_transfer_check(const cJSON *body, struct lia_problem *p);

/* The printed label of a choice code of member m, in French or English; the code
 * itself when unknown. */
const char *lia_dlu_choice_label(const struct lia_dlu_member *m, const char *code, bool french);

#endif
