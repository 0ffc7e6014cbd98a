/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/http/json_spec.c: bounded JSON parsing (depth, escaped NUL) and
 * decoding along a field spec, where every error names its field and all errors of
 * a body come back in one answer.
 */
#include "lia_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "http/json_spec.h"

struct fx {
	struct lia_arena *a;
	struct lia_problem p;
	cJSON *root;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	f->a = lia_arena_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	cJSON_Delete(f->root);
	lia_arena_free(f->a);
	free(f);
	return 0;
}

static cJSON *
parse(struct fx *f, const char *body)
{
	memset(&f->p, 0, sizeof f->p);
	cJSON_Delete(f->root);
	f->root = lia_json_parse(body, strlen(body), &f->p);
	return f->root;
}

/* Parses body (which must be valid) and decodes it along spec into a fresh problem. */
static bool
decode(struct fx *f, const char *body, const struct lia_json_field *spec, size_t n)
{
	if (!parse(f, body))
		fail_msg("body does not parse: %s", body);
	memset(&f->p, 0, sizeof f->p);
	return lia_json_decode(f->a, f->root, spec, n, "", &f->p);
}

/* The problem lists field with code (in any position). */
static void
assert_field_error(const struct lia_problem *p, const char *field, enum lia_field_error code)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].field, field) == 0 && p->fields[i].code == code)
			return;
	fail_msg("no %s error on \"%s\" among %zu errors", lia_field_error_code(code), field,
		 p->nfields);
}

static void
assert_only_error(const struct lia_problem *p, const char *field, enum lia_field_error code)
{
	assert_int_equal(p->kind, LIA_P_VALIDATION_FAILED);
	if (p->nfields != 1)
		fail_msg("expected 1 error, got %zu", p->nfields);
	assert_string_equal(p->fields[0].field, field);
	assert_int_equal(p->fields[0].code, code);
}

/* ---- lia_json_parse ---- */

static char *
nested(int depth)
{
	char *s = malloc((size_t)depth * 2 + 1);
	for (int i = 0; i < depth; i++) {
		s[i] = '[';
		s[depth * 2 - 1 - i] = ']';
	}
	s[depth * 2] = '\0';
	return s;
}

static void
test_lia_json_parse_depth_limit(void **state)
{
	struct fx *f = *state;
	char *ok = nested(16);
	assert_non_null(parse(f, ok));
	free(ok);
	char *deep = nested(17);
	assert_null(parse(f, deep));
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	free(deep);
	char *very = nested(100000);
	assert_null(parse(f, very));
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	free(very);
	/* Objects count as well. */
	char obj[512];
	size_t o = 0;
	for (int i = 0; i < 17; i++)
		o += (size_t)snprintf(obj + o, sizeof obj - o, "{\"a\":");
	o += (size_t)snprintf(obj + o, sizeof obj - o, "1");
	for (int i = 0; i < 17; i++)
		o += (size_t)snprintf(obj + o, sizeof obj - o, "}");
	assert_null(parse(f, obj));
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
}

static void
test_lia_json_parse_brackets_in_strings_not_counted(void **state)
{
	struct fx *f = *state;
	cJSON *j = parse(f, "{\"a\":\"[[[[[[[[[[[[[[[[[[[[{{{{{\\\"[[[[\"}");
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "a")->valuestring,
			    "[[[[[[[[[[[[[[[[[[[[{{{{{\"[[[[");
}

static void
test_lia_json_parse_rejects_escaped_nul(void **state)
{
	struct fx *f = *state;
	assert_null(parse(f, "{\"a\":\"x\\u0000y\"}"));
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	assert_null(parse(f, "{\"a\":\"\\u0000\"}"));
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	/* An escaped backslash, then an escaped NUL. */
	assert_null(parse(f, "{\"a\":\"\\\\\\u0000\"}"));
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	/* In a key too. */
	assert_null(parse(f, "{\"a\\u0000b\":1}"));
}

