/* SPDX-License-Identifier: EUPL-1.2 */
/* The one way a handler answers with a printed document (pdf/render.h). */
#ifndef LIA_HTTP_HANDLERS_PDF_REPLY_H
#define LIA_HTTP_HANDLERS_PDF_REPLY_H

#include "http/request.h"
#include "pdf/render.h"

/* Renders view (deleted here) in the request's language and answers with it:
 * application/pdf, inline, under filename (ASCII, naming no one: a file name ends up
 * in download folders, logs and proxies; the client's name is inside), never cached.
 * A render that fails is a 500 and the request's audit entries are marked failed. */
void lia_reply_pdf(struct lia_req *r, cJSON *view, lia_pdf_render_fn render,
		   const char *filename);

#endif
