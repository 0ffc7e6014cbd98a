/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/pdf (the layout engine, pdf.h). Documents are rendered to a
 * buffer and read back with the poppler and qpdf tools as a person or a printer
 * would see them: the text (accents, Chinese, replaced bad bytes), the footers
 * "page n / N", the table header repeated on every page a table spans, no row lost
 * or printed twice, A4 page size, a well-formed file, embedded font subsets. Also a
 * writer that refuses, two threads rendering at once, and the date helpers. A tool
 * missing is a failure, not a skip (scripts/deps.sh installs them).
 *
 * Runs under LeakSanitizer with nothing special: the engine itself loads fontconfig
 * (whose one-time leak it hides) and frees the main thread's fonts at exit.
 */
#include "lia_test.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pdf/pdf.h"

static const struct lia_pdf_header header = {
	.title = "Mme DUPONT Émilie (née MARTIN)",
	.subtitle = "Née le 12/03/1940 · INS 2 40 03 59 350 123 45",
	.generated = "Généré le 22/11/2026 à 14:05",
	.notice = "Confidentiel — données de santé",
};

/* ---- helpers ---- */

struct doc {
	struct lia_pdf_buf buf;
	char path[64];
};

static void
render(struct lia_pdf *d, struct doc *out)
{
	memset(out, 0, sizeof *out);
	assert_int_equal(lia_pdf_finish(d, lia_pdf_buf_write, &out->buf), LIA_PDF_OK);
	lia_pdf_free(d);
	assert_true(out->buf.len > 100);
	assert_memory_equal(out->buf.data, "%PDF-", 5);
	snprintf(out->path, sizeof out->path, "/tmp/lia-test-pdf-XXXXXX");
	int fd = mkstemp(out->path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(lia_pdf_file_write(f, out->buf.data, out->buf.len), 0);
	assert_int_equal(fclose(f), 0);
}

static void
doc_clear(struct doc *doc)
{
	free(doc->buf.data);
	if (doc->path[0])
		unlink(doc->path);
}

/* Output of a tool run on the document; the tool must exist and succeed. */
static char *
run(const char *fmt, const struct doc *doc)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, fmt, doc->path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t len = 0, cap = 1 << 16;
	char *out = malloc(cap);
	assert_non_null(out);
	size_t n;
	while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 4096) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
	}
	out[len] = '\0';
	int st = pclose(p);
	if (st != 0)
		fail_msg("'%s' failed (status %d): is poppler-utils/qpdf installed?\n%s", cmd, st,
			 out);
	return out;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + strlen(needle), needle))
		n++;
	return n;
}

/* Page objects in a PDF in memory (binary: no string functions). */
static int
page_objects(const struct lia_pdf_buf *buf)
{
	static const char key[] = "/Type /Page ";
	size_t k = sizeof key - 1;
	int n = 0;
	for (size_t i = 0; i + k <= buf->len; i++)
		if (buf->data[i] == '/' && !memcmp(buf->data + i, key, k))
			n++;
	return n;
}

static int
pages_of(const struct doc *doc)
{
	char *info = run("pdfinfo '%s'", doc);
	const char *p = strstr(info, "Pages:");
	assert_non_null(p);
	int n = (int)strtol(p + 6, NULL, 10);
	free(info);
	return n;
}

/* The text of page n alone. */
static char *
page_text(const struct doc *doc, int n)
{
	char fmt[96];
	snprintf(fmt, sizeof fmt, "pdftotext -layout -f %d -l %d '%%s' -", n, n);
	return run(fmt, doc);
}

/* A record-like document: accents everywhere and a table over several pages. */
static struct lia_pdf *
record_doc(int rows)
{
	struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_PORTRAIT);
	assert_non_null(d);
	lia_pdf_title(d, "Dossier de l'usager");
	lia_pdf_heading(d, "Identité");
	lia_pdf_field(d, "Nom d'usage", "DUPONT Émilie", 0);
	lia_pdf_field(d, "Adresse", "12 rue de la Fontaine-aux-Rois, 75011 Paris — 3ᵉ étage", 0);
	lia_pdf_field(d, "Allergies", "Pénicilline « sévère »", LIA_PDF_BOLD);
	lia_pdf_field(d, "Médecin traitant", NULL, 0);
	lia_pdf_text(d, "Ça va : Émilie préfère le cœur de l'œuf, Ç œ « ».", 0);
	lia_pdf_note(d, "Source : dossier de liaison, saisi par l'infirmière.");
	lia_pdf_heading(d, "Transmissions");
	static const double widths[] = {0.2, 0.2, 0.6};
	static const char *const heads[] = {"Horodatage", "Auteur", "Transmission"};
	lia_pdf_table_begin(d, 3, widths, heads, 0);
	for (int i = 1; i <= rows; i++) {
		char ref[32], text[160];
		snprintf(ref, sizeof ref, "ligne %03d", i);
		snprintf(text, sizeof text,
			 "Passage effectué, rien à signaler (%d). Tension "
			 "prise, repas pris en entier, bonne humeur.",
			 i);
		const char *cells[] = {ref, "Aide à domicile", text};
		lia_pdf_table_row(d, cells, i % 7 == 0 ? LIA_PDF_SHADE : 0);
	}
	lia_pdf_table_end(d);
	lia_pdf_text(d, "Fin du dossier.", LIA_PDF_MUTED);
	return d;
}

