/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Inside the PDF layout engine (pdf.h), shared by its files:
 *   pdf.c        the document: blocks copied in reading order, finish, writers;
 *   pdf_font.c   the per-thread Pango context, fonts, text sanitising;
 *   pdf_layout.c measuring blocks with Pango and cutting them into pages;
 *   pdf_draw.c   drawing the pages (header, pieces of blocks, footer) with cairo;
 *   pdf_date.c   dates and instants as printed.
 *
 * A document is a list of blocks. Measuring gives each block its cells (Pango
 * layouts at a position inside the block) and its height; paginating turns the
 * blocks into pieces (a block, or a horizontal slice of it, at a height on a page);
 * drawing walks the pieces page by page. All strings live in the document's arena;
 * layouts are unreferenced by lia_pdf_free().
 */
#ifndef LIA_PDF_PDF_INTERNAL_H
#define LIA_PDF_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pangocairo.h>

#include "core/arena.h"
#include "pdf/pdf.h"

/* Geometry in PDF points (1/72 inch). A4 is 210 x 297 mm. */
#define PDF_A4_SHORT 595.276
#define PDF_A4_LONG 841.89
#define PDF_MARGIN 40.0
#define PDF_FONT_FAMILY "DejaVu Sans"
#define PDF_BODY_POINTS 9.5
#define PDF_MAX_COLS 40
/* A drawn nothing: what NULL or "" prints where a value is expected. */
#define PDF_DASH "\xe2\x80\x94"

enum pdf_kind {
	PDF_B_TITLE,
	PDF_B_HEADING,
	PDF_B_TEXT,
	PDF_B_NOTE,
	PDF_B_FIELD,
	PDF_B_CHECKBOX,
	PDF_B_BLANK,
	PDF_B_SPACE,
	PDF_B_BREAK,
	PDF_B_THEAD, /* a table's header row (also repeated on continuation pages) */
	PDF_B_TROW,
};

struct pdf_table {
	int ncols;
	double widths[PDF_MAX_COLS]; /* fractions of the text width, summing to 1 */
	double points;               /* font size of the cells */
	bool has_header;
	size_t head_block;                 /* its PDF_B_THEAD block, repeated on each page */
	PangoFontDescription *font, *bold; /* at points; made when measured */
};

/* One Pango layout placed inside a block (x, y from the block's top left). */
struct pdf_cell {
	PangoLayout *layout;
	double x, y;
	double rgb[3];
};

struct pdf_block {
	enum pdf_kind kind;
	unsigned flags;
	bool checked;
	int n;        /* blank lines */
	double space; /* PDF_B_SPACE */
	struct pdf_table *table;
	const char **texts; /* kind-specific: text / label, value / cells */
	int ntexts;
	/* measured */
	struct pdf_cell *cells;
	int ncells;
	double height, before, after;
	bool keep_next; /* never the last thing on a page (headings, table headers) */
	bool atomic;    /* moved whole to the next page rather than split */
};

/* A slice [s, e) of a block's height drawn at y on its page. */
struct pdf_piece {
	size_t block;
	double s, e, y;
};

struct pdf_fonts {
	PangoFontDescription *body, *bold, *small, *title, *heading, *head_title, *head_small;
};

struct lia_pdf {
	struct lia_arena *arena;
	const char *title, *subtitle, *generated, *notice;
	bool landscape;
	bool finished;

	struct pdf_block *blocks;
	size_t nblocks, cap;
	struct pdf_table *table; /* open table, or NULL */

	/* measured */
	PangoContext *ctx; /* borrowed from the thread */
	struct pdf_fonts f;
	double pw, ph, bw; /* page size, body width */
	double body_top, body_bottom;
	struct pdf_cell head[4]; /* title, subtitle, generated, notice */
	double head_rule_y;

	/* paginated: pages[p] is the index of page p's first piece */
	struct pdf_piece *pieces;
	size_t npieces, piece_cap;
	size_t *pages;
	size_t npages, page_cap;
};

/* pdf_font.c */
/* The calling thread's context (created on first use, freed at thread exit); NULL on
 * failure. Borrowed. */
PangoContext *lia_pdf_thread_context(void);
/* Frees the calling thread's font map and context now rather than when the thread
 * exits (or, for the main thread, at exit()); the next document makes new ones. */
void lia_pdf_thread_done(void);
void lia_pdf_fonts_init(struct pdf_fonts *f);
void lia_pdf_fonts_clear(struct pdf_fonts *f);
/* s as valid UTF-8 in the arena (bad bytes become U+FFFD); NULL or "" gives empty
 * (or NULL when empty is NULL). */
const char *lia_pdf_clean(struct lia_arena *a, const char *s, const char *empty);
/* A wrapped layout of text in font at width points. Never NULL (aborts on OOM, as
 * glib does). */
PangoLayout *lia_pdf_layout(PangoContext *ctx, const char *text, const PangoFontDescription *font,
			    double width);
/* Height of a layout in points. */
double lia_pdf_layout_height(PangoLayout *l);

/* pdf_layout.c: measures and paginates; false on failure. */
bool lia_pdf_layout_document(struct lia_pdf *d);

/* pdf_draw.c: draws every page to the surface's context; returns the cairo status. */
cairo_status_t lia_pdf_draw_document(struct lia_pdf *d, cairo_t *cr);

#endif
