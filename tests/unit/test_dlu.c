/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The DLU field table and its checks (domain/dlu.h): which category each field
 * belongs to, the JSON merge patch (RFC 7396) applied and checked against the
 * table, and the transfer body check; then the DLU renderer on a full and an empty
 * view (pdf/render.h): it always gives a PDF, whatever is missing.
 */
#include "lia_test.h"

#include <stdlib.h>
#include <string.h>

#include "domain/dlu.h"
#include "pdf/render.h"

/* Parses text; the test fails on bad JSON. */
static cJSON *
json(const char *text)
{
	cJSON *j = cJSON_Parse(text);
	assert_non_null(j);
	return j;
}

/* The field names and codes of p, as "field:code field:code". */
static const char *
errors_of(const struct lia_problem *p)
{
	static char buf[1024];
	buf[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < p->nfields; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s:%s", i ? " " : "",
					p->fields[i].field,
					lia_field_error_code(p->fields[i].code));
	return buf;
}

/* Merges patch into current (NULL: none); returns the result as text, or NULL when
 * refused, with *p holding the errors. */
static char *
merged(const char *current, const char *patch, struct lia_problem *p)
{
	cJSON *cur = current ? json(current) : NULL;
	cJSON *pt = json(patch);
	cJSON *out = NULL;
	memset(p, 0, sizeof *p);
	bool ok = lia_dlu_merge(cur, pt, &out, p);
	cJSON_Delete(cur);
	cJSON_Delete(pt);
	if (!ok) {
		assert_null(out);
		assert_int_equal(p->kind, LIA_P_VALIDATION_FAILED);
		return NULL;
	}
	char *text = cJSON_PrintUnformatted(out);
	cJSON_Delete(out);
	return text;
}

static void
test_dlu_fields_categories(void **state)
{
	(void)state;
	assert_int_equal(lia_dlu_field_find("allergies")->category, LIA_CAT_MEDICAL);
	assert_int_equal(lia_dlu_field_find("bmr")->category, LIA_CAT_MEDICAL);
	assert_int_equal(lia_dlu_field_find("advance_directives")->category, LIA_CAT_MEDICAL);
	assert_int_equal(lia_dlu_field_find("personne_confiance")->category, LIA_CAT_ADMIN);
	assert_int_equal(lia_dlu_field_find("documents")->category, LIA_CAT_ADMIN);
	assert_int_equal(lia_dlu_field_find("swallowing")->category, LIA_CAT_CARE);
	assert_int_equal(lia_dlu_field_find("falls")->category, LIA_CAT_CARE);
	assert_null(lia_dlu_field_find("nope"));
	assert_null(lia_dlu_field_find(NULL));
	/* Every field has both labels and a category a DLU reader is decided on. */
	size_t n;
	const struct lia_dlu_field *f = lia_dlu_fields(&n);
	assert_true(n >= 24);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(f[i].label_fr);
		assert_non_null(f[i].label_en);
		assert_true(f[i].category == LIA_CAT_ADMIN || f[i].category == LIA_CAT_MEDICAL ||
			    f[i].category == LIA_CAT_CARE);
	}
}

static void
test_dlu_patch_categories(void **state)
{
	(void)state;
	cJSON *p = json("{\"falls\":\"x\",\"allergies\":null,\"nope\":1}");
	assert_int_equal(lia_dlu_patch_categories(p),
			 (1u << LIA_CAT_CARE) | (1u << LIA_CAT_MEDICAL));
	cJSON_Delete(p);
	p = json("{\"swallowing\":\"mixé\"}");
	assert_int_equal(lia_dlu_patch_categories(p), 1u << LIA_CAT_CARE);
	cJSON_Delete(p);
	p = json("[1]");
	assert_int_equal(lia_dlu_patch_categories(p), 0);
	cJSON_Delete(p);
}