/* ---- layout and text ---- */

static void
test_lia_pdf_record_text_pages_and_header(void **state)
{
	(void)state;
	struct doc doc;
	render(record_doc(120), &doc);
	int pages = pages_of(&doc);
	assert_true(pages >= 3);

	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "Mme DUPONT Émilie (née MARTIN)"));
	assert_non_null(strstr(text, "Confidentiel — données de santé"));
	assert_non_null(strstr(text, "Pénicilline « sévère »"));
	assert_non_null(strstr(text, "Ça va : Émilie préfère le cœur de l'œuf, Ç œ « »."));
	assert_non_null(strstr(text, "3ᵉ étage"));
	assert_non_null(strstr(text, "Fin du dossier."));
	/* The running header is on every page. */
	assert_int_equal(count(text, "Généré le 22/11/2026 à 14:05"), pages);
	/* Every row once: none lost at a page end, none printed twice. */
	for (int i = 1; i <= 120; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "ligne %03d", i);
		if (count(text, ref) != 1)
			fail_msg("%s printed %d times", ref, count(text, ref));
	}
	/* page n / N on each page, in order. */
	for (int p = 1; p <= pages; p++) {
		char foot[32];
		snprintf(foot, sizeof foot, "page %d / %d", p, pages);
		char *pt = page_text(&doc, p);
		if (!strstr(pt, foot))
			fail_msg("page %d lacks its footer '%s'", p, foot);
		/* The table spans every page from the first: its header heads each. */
		assert_int_equal(count(pt, "Horodatage"), 1);
		assert_true(strstr(pt, "Horodatage") < strstr(pt, "ligne "));
		free(pt);
	}
	free(text);

	char *info = run("pdfinfo '%s'", &doc);
	assert_non_null(strstr(info, "595.276 x 841.89 pts (A4)"));
	assert_non_null(strstr(info, "Creator:         Liaison"));
	assert_non_null(strstr(info, "Title:           Mme DUPONT Émilie (née MARTIN)"));
	free(info);
	doc_clear(&doc);
}

static void
test_lia_pdf_structure_and_font_subsets(void **state)
{
	(void)state;
	struct doc doc;
	render(record_doc(60), &doc);
	char *check = run("qpdf --check '%s' 2>&1", &doc);
	assert_non_null(strstr(check, "No syntax or stream encoding errors"));
	free(check);

	char *fonts = run("pdffonts '%s'", &doc);
	/* After the two header lines, every font is embedded as a subset. */
	int nfonts = 0;
	const char *line = strchr(fonts, '\n');
	line = line ? strchr(line + 1, '\n') : NULL;
	while (line && line[1]) {
		line++;
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char l[256];
		snprintf(l, sizeof l, "%.*s", (int)(len < 255 ? len : 255), line);
		if (!strstr(l, "yes yes"))
			fail_msg("font not an embedded subset: %s", l);
		assert_non_null(strstr(l, "DejaVuSans"));
		nfonts++;
		line = end;
	}
	assert_true(nfonts >= 2); /* regular and bold */
	free(fonts);
	doc_clear(&doc);
}

static void
test_lia_pdf_null_and_empty_print_a_dash(void **state)
{
	(void)state;
	struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_PORTRAIT);
	lia_pdf_field(d, "Téléphone", "", 0);
	lia_pdf_field(d, "Courriel", NULL, LIA_PDF_MUTED);
	struct doc doc;
	render(d, &doc);
	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "Téléphone"));
	assert_int_equal(count(text, "—"), 1 + 2); /* the notice's, then one per field */
	free(text);
	doc_clear(&doc);
}

