/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Drawing a laid-out PDF document (pdf_internal.h) page by page: the running header,
 * the pieces of blocks placed on the page, the footer "page n / N".
 *
 * A piece is a slice [s, e) of a block. Each line of each cell is drawn on the piece
 * where the line begins; pagination cut blocks only between lines, so every line is
 * printed once and whole (no clipping: clipped text would still be in the PDF, and
 * copying or searching the document would find it twice).
 */
#include <stdio.h>

#include "pdf/pdf_internal.h"

#define EPS 0.01

static void
draw_cell(cairo_t *cr, const struct pdf_cell *c, double ox, double oy, double s, double e,
	  bool whole)
{
	cairo_set_source_rgb(cr, c->rgb[0], c->rgb[1], c->rgb[2]);
	if (whole) {
		cairo_move_to(cr, ox + c->x, oy + c->y);
		pango_cairo_show_layout(cr, c->layout);
		return;
	}
	PangoLayoutIter *it = pango_layout_get_iter(c->layout);
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double top = c->y + (double)r.y / PANGO_SCALE;
		if (top >= s - EPS && top < e - EPS) {
			double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
			cairo_move_to(cr, ox + c->x + (double)r.x / PANGO_SCALE, oy + c->y + base);
			pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
		}
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
hline(cairo_t *cr, double x0, double x1, double y, double width, double grey)
{
	cairo_set_line_width(cr, width);
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

/* Background and cell borders of a table row's slice from y0 to y1. */
static void
draw_grid(const struct lia_pdf *d, cairo_t *cr, const struct pdf_block *b, double y0, double y1)
{
	double x0 = PDF_MARGIN;
	double shade = b->kind == PDF_B_THEAD ? 0.86 : (b->flags & LIA_PDF_SHADE) ? 0.93 : 1;
	if (shade < 1) {
		cairo_set_source_rgb(cr, shade, shade, shade);
		cairo_rectangle(cr, x0, y0, d->bw, y1 - y0);
		cairo_fill(cr);
	}
	cairo_set_line_width(cr, 0.4);
	cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
	double x = x0;
	cairo_move_to(cr, x, y0);
	cairo_line_to(cr, x, y1);
	for (int i = 0; i < b->table->ncols; i++) {
		x += b->table->widths[i] * d->bw;
		cairo_move_to(cr, x, y0);
		cairo_line_to(cr, x, y1);
	}
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x0 + d->bw, y0);
	cairo_move_to(cr, x0, y1);
	cairo_line_to(cr, x0 + d->bw, y1);
	cairo_stroke(cr);
}

static void
draw_piece(const struct lia_pdf *d, cairo_t *cr, const struct pdf_piece *pc)
{
	const struct pdf_block *b = &d->blocks[pc->block];
	double ox = PDF_MARGIN, oy = pc->y - pc->s;
	bool whole = pc->s < EPS && pc->e > b->height - EPS;
	if (b->kind == PDF_B_THEAD || b->kind == PDF_B_TROW)
		draw_grid(d, cr, b, pc->y, pc->y + (pc->e - pc->s));
	for (int i = 0; i < b->ncells; i++)
		draw_cell(cr, &b->cells[i], ox, oy, pc->s, pc->e, whole);
	if (b->kind == PDF_B_HEADING && whole) {
		double y = oy + b->height - 1.5;
		hline(cr, ox, ox + d->bw, y, 0.6, 0.35);
	}
	if (b->kind == PDF_B_BLANK) {
		double first = b->cells[0].y + lia_pdf_layout_height(b->cells[0].layout);
		for (int k = 1; k <= b->n; k++) {
			double y = first + k * 20.0;
			if (y >= pc->s - EPS && y < pc->e + EPS)
				hline(cr, ox, ox + d->bw, oy + y, 0.4, 0.5);
		}
	}
}

static void
draw_header(const struct lia_pdf *d, cairo_t *cr)
{
	for (size_t i = 0; i < sizeof d->head / sizeof d->head[0]; i++)
		draw_cell(cr, &d->head[i], PDF_MARGIN, PDF_MARGIN, 0, 0, true);
	hline(cr, PDF_MARGIN, d->pw - PDF_MARGIN, d->head_rule_y, 0.6, 0.3);
}

/* "page 3 / 7" reads the same in French and in English. */
static void
draw_footer(const struct lia_pdf *d, cairo_t *cr, size_t page)
{
	char text[64];
	snprintf(text, sizeof text, "page %zu / %zu", page, d->npages);
	struct pdf_cell c = {.x = 0, .y = 0, .rgb = {0.35, 0.35, 0.35}};
	c.layout = lia_pdf_layout(d->ctx, text, d->f.head_small, d->bw);
	pango_layout_set_alignment(c.layout, PANGO_ALIGN_CENTER);
	draw_cell(cr, &c, PDF_MARGIN, d->ph - PDF_MARGIN - 9, 0, 0, true);
	g_object_unref(c.layout);
}

cairo_status_t
lia_pdf_draw_document(struct lia_pdf *d, cairo_t *cr)
{
	for (size_t p = 0; p < d->npages; p++) {
		draw_header(d, cr);
		size_t end = p + 1 < d->npages ? d->pages[p + 1] : d->npieces;
		for (size_t i = d->pages[p]; i < end; i++)
			draw_piece(d, cr, &d->pieces[i]);
		draw_footer(d, cr, p + 1);
		cairo_show_page(cr);
		/* A writer that refused puts the surface in error: stop drawing. */
		cairo_status_t st = cairo_status(cr);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(cairo_get_target(cr));
		if (st != CAIRO_STATUS_SUCCESS)
			return st;
	}
	return CAIRO_STATUS_SUCCESS;
}
