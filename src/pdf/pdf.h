/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Printable documents (cairo + pango): blocks are added in reading order, then
 * lia_pdf_finish() measures them with Pango, cuts them into A4 pages and draws each
 * page onto a cairo PDF surface that streams to a writer. Laying out before drawing
 * is what lets every page say "page n / N", keeps a heading with what follows it,
 * never splits a table row, and repeats a table's header row on each page.
 *
 * Every page carries the running header (who the document is about, when it was
 * generated, the confidentiality notice) and the footer (page n / N). Text is plain
 * UTF-8 (never markup: client data is printed as it is). The font is DejaVu Sans;
 * fontconfig supplies another font for a character it lacks, and when no font has it
 * Pango draws a box: a record always prints. cairo embeds only the glyphs used.
 *
 * Threads: a document belongs to one thread. Each thread keeps its own Pango font map
 * (created on first use and kept), so parallel exports do not contend.
 */
#ifndef LIA_PDF_PDF_H
#define LIA_PDF_PDF_H

#include <stdbool.h>
#include <stddef.h>

/* Receives the PDF bytes as they are produced; returns 0, or non-zero to stop (the
 * document then fails with LIA_PDF_EWRITE). */
typedef int (*lia_pdf_write_fn)(void *cls, const unsigned char *data, size_t n);

enum lia_pdf_status {
	LIA_PDF_OK = 0,
	LIA_PDF_EWRITE,   /* the writer refused (disk full, closed connection) */
	LIA_PDF_ERROR,    /* cairo or pango failed (out of memory) */
};

/* The running header, printed at the top of every page. Strings are copied. */
struct lia_pdf_header {
	const char *title;     /* bold, e.g. "Mme DUPONT Jeanne (née MARTIN)" */
	const char *subtitle;  /* e.g. "Née le 12/03/1940 · INS 2 40 03 59 350 123 45" or NULL */
	const char *generated; /* e.g. "Généré le 22/11/2026 à 14:05" */
	const char *notice;    /* e.g. "Confidentiel — données de santé"; NULL for none */
};

enum lia_pdf_orientation { LIA_PDF_PORTRAIT, LIA_PDF_LANDSCAPE };

/* Style flags of a table row or a field. */
enum {
	LIA_PDF_BOLD = 1u << 0,  /* emphasis: an allergy, an open alert, a missed dose */
	LIA_PDF_MUTED = 1u << 1, /* grey: superseded, cancelled, not applicable */
	LIA_PDF_SHADE = 1u << 2, /* shaded background (table rows: headers of a group) */
};

struct lia_pdf;

/* NULL only when out of memory. */
struct lia_pdf *lia_pdf_new(const struct lia_pdf_header *h, enum lia_pdf_orientation o);
/* NULL is a no-op. */
void lia_pdf_free(struct lia_pdf *d);

/* ---- blocks, in reading order (strings are copied; NULL or "" prints "—" where a
 * value is expected) ---- */
/* The document's title, large, at the top of the current page. */
void lia_pdf_title(struct lia_pdf *d, const char *text);
/* A section heading; never left alone at the bottom of a page. */
void lia_pdf_heading(struct lia_pdf *d, const char *text);
/* A wrapped paragraph. */
void lia_pdf_text(struct lia_pdf *d, const char *text, unsigned flags);
/* A small grey line (a source, an explanation, "aucune donnée"). */
void lia_pdf_note(struct lia_pdf *d, const char *text);
/* "label    value" on one row (the value wraps in its column). */
void lia_pdf_field(struct lia_pdf *d, const char *label, const char *value, unsigned flags);
/* A check box followed by its text (the DLU's annexed documents). */
void lia_pdf_checkbox(struct lia_pdf *d, bool checked, const char *text);
/* n ruled lines under a label, to fill in by hand (the transfer sheet). */
void lia_pdf_blank_lines(struct lia_pdf *d, const char *label, int n);
/* Vertical space in points. */
void lia_pdf_space(struct lia_pdf *d, double points);
/* The next block starts a new page. */
void lia_pdf_page_break(struct lia_pdf *d);

/* A table: ncols columns (1..40) whose widths are fractions of the text width
 * (summing to 1), a header row repeated on every page the table spans, cell text
 * wrapped in its column. font_points 0 means the body size; smaller fits a month's
 * grid (31 columns) on a landscape page. */
void lia_pdf_table_begin(struct lia_pdf *d, int ncols, const double *widths,
			 const char *const *headers, double font_points);
void lia_pdf_table_row(struct lia_pdf *d, const char *const *cells, unsigned flags);
void lia_pdf_table_end(struct lia_pdf *d);

/* Lays out, draws and streams the document to w. Returns enum lia_pdf_status; the
 * document may be freed afterwards either way. */
int lia_pdf_finish(struct lia_pdf *d, lia_pdf_write_fn w, void *cls);

/* ---- writers ---- */
/* Grows a heap buffer (free(buf->data) when done). */
struct lia_pdf_buf {
	unsigned char *data;
	size_t len, cap;
};
int lia_pdf_buf_write(void *buf, const unsigned char *data, size_t n);
/* Writes to an open FILE * (cls); fails on a short write (ENOSPC, EIO). */
int lia_pdf_file_write(void *file, const unsigned char *data, size_t n);

/* Dates and instants as a French (or English) reader expects them on paper:
 * "12/03/1940", "22/11/2026 14:05" in the zone tz. out is at least 32 bytes. Dates
 * are "YYYY-MM-DD", instants RFC 3339 text as the API prints them; anything else is
 * copied as it is. */
void lia_pdf_date(const char *iso_date, bool french, char *out, size_t size);
void lia_pdf_instant(const char *rfc3339, const char *tz, bool french, char *out, size_t size);
/* The header's generation line: "Généré le 22/11/2026 à 14:05" or "Generated 22 Nov 2026
 * 14:05" (rfc3339 in the zone tz); empty when rfc3339 is NULL. out: at least 48 bytes. */
void lia_pdf_generated(const char *rfc3339, const char *tz, bool french, char *out, size_t size);
/* The notice every printed page of client data carries. */
const char *lia_pdf_notice(bool french);

#endif
