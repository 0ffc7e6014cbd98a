/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The PDF document (pdf.h): blocks are copied into the document's arena as they are
 * added, and nothing is measured until lia_pdf_finish(), which lays the whole
 * document out (pdf_layout.c) before drawing it (pdf_draw.c) so that every page knows
 * how many pages there are. Also the two writers.
 *
 * Adding a block never fails (out of memory aborts, core/alloc.h); a call on a NULL
 * document or after finish is ignored, so a renderer stays a straight list of calls.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "core/alloc.h"
#include "pdf/pdf_internal.h"

/* Header lines are names, dates and a notice. One longer than this (a pasted
 * paragraph) is cut, on a character boundary, before it reaches every page; the
 * layout also shortens what does not fit in two lines with "…". */
#define HEADER_MAX 240

static const char *
header_text(struct lia_arena *a, const char *s)
{
	const char *t = lia_pdf_clean(a, s, NULL);
	size_t n = t ? strlen(t) : 0;
	if (n <= HEADER_MAX)
		return t;
	n = HEADER_MAX;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--;
	return lia_arena_printf(a, "%.*s\xe2\x80\xa6", (int)n, t);
}

struct lia_pdf *
lia_pdf_new(const struct lia_pdf_header *h, enum lia_pdf_orientation o)
{
	struct lia_pdf *d = lia_xcalloc(1, sizeof *d);
	d->arena = lia_arena_new();
	d->landscape = o == LIA_PDF_LANDSCAPE;
	if (h) {
		d->title = header_text(d->arena, h->title);
		d->subtitle = header_text(d->arena, h->subtitle);
		d->generated = header_text(d->arena, h->generated);
		d->notice = header_text(d->arena, h->notice);
	}
	return d;
}

void
lia_pdf_free(struct lia_pdf *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nblocks; i++) {
		struct pdf_block *b = &d->blocks[i];
		for (int c = 0; c < b->ncells; c++)
			if (b->cells[c].layout)
				g_object_unref(b->cells[c].layout);
		if (b->kind == PDF_B_THEAD && b->table->font) {
			pango_font_description_free(b->table->font);
			pango_font_description_free(b->table->bold);
		}
	}
	for (size_t i = 0; i < sizeof d->head / sizeof d->head[0]; i++)
		if (d->head[i].layout)
			g_object_unref(d->head[i].layout);
	lia_pdf_fonts_clear(&d->f);
	free(d->blocks);
	free(d->pieces);
	free(d->pages);
	lia_arena_free(d->arena);
	free(d);
}

/* A new block at the end, or NULL when the document takes no more. */
static struct pdf_block *
add(struct lia_pdf *d, enum pdf_kind kind, int ntexts)
{
	if (!d || d->finished)
		return NULL;
	if (d->nblocks == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->blocks = lia_xrealloc(d->blocks, d->cap * sizeof *d->blocks);
	}
	struct pdf_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->ntexts = ntexts;
	if (ntexts > 0)
		b->texts = lia_arena_alloc(d->arena, (size_t)ntexts * sizeof *b->texts);
	return b;
}

static void
add_text(struct lia_pdf *d, enum pdf_kind kind, const char *text, unsigned flags)
{
	struct pdf_block *b = add(d, kind, 1);
	if (!b)
		return;
	b->flags = flags;
	b->texts[0] = lia_pdf_clean(d->arena, text, PDF_DASH);
}

void
lia_pdf_title(struct lia_pdf *d, const char *text)
{
	add_text(d, PDF_B_TITLE, text, 0);
}

void
lia_pdf_heading(struct lia_pdf *d, const char *text)
{
	add_text(d, PDF_B_HEADING, text, 0);
}

void
lia_pdf_text(struct lia_pdf *d, const char *text, unsigned flags)
{
	add_text(d, PDF_B_TEXT, text, flags);
}

void
lia_pdf_note(struct lia_pdf *d, const char *text)
{
	add_text(d, PDF_B_NOTE, text, 0);
}

void
lia_pdf_field(struct lia_pdf *d, const char *label, const char *value, unsigned flags)
{
	struct pdf_block *b = add(d, PDF_B_FIELD, 2);
	if (!b)
		return;
	b->flags = flags;
	b->texts[0] = lia_pdf_clean(d->arena, label, "");
	b->texts[1] = lia_pdf_clean(d->arena, value, PDF_DASH);
}

void
lia_pdf_checkbox(struct lia_pdf *d, bool checked, const char *text)
{
	struct pdf_block *b = add(d, PDF_B_CHECKBOX, 1);
	if (!b)
		return;
	b->checked = checked;
	b->texts[0] = lia_pdf_clean(d->arena, text, PDF_DASH);
}