static void
test_dlu_merge_adds_replaces_removes(void **state)
{
	(void)state;
	struct lia_problem p;
	char *t = merged(NULL,
			 "{\"medecin_traitant\":{\"name\":\"Dr Éloïse Müller\","
			 "\"phone\":\"03 20 00 00 00\"},\"allergies\":[{\"substance\":"
			 "\"Pénicilline\"}],\"falls\":null}",
			 &p);
	assert_non_null(t);
	assert_string_equal(t, "{\"medecin_traitant\":{\"name\":\"Dr Éloïse Müller\","
			       "\"phone\":\"03 20 00 00 00\"},\"allergies\":[{\"substance\":"
			       "\"Pénicilline\"}]}");
	/* Objects merge member by member; arrays are replaced; null removes. */
	char *t2 = merged(t,
			  "{\"medecin_traitant\":{\"phone\":\"+33 3 20 11 11 11\"},"
			  "\"allergies\":[{\"substance\":\"Iode\",\"reaction\":\"urticaire\"}],"
			  "\"bmr\":{\"carrier\":true,\"organism\":\"SARM\","
			  "\"identified_on\":\"2025-03-02\"}}",
			  &p);
	assert_non_null(t2);
	assert_string_equal(t2, "{\"medecin_traitant\":{\"name\":\"Dr Éloïse Müller\","
				"\"phone\":\"+33 3 20 11 11 11\"},\"allergies\":[{\"substance\":"
				"\"Iode\",\"reaction\":\"urticaire\"}],\"bmr\":{\"carrier\":true,"
				"\"organism\":\"SARM\",\"identified_on\":\"2025-03-02\"}}");
	char *t3 = merged(t2,
			  "{\"allergies\":null,\"medecin_traitant\":{\"name\":null,"
			  "\"phone\":null}}",
			  &p);
	assert_non_null(t3);
	/* An object left empty goes with its last member. */
	assert_string_equal(t3, "{\"bmr\":{\"carrier\":true,\"organism\":\"SARM\","
				"\"identified_on\":\"2025-03-02\"}}");
	free(t);
	free(t2);
	free(t3);
}

static void
test_dlu_merge_errors(void **state)
{
	(void)state;
	struct lia_problem p;
	assert_null(merged(NULL, "{\"nope\":1,\"falls\":\"x\"}", &p));
	assert_string_equal(errors_of(&p), "nope:unknown_field");

	assert_null(merged(NULL,
			   "{\"allergies\":[{\"substance\":\"\"},{\"reaction\":5,\"x\":1}],"
			   "\"falls\":3,\"medecin_traitant\":{\"phone\":\"abc\"}}",
			   &p));
	assert_string_equal(errors_of(&p),
			    "allergies[0].substance:too_short allergies[1].reaction:invalid_type "
			    "allergies[1].x:unknown_field falls:invalid_type "
			    "medecin_traitant.phone:invalid_format");

	assert_null(merged(NULL,
			   "{\"documents\":[{\"document\":\"radio\",\"present\":true},"
			   "{\"present\":\"oui\"}],\"advance_directives\":{\"written_on\":"
			   "\"2025-02-30\"},\"pathologies\":\"HTA\"}",
			   &p));
	assert_string_equal(errors_of(&p), "documents[0].document:invalid_value "
					   "documents[1].present:invalid_type "
					   "documents[1].document:required "
					   "advance_directives.written_on:invalid_date "
					   "pathologies:invalid_type");

	/* Bounded: a long text, a long list. */
	char big[700];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char body[900];
	snprintf(body, sizeof body, "{\"behaviour\":\"%s\"}", big);
	assert_null(merged(NULL, body, &p));
	assert_string_equal(errors_of(&p), "behaviour:too_long");
	char list[1024] = "{\"history\":[";
	for (int i = 0; i < 31; i++)
		strncat(list, i ? ",\"x\"" : "\"x\"", sizeof list - strlen(list) - 1);
	strncat(list, "]}", sizeof list - strlen(list) - 1);
	assert_null(merged(NULL, list, &p));
	assert_string_equal(errors_of(&p), "history:too_long");

	/* A merge that leaves a bad old value untouched does not judge it; one that
	 * touches the field judges the merged object. */
	assert_null(merged("{\"bmr\":{\"carrier\":true}}", "{\"bmr\":{\"organism\":7}}", &p));
	assert_string_equal(errors_of(&p), "bmr.organism:invalid_type");

	/* Not an object. */
	assert_null(merged(NULL, "[]", &p));
	assert_int_equal(p.nfields, 0);
}

static void
test_dlu_merge_rejects_bad_utf8(void **state)
{
	(void)state;
	cJSON *pt = cJSON_CreateObject();
	cJSON_AddStringToObject(pt, "diet", "sans sel \xC3");
	struct lia_problem p = {0};
	cJSON *out = NULL;
	assert_false(lia_dlu_merge(NULL, pt, &out, &p));
	assert_string_equal(errors_of(&p), "diet:invalid_format");
	cJSON_Delete(pt);
}

