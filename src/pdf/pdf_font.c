/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fonts and text for the PDF engine: the calling thread's Pango context, the font
 * descriptions a document uses, and the one place text enters Pango.
 *
 * Pango objects are not thread-safe, so each thread keeps its own font map and
 * context (Pango's own advice). They live as long as the thread: the font map caches
 * the fonts and their shaping data, which is most of what makes the second document
 * fast. A pthread key frees them when a worker thread exits, an atexit handler the
 * main thread's. fontconfig's configuration is loaded once, before the first font
 * map (load_fontconfig).
 *
 * The context measures in points: resolution 72, no hinting, no rounding of glyph
 * positions, so what is measured is what cairo draws into the PDF whatever the
 * screen or printer.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>

#include "pdf/pdf_internal.h"

struct thread_fonts {
	PangoFontMap *map;
	PangoContext *ctx;
};

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static _Thread_local struct thread_fonts *mine;

static void
thread_fonts_free(void *p)
{
	struct thread_fonts *t = p;
	if (!t)
		return;
	if (mine == t)
		mine = NULL;
	g_object_unref(t->ctx);
	g_object_unref(t->map);
	g_free(t);
}

/* Sanitizer hooks, present only in a leak-checked build (hence weak). */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

/* The first font map would load fontconfig's configuration in a thread of Pango's.
 * Loading it here first, once, does two things: the cost (tens of milliseconds) is
 * paid once and visibly; and the 288 bytes fontconfig leaks while parsing it (in
 * any program) are allocated while a leak checker looks away, so that a leak-checked
 * build reports only real leaks. */
static void
load_fontconfig(void)
{
	if (__lsan_disable)
		__lsan_disable();
	(void)FcInit();
	if (__lsan_enable)
		__lsan_enable();
}

/* The main thread never runs its key destructor: free its objects at exit, before
 * a leak checker (registered earlier, so run later) takes their caches for leaks. */
static void
at_exit(void)
{
	lia_pdf_thread_done();
}

static void
make_key(void)
{
	load_fontconfig();
	(void)pthread_key_create(&key, thread_fonts_free);
	(void)atexit(at_exit);
}

PangoContext *
lia_pdf_thread_context(void)
{
	if (mine)
		return mine->ctx;
	pthread_once(&key_once, make_key);
	struct thread_fonts *t = g_new0(struct thread_fonts, 1);
	t->map = pango_cairo_font_map_new();
	if (!t->map) {
		g_free(t);
		return NULL;
	}
	t->ctx = pango_font_map_create_context(t->map);
	pango_cairo_context_set_resolution(t->ctx, 72.0);
	cairo_font_options_t *o = cairo_font_options_create();
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(t->ctx, o);
	cairo_font_options_destroy(o);
	pango_context_set_round_glyph_positions(t->ctx, FALSE);
	pango_context_set_language(t->ctx, pango_language_from_string("fr"));
	mine = t;
	(void)pthread_setspecific(key, t);
	return t->ctx;
}

void
lia_pdf_thread_done(void)
{
	if (!mine)
		return;
	(void)pthread_setspecific(key, NULL);
	thread_fonts_free(mine);
}

static PangoFontDescription *
font(double points, bool bold)
{
	PangoFontDescription *f = pango_font_description_new();
	pango_font_description_set_family_static(f, PDF_FONT_FAMILY);
	pango_font_description_set_size(f, (gint)(points * PANGO_SCALE));
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return f;
}

void
lia_pdf_fonts_init(struct pdf_fonts *f)
{
	f->body = font(PDF_BODY_POINTS, false);
	f->bold = font(PDF_BODY_POINTS, true);
	f->small = font(8.0, false);
	f->title = font(15.0, true);
	f->heading = font(11.5, true);
	f->head_title = font(11.0, true);
	f->head_small = font(8.0, false);
}

void
lia_pdf_fonts_clear(struct pdf_fonts *f)
{
	PangoFontDescription **all[] = {&f->body,    &f->bold,       &f->small,     &f->title,
					&f->heading, &f->head_title, &f->head_small};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (*all[i])
			pango_font_description_free(*all[i]);
		*all[i] = NULL;
	}
}

/* Client data reaches paper as it was typed; only bytes that are not UTF-8 (a bad
 * import, a truncated field) are replaced, because Pango refuses such text. */
const char *
lia_pdf_clean(struct lia_arena *a, const char *s, const char *empty)
{
	if (!s || !*s)
		return empty ? lia_arena_strdup(a, empty) : NULL;
	if (g_utf8_validate(s, -1, NULL))
		return lia_arena_strdup(a, s);
	gchar *v = g_utf8_make_valid(s, -1);
	const char *out = lia_arena_strdup(a, v);
	g_free(v);
	return out;
}

PangoLayout *
lia_pdf_layout(PangoContext *ctx, const char *text, const PangoFontDescription *f, double width)
{
	PangoLayout *l = pango_layout_new(ctx);
	pango_layout_set_font_description(l, f);
	pango_layout_set_width(l, (int)(width > 1.0 ? width * PANGO_SCALE : PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

double
lia_pdf_layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}
