/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of the printed client record and the bundle index (src/pdf/record_pdf.c,
 * index_pdf.c) and of the pure parts of export/record_view.c (index rows, export
 * profiles). Fixed JSON views are rendered, and the text pdftotext extracts is
 * compared with the data: accents, the right sections, "Non visible avec votre
 * profil" where a section is withheld and nothing of its content, English labels,
 * a name in CJK script (fallback font, never a crash), an empty index.
 */
#include "lia_test.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/record_view.h"
#include "pdf/pdf_internal.h" /* lia_pdf_thread_done */
#include "pdf/render.h"

/* A full view as lia_record_view() builds it for a nurse. */
static const char *const full_view =
	"{\"generated_at\":\"2026-11-22T13:05:00Z\",\"tz\":\"Europe/Paris\","
	"\"reader\":\"Karim Benali\",\"client_id\":\"0190a0b0-0000-7000-8000-000000000001\","
	"\"today\":\"2026-11-22\","
	"\"identity\":{\"birth_name\":\"Martin\",\"birth_given_names\":\"Jeanne Hélène\","
	"\"first_given_name\":\"Jeanne\",\"used_name\":\"Dupont\",\"used_given_name\":null,"
	"\"sex\":\"F\",\"birth_date\":\"1940-03-12\",\"identity_status\":\"QUAL\","
	"\"ins\":\"2 40 03 59 350 123 45\",\"gir\":2,"
	"\"address\":{\"line\":\"12 rue de l'Église\",\"postal_code\":\"75020\","
	"\"city\":\"Paris\"},\"phone\":\"01 43 00 00 00\"},"
	"\"circle\":{\"items\":[{\"role\":\"infirmier\",\"kind\":\"person\","
	"\"name\":\"Karim Benali\",\"phone\":null,\"since\":\"2024-01-01\"},"
	"{\"role\":\"aide_domicile\",\"kind\":\"organisation\",\"name\":\"Antenne Belleville\","
	"\"phone\":null,\"since\":\"2024-01-01\"}]},"
	"\"consents\":{\"items\":[{\"category\":\"daily\",\"decision\":\"grant\","
	"\"grantee_kind\":\"person\",\"grantee\":\"Isabelle Moreau\","
	"\"starts_at\":\"2026-10-23T10:00:00Z\",\"ends_at\":null,\"decided_as\":\"self\"}]},"
	"\"care_plan\":{\"interventions\":[{\"type\":\"aide_toilette\",\"label\":\"Toilette\","
	"\"days\":[1,3,5],\"every_weeks\":1,\"start_time\":\"08:30\",\"duration_min\":45,"
	"\"tasks\":[\"Douche\",\"Habillage\"],\"note\":null}],\"visits_from\":\"2026-11-22\","
	"\"visits\":[{\"date\":\"2026-11-23\",\"start\":\"08:30\",\"end\":\"09:15\","
	"\"type\":\"aide_toilette\",\"label\":\"Toilette\",\"status\":\"planned\","
	"\"worker\":\"Fatou Diallo\"}],\"visits_truncated\":false},"
	"\"prescriptions\":{\"items\":[{\"drug_label\":\"Paracétamol 500 mg\",\"form\":\"gélule\","
	"\"dose\":\"1 gélule\",\"route\":\"orale\",\"as_needed\":false,"
	"\"schedule\":[{\"time\":\"08:00\",\"moment\":\"matin\"},{\"time\":\"20:00\","
	"\"moment\":\"soir\"}],\"starts_on\":\"2026-11-01\",\"ends_on\":null,"
	"\"in_organiser\":true,\"prescriber_name\":\"Dr Anne Rousseau\","
	"\"prescribed_on\":\"2026-11-01\",\"instructions\":\"Pendant le repas\"}]},"
	"\"allergies\":{\"items\":[\"Pénicilline (urticaire)\"]},"
	"\"alerts\":{\"items\":[{\"type\":\"fall\",\"severity\":\"critical\","
	"\"state\":\"raised\",\"raised_at\":\"2026-11-22T07:10:00Z\",\"note\":null}]},"
	"\"entries\":{\"items\":[{\"written_at\":\"2026-11-21T16:00:00Z\","
	"\"fact_at\":\"2026-11-21T15:30:00Z\",\"author\":\"Dr Anne Rousseau\","
	"\"author_role\":\"circle:medecin_traitant\",\"category\":\"medical\","
	"\"kind\":\"note\",\"urgent\":false,\"correction\":false,"
	"\"text\":\"Tension 14/8. Traitement inchangé.\",\"target\":null,\"data\":null,"
	"\"actions\":null,\"results\":null},"
	"{\"written_at\":\"2026-11-20T16:00:00Z\",\"fact_at\":\"2026-11-20T16:00:00Z\","
	"\"author\":\"Karim Benali\",\"author_role\":\"circle:infirmier\",\"category\":\"care\","
	"\"kind\":\"targeted\",\"urgent\":true,\"correction\":false,\"text\":null,"
	"\"target\":\"Prévention d'escarre\",\"data\":\"Rougeur au talon droit.\","
	"\"actions\":\"Effleurage.\",\"results\":null}],\"days\":30,\"truncated\":false}}";