static void
test_lia_json_parse_accepts_escaped_backslash_u0000(void **state)
{
	struct fx *f = *state;
	/* JSON text "x\\u0000y" is the 8 characters x \ u 0 0 0 0 y. */
	cJSON *j = parse(f, "{\"a\":\"x\\\\u0000y\"}");
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "a")->valuestring, "x\\u0000y");
	j = parse(f, "{\"a\":\"\\\\\\\\u0000\"}"); /* two escaped backslashes */
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "a")->valuestring, "\\\\u0000");
}

static void
test_lia_json_parse_accepts_normal_json(void **state)
{
	struct fx *f = *state;
	cJSON *j = parse(f, " {\"name\": \"\\u00c9lodie\", \"n\": -12, \"ok\": true, \"x\": null,"
			    "\"list\": [1, 2, {\"k\": \"v\"}], \"o\": {}} \n");
	assert_non_null(j);
	assert_int_equal(f->p.kind, LIA_P_NONE);
	assert_string_equal(cJSON_GetObjectItem(j, "name")->valuestring, "\xc3\x89lodie");
	assert_int_equal(cJSON_GetObjectItem(j, "n")->valuedouble, -12);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "ok")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "x")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "list")), 3);
	assert_non_null(parse(f, "[]"));
	assert_non_null(parse(f, "\"s\""));
	assert_non_null(parse(f, "3"));
}

static void
test_lia_json_parse_rejects_malformed(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {
		"",
		"   ",
		"{",
		"}",
		"{\"a\":}",
		"{\"a\" 1}",
		"{a:1}",
		"[1,]x",
		"\"unterminated",
		"{\"a\":1,}x",
		"nul",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse(f, bad[i]))
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	}
}

static void
test_lia_json_parse_rejects_trailing_data(void **state)
{
	struct fx *f = *state;
	/* body[0..len) must be one JSON value: nothing may follow it but whitespace. */
	static const char *const bad[] = {"{\"a\":1} x", "{\"a\":1}{\"a\":2}", "[1] [2]", "{} ,"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse(f, bad[i]))
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
	}
}

static void
test_lia_json_parse_respects_length(void **state)
{
	struct fx *f = *state;
	/* Only the first len bytes are the body. */
	const char *buf = "{\"a\":1}GARBAGE";
	memset(&f->p, 0, sizeof f->p);
	f->root = lia_json_parse(buf, 7, &f->p);
	assert_non_null(f->root);
	memset(&f->p, 0, sizeof f->p);
	cJSON *j = lia_json_parse(buf, 5, &f->p);
	assert_null(j);
	assert_int_equal(f->p.kind, LIA_P_MALFORMED_JSON);
}

/* ---- lia_json_decode ---- */

struct person {
	const char *name;
	int64_t age;
	bool active;
	const cJSON *address;
	const cJSON *tags;
	const char *note;
	const char *kind;
	int name_p, age_p, active_p, address_p, tags_p, note_p, kind_p;
};

static const char *const kinds[] = {"staff", "person", NULL};

static size_t
person_spec(struct person *o, struct lia_json_field spec[7])
{
	memset(o, 0, sizeof *o);
	o->age = -1;
	const struct lia_json_field s[] = {
		{"name", LIA_JSON_STRING, LIA_JSON_REQUIRED, 5, 0, 0, NULL, &o->name, &o->name_p},
		{"age", LIA_JSON_INT, 0, 0, 0, 150, NULL, &o->age, &o->age_p},
		{"active", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &o->active, &o->active_p},
		{"address", LIA_JSON_OBJECT, 0, 0, 0, 0, NULL, &o->address, &o->address_p},
		{"tags", LIA_JSON_ARRAY, 0, 3, 0, 0, NULL, &o->tags, &o->tags_p},
		{"note", LIA_JSON_STRING, LIA_JSON_NULLABLE, 0, 0, 0, NULL, &o->note, &o->note_p},
		{"kind", LIA_JSON_STRING, 0, 0, 0, 0, kinds, &o->kind, &o->kind_p},
	};
	memcpy(spec, s, sizeof s);
	return sizeof s / sizeof s[0];
}

