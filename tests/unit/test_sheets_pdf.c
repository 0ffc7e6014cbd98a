/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of the printable sheets (src/pdf/mar_pdf.c, organiser_pdf.c,
 * day_sheet_pdf.c): fixed JSON views, shaped as the API serves them, are rendered and
 * read back with pdftotext (poppler-utils), checked with qpdf --check and pdfinfo
 * (A4, orientation). What is checked is what a reader relies on: the marks of the
 * month's grid and its gaps, the totals, the compartments and whether the organiser
 * must be prepared again, the visits in route order with addresses and door codes,
 * accents everywhere, French and English labels. A view that is not one fails
 * cleanly; a character no font has still prints. Fixtures are synthetic.
 */
#include "lia_test.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "pdf/pdf_internal.h" /* lia_pdf_thread_done */
#include "pdf/render.h"

typedef int (*render_fn)(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls);

static bool
tools_present(void)
{
	if (access("/usr/bin/pdftotext", X_OK) == 0 && access("/usr/bin/qpdf", X_OK) == 0 &&
	    access("/usr/bin/pdfinfo", X_OK) == 0)
		return true;
	printf("pdftotext, pdfinfo or qpdf missing (poppler-utils, qpdf): check skipped\n");
	return false;
}

/* Runs argv with stdout to the file `out` (NULL: /dev/null); returns the exit status. */
static int
run(char *const argv[], const char *out)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (!freopen(out ? out : "/dev/null", "w", stdout))
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + len, 1, 4096, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* Collapses every run of white space (pdftotext breaks wrapped lines) into one
 * space, in place. */
static void
squeeze(char *s)
{
	char *out = s;
	bool blank = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\f' || *s == '\r') {
			blank = true;
			continue;
		}
		if (blank && out != s)
			*out++ = ' ';
		blank = false;
		*out++ = *s;
	}
	*out = '\0';
}

/* What a rendered document says: the page as laid out (pdftotext -layout: rows of a
 * table stay on one line) and the reading order with white space squeezed (a wrapped
 * phrase reads whole), and pdfinfo's report. The PDF passed qpdf --check. Set
 * LIA_TEST_PDF_DIR to keep the PDFs for a look. */
struct rendered {
	char *layout, *flow, *info;
};

static void
rendered_free(struct rendered *r)
{
	free(r->layout);
	free(r->flow);
	free(r->info);
}