/* An aide's view: no medical sections. */
static const char *const aide_view =
	"{\"generated_at\":\"2026-11-22T13:05:00Z\",\"tz\":\"Europe/Paris\","
	"\"reader\":\"care\",\"client_id\":\"0190a0b0-0000-7000-8000-000000000001\","
	"\"identity\":{\"birth_name\":\"Lefèvre\",\"first_given_name\":\"Noël\",\"sex\":\"M\","
	"\"birth_date\":\"1938-12-25\",\"identity_status\":\"PROV\",\"ins\":null,\"gir\":null,"
	"\"address\":{\"line\":\"3 place Gambetta\",\"postal_code\":\"75020\",\"city\":\"Paris\"},"
	"\"phone\":null},"
	"\"circle\":{\"items\":[]},\"consents\":{\"items\":[]},"
	"\"care_plan\":{\"interventions\":[],\"visits\":[]},"
	"\"prescriptions\":{\"withheld\":true},\"allergies\":{\"withheld\":true},"
	"\"alerts\":{\"items\":[]},\"entries\":{\"items\":[]}}";

/* Renders with fn into a temporary file and returns pdftotext's text (malloc'd). */
static char *
render_text(int (*fn)(const cJSON *, bool, lia_pdf_write_fn, void *), const char *json,
	    bool french)
{
	cJSON *view = cJSON_Parse(json);
	assert_non_null(view);
	char path[] = "/tmp/lia-test-record-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	assert_non_null(f);
	int st = fn(view, french, lia_pdf_file_write, f);
	cJSON_Delete(view);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(st, LIA_PDF_OK);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	size_t got;
	while ((got = fread(text + len, 1, cap - len - 1, p)) > 0) {
		len += got;
		if (cap - len < 1024) {
			cap *= 2;
			text = realloc(text, cap);
			assert_non_null(text);
		}
	}
	text[len] = '\0';
	assert_int_equal(pclose(p), 0);
	unlink(path);
	return text;
}

static void
assert_has(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("missing \"%s\" in:\n%s", what, text);
}

static void
assert_lacks(const char *text, const char *what)
{
	if (strstr(text, what))
		fail_msg("unexpected \"%s\" in:\n%s", what, text);
}

static void
test_lia_pdf_render_record_full(void **state)
{
	(void)state;
	char *t = render_text(lia_pdf_render_record, full_view, true);
	assert_has(t, "DUPONT Jeanne (née MARTIN)");
	assert_has(t, "Née le 12/03/1940");
	assert_has(t, "INS 2 40 03 59 350 123 45");
	assert_has(t, "GIR 2");
	assert_has(t, "Confidentiel — données de santé");
	assert_has(t, "Généré le 22/11/2026 à 14:05"); /* 13:05Z in Paris, winter time */
	assert_has(t, "Jeanne Hélène");
	assert_has(t, "12 rue de l'Église");
	assert_has(t, "Cercle de soins");
	assert_has(t, "Antenne Belleville");
	assert_has(t, "Consentements");
	assert_has(t, "Isabelle Moreau");
	assert_has(t, "Plan d'aide");
	assert_has(t, "Aide à la toilette");
	assert_has(t, "23/11/2026");
	assert_has(t, "Fatou Diallo");
	assert_has(t, "Traitements en cours");
	assert_has(t, "Paracétamol 500 mg");
	assert_has(t, "08:00 (matin)");
	assert_has(t, "Pénicilline (urticaire)");
	assert_has(t, "Alertes en cours");
	assert_has(t, "Chute");
	assert_has(t, "Cahier de liaison");
	assert_has(t, "Tension 14/8. Traitement inchangé.");
	assert_has(t, "Prévention d'escarre");
	assert_has(t, "URGENT");
	assert_has(t, "page 1 / ");
	assert_lacks(t, "Non visible avec votre profil");
	free(t);
}