static void
test_dlu_transfer_check(void **state)
{
	(void)state;
	struct lia_problem p = {0};
	cJSON *b = json("{\"reason\":\"Chute, douleur hanche droite\",\"vital_signs\":"
			"{\"blood_pressure\":\"145/90\",\"pulse\":\"92\",\"spo2\":\"95 %\"},"
			"\"prostheses\":[\"dentaire_haut\",\"lunettes\"],\"last_meal\":null}");
	assert_true(lia_dlu_transfer_check(b, &p));
	assert_int_equal(p.nfields, 0);
	cJSON_Delete(b);

	memset(&p, 0, sizeof p);
	b = json("{\"vital_signs\":{\"pulse\":92,\"bp\":\"1\"},\"prostheses\":[\"jambe\"],"
		 "\"x\":1}");
	assert_false(lia_dlu_transfer_check(b, &p));
	assert_string_equal(errors_of(&p),
			    "vital_signs.pulse:invalid_type vital_signs.bp:unknown_field "
			    "prostheses[0]:invalid_value x:unknown_field reason:required");
	cJSON_Delete(b);
}

static void
test_dlu_choice_labels(void **state)
{
	(void)state;
	size_t n;
	const struct lia_dlu_field *t = lia_dlu_transfer_fields(&n);
	const struct lia_dlu_field *pros = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, "prostheses"))
			pros = &t[i];
	assert_non_null(pros);
	assert_string_equal(lia_dlu_choice_label(&pros->members[0], "dentaire_bas", true),
			    "Prothèse dentaire bas");
	assert_string_equal(lia_dlu_choice_label(&pros->members[0], "dentaire_bas", false),
			    "Lower denture");
	assert_string_equal(lia_dlu_choice_label(&pros->members[0], "zzz", true), "zzz");
}

/* ---- the renderer ---- */

static const char full_view[] =
	"{\"document\":\"dlu\",\"generated_at\":\"2026-11-22T13:05:00Z\","
	"\"tz\":\"Europe/Paris\",\"reader\":\"Infirmière Zoé\","
	"\"client\":{\"id\":\"x\",\"sex\":\"F\",\"birth_name\":\"MARTIN\","
	"\"used_name\":\"DUPONT\",\"given_name\":\"Jeanne\",\"birth_date\":\"1940-03-12\","
	"\"ins\":null,\"address\":\"3 rue des Écoles, 59000 Lille\",\"phone\":\"0320\"},"
	"\"withheld\":[],\"dlu\":{\"version\":2,\"updated_at\":\"2026-11-20T08:00:00Z\","
	"\"fields\":{\"allergies\":[{\"substance\":\"Pénicilline\"}],"
	"\"bmr\":{\"carrier\":true,\"organism\":\"BHRe\"},"
	"\"documents\":[{\"document\":\"ecg\",\"present\":true}],"
	"\"swallowing\":\"Troubles — eau gélifiée 漢字\"}},"
	"\"treatments\":[{\"drug\":\"Paracétamol\",\"dose\":\"1 g\",\"route\":\"orale\","
	"\"times\":[\"08:00\",\"20:00\"],\"as_needed\":false}],"
	"\"last_doses\":[{\"drug\":\"Paracétamol\",\"dose\":\"1 g\","
	"\"at\":\"2026-11-22T07:00:00Z\",\"outcome\":\"refused\"}],"
	"\"transfer\":{\"id\":\"t\",\"created_at\":\"2026-11-22T12:00:00Z\","
	"\"fields\":{\"reason\":\"Chute\",\"vital_signs\":{\"pulse\":\"92\"},"
	"\"prostheses\":[\"lunettes\"]}}}";

static const char empty_view[] =
	"{\"document\":\"dlu\",\"client\":{},\"withheld\":[\"medical\",\"care\"],"
	"\"dlu\":{\"version\":0,\"fields\":{}},\"transfer\":null}";

static void
render_ok(const char *text, bool french)
{
	cJSON *v = json(text);
	struct lia_pdf_buf buf = {0};
	int st = lia_pdf_render_dlu(v, french, lia_pdf_buf_write, &buf);
	cJSON_Delete(v);
	assert_int_equal(st, LIA_PDF_OK);
	assert_true(buf.len > 1000);
	assert_memory_equal(buf.data, "%PDF", 4);
	free(buf.data);
}

static void
test_dlu_render_full_and_empty(void **state)
{
	(void)state;
	render_ok(full_view, true);
	render_ok(full_view, false);
	render_ok(empty_view, true);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dlu_fields_categories),
		cmocka_unit_test(test_dlu_patch_categories),
		cmocka_unit_test(test_dlu_merge_adds_replaces_removes),
		cmocka_unit_test(test_dlu_merge_errors),
		cmocka_unit_test(test_dlu_merge_rejects_bad_utf8),
		cmocka_unit_test(test_dlu_transfer_check),
		cmocka_unit_test(test_dlu_choice_labels),
		cmocka_unit_test(test_dlu_render_full_and_empty),
	};
	LIA_RUN_GROUP("dlu", tests, NULL, NULL);
}