static void
render_text(render_fn fn, const char *json, bool french, struct rendered *out)
{
	cJSON *view = cJSON_Parse(json);
	assert_non_null(view);
	struct lia_pdf_buf buf = {0};
	assert_int_equal(fn(view, french, lia_pdf_buf_write, &buf), LIA_PDF_OK);
	cJSON_Delete(view);
	assert_true(buf.len > 100);
	assert_memory_equal(buf.data, "%PDF-", 5);
	char pdf[] = "/tmp/lia-sheet-XXXXXX", txt[] = "/tmp/lia-sheet-txt-XXXXXX",
	     flow[] = "/tmp/lia-sheet-flow-XXXXXX", inf[] = "/tmp/lia-sheet-info-XXXXXX";
	char *const paths[] = {pdf, txt, flow, inf};
	for (int i = 0; i < 4; i++) {
		int fd = mkstemp(paths[i]);
		assert_true(fd >= 0);
		if (i == 0)
			assert_int_equal(write(fd, buf.data, buf.len), (ssize_t)buf.len);
		close(fd);
	}
	const char *keep = getenv("LIA_TEST_PDF_DIR");
	if (keep) {
		static int n;
		char path[512];
		snprintf(path, sizeof path, "%s/sheet-%d.pdf", keep, ++n);
		FILE *f = fopen(path, "wb");
		if (f) {
			fwrite(buf.data, 1, buf.len, f);
			fclose(f);
		}
	}
	free(buf.data);
	char *qpdf[] = {"/usr/bin/qpdf", "--check", pdf, NULL};
	assert_int_equal(run(qpdf, NULL), 0);
	char *layout[] = {"/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL};
	assert_int_equal(run(layout, txt), 0);
	char *raw[] = {"/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
	assert_int_equal(run(raw, flow), 0);
	char *pdfinfo[] = {"/usr/bin/pdfinfo", pdf, NULL};
	assert_int_equal(run(pdfinfo, inf), 0);
	out->layout = slurp(txt);
	out->flow = slurp(flow);
	squeeze(out->flow);
	out->info = slurp(inf);
	for (int i = 0; i < 4; i++)
		unlink(paths[i]);
}

static void
has(const struct rendered *r, const char *needle)
{
	if (!strstr(r->layout, needle) && !strstr(r->flow, needle)) {
		printf("missing \"%s\" in:\n%s\n", needle, r->layout);
		fail();
	}
}

static void
lacks(const struct rendered *r, const char *needle)
{
	if (strstr(r->layout, needle) || strstr(r->flow, needle)) {
		printf("unexpected \"%s\" in:\n%s\n", needle, r->layout);
		fail();
	}
}

/* ---- the month's MAR ---- */

#define DOSE(time, state, rec) \
	"{\"time\":\"" time "\",\"due_at\":\"x\",\"prescription_id\":\"p1\",\"state\":\"" state \
	"\",\"record\":" rec "}"
#define REC(outcome, late) "{\"outcome\":\"" outcome "\",\"late\":" late "}"

static const char mar_view[] =
	"{\"client_id\":\"c1\",\"birth_name\":\"DUPONT\",\"used_name\":null,"
	"\"first_given_name\":\"Hélène\",\"birth_date\":\"1940-03-12\",\"month\":\"2026-11\","
	"\"tz\":\"Europe/Paris\",\"generated_at\":\"2026-11-22T13:05:00Z\","
	"\"lines\":["
	"{\"id\":\"p1\",\"series_id\":\"p1\",\"drug_label\":\"Furosémide 40 mg\","
	"\"form\":\"comprimé\",\"dose\":\"1 comprimé\",\"route\":\"orale\",\"as_needed\":false,"
	"\"prescriber_name\":\"Dr Claire Moreau\",\"instructions\":null,\"status\":\"active\","
	"\"days\":{"
	"\"2026-11-01\":[" DOSE("08:00", "given", REC("given", "false")) ","
	DOSE("20:00", "given", REC("given", "false")) "],"
	"\"2026-11-02\":[" DOSE("08:00", "refused", REC("refused", "true")) "],"
	"\"2026-11-03\":[" DOSE("08:00", "no_record", "null") "],"
	"\"2026-11-04\":[" DOSE("08:00", "not_available", REC("not_available", "false")) "],"
	"\"2026-11-05\":[" DOSE("08:00", "held", REC("held", "false")) "],"
	"\"2026-11-30\":[" DOSE("08:00", "pending", "null") "]},"
	"\"as_needed_records\":[]},"
	"{\"id\":\"p2\",\"series_id\":\"p2\",\"drug_label\":\"Paracétamol 1 g\","
	"\"form\":\"comprimé\",\"dose\":\"1 comprimé\",\"route\":\"orale\",\"as_needed\":true,"
	"\"prescriber_name\":\"Dr Claire Moreau\","
	"\"instructions\":\"Si douleur, 6 heures d'écart au moins\",\"status\":\"active\","
	"\"days\":{},\"as_needed_records\":["
	"{\"outcome\":\"given\",\"late\":false,\"occurred_at\":\"2026-11-07T09:00:00Z\"}]}],"
	"\"totals\":{\"due\":7,\"given\":2,\"refused\":1,\"not_available\":1,\"held\":1,"
	"\"missed\":0,\"no_record\":1,\"pending\":1,\"late\":1,\"as_needed_given\":1}}";

static void
test_lia_pdf_render_mar_french(void **state)
{
	(void)state;
	assert_true(tools_present()); /* scripts/deps.sh installs them */
	struct rendered text;
	render_text(lia_pdf_render_mar, mar_view, true, &text);
	has(&text, "Feuille d'administration des médicaments — novembre 2026");
	has(&text, "DUPONT Hélène");
	has(&text, "12/03/1940");
	has(&text, "Confidentiel — données de santé");
	has(&text, "Généré le 22/11/2026 à 14:05"); /* in Paris time */
	has(&text, "Furosémide 40 mg");
	has(&text, "Paracétamol 1 g");
	has(&text, "08:00");
	has(&text, "20:00");
	has(&text, "si besoin");
	has(&text, "✓");
	has(&text, "R*");  /* refused, recorded late */
	has(&text, "∅");   /* the gap */
	has(&text, "ND");
	has(&text, "Sans enregistrement");
	has(&text, "Doses prévues");
	has(&text, "Si douleur, 6 heures d'écart au moins");
	has(&text, "page 1 / ");
	/* A4 landscape. */
	assert_non_null(strstr(text.info, "841.89 x 595.2"));
	rendered_free(&text);
}

static void
test_lia_pdf_render_mar_english(void **state)
{
	(void)state;
	assert_true(tools_present()); /* scripts/deps.sh installs them */
	struct rendered text;
	render_text(lia_pdf_render_mar, mar_view, false, &text);
	has(&text, "Medication administration record — November 2026");
	has(&text, "Month totals");
	has(&text, "No record");
	has(&text, "as needed");
	lacks(&text, "Feuille d'administration");
	rendered_free(&text);
}

static void
test_lia_pdf_render_mar_refuses_other_views(void **state)
{
	(void)state;
	cJSON *view = cJSON_Parse("{\"month\":\"2026-13\",\"lines\":[]}");
	struct lia_pdf_buf buf = {0};
	assert_int_equal(lia_pdf_render_mar(view, true, lia_pdf_buf_write, &buf), LIA_PDF_ERROR);
	free(buf.data);
	cJSON_Delete(view);
}

/* ---- the pill-organiser sheet ---- */

#define ODOSE(time, drug) \
	"[{\"time\":\"" time "\",\"drug_label\":\"" drug "\",\"dose\":\"1 comprimé\"," \
	"\"form\":\"comprimé\"}]"
#define ODAY(date) \
	"{\"date\":\"" date "\",\"matin\":" ODOSE("08:00", "Furosémide 40 mg") \
	",\"midi\":[],\"soir\":" ODOSE("20:00", "Donépézil 5 mg") ",\"coucher\":[]}"

static const char organiser_view[] =
	"{\"client_id\":\"c1\",\"birth_name\":\"LEFÈVRE\",\"used_name\":\"MARTIN\","
	"\"first_given_name\":\"Geneviève\",\"birth_date\":\"1938-01-05\","
	"\"week_start\":\"2026-11-16\",\"tz\":\"Europe/Paris\","
	"\"generated_at\":\"2026-11-22T13:05:00Z\",\"days\":["
	ODAY("2026-11-16") "," ODAY("2026-11-17") "," ODAY("2026-11-18") ","
	ODAY("2026-11-19") "," ODAY("2026-11-20") "," ODAY("2026-11-21") ","
	ODAY("2026-11-22") "],"
	"\"not_in_organiser\":[{\"drug_label\":\"Paracétamol 1 g\",\"dose\":\"1 comprimé\","
	"\"as_needed\":true,\"instructions\":\"Si douleur\"}],"
	"\"preparation\":{\"id\":\"o1\",\"week_start\":\"2026-11-16\",\"note\":\"Préparé à "
	"domicile\",\"prepared_at\":\"2026-11-15T17:30:00Z\",\"prepared_by\":\"a1\","
	"\"prepared_by_name\":\"Élodie Lefèvre\",\"up_to_date\":false}}";

static void
test_lia_pdf_render_organiser_sheet(void **state)
{
	(void)state;
	assert_true(tools_present()); /* scripts/deps.sh installs them */
	struct rendered text;
	render_text(lia_pdf_render_organiser_sheet, organiser_view, true, &text);
	has(&text, "Préparation du pilulier — semaine du 16/11/2026 au 22/11/2026");
	has(&text, "MARTIN Geneviève (LEFÈVRE)");
	has(&text, "Matin");
	has(&text, "Midi");
	has(&text, "Soir");
	has(&text, "Coucher");
	has(&text, "lundi 16/11/2026");
	has(&text, "dimanche 22/11/2026");
	has(&text, "Furosémide 40 mg");
	has(&text, "Donépézil 5 mg");
	has(&text, "Élodie Lefèvre");
	has(&text, "15/11/2026 18:30");
	has(&text, "À refaire");      /* a prescription changed since the preparation */
	has(&text, "Paracétamol 1 g"); /* outside the organiser */
	has(&text, "Vérifié par");
	assert_non_null(strstr(text.info, "595.276 x 841.89")); /* A4 portrait */
	rendered_free(&text);
}

static void
test_lia_pdf_render_organiser_sheet_not_prepared(void **state)
{
	(void)state;
	assert_true(tools_present()); /* scripts/deps.sh installs them */
	cJSON *view = cJSON_Parse(organiser_view);
	cJSON_ReplaceItemInObjectCaseSensitive(view, "preparation", cJSON_CreateNull());
	char *json = cJSON_PrintUnformatted(view);
	cJSON_Delete(view);
	struct rendered text;
	render_text(lia_pdf_render_organiser_sheet, json, false, &text);
	cJSON_free(json);
	has(&text, "Born: 05 Jan 1938");
	has(&text, "Pill organiser preparation — week of 16 Nov 2026 to 22 Nov 2026");
	has(&text, "No preparation recorded for this week.");
	has(&text, "Bedtime");
	lacks(&text, "Élodie");
	rendered_free(&text);
}

/* ---- the day sheet ---- */

#define VISIT(pos, start, end, client, extra) \
	"{\"id\":\"v" #pos "\",\"type\":\"aide_toilette\",\"label\":\"Aide à la toilette\"," \
	"\"local_start\":\"" start "\",\"local_end\":\"" end "\",\"status\":\"planned\"," \
	"\"tasks\":[\"Toilette\",\"Prévention des escarres\"],\"route_position\":" #pos "," \
	"\"client\":" client extra "}"

static const char day_view[] =
	"{\"date\":\"2026-11-23\",\"time_zone\":\"Europe/Paris\","
	"\"generated_at\":\"2026-11-22T13:05:00Z\","
	"\"worker\":{\"id\":\"w1\",\"display_name\":\"Aïcha Benali\"},\"items\":["
	VISIT(1, "08:00", "09:00",
	      "{\"id\":\"c1\",\"birth_name\":\"BÉNARD\",\"first_given_name\":\"Éléonore\","
	      "\"used_name\":null,\"phone\":\"03 20 00 00 01\",\"address\":{\"line\":"
	      "\"12 rue de l'Église\",\"postal_code\":\"59000\",\"city\":\"Lille\"},"
	      "\"access_notes\":\"Code porte 1234B, clé chez la voisine\","
	      "\"key_risks\":[{\"kind\":\"alert\",\"type\":\"fall\",\"severity\":\"high\","
	      "\"raised_at\":\"2026-11-21T07:00:00Z\"},"
	      "{\"kind\":\"allergy\",\"text\":\"Pénicilline (œdème)\"},"
	      "{\"kind\":\"observation\",\"field\":\"swallowing\","
	      "\"text\":\"Fausses routes : eau gélifiée\"}]}",
	      ",\"notebook\":{\"unread\":3,\"urgent_to_acknowledge\":1}") ","
	VISIT(2, "10:30", "11:00",
	      "{\"id\":\"c2\",\"birth_name\":\"FRANÇOIS\",\"first_given_name\":\"Noël\","
	      "\"used_name\":null,\"phone\":null,\"address\":{\"line\":\"3 place du Théâtre\","
	      "\"postal_code\":\"59800\",\"city\":\"Lille\"},\"access_notes\":null,"
	      "\"key_risks\":null}",
	      "")
	"],\"next_cursor\":null}";

static void
test_lia_pdf_render_day_sheet(void **state)
{
	(void)state;
	assert_true(tools_present()); /* scripts/deps.sh installs them */
	struct rendered text;
	render_text(lia_pdf_render_day_sheet, day_view, true, &text);
	has(&text, "Aïcha Benali");
	has(&text, "Feuille de route — 23/11/2026 · 2 visite(s)");
	has(&text, "1. 08:00–09:00 · BÉNARD Éléonore");
	has(&text, "2. 10:30–11:00 · FRANÇOIS Noël");
	/* Route order. */
	assert_non_null(strstr(text.flow, "BÉNARD Éléonore"));
	assert_true(strstr(text.flow, "BÉNARD Éléonore") < strstr(text.flow, "FRANÇOIS Noël"));
	has(&text, "12 rue de l'Église, 59000 Lille");
	has(&text, "3 place du Théâtre, 59800 Lille");
	has(&text, "Code porte 1234B");
	has(&text, "03 20 00 00 01");
	has(&text, "Prévention des escarres");
	has(&text, "chute (depuis le 21/11/2026 08:00)");
	has(&text, "Pénicilline (œdème)");
	has(&text, "Déglutition");
	has(&text, "Fausses routes : eau gélifiée");
	/* The second client's risks are not the reader's to see: no line at all. */
	const char *second = strstr(text.flow, "FRANÇOIS Noël");
	assert_non_null(second);
	assert_null(strstr(second, "Alertes en cours"));
	has(&text, "3 non lue(s)");
	has(&text, "Arrivée à");
	has(&text, "Départ à");
	rendered_free(&text);
}

static void
test_lia_pdf_render_day_sheet_empty_english(void **state)
{
	(void)state;
	assert_true(tools_present()); /* scripts/deps.sh installs them */
	struct rendered text;
	render_text(lia_pdf_render_day_sheet,
		    "{\"date\":\"2026-11-23\",\"time_zone\":\"Europe/Paris\",\"items\":[],"
		    "\"worker\":{\"id\":\"w1\",\"display_name\":\"Zoé Müller\"}}",
		    false, &text);
	has(&text, "Zoé Müller");
	has(&text, "No visit this day.");
	rendered_free(&text);
}

/* A drug name in a script DejaVu lacks: fallback font or a box, never a failure. */
static void
test_lia_pdf_render_mar_outside_the_font(void **state)
{
	(void)state;
	cJSON *view = cJSON_Parse(mar_view);
	cJSON *line = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(view, "lines"), 0);
	cJSON_ReplaceItemInObjectCaseSensitive(line, "drug_label",
					       cJSON_CreateString("王老吉 \xF0\x9F\x92\x8A 𓀀"));
	struct lia_pdf_buf buf = {0};
	assert_int_equal(lia_pdf_render_mar(view, true, lia_pdf_buf_write, &buf), LIA_PDF_OK);
	assert_true(buf.len > 100);
	free(buf.data);
	cJSON_Delete(view);
}

/* fontconfig leaks a few hundred bytes once per process while it reads its
 * configuration (test_pdf.c says more). Loading it first with the leak checker looking
 * away keeps every other leak, ours included, a failure. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

static int
group_setup(void **state)
{
	(void)state;
	int (*fc_init)(void) = NULL;
	void *sym = dlsym(RTLD_DEFAULT, "FcInit");
	memcpy(&fc_init, &sym, sizeof sym);
	if (!fc_init)
		return -1;
	if (__lsan_disable)
		__lsan_disable();
	int ok = fc_init();
	if (__lsan_enable)
		__lsan_enable();
	return ok ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	lia_pdf_thread_done(); /* the main thread's fonts, before the leak check */
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_pdf_render_mar_french),
		cmocka_unit_test(test_lia_pdf_render_mar_english),
		cmocka_unit_test(test_lia_pdf_render_mar_refuses_other_views),
		cmocka_unit_test(test_lia_pdf_render_mar_outside_the_font),
		cmocka_unit_test(test_lia_pdf_render_organiser_sheet),
		cmocka_unit_test(test_lia_pdf_render_organiser_sheet_not_prepared),
		cmocka_unit_test(test_lia_pdf_render_day_sheet),
		cmocka_unit_test(test_lia_pdf_render_day_sheet_empty_english),
	};
	LIA_RUN_GROUP("sheets_pdf", tests, group_setup, group_teardown);
}