static void
test_lia_pdf_render_record_withheld(void **state)
{
	(void)state;
	char *t = render_text(lia_pdf_render_record, aide_view, true);
	assert_has(t, "LEFÈVRE Noël");
	assert_has(t, "Né le 25/12/1938");
	assert_lacks(t, "INS ");
	assert_has(t, "Non visible avec votre profil");
	assert_has(t, "équipe d'intervention");
	assert_has(t, "Traitements en cours");
	assert_lacks(t, "Paracétamol");
	assert_has(t, "Aucune donnée");
	free(t);
}

static void
test_lia_pdf_render_record_english(void **state)
{
	(void)state;
	char *t = render_text(lia_pdf_render_record, full_view, false);
	assert_has(t, "Client record");
	assert_has(t, "Confidential — health data");
	assert_has(t, "Current treatments");
	assert_has(t, "Care circle");
	assert_lacks(t, "Traitements en cours");
	free(t);
}

static void
test_lia_pdf_render_record_cjk(void **state)
{
	(void)state;
	const char *view = "{\"generated_at\":\"2026-11-22T13:05:00Z\",\"tz\":\"Europe/Paris\","
			   "\"identity\":{\"birth_name\":\"王\",\"first_given_name\":\"秀英\","
			   "\"sex\":\"F\",\"birth_date\":\"1950-01-02\"},"
			   "\"entries\":{\"items\":[{\"author\":\"李 明\",\"category\":\"daily\","
			   "\"text\":\"今天很好 — très bien ✓\"}]}}";
	char *t = render_text(lia_pdf_render_record, view, true);
	assert_has(t, "Née le 02/01/1950");
	assert_has(t, "très bien");
	/* The CJK glyphs come from the fallback font when one is installed; either way
	 * the document is whole. */
	free(t);
}

static void
test_lia_pdf_render_record_garbage_view(void **state)
{
	(void)state;
	/* Missing or mistyped sections print as absent, never crash. */
	char *t = render_text(lia_pdf_render_record,
			      "{\"identity\":[1,2],\"circle\":{\"items\":\"x\"},\"care_plan\":7,"
			      "\"entries\":{\"items\":[null,3,{\"urgent\":\"yes\"}]}}",
			      true);
	assert_has(t, "Dossier de l'usager");
	free(t);
}

static void
test_lia_pdf_render_index_rows(void **state)
{
	(void)state;
	cJSON *view = cJSON_Parse(full_view);
	cJSON *row = lia_record_index_row(view);
	cJSON_Delete(view);
	cJSON *idx = cJSON_CreateObject();
	cJSON_AddStringToObject(idx, "organisation", "Antenne Belleville");
	cJSON_AddStringToObject(idx, "generated_at", "2026-11-22T13:05:00Z");
	cJSON_AddStringToObject(idx, "profile", "health");
	cJSON *rows = cJSON_AddArrayToObject(idx, "rows");
	cJSON_AddItemToArray(rows, row);
	cJSON *aide = cJSON_Parse(aide_view);
	cJSON_AddItemToArray(rows, lia_record_index_row(aide));
	cJSON_Delete(aide);
	char *json = cJSON_PrintUnformatted(idx);
	cJSON_Delete(idx);
	char *t = render_text(lia_pdf_render_index, json, true);
	free(json);
	assert_has(t, "Index des usagers — Antenne Belleville");
	assert_has(t, "2 usagers");
	assert_has(t, "professionnels de santé");
	assert_has(t, "DUPONT Jeanne (MARTIN)");
	assert_has(t, "12/03/1940");
	assert_has(t, "LEFÈVRE Noël");
	assert_has(t, "Pénicilline");
	assert_has(t, "chute");
	assert_has(t, "23/11/2026 08:30");
	free(t);
}

static void
test_lia_pdf_render_index_empty(void **state)
{
	(void)state;
	char *t = render_text(lia_pdf_render_index,
			      "{\"organisation\":\"Antenne Nation\",\"rows\":[]}", false);
	assert_has(t, "Client index — Antenne Nation");
	assert_has(t, "No client");
	free(t);
}

