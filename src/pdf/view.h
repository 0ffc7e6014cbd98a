/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the renderers (*_pdf.c, render.h) share: reading their JSON view, making the
 * strings they print in the document's arena (names, dates, the INS, addresses), the
 * document's start and end, and the labels of the codes more than one document prints
 * (alert types, roles, pill-organiser moments, weekdays), so that a code reads the same
 * on every paper. A renderer keeps to itself only what is its own.
 *
 * Strings returned are in x->a (freed with the document) or static; NULL stands for
 * "nothing", which the engine prints as "—" where a value is expected.
 */
#ifndef LIA_PDF_VIEW_H
#define LIA_PDF_VIEW_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "pdf/pdf.h"

/* One document being written from its view. */
struct lia_view {
	struct lia_pdf *d;   /* the document (lia_view_open) */
	struct lia_arena *a; /* every string made for it */
	bool fr;             /* French, else English */
	const char *tz;      /* the zone instants are printed in */
};

/* ---- the document's life ---- */
/* Starts x for view: a new arena, the zone from "tz" (or "time_zone"), Europe/Paris
 * when the view has none. */
void lia_view_init(struct lia_view *x, const cJSON *view, bool french);
/* Creates the document; LIA_PDF_OK, or LIA_PDF_ERROR with x released. */
int lia_view_open(struct lia_view *x, const struct lia_pdf_header *h, enum lia_pdf_orientation o);
/* Streams the document to w, then releases x; returns enum lia_pdf_status. */
int lia_view_finish(struct lia_view *x, lia_pdf_write_fn w, void *cls);
/* Releases x without printing (a view that cannot be printed). */
void lia_view_clear(struct lia_view *x);

/* ---- reading the view (a NULL or mistyped o reads as "absent") ---- */
const cJSON *lia_view_get(const cJSON *o, const char *name);
/* The member as a string, NULL when absent, not a string or empty. */
const char *lia_view_str(const cJSON *o, const char *name);
/* The member as an int, 0 when absent or not a number. */
int lia_view_int(const cJSON *o, const char *name);
/* Whether the member is JSON true. */
bool lia_view_true(const cJSON *o, const char *name);
/* s, or "" for NULL. */
const char *lia_view_or_empty(const char *s);

/* ---- strings made for the page ---- */
/* a + sep + b; either side NULL or "" gives the other. */
const char *lia_view_join(struct lia_view *x, const char *a, const char *sep, const char *b);
/* The non-empty strings of array arr joined with sep; NULL when none. */
const char *lia_view_list(struct lia_view *x, const cJSON *arr, const char *sep);
/* Upper case, as names are printed in France (any script). */
const char *lia_view_upper(struct lia_view *x, const char *s);
/* The first letter in upper case: a label at the head of a table cell or column. */
const char *lia_view_capital(struct lia_view *x, const char *s);
/* "12/03/1940" from "1940-03-12" (lia_pdf_date); NULL for NULL. */
const char *lia_view_date(struct lia_view *x, const char *iso_date);
/* "22/11/2026 14:05" in x->tz (lia_pdf_instant); NULL for NULL. */
const char *lia_view_instant(struct lia_view *x, const char *rfc3339);
/* The header's "Généré le ..." line from the view's "generated_at". */
const char *lia_view_generated(struct lia_view *x, const cJSON *view);
/* "2 40 03 59 350 123 45", as on the carte Vitale; other text as it is. */
const char *lia_view_ins(struct lia_view *x, const char *ins);
/* An address object {"line", "postal_code", "city"} as "line<sep>postal_code city". */
const char *lia_view_address(struct lia_view *x, const cJSON *address, const char *sep);

/* How lia_view_name prints a person. */
enum {
	LIA_VIEW_NAME_UPPER = 1u << 0, /* family names in upper case */
	LIA_VIEW_NAME_NEE = 1u << 1,   /* "(née MARTIN)" rather than "(MARTIN)" */
};
/* "DUPONT Jeanne (née MARTIN)" from a person object: the used name when there is one
 * with the given name ("used_given_name", else "first_given_name", else "given_name"),
 * the birth name beside it when it differs, since both are how the person may be
 * found. Only the given name when there is no family name; NULL when neither. */
const char *lia_view_name(struct lia_view *x, const cJSON *person, unsigned how);
/* The header's second line for a person: "Née le 12/03/1940 · INS 2 40 ... · GIR 2"
 * (the parts the object has); NULL when none. */
const char *lia_view_born(struct lia_view *x, const cJSON *person);

/* The running header of a client's sheet (MAR, pill organiser) from its view: the name
 * as lia_view_name(0) prints it, "Date de naissance : 12/03/1940", the generation
 * line, the notice. */
void lia_view_sheet_header(struct lia_view *x, const cJSON *view, struct lia_pdf_header *h);

/* ---- labels of codes ---- */
/* A code and its labels; a table ends with a NULL code. */
struct lia_view_label {
	const char *code, *fr, *en;
};
/* The label of code in table t in x's language, or code itself when unknown (a new
 * code still prints); NULL for NULL. */
const char *lia_view_label(const struct lia_view *x, const struct lia_view_label *t,
			   const char *code);
enum lia_view_codes {
	LIA_VIEW_ALERT_TYPE, /* "fall" → "chute" (lower case: it is also read inline) */
	LIA_VIEW_ROLE,       /* care circle roles, staff roles, relations to the client */
	LIA_VIEW_MOMENT,     /* pill-organiser compartments: "matin" → "matin"/"morning" */
	LIA_VIEW_PROFILE,    /* export profiles (export/record_view.h): "care", "health" */
};
/* The codes more than one document prints, each table as lia_view_label reads it. */
const char *lia_view_code(const struct lia_view *x, enum lia_view_codes t, const char *code);
/* Day n of the week (1 = Monday .. 7), "lundi" or, abbreviated, "lun"; NULL outside. */
const char *lia_view_weekday(const struct lia_view *x, int n, bool abbreviated);

/* ---- blocks ---- */
/* A heading, then none as a note when items is empty (returns false); else the table
 * begins (returns true) and the caller adds its rows and ends it. */
bool lia_view_table(struct lia_view *x, const char *heading, const cJSON *items, const char *none,
		    int ncols, const double *widths, const char *const *headers);

#endif