static void
test_lia_json_decode_all_fields(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_true(decode(f,
			   "{\"name\":\"Anne\",\"age\":82,\"active\":true,\"address\":{\"c\":1},"
			   "\"tags\":[1,2,3],\"note\":\"ok\",\"kind\":\"staff\"}",
			   spec, n));
	assert_int_equal(f->p.kind, LIA_P_NONE);
	assert_int_equal(f->p.nfields, 0);
	assert_string_equal(o.name, "Anne");
	assert_int_equal(o.age, 82);
	assert_true(o.active);
	assert_true(cJSON_IsObject(o.address));
	assert_int_equal(cJSON_GetArraySize(o.tags), 3);
	assert_string_equal(o.note, "ok");
	assert_string_equal(o.kind, "staff");
	assert_int_equal(o.name_p, 1);
	assert_int_equal(o.age_p, 1);
	assert_int_equal(o.active_p, 1);
	assert_int_equal(o.address_p, 1);
	assert_int_equal(o.tags_p, 1);
	assert_int_equal(o.note_p, 1);
	assert_int_equal(o.kind_p, 1);
}

static void
test_lia_json_decode_strings_outlive_tree(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_true(decode(f, "{\"name\":\"Anne\",\"note\":\"une note\"}", spec, n));
	cJSON_Delete(f->root);
	f->root = NULL;
	/* Copies live in the arena, not in the freed tree. */
	assert_string_equal(o.name, "Anne");
	assert_string_equal(o.note, "une note");
}

static void
test_lia_json_decode_required_absent(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "{\"age\":3}", spec, n));
	assert_only_error(&f->p, "name", LIA_FE_REQUIRED);
	assert_int_equal(o.name_p, 0);
}

static void
test_lia_json_decode_required_null(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "{\"name\":null}", spec, n));
	assert_only_error(&f->p, "name", LIA_FE_REQUIRED);
}

static void
test_lia_json_decode_optional_absent(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	o.note_p = 99;
	o.age_p = 99;
	assert_true(decode(f, "{\"name\":\"Anne\"}", spec, n));
	assert_int_equal(o.note_p, 0);
	assert_int_equal(o.age_p, 0);
	assert_null(o.note);
	assert_int_equal(o.age, -1); /* untouched */
}

static void
test_lia_json_decode_nullable_null(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	o.note = "previous";
	assert_true(decode(f, "{\"name\":\"Anne\",\"note\":null}", spec, n));
	assert_int_equal(o.note_p, 2);
	assert_int_equal(f->p.nfields, 0);
}

static void
test_lia_json_decode_null_not_nullable(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "{\"name\":\"Anne\",\"age\":null}", spec, n));
	assert_only_error(&f->p, "age", LIA_FE_INVALID_TYPE);
}

static void
test_lia_json_decode_unknown_field(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "{\"name\":\"Anne\",\"nickname\":\"Nan\"}", spec, n));
	assert_only_error(&f->p, "nickname", LIA_FE_UNKNOWN_FIELD);
	/* Names are case-sensitive. */
	assert_false(decode(f, "{\"name\":\"Anne\",\"Age\":3}", spec, n));
	assert_only_error(&f->p, "Age", LIA_FE_UNKNOWN_FIELD);
}

static void
test_lia_json_decode_duplicate_field(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "{\"name\":\"Anne\",\"age\":3,\"name\":\"Bob\"}", spec, n));
	assert_only_error(&f->p, "name", LIA_FE_DUPLICATE_FIELD);
}

static void
test_lia_json_decode_type_errors(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *body;
		const char *field;
	} cases[] = {
		{"{\"name\":5}", "name"},
		{"{\"name\":[\"Anne\"]}", "name"},
		{"{\"name\":\"Anne\",\"age\":\"82\"}", "age"},
		{"{\"name\":\"Anne\",\"age\":true}", "age"},
		{"{\"name\":\"Anne\",\"active\":1}", "active"},
		{"{\"name\":\"Anne\",\"active\":\"true\"}", "active"},
		{"{\"name\":\"Anne\",\"address\":[]}", "address"},
		{"{\"name\":\"Anne\",\"address\":\"rue\"}", "address"},
		{"{\"name\":\"Anne\",\"tags\":{}}", "tags"},
		{"{\"name\":\"Anne\",\"tags\":\"a,b\"}", "tags"},
		{"{\"name\":\"Anne\",\"kind\":1}", "kind"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct person o;
		struct lia_json_field spec[7];
		size_t n = person_spec(&o, spec);
		if (decode(f, cases[i].body, spec, n))
			fail_msg("accepted %s", cases[i].body);
		assert_only_error(&f->p, cases[i].field, LIA_FE_INVALID_TYPE);
	}
}