/* A heading never ends a page: wherever the text before pushes it, the heading and
 * the first line of its section (a paragraph, or a table's first row with or without
 * a header row) are on the same page. */
static void
test_lia_pdf_heading_kept_with_next(void **state)
{
	(void)state;
	static const double widths[] = {0.5, 0.5};
	static const char *const heads[] = {"En-tête A", "En-tête B"};
	static const char *const first[] = {"PREMIERE LIGNE", "du tableau"};
	for (int v = 0; v < 3; v++) {
		int moved = 0;
		for (int k = 36; k < 54; k++) {
			struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_PORTRAIT);
			for (int i = 0; i < k; i++)
				lia_pdf_text(d, "Ligne de remplissage.", 0);
			lia_pdf_heading(d, "SECTION SUIVANTE");
			if (v == 0) {
				lia_pdf_text(d, "PREMIERE LIGNE de la section.", 0);
			} else {
				lia_pdf_table_begin(d, 2, widths, v == 1 ? heads : NULL, 0);
				lia_pdf_table_row(d, first, 0);
				lia_pdf_table_end(d);
			}
			struct doc doc;
			render(d, &doc);
			int pages = pages_of(&doc);
			for (int p = 1; p <= pages; p++) {
				char *pt = page_text(&doc, p);
				bool h = strstr(pt, "SECTION SUIVANTE");
				bool t = strstr(pt, "PREMIERE LIGNE");
				if (h != t)
					fail_msg(
						"v=%d k=%d: heading and its text on different pages",
						v, k);
				if (v == 1 && h)
					assert_non_null(strstr(pt, "En-tête A"));
				if (h && p > 1)
					moved++;
				free(pt);
			}
			doc_clear(&doc);
		}
		/* The loop crossed the page end: on the first page for some k, not others. */
		assert_true(moved > 0 && moved < 18);
	}
}

/* A paragraph longer than a page is cut between lines; a table row taller than a
 * page too: nothing is lost, nothing doubled. */
static void
test_lia_pdf_long_paragraph_and_tall_row(void **state)
{
	(void)state;
	char *para = malloc(200 * 12 + 1), *p = para;
	for (int i = 0; i < 200; i++)
		p += snprintf(p, 13, "mot%03d\n", i);
	struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_PORTRAIT);
	lia_pdf_text(d, para, 0);
	static const double widths[] = {0.3, 0.7};
	static const char *const heads[] = {"Col A", "Col B"};
	lia_pdf_table_begin(d, 2, widths, heads, 0);
	const char *cells[] = {"court", para};
	lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_end(d);
	struct doc doc;
	render(d, &doc);
	char *text = run("pdftotext -layout '%s' -", &doc);
	for (int i = 0; i < 200; i++) {
		char w[16];
		snprintf(w, sizeof w, "mot%03d", i);
		if (count(text, w) != 2)
			fail_msg("%s printed %d times, not 2", w, count(text, w));
	}
	assert_int_equal(count(text, "court"), 1);
	assert_true(pages_of(&doc) >= 4);
	free(text);
	free(para);
	doc_clear(&doc);
}

/* ---- fonts and bad text ---- */

static void
test_lia_pdf_fallback_font_for_cjk(void **state)
{
	(void)state;
	struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_PORTRAIT);
	lia_pdf_field(d, "Nom", "李小龙", 0);
	lia_pdf_text(d, "Emoji : 😀 🧓 — sans police, une boîte.", 0);
	struct doc doc;
	render(d, &doc);
	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "李小龙"));
	assert_non_null(strstr(text, "sans police, une boîte."));
	free(text);
	char *fonts = run("pdffonts '%s'", &doc);
	assert_non_null(strstr(fonts, "DroidSansFallback"));
	free(fonts);
	doc_clear(&doc);
}

static void
test_lia_pdf_invalid_utf8_renders(void **state)
{
	(void)state;
	struct lia_pdf_header h = {.title = "Nom\xff\xfe invalide", .generated = "\xc3"};
	struct lia_pdf *d = lia_pdf_new(&h, LIA_PDF_PORTRAIT);
	lia_pdf_text(d,
		     "avant\xc3\x28"
		     "après \xed\xa0\x80 fin",
		     0);
	lia_pdf_field(d, "\xf8\x88\x80\x80\x80", "\xe2\x82", 0);
	const char *cells[] = {"\x80"};
	lia_pdf_table_begin(d, 1, NULL, cells, 0);
	lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_end(d);
	struct doc doc;
	render(d, &doc);
	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "avant\xef\xbf\xbd(après"));
	assert_non_null(strstr(text, "fin"));
	free(text);
	doc_clear(&doc);
}

