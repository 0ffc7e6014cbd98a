/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Layout of a PDF document (pdf_internal.h): every block is measured once with Pango
 * at its column width, then the blocks are cut into pages.
 *
 * Pagination rules, in the order they apply to a block:
 *  - a heading or a table's header row is kept with what follows it (keep_next);
 *  - an atomic block (title, heading, check box, ruled lines, a table row) that does
 *    not fit moves to the next page whole; it is cut only when it is taller than an
 *    empty page;
 *  - a paragraph or a field is cut between two lines; a cut never passes through a
 *    line of any cell, so no line is ever printed in halves or twice;
 *  - a table row on a page where its table has not appeared yet is preceded by the
 *    table's header row.
 * The layouts made here are the ones drawn, so what was measured is what is printed.
 */
#include <string.h>

#include "core/alloc.h"
#include "pdf/pdf_internal.h"

#define EPS 0.01
#define FIELD_LABEL 0.32 /* the label's share of the width in "label  value" rows */
#define CHECK_INDENT 14.0
#define RULED_STEP 20.0 /* between two lines to write on by hand */

static const double ink[3] = {0, 0, 0};
static const double grey[3] = {0.45, 0.45, 0.45};
static const double label_ink[3] = {0.25, 0.25, 0.25};
static const double notice_ink[3] = {0.62, 0.05, 0.05};

static struct pdf_cell *
cells(struct lia_pdf *d, struct pdf_block *b, int n)
{
	b->ncells = n;
	b->cells = lia_arena_alloc(d->arena, (size_t)n * sizeof *b->cells);
	return b->cells;
}

static void
set_cell(struct lia_pdf *d, struct pdf_cell *c, const char *text, const PangoFontDescription *f,
	 double x, double y, double width, const double rgb[3])
{
	c->layout = lia_pdf_layout(d->ctx, text, f, width);
	c->x = x;
	c->y = y;
	memcpy(c->rgb, rgb, sizeof c->rgb);
}

static double
cell_bottom(const struct pdf_cell *c)
{
	return c->y + lia_pdf_layout_height(c->layout);
}

/* Header lines are names and dates; one that would take more than two lines (a
 * pasted paragraph) is shortened with "…" so the body keeps its page. */
static void
header_cell(struct lia_pdf *d, int i, const char *text, const PangoFontDescription *f, double x,
	    double y, double width, const double rgb[3])
{
	set_cell(d, &d->head[i], text ? text : "", f, x, y, width, rgb);
	pango_layout_set_height(d->head[i].layout, -2);
	pango_layout_set_ellipsize(d->head[i].layout, PANGO_ELLIPSIZE_END);
}