static void
test_lia_json_decode_integer_range(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_true(decode(f, "{\"name\":\"A\",\"age\":0}", spec, n));
	assert_int_equal(o.age, 0);
	assert_true(decode(f, "{\"name\":\"A\",\"age\":150}", spec, n));
	assert_int_equal(o.age, 150);
	assert_true(decode(f, "{\"name\":\"A\",\"age\":1.0e2}", spec, n));
	assert_int_equal(o.age, 100);
	assert_false(decode(f, "{\"name\":\"A\",\"age\":151}", spec, n));
	assert_only_error(&f->p, "age", LIA_FE_OUT_OF_RANGE);
	assert_false(decode(f, "{\"name\":\"A\",\"age\":-1}", spec, n));
	assert_only_error(&f->p, "age", LIA_FE_OUT_OF_RANGE);
}

static void
test_lia_json_decode_integer_any_range(void **state)
{
	struct fx *f = *state;
	int64_t v = 0;
	const struct lia_json_field spec[] = {{"v", LIA_JSON_INT, 0, 0, 0, 0, NULL, &v, NULL}};
	assert_true(decode(f, "{\"v\":-123456789}", spec, 1));
	assert_int_equal(v, -123456789);
	assert_true(decode(f, "{\"v\":1700000000000000}", spec, 1));
	assert_int_equal(v, 1700000000000000LL);
}

static void
test_lia_json_decode_non_integer_numbers(void **state)
{
	struct fx *f = *state;
	static const char *const bodies[] = {
		"{\"name\":\"A\",\"age\":1.5}",
		"{\"name\":\"A\",\"age\":1e300}",
		"{\"name\":\"A\",\"age\":-1e300}",
		"{\"name\":\"A\",\"age\":0.0001}",
	};
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		struct person o;
		struct lia_json_field spec[7];
		size_t n = person_spec(&o, spec);
		if (decode(f, bodies[i], spec, n))
			fail_msg("accepted %s", bodies[i]);
		assert_only_error(&f->p, "age", LIA_FE_INVALID_TYPE);
		assert_int_equal(o.age, -1);
	}
}

static void
test_lia_json_decode_string_length_in_code_points(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	/* "Élène": 5 characters, 7 bytes; the limit is 5. */
	assert_true(decode(f, "{\"name\":\"\xc3\x89l\xc3\xa8ne\"}", spec, n));
	assert_string_equal(o.name, "\xc3\x89l\xc3\xa8ne");
	/* Same, written with \u escapes. */
	assert_true(decode(f, "{\"name\":\"\\u00c9l\\u00e8ne\"}", spec, n));
	assert_false(decode(f, "{\"name\":\"\xc3\x89l\xc3\xa8nes\"}", spec, n));
	assert_only_error(&f->p, "name", LIA_FE_TOO_LONG);
	assert_false(decode(f, "{\"name\":\"abcdef\"}", spec, n));
	assert_only_error(&f->p, "name", LIA_FE_TOO_LONG);
}

static void
test_lia_json_decode_string_default_max(void **state)
{
	struct fx *f = *state;
	const char *s = NULL;
	const struct lia_json_field spec[] = {{"s", LIA_JSON_STRING, 0, 0, 0, 0, NULL, &s, NULL}};
	char body[1100];
	size_t o = (size_t)snprintf(body, sizeof body, "{\"s\":\"");
	memset(body + o, 'a', 1000);
	snprintf(body + o + 1000, sizeof body - o - 1000, "\"}");
	assert_true(decode(f, body, spec, 1));
	assert_int_equal(strlen(s), 1000);
	snprintf(body + o + 1000, sizeof body - o - 1000, "a\"}");
	assert_false(decode(f, body, spec, 1));
	assert_only_error(&f->p, "s", LIA_FE_TOO_LONG);
}