/* ---- writers and failures ---- */

struct refusing {
	size_t allow, seen;
	int calls_after_refusal;
	bool refused;
};

static int
refusing_write(void *cls, const unsigned char *data, size_t n)
{
	(void)data;
	struct refusing *r = cls;
	if (r->refused)
		r->calls_after_refusal++;
	if (r->seen + n > r->allow) {
		r->refused = true;
		return -1;
	}
	r->seen += n;
	return 0;
}

static void
test_lia_pdf_refusing_writer_is_ewrite(void **state)
{
	(void)state;
	/* At once, in the middle, and at the very end (the trailer). */
	struct lia_pdf_buf whole = {0};
	struct lia_pdf *d = record_doc(80);
	assert_int_equal(lia_pdf_finish(d, lia_pdf_buf_write, &whole), LIA_PDF_OK);
	lia_pdf_free(d);
	size_t limits[] = {0, 1000, whole.len / 2, whole.len - 1};
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		struct refusing r = {.allow = limits[i]};
		d = record_doc(80);
		assert_int_equal(lia_pdf_finish(d, refusing_write, &r), LIA_PDF_EWRITE);
		lia_pdf_free(d);
		assert_true(r.refused);
		assert_int_equal(r.calls_after_refusal, 0);
	}
	free(whole.data);
}

static void
test_lia_pdf_file_writer_short_write_fails(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "wb");
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0);
	struct lia_pdf *d = record_doc(5);
	assert_int_equal(lia_pdf_finish(d, lia_pdf_file_write, f), LIA_PDF_EWRITE);
	lia_pdf_free(d);
	fclose(f);
}

static void
test_lia_pdf_misuse_is_harmless(void **state)
{
	(void)state;
	struct lia_pdf_buf buf = {0};
	lia_pdf_free(NULL);
	lia_pdf_text(NULL, "x", 0);
	assert_int_equal(lia_pdf_finish(NULL, lia_pdf_buf_write, &buf), LIA_PDF_ERROR);
	struct lia_pdf *d = lia_pdf_new(NULL, LIA_PDF_PORTRAIT); /* no header, no blocks */
	const char *cells[] = {"a", "b"};
	lia_pdf_table_row(d, cells, 0);           /* no table open: dropped */
	lia_pdf_table_begin(d, 0, NULL, NULL, 0); /* no such table */
	lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_begin(d, 41, NULL, NULL, 0);
	lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_begin(d, 2, NULL, NULL, 0); /* no header row, equal widths */
	lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_row(d, NULL, 0);
	lia_pdf_blank_lines(d, "Observations", 1000);
	lia_pdf_space(d, -5);
	lia_pdf_page_break(d);
	lia_pdf_page_break(d);
	assert_int_equal(lia_pdf_finish(d, lia_pdf_buf_write, &buf), LIA_PDF_OK);
	assert_int_equal(lia_pdf_finish(d, lia_pdf_buf_write, &buf), LIA_PDF_ERROR);
	lia_pdf_text(d, "after finish", 0);
	lia_pdf_free(d);
	free(buf.data);
}

/* A header pasted full of text, or a word longer than its column, cannot push the
 * body off the page: the header is shortened, the word wrapped. */
static void
test_lia_pdf_huge_header_and_long_word(void **state)
{
	(void)state;
	char *big = malloc(6001);
	for (int i = 0; i < 6000; i++)
		big[i] = i % 7 == 6 ? ' ' : 'a' + i % 7;
	big[6000] = '\0';
	struct lia_pdf_header h = {.title = big, .subtitle = big, .generated = big, .notice = big};
	struct lia_pdf *d = lia_pdf_new(&h, LIA_PDF_PORTRAIT);
	char word[301];
	memset(word, 'W', 300);
	word[300] = '\0';
	lia_pdf_text(d, "Corps du document.", 0);
	static const double widths[] = {0.4, 0.6};
	lia_pdf_table_begin(d, 2, widths, NULL, 0);
	const char *cells[] = {word, "ok"};
	lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_end(d);
	struct doc doc;
	render(d, &doc);
	assert_int_equal(pages_of(&doc), 1);
	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "Corps du document."));
	/* Of 857 each, at most 240 bytes of a header line reach the page. */
	if (count(text, "abcdef") > 4 * 35)
		fail_msg("header not shortened: %d", count(text, "abcdef"));
	free(text);
	free(big);
	doc_clear(&doc);
}