static void
test_lia_record_index_row_fields(void **state)
{
	(void)state;
	cJSON *view = cJSON_Parse(full_view);
	cJSON *row = lia_record_index_row(view);
	cJSON_Delete(view);
	assert_string_equal(cJSON_GetObjectItem(row, "birth_name")->valuestring, "Martin");
	assert_string_equal(cJSON_GetObjectItem(row, "birth_date")->valuestring, "1940-03-12");
	cJSON *next = cJSON_GetObjectItem(row, "next_visit");
	assert_string_equal(cJSON_GetObjectItem(next, "date")->valuestring, "2026-11-23");
	assert_string_equal(cJSON_GetObjectItem(next, "worker")->valuestring, "Fatou Diallo");
	cJSON *risks = cJSON_GetObjectItem(row, "risks");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(risks, "allergies")), 1);
	assert_int_equal(cJSON_GetObjectItem(risks, "open_alerts")->valueint, 1);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(risks, "fall")));
	assert_int_equal(cJSON_GetObjectItem(risks, "urgent_entries")->valueint, 1);
	cJSON_Delete(row);

	/* Withheld allergies are unknown (null), not "none". */
	view = cJSON_Parse(aide_view);
	row = lia_record_index_row(view);
	cJSON_Delete(view);
	risks = cJSON_GetObjectItem(row, "risks");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(risks, "allergies")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(row, "next_visit")));
	cJSON_Delete(row);
}

static void
test_lia_reader_for_profile_decisions(void **state)
{
	(void)state;
	assert_true(lia_export_profile_valid("care"));
	assert_true(lia_export_profile_valid("health"));
	assert_false(lia_export_profile_valid("medical"));
	assert_false(lia_export_profile_valid(NULL));
	/* The antenna is in the circle as aide à domicile; a health organisation (a
	 * SSIAD) as infirmier. */
	struct lia_circle_member circle[] = {
		{.id = "m1", .client_id = "c1", .member_org_id = "ant",
		 .member_org_path = "/root/assoc/ant/", .circle_role = "aide_domicile",
		 .starts_on = "2024-01-01"},
		{.id = "m2", .client_id = "c1", .member_org_id = "ssiad",
		 .member_org_path = "/root/assoc/ssiad/", .circle_role = "infirmier",
		 .starts_on = "2024-01-01"},
	};
	struct lia_subject s = {.client_id = "c1", .org_path = "/root/assoc/ant/",
				.circle = circle, .ncircle = 1, .today = "2026-11-22",
				.now = 1};
	struct lia_reader rd;
	lia_reader_for_profile("care", "/root/assoc/ant/", &s, &rd);
	assert_string_equal(rd.label, "care");
	assert_true(rd.cat[LIA_CAT_ADMIN].allow);
	assert_true(rd.cat[LIA_CAT_DAILY].allow);
	assert_true(rd.cat[LIA_CAT_CARE].allow);
	assert_false(rd.cat[LIA_CAT_MEDICAL].allow);
	assert_false(rd.cat[LIA_CAT_CARE].health);

	s.ncircle = 2;
	lia_reader_for_profile("health", "/root/assoc/ssiad/", &s, &rd);
	assert_true(rd.cat[LIA_CAT_MEDICAL].allow);
	assert_true(rd.cat[LIA_CAT_MEDICAL].health);

	/* A refusal of care data to the antenna withholds it from the export. */
	struct lia_consent refuse = {.id = "k1", .client_id = "c1", .grantee_org = "ant",
				     .grantee_org_path = "/root/assoc/ant/", .category = "care",
				     .decision = "refuse", .starts_at = 0};
	s.ncircle = 1;
	s.consents = &refuse;
	s.nconsents = 1;
	lia_reader_for_profile("care", "/root/assoc/ant/", &s, &rd);
	assert_true(rd.cat[LIA_CAT_DAILY].allow);
	assert_false(rd.cat[LIA_CAT_CARE].allow);
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
		cmocka_unit_test(test_lia_pdf_render_record_full),
		cmocka_unit_test(test_lia_pdf_render_record_withheld),
		cmocka_unit_test(test_lia_pdf_render_record_english),
		cmocka_unit_test(test_lia_pdf_render_record_cjk),
		cmocka_unit_test(test_lia_pdf_render_record_garbage_view),
		cmocka_unit_test(test_lia_pdf_render_index_rows),
		cmocka_unit_test(test_lia_pdf_render_index_empty),
		cmocka_unit_test(test_lia_record_index_row_fields),
		cmocka_unit_test(test_lia_reader_for_profile_decisions),
	};
	LIA_RUN_GROUP("record_pdf", tests, NULL, group_teardown);
}