static void
test_lia_json_decode_required_empty_string(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "{\"name\":\"\"}", spec, n));
	assert_only_error(&f->p, "name", LIA_FE_TOO_SHORT);
}

static void
test_lia_json_decode_choices(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_true(decode(f, "{\"name\":\"A\",\"kind\":\"person\"}", spec, n));
	assert_string_equal(o.kind, "person");
	assert_false(decode(f, "{\"name\":\"A\",\"kind\":\"robot\"}", spec, n));
	assert_only_error(&f->p, "kind", LIA_FE_INVALID_VALUE);
	assert_false(decode(f, "{\"name\":\"A\",\"kind\":\"Staff\"}", spec, n));
	assert_only_error(&f->p, "kind", LIA_FE_INVALID_VALUE);
	assert_false(decode(f, "{\"name\":\"A\",\"kind\":\"\"}", spec, n));
	assert_only_error(&f->p, "kind", LIA_FE_INVALID_VALUE);
}

static void
test_lia_json_decode_array_max_items(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_true(decode(f, "{\"name\":\"A\",\"tags\":[]}", spec, n));
	assert_int_equal(cJSON_GetArraySize(o.tags), 0);
	assert_true(decode(f, "{\"name\":\"A\",\"tags\":[\"a\",\"b\",\"c\"]}", spec, n));
	assert_false(decode(f, "{\"name\":\"A\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}", spec, n));
	assert_only_error(&f->p, "tags", LIA_FE_TOO_LONG);
}

static void
test_lia_json_decode_prefix_on_nested(void **state)
{
	struct fx *f = *state;
	const cJSON *ins = NULL;
	const struct lia_json_field outer[] = {
		{"ins", LIA_JSON_OBJECT, LIA_JSON_REQUIRED, 0, 0, 0, NULL, &ins, NULL}};
	const char *matricule = NULL, *oid = NULL;
	const struct lia_json_field inner[] = {
		{"matricule", LIA_JSON_STRING, LIA_JSON_REQUIRED, 15, 0, 0, NULL, &matricule, NULL},
		{"oid", LIA_JSON_STRING, 0, 0, 0, 0, NULL, &oid, NULL},
	};
	assert_true(decode(f, "{\"ins\":{\"oid\":5,\"extra\":1}}", outer, 1));
	assert_non_null(ins);
	assert_false(lia_json_decode(f->a, ins, inner, 2, "ins.", &f->p));
	assert_int_equal(f->p.nfields, 3);
	assert_field_error(&f->p, "ins.matricule", LIA_FE_REQUIRED);
	assert_field_error(&f->p, "ins.oid", LIA_FE_INVALID_TYPE);
	assert_field_error(&f->p, "ins.extra", LIA_FE_UNKNOWN_FIELD);
}

static void
test_lia_json_decode_nested_appends_to_outer_errors(void **state)
{
	struct fx *f = *state;
	const cJSON *ins = NULL;
	int64_t n = 0;
	const struct lia_json_field outer[] = {
		{"ins", LIA_JSON_OBJECT, 0, 0, 0, 0, NULL, &ins, NULL},
		{"n", LIA_JSON_INT, 0, 0, 1, 9, NULL, &n, NULL},
	};
	const char *m = NULL;
	const struct lia_json_field inner[] = {
		{"matricule", LIA_JSON_STRING, 0, 0, 0, 0, NULL, &m, NULL}};
	assert_false(decode(f, "{\"ins\":{\"matricule\":\"x\"},\"n\":10}", outer, 2));
	assert_int_equal(f->p.nfields, 1);
	/* The nested object itself is fine: decode reports success for its part only. */
	assert_true(lia_json_decode(f->a, ins, inner, 1, "ins.", &f->p));
	assert_string_equal(m, "x");
	assert_int_equal(f->p.nfields, 1);
	/* A nested error lands after the outer one. */
	assert_false(decode(f, "{\"ins\":{\"matricule\":1},\"n\":10}", outer, 2));
	assert_false(lia_json_decode(f->a, ins, inner, 1, "ins.", &f->p));
	assert_int_equal(f->p.nfields, 2);
	assert_string_equal(f->p.fields[0].field, "n");
	assert_string_equal(f->p.fields[1].field, "ins.matricule");
}