/* ---- forms and landscape ---- */

static void
test_lia_pdf_checkbox_and_blank_lines(void **state)
{
	(void)state;
	struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_PORTRAIT);
	lia_pdf_checkbox(d, true, "Ordonnance en cours");
	lia_pdf_checkbox(d, false, "Carte Vitale");
	lia_pdf_blank_lines(d, "Motif du transfert", 4);
	struct doc doc;
	render(d, &doc);
	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "☒ Ordonnance en cours"));
	assert_non_null(strstr(text, "☐ Carte Vitale"));
	assert_non_null(strstr(text, "Motif du transfert"));
	free(text);
	doc_clear(&doc);
}

static void
test_lia_pdf_landscape_month_grid(void **state)
{
	(void)state;
	struct lia_pdf *d = lia_pdf_new(&header, LIA_PDF_LANDSCAPE);
	double widths[32];
	const char *heads[32], *cells[32];
	char names[32][8];
	widths[0] = 0.16;
	heads[0] = "Médicament";
	cells[0] = "Paracétamol 1 g";
	for (int i = 1; i < 32; i++) {
		widths[i] = 0.84 / 31;
		snprintf(names[i], sizeof names[i], "%02d", i);
		heads[i] = names[i];
		cells[i] = i % 2 ? "✓" : "R";
	}
	lia_pdf_table_begin(d, 32, widths, heads, 6.5);
	for (int r = 0; r < 40; r++)
		lia_pdf_table_row(d, cells, 0);
	lia_pdf_table_end(d);
	struct doc doc;
	render(d, &doc);
	char *info = run("pdfinfo '%s'", &doc);
	assert_non_null(strstr(info, "841.89 x 595.276 pts (A4)"));
	free(info);
	char *text = run("pdftotext -layout '%s' -", &doc);
	assert_non_null(strstr(text, "Médicament"));
	assert_int_equal(count(text, "Paracétamol 1 g"), 40);
	/* Every day's column fits: "31" is printed on each page's header. */
	assert_int_equal(count(text, "31"), pages_of(&doc));
	free(text);
	doc_clear(&doc);
}

/* ---- threads and speed ---- */

static void *
render_many(void *arg)
{
	int *pages = arg;
	for (int i = 0; i < 4; i++) {
		struct lia_pdf_buf buf = {0};
		struct lia_pdf *d = record_doc(70);
		if (lia_pdf_finish(d, lia_pdf_buf_write, &buf) != LIA_PDF_OK)
			pages[i] = -1;
		else
			pages[i] = page_objects(&buf);
		lia_pdf_free(d);
		free(buf.data);
	}
	return NULL;
}

static void
test_lia_pdf_two_threads_at_once(void **state)
{
	(void)state;
	int a[4], b[4], m[4];
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, render_many, a), 0);
	assert_int_equal(pthread_create(&tb, NULL, render_many, b), 0);
	render_many(m); /* and the main thread, a third one */
	assert_int_equal(pthread_join(ta, NULL), 0);
	assert_int_equal(pthread_join(tb, NULL), 0);
	for (int i = 0; i < 4; i++) {
		assert_true(a[i] >= 3);
		assert_int_equal(a[i], b[i]);
		assert_int_equal(a[i], m[i]);
	}
}

