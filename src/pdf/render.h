/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The printed documents. Each renders a JSON view (the same shape the API serves, or
 * the view its module documents) into a PDF streamed to w, in French or English.
 * They are pure: no database, no clock (the generation time is in the view), so the
 * same view always gives the same text. Each returns enum lia_pdf_status.
 */
#ifndef LIA_PDF_RENDER_H
#define LIA_PDF_RENDER_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "pdf/pdf.h"

/* What every renderer below is. */
typedef int (*lia_pdf_render_fn)(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls);

/* The client record (export/record_view.h: lia_record_view). */
int lia_pdf_render_record(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls);
/* The bundle's index: the page a team prints first (export/record_view.h:
 * lia_record_index_row rows, sorted by name, under "organisation" and "generated_at"). */
int lia_pdf_render_index(const cJSON *index, bool french, lia_pdf_write_fn w, void *cls);
/* The DLU and the transfer sheet (export/dlu_view.h). */
int lia_pdf_render_dlu(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls);
/* The month's medication administration record (GET .../medication/mar). */
int lia_pdf_render_mar(const cJSON *mar, bool french, lia_pdf_write_fn w, void *cls);
/* A worker's day sheet (GET /api/v1/me/visits shape plus client details). */
int lia_pdf_render_day_sheet(const cJSON *sheet, bool french, lia_pdf_write_fn w, void *cls);
/* The week's pill-organiser preparation sheet (GET .../pill-organisers/sheet). */
int lia_pdf_render_organiser_sheet(const cJSON *sheet, bool french, lia_pdf_write_fn w,
				   void *cls);

#endif