static void
test_lia_json_decode_all_errors_in_one_pass(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f,
			    "{\"age\":\"old\",\"active\":\"yes\",\"colour\":\"red\","
			    "\"tags\":[1,2,3,4],\"kind\":\"robot\",\"height\":2}",
			    spec, n));
	assert_int_equal(f->p.kind, LIA_P_VALIDATION_FAILED);
	assert_int_equal(f->p.nfields, 7);
	assert_field_error(&f->p, "name", LIA_FE_REQUIRED);
	assert_field_error(&f->p, "age", LIA_FE_INVALID_TYPE);
	assert_field_error(&f->p, "active", LIA_FE_INVALID_TYPE);
	assert_field_error(&f->p, "colour", LIA_FE_UNKNOWN_FIELD);
	assert_field_error(&f->p, "height", LIA_FE_UNKNOWN_FIELD);
	assert_field_error(&f->p, "tags", LIA_FE_TOO_LONG);
	assert_field_error(&f->p, "kind", LIA_FE_INVALID_VALUE);
	/* Fields in error are not reported present. */
	assert_int_equal(o.age_p, 0);
	assert_int_equal(o.kind_p, 0);
}

static void
test_lia_json_decode_body_not_object(void **state)
{
	struct fx *f = *state;
	struct person o;
	struct lia_json_field spec[7];
	size_t n = person_spec(&o, spec);
	assert_false(decode(f, "[{\"name\":\"A\"}]", spec, n));
	assert_int_equal(f->p.kind, LIA_P_VALIDATION_FAILED);
	assert_int_equal(f->p.nfields, 1);
	assert_int_equal(f->p.fields[0].code, LIA_FE_INVALID_TYPE);
	assert_false(decode(f, "\"A\"", spec, n));
	assert_int_equal(f->p.fields[0].code, LIA_FE_INVALID_TYPE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_lia_json_parse_depth_limit),
		T(test_lia_json_parse_brackets_in_strings_not_counted),
		T(test_lia_json_parse_rejects_escaped_nul),
		T(test_lia_json_parse_accepts_escaped_backslash_u0000),
		T(test_lia_json_parse_accepts_normal_json),
		T(test_lia_json_parse_rejects_malformed),
		T(test_lia_json_parse_rejects_trailing_data),
		T(test_lia_json_parse_respects_length),
		T(test_lia_json_decode_all_fields),
		T(test_lia_json_decode_strings_outlive_tree),
		T(test_lia_json_decode_required_absent),
		T(test_lia_json_decode_required_null),
		T(test_lia_json_decode_optional_absent),
		T(test_lia_json_decode_nullable_null),
		T(test_lia_json_decode_null_not_nullable),
		T(test_lia_json_decode_unknown_field),
		T(test_lia_json_decode_duplicate_field),
		T(test_lia_json_decode_type_errors),
		T(test_lia_json_decode_integer_range),
		T(test_lia_json_decode_integer_any_range),
		T(test_lia_json_decode_non_integer_numbers),
		T(test_lia_json_decode_string_length_in_code_points),
		T(test_lia_json_decode_string_default_max),
		T(test_lia_json_decode_required_empty_string),
		T(test_lia_json_decode_choices),
		T(test_lia_json_decode_array_max_items),
		T(test_lia_json_decode_prefix_on_nested),
		T(test_lia_json_decode_nested_appends_to_outer_errors),
		T(test_lia_json_decode_all_errors_in_one_pass),
		T(test_lia_json_decode_body_not_object),
#undef T
	};
	LIA_RUN_GROUP("json_spec", tests, NULL, NULL);
}