/* Not a timed test (a loaded machine must not fail it): prints the figure. */
static void
test_lia_pdf_speed_figure(void **state)
{
	(void)state;
	struct lia_pdf_buf buf = {0};
	struct lia_pdf *d = record_doc(60);
	assert_int_equal(lia_pdf_finish(d, lia_pdf_buf_write, &buf), LIA_PDF_OK);
	lia_pdf_free(d);
	int pages = page_objects(&buf);
	free(buf.data);
	enum { N = 20 };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < N; i++) {
		buf = (struct lia_pdf_buf){0};
		d = record_doc(60);
		assert_int_equal(lia_pdf_finish(d, lia_pdf_buf_write, &buf), LIA_PDF_OK);
		lia_pdf_free(d);
		free(buf.data);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms =
		((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) /
		N;
	printf("# pdf: %d-page record in %.2f ms (this build; ASan slows it)\n", pages, ms);
}

/* ---- dates ---- */

static void
test_lia_pdf_date_formats(void **state)
{
	(void)state;
	char out[32];
	lia_pdf_date("1940-03-12", true, out, sizeof out);
	assert_string_equal(out, "12/03/1940");
	lia_pdf_date("1940-03-12", false, out, sizeof out);
	assert_string_equal(out, "12 Mar 1940");
	lia_pdf_date("2024-12-01", false, out, sizeof out);
	assert_string_equal(out, "01 Dec 2024");
	lia_pdf_date("2026-02-30", true, out, sizeof out); /* not a date: as it is */
	assert_string_equal(out, "2026-02-30");
	lia_pdf_date("inconnue", true, out, sizeof out);
	assert_string_equal(out, "inconnue");
	lia_pdf_date(NULL, true, out, sizeof out);
	assert_string_equal(out, "");
	char tiny[6];
	lia_pdf_date("1940-03-12", true, tiny, sizeof tiny);
	assert_string_equal(tiny, "12/03");
}

static void
test_lia_pdf_instant_formats(void **state)
{
	(void)state;
	char out[32];
	/* Winter: Paris is UTC+1. */
	lia_pdf_instant("2026-11-22T13:05:00Z", "Europe/Paris", true, out, sizeof out);
	assert_string_equal(out, "22/11/2026 14:05");
	lia_pdf_instant("2026-11-22T13:05:00Z", "Europe/Paris", false, out, sizeof out);
	assert_string_equal(out, "22 Nov 2026 14:05");
	/* Summer: UTC+2, and the local date is the next day. */
	lia_pdf_instant("2026-07-14T22:30:00.123456Z", "Europe/Paris", true, out, sizeof out);
	assert_string_equal(out, "15/07/2026 00:30");
	lia_pdf_instant("2026-07-14T22:30:00Z", "Indian/Reunion", true, out, sizeof out);
	assert_string_equal(out, "15/07/2026 02:30");
	/* An unknown zone: UTC, and the paper says so. */
	lia_pdf_instant("2026-07-14T22:30:00Z", "Mars/Olympus", true, out, sizeof out);
	assert_string_equal(out, "14/07/2026 22:30 UTC");
	lia_pdf_instant("hier soir", "Europe/Paris", true, out, sizeof out);
	assert_string_equal(out, "hier soir");
	lia_pdf_instant(NULL, "Europe/Paris", true, out, sizeof out);
	assert_string_equal(out, "");
}

static void
test_lia_pdf_generated_line(void **state)
{
	(void)state;
	char out[64];
	lia_pdf_generated("2026-11-22T13:05:00Z", "Europe/Paris", true, out, sizeof out);
	assert_string_equal(out, "Généré le 22/11/2026 à 14:05");
	lia_pdf_generated("2026-11-22T13:05:00Z", "Europe/Paris", false, out, sizeof out);
	assert_string_equal(out, "Generated 22 Nov 2026 14:05");
	lia_pdf_generated("2026-11-22T13:05:00Z", "Mars/Olympus", true, out, sizeof out);
	assert_string_equal(out, "Généré le 22/11/2026 à 13:05 UTC");
	lia_pdf_generated(NULL, "Europe/Paris", true, out, sizeof out);
	assert_string_equal(out, "");
	assert_string_equal(lia_pdf_notice(true), "Confidentiel — données de santé");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_pdf_record_text_pages_and_header),
		cmocka_unit_test(test_lia_pdf_structure_and_font_subsets),
		cmocka_unit_test(test_lia_pdf_null_and_empty_print_a_dash),
		cmocka_unit_test(test_lia_pdf_heading_kept_with_next),
		cmocka_unit_test(test_lia_pdf_long_paragraph_and_tall_row),
		cmocka_unit_test(test_lia_pdf_fallback_font_for_cjk),
		cmocka_unit_test(test_lia_pdf_invalid_utf8_renders),
		cmocka_unit_test(test_lia_pdf_refusing_writer_is_ewrite),
		cmocka_unit_test(test_lia_pdf_file_writer_short_write_fails),
		cmocka_unit_test(test_lia_pdf_misuse_is_harmless),
		cmocka_unit_test(test_lia_pdf_huge_header_and_long_word),
		cmocka_unit_test(test_lia_pdf_checkbox_and_blank_lines),
		cmocka_unit_test(test_lia_pdf_landscape_month_grid),
		cmocka_unit_test(test_lia_pdf_two_threads_at_once),
		cmocka_unit_test(test_lia_pdf_speed_figure),
		cmocka_unit_test(test_lia_pdf_date_formats),
		cmocka_unit_test(test_lia_pdf_instant_formats),
		cmocka_unit_test(test_lia_pdf_generated_line),
	};
	LIA_RUN_GROUP("pdf", tests, NULL, NULL);
}