static void
measure_header(struct lia_pdf *d)
{
	double lw = d->bw * 0.62, rx = lw + 8, rw = d->bw - rx;
	header_cell(d, 0, d->title, d->f.head_title, 0, 0, lw, ink);
	header_cell(d, 1, d->subtitle, d->f.head_small, 0, cell_bottom(&d->head[0]) + 1, lw, ink);
	header_cell(d, 2, d->generated, d->f.head_small, rx, 0, rw, grey);
	pango_layout_set_alignment(d->head[2].layout, PANGO_ALIGN_RIGHT);
	header_cell(d, 3, d->notice, d->f.head_small, rx, cell_bottom(&d->head[2]) + 1, rw,
		    notice_ink);
	pango_layout_set_alignment(d->head[3].layout, PANGO_ALIGN_RIGHT);
	PangoFontDescription *nb = pango_font_description_copy(d->f.head_small);
	pango_font_description_set_weight(nb, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(d->head[3].layout, nb);
	pango_font_description_free(nb);
	double h = cell_bottom(&d->head[1]);
	if (cell_bottom(&d->head[3]) > h)
		h = cell_bottom(&d->head[3]);
	d->head_rule_y = PDF_MARGIN + h + 4;
	d->body_top = d->head_rule_y + 12;
	/* The footer is one 8-point line under the body. */
	d->body_bottom = d->ph - PDF_MARGIN - 16;
}

static void
measure_table_row(struct lia_pdf *d, struct pdf_block *b)
{
	struct pdf_table *t = b->table;
	if (!t->font) {
		t->font = pango_font_description_copy(d->f.body);
		pango_font_description_set_size(t->font, (gint)(t->points * PANGO_SCALE));
		t->bold = pango_font_description_copy(t->font);
		pango_font_description_set_weight(t->bold, PANGO_WEIGHT_BOLD);
	}
	bool small = t->points < 8;
	double padx = small ? 1.0 : 3, pady = small ? 1.5 : 2.5;
	bool head = b->kind == PDF_B_THEAD;
	const PangoFontDescription *f = head || (b->flags & LIA_PDF_BOLD) ? t->bold : t->font;
	const double *rgb = b->flags & LIA_PDF_MUTED ? grey : ink;
	if (head && !t->has_header) {
		b->height = 0;
		return;
	}
	struct pdf_cell *c = cells(d, b, t->ncols);
	double x = 0, h = 0;
	for (int i = 0; i < t->ncols; i++) {
		double w = t->widths[i] * d->bw;
		set_cell(d, &c[i], b->texts[i], f, x + padx, pady, w - 2 * padx, rgb);
		if (cell_bottom(&c[i]) > h)
			h = cell_bottom(&c[i]);
		x += w;
	}
	b->height = h + pady;
	b->atomic = true;
	b->keep_next = head;
	b->before = head ? 2 : 0;
}

static void
measure(struct lia_pdf *d, struct pdf_block *b)
{
	struct pdf_cell *c;
	const double *rgb = b->flags & LIA_PDF_MUTED ? grey : ink;
	switch (b->kind) {
	case PDF_B_TITLE:
		set_cell(d, cells(d, b, 1), b->texts[0], d->f.title, 0, 0, d->bw, ink);
		b->height = cell_bottom(b->cells);
		b->before = 6;
		b->after = 8;
		b->atomic = true;
		break;
	case PDF_B_HEADING:
		set_cell(d, cells(d, b, 1), b->texts[0], d->f.heading, 0, 0, d->bw, ink);
		b->height = cell_bottom(b->cells) + 3; /* the rule under it */
		b->before = 10;
		b->after = 4;
		b->atomic = true;
		b->keep_next = true;
		break;
	case PDF_B_TEXT:
		set_cell(d, cells(d, b, 1), b->texts[0],
			 b->flags & LIA_PDF_BOLD ? d->f.bold : d->f.body, 0, 0, d->bw, rgb);
		b->height = cell_bottom(b->cells);
		b->after = 4;
		break;
	case PDF_B_NOTE:
		set_cell(d, cells(d, b, 1), b->texts[0], d->f.small, 0, 0, d->bw, grey);
		b->height = cell_bottom(b->cells);
		b->after = 3;
		break;
	case PDF_B_FIELD: {
		double lw = d->bw * FIELD_LABEL;
		c = cells(d, b, 2);
		set_cell(d, &c[0], b->texts[0], d->f.body, 0, 0, lw - 6, label_ink);
		set_cell(d, &c[1], b->texts[1], b->flags & LIA_PDF_BOLD ? d->f.bold : d->f.body, lw,
			 0, d->bw - lw, rgb);
		b->height = cell_bottom(&c[0]) > cell_bottom(&c[1]) ? cell_bottom(&c[0]) :
								      cell_bottom(&c[1]);
		b->after = 2;
		break;
	}
	case PDF_B_CHECKBOX:
		/* The box is a glyph (U+2612 or U+2610), so the text of the PDF says
		 * which boxes are ticked. */
		c = cells(d, b, 2);
		set_cell(d, &c[0], b->checked ? "\xe2\x98\x92" : "\xe2\x98\x90", d->f.body, 0, 0,
			 CHECK_INDENT, ink);
		set_cell(d, &c[1], b->texts[0], d->f.body, CHECK_INDENT, 0, d->bw - CHECK_INDENT,
			 ink);
		b->height = cell_bottom(&c[1]);
		b->after = 2;
		b->atomic = true;
		break;
	case PDF_B_BLANK:
		set_cell(d, cells(d, b, 1), b->texts[0], d->f.body, 0, 0, d->bw, ink);
		b->height = cell_bottom(b->cells) + b->n * RULED_STEP + 2;
		b->before = 4;
		b->after = 6;
		b->atomic = true;
		break;
	case PDF_B_THEAD:
	case PDF_B_TROW:
		measure_table_row(d, b);
		break;
	case PDF_B_SPACE:
	case PDF_B_BREAK:
		break;
	}
}

/* The largest y <= limit through which no line of any cell passes. */
static double
find_cut(const struct pdf_block *b, double limit)
{
	double y = limit;
	bool moved = true;
	while (moved) {
		moved = false;
		for (int i = 0; i < b->ncells; i++) {
			const struct pdf_cell *c = &b->cells[i];
			PangoLayoutIter *it = pango_layout_get_iter(c->layout);
			do {
				PangoRectangle r;
				pango_layout_iter_get_line_extents(it, NULL, &r);
				double top = c->y + (double)r.y / PANGO_SCALE;
				double bottom = top + (double)r.height / PANGO_SCALE;
				if (top < y - EPS && bottom > y + EPS) {
					y = top;
					moved = true;
				}
			} while (pango_layout_iter_next_line(it));
			pango_layout_iter_free(it);
		}
	}
	return y;
}

/* The height needed to begin block i: all of an atomic block, the first line of
 * the others, and for a block kept with the next, itself and the start of the next. */
static double
lead(const struct lia_pdf *d, size_t i, int depth)
{
	const struct pdf_block *b = &d->blocks[i];
	if (b->keep_next && depth < 4) {
		double h = b->height + b->after;
		for (size_t j = i + 1; j < d->nblocks; j++) {
			const struct pdf_block *n = &d->blocks[j];
			if (n->kind == PDF_B_BREAK)
				break;
			if (n->kind == PDF_B_SPACE) {
				h += n->space;
				continue;
			}
			if (n->kind == PDF_B_THEAD && n->height <= 0)
				continue; /* a table without a header row: keep with its first row */
			return h + n->before + lead(d, j, depth + 1);
		}
		return b->height;
	}
	if (b->atomic || b->ncells == 0)
		return b->height;
	double first = 0;
	for (int c = 0; c < b->ncells; c++) {
		PangoLayoutLine *l = pango_layout_get_line_readonly(b->cells[c].layout, 0);
		if (!l)
			continue;
		PangoRectangle r;
		pango_layout_line_get_extents(l, NULL, &r);
		double bottom = b->cells[c].y + (double)r.height / PANGO_SCALE;
		if (bottom > first)
			first = bottom;
	}
	return first < b->height ? first : b->height;
}

struct pager {
	struct lia_pdf *d;
	double y;
	bool fresh;                    /* nothing on the page yet but a repeated table header */
	const struct pdf_table *table; /* whose header is on this page */
};

static void
new_page(struct pager *p)
{
	struct lia_pdf *d = p->d;
	if (d->npages == d->page_cap) {
		d->page_cap = d->page_cap ? d->page_cap * 2 : 16;
		d->pages = lia_xrealloc(d->pages, d->page_cap * sizeof *d->pages);
	}
	d->pages[d->npages++] = d->npieces;
	p->y = d->body_top;
	p->fresh = true;
	p->table = NULL;
}

static void
put(struct pager *p, size_t block, double s, double e)
{
	struct lia_pdf *d = p->d;
	if (d->npieces == d->piece_cap) {
		d->piece_cap = d->piece_cap ? d->piece_cap * 2 : 128;
		d->pieces = lia_xrealloc(d->pieces, d->piece_cap * sizeof *d->pieces);
	}
	d->pieces[d->npieces++] = (struct pdf_piece){.block = block, .s = s, .e = e, .y = p->y};
	p->y += e - s;
	p->fresh = false;
}

static void
place(struct pager *p, size_t i)
{
	struct lia_pdf *d = p->d;
	struct pdf_block *b = &d->blocks[i];
	double bottom = d->body_bottom;
	double before = p->fresh ? 0 : b->before;
	if (!p->fresh && p->y + before + lead(d, i, 0) > bottom + EPS) {
		new_page(p);
		before = 0;
	}
	p->y += before;
	double s = 0;
	for (;;) {
		if (b->kind == PDF_B_TROW && p->table != b->table) {
			p->table = b->table;
			const struct pdf_block *h = &d->blocks[b->table->head_block];
			if (h->height > 0) {
				bool fresh = p->fresh;
				put(p, b->table->head_block, 0, h->height);
				p->fresh = fresh;
			}
		}
		double avail = bottom - p->y;
		if (b->height - s <= avail + EPS) {
			put(p, i, s, b->height);
			break;
		}
		double cut = s;
		if (!b->atomic || p->fresh)
			cut = find_cut(b, s + avail);
		if (cut <= s + EPS) {
			if (!p->fresh) {
				new_page(p);
				continue;
			}
			/* Not even a line fits on an empty page: cut through it. */
			cut = s + (avail > 20 ? avail : 20);
			if (cut > b->height)
				cut = b->height;
		}
		put(p, i, s, cut);
		if (cut >= b->height - EPS)
			break;
		new_page(p);
		s = cut;
	}
	if (b->kind == PDF_B_THEAD || b->kind == PDF_B_TROW)
		p->table = b->table;
	p->y += b->after;
}

bool
lia_pdf_layout_document(struct lia_pdf *d)
{
	d->ctx = lia_pdf_thread_context();
	if (!d->ctx)
		return false;
	lia_pdf_fonts_init(&d->f);
	d->pw = d->landscape ? PDF_A4_LONG : PDF_A4_SHORT;
	d->ph = d->landscape ? PDF_A4_SHORT : PDF_A4_LONG;
	d->bw = d->pw - 2 * PDF_MARGIN;
	measure_header(d);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct pdf_block *b = &d->blocks[i];
		measure(d, b);
		/* A table ends with a little air before what follows it. */
		if ((b->kind == PDF_B_TROW || b->kind == PDF_B_THEAD) &&
		    (i + 1 == d->nblocks || d->blocks[i + 1].kind != PDF_B_TROW ||
		     d->blocks[i + 1].table != b->table))
			b->after = 6;
	}

	struct pager p = {.d = d};
	new_page(&p);
	for (size_t i = 0; i < d->nblocks; i++) {
		struct pdf_block *b = &d->blocks[i];
		switch (b->kind) {
		case PDF_B_BREAK:
			if (!p.fresh)
				new_page(&p);
			break;
		case PDF_B_SPACE:
			if (!p.fresh)
				p.y += b->space;
			break;
		case PDF_B_THEAD:
			if (b->height > 0)
				place(&p, i);
			else
				p.table = b->table;
			break;
		default:
			place(&p, i);
		}
	}
	return true;
}