void
lia_pdf_blank_lines(struct lia_pdf *d, const char *label, int n)
{
	struct pdf_block *b = add(d, PDF_B_BLANK, 1);
	if (!b)
		return;
	/* More lines than a page holds would only be cut: a form is never that long. */
	b->n = n < 0 ? 0 : n > 30 ? 30 : n;
	b->texts[0] = lia_pdf_clean(d->arena, label, "");
}

void
lia_pdf_space(struct lia_pdf *d, double points)
{
	struct pdf_block *b = add(d, PDF_B_SPACE, 0);
	if (b)
		b->space = points > 0 && points < 400 ? points : 0;
}

void
lia_pdf_page_break(struct lia_pdf *d)
{
	(void)add(d, PDF_B_BREAK, 0);
}

void
lia_pdf_table_begin(struct lia_pdf *d, int ncols, const double *widths, const char *const *headers,
		    double font_points)
{
	if (!d || d->finished)
		return;
	d->table = NULL;
	if (ncols < 1 || ncols > PDF_MAX_COLS)
		return; /* rows of a table that cannot exist are dropped */
	struct pdf_table *t = lia_arena_alloc(d->arena, sizeof *t);
	t->ncols = ncols;
	t->points = font_points > 3 && font_points < 40 ? font_points : PDF_BODY_POINTS;
	/* Widths that do not sum to 1 (or are missing) are scaled, not refused. */
	double sum = 0;
	for (int i = 0; i < ncols; i++)
		sum += widths && widths[i] > 0 ? widths[i] : 0;
	for (int i = 0; i < ncols; i++) {
		double w = widths && widths[i] > 0 ? widths[i] : 0;
		t->widths[i] = sum > 0 ? w / sum : 1.0 / ncols;
	}
	t->has_header = headers != NULL;
	struct pdf_block *b = add(d, PDF_B_THEAD, ncols);
	b->table = t;
	t->head_block = d->nblocks - 1;
	for (int i = 0; i < ncols; i++)
		b->texts[i] = lia_pdf_clean(d->arena, headers ? headers[i] : NULL, "");
	d->table = t;
}

void
lia_pdf_table_row(struct lia_pdf *d, const char *const *cells, unsigned flags)
{
	if (!d || !d->table)
		return;
	struct pdf_block *b = add(d, PDF_B_TROW, d->table->ncols);
	if (!b)
		return;
	b->table = d->table;
	b->flags = flags;
	for (int i = 0; i < b->ntexts; i++)
		b->texts[i] = lia_pdf_clean(d->arena, cells ? cells[i] : NULL, PDF_DASH);
}

void
lia_pdf_table_end(struct lia_pdf *d)
{
	if (d)
		d->table = NULL;
}

/* ---- finish ---- */

struct sink {
	lia_pdf_write_fn w;
	void *cls;
	bool refused;
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *s = closure;
	if (s->refused)
		return CAIRO_STATUS_WRITE_ERROR;
	if (length && s->w(s->cls, data, length) != 0) {
		s->refused = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

int
lia_pdf_finish(struct lia_pdf *d, lia_pdf_write_fn w, void *cls)
{
	if (!d || !w || d->finished)
		return LIA_PDF_ERROR;
	d->finished = true;
	d->table = NULL;
	if (!lia_pdf_layout_document(d))
		return LIA_PDF_ERROR;

	struct sink s = {.w = w, .cls = cls};
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink_write, &s, d->pw, d->ph);
	cairo_status_t st = cairo_surface_status(surf);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
					       d->title ? d->title : "Liaison");
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Liaison");
		cairo_t *cr = cairo_create(surf);
		st = lia_pdf_draw_document(d, cr);
		cairo_destroy(cr);
		/* Fonts, the page tree and the trailer are written here: a writer that
		 * refuses only now is caught below. */
		cairo_surface_finish(surf);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(surf);
	}
	cairo_surface_destroy(surf);
	if (s.refused)
		return LIA_PDF_EWRITE;
	return st == CAIRO_STATUS_SUCCESS ? LIA_PDF_OK : LIA_PDF_ERROR;
}

/* ---- writers ---- */

int
lia_pdf_buf_write(void *buf, const unsigned char *data, size_t n)
{
	struct lia_pdf_buf *b = buf;
	if (n > SIZE_MAX / 2 - b->len)
		return -1;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64 * 1024;
		while (cap < b->len + n)
			cap *= 2;
		b->data = lia_xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, n);
	b->len += n;
	return 0;
}

int
lia_pdf_file_write(void *file, const unsigned char *data, size_t n)
{
	return fwrite(data, 1, n, (FILE *)file) == n ? 0 : -1;
}
