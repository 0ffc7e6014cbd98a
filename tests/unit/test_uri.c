/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/http/uri.c (request-target parsing: segments, percent-decoding,
 * query parameters and their limits) and src/http/routes.c (route lookup, 404 vs 405).
 */
#include "lia_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "http/routes.h"
#include "http/uri.h"

struct fx {
	struct lia_arena *a;
	struct lia_uri u;
	struct lia_problem p;
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
	lia_arena_free(f->a);
	free(f);
	return 0;
}

static bool
parse(struct fx *f, const char *raw)
{
	memset(&f->p, 0, sizeof f->p);
	return lia_uri_parse(f->a, raw, &f->u, &f->p);
}

static void
assert_path_refused(struct fx *f, const char *raw)
{
	if (parse(f, raw))
		fail_msg("accepted path \"%s\"", raw);
	assert_int_equal(f->p.kind, LIA_P_INVALID_PATH);
}

static void
assert_query_refused(struct fx *f, const char *raw)
{
	if (parse(f, raw))
		fail_msg("accepted query \"%s\"", raw);
	assert_int_equal(f->p.kind, LIA_P_INVALID_QUERY);
}

/* ---- lia_uri_parse: path ---- */

static void
test_lia_uri_parse_segments(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/api/v1/clients/0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b"));
	assert_int_equal(f->u.nsegments, 4);
	assert_string_equal(f->u.segments[0], "api");
	assert_string_equal(f->u.segments[1], "v1");
	assert_string_equal(f->u.segments[2], "clients");
	assert_string_equal(f->u.segments[3], "0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
	assert_string_equal(f->u.path, "/api/v1/clients/0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");
	assert_int_equal(f->u.nparams, 0);
	assert_int_equal(f->p.kind, LIA_P_NONE);
}

static void
test_lia_uri_parse_root(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/"));
	assert_int_equal(f->u.nsegments, 0);
}

static void
test_lia_uri_parse_trailing_slash_dropped(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/api/v1/clients/"));
	assert_int_equal(f->u.nsegments, 3);
	assert_string_equal(f->u.segments[2], "clients");
}

static void
test_lia_uri_parse_percent_decoding(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/api/v1/clients/DU%C3%A9%20x"));
	assert_int_equal(f->u.nsegments, 4);
	assert_string_equal(f->u.segments[3], "DU\xc3\xa9 x");
	assert_true(parse(f, "/a/%c3%a9")); /* lower-case hex */
	assert_string_equal(f->u.segments[1], "\xc3\xa9");
}

static void
test_lia_uri_parse_plus_literal_in_path(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/a+b?q=a+b&r=c%2Bd"));
	assert_string_equal(f->u.segments[0], "a+b");
	assert_string_equal(lia_uri_param(&f->u, "q"), "a b");
	assert_string_equal(lia_uri_param(&f->u, "r"), "c+d");
}

static void
test_lia_uri_parse_dot_segments_refused(void **state)
{
	struct fx *f = *state;
	assert_path_refused(f, "/api/../etc");
	assert_path_refused(f, "/api/./v1");
	assert_path_refused(f, "/..");
	assert_path_refused(f, "/api/%2e%2e/x");
	assert_path_refused(f, "/api/%2E/x");
	assert_path_refused(f, "/api/.%2e");
	/* Dots inside a name are ordinary characters. */
	assert_true(parse(f, "/files/a..b/.hidden"));
	assert_string_equal(f->u.segments[1], "a..b");
}

static void
test_lia_uri_parse_encoded_slash_refused(void **state)
{
	struct fx *f = *state;
	assert_path_refused(f, "/api/v1/clients/a%2Fb");
	assert_path_refused(f, "/api/v1/clients/%2f");
}

static void
test_lia_uri_parse_bad_escape_in_path(void **state)
{
	struct fx *f = *state;
	assert_path_refused(f, "/a%");
	assert_path_refused(f, "/a%4");
	assert_path_refused(f, "/a%zz");
	assert_path_refused(f, "/a%4g/b");
	assert_path_refused(f, "/a%00b"); /* NUL */
}

static void
test_lia_uri_parse_bad_utf8_in_path(void **state)
{
	struct fx *f = *state;
	assert_path_refused(f, "/a%C3%28");
	assert_path_refused(f, "/a%FF");
	assert_path_refused(f, "/a%C0%AF");    /* overlong '/' */
	assert_path_refused(f, "/a%ED%A0%80"); /* surrogate */
	assert_path_refused(f, "/a\xc3(");     /* raw bad byte */
	assert_path_refused(f, "/a%C3");       /* truncated */
}

static void
test_lia_uri_parse_refuses_non_origin_form(void **state)
{
	struct fx *f = *state;
	assert_path_refused(f, "");
	assert_path_refused(f, "api/v1");
	assert_path_refused(f, "http://example.org/api");
	assert_path_refused(f, "*");
	memset(&f->p, 0, sizeof f->p);
	assert_false(lia_uri_parse(f->a, NULL, &f->u, &f->p));
	assert_int_equal(f->p.kind, LIA_P_INVALID_PATH);
}

static void
test_lia_uri_parse_length_limit(void **state)
{
	struct fx *f = *state;
	char raw[LIA_URI_MAX_LEN + 2];
	raw[0] = '/';
	memset(raw + 1, 'a', LIA_URI_MAX_LEN - 1);
	raw[LIA_URI_MAX_LEN] = '\0';
	assert_true(parse(f, raw));
	raw[LIA_URI_MAX_LEN] = 'a';
	raw[LIA_URI_MAX_LEN + 1] = '\0';
	assert_path_refused(f, raw);
}

static void
test_lia_uri_parse_segment_limit(void **state)
{
	struct fx *f = *state;
	char raw[256];
	size_t o = 0;
	for (int i = 0; i < LIA_URI_MAX_SEGMENTS; i++)
		o += (size_t)snprintf(raw + o, sizeof raw - o, "/s");
	assert_true(parse(f, raw));
	assert_int_equal(f->u.nsegments, LIA_URI_MAX_SEGMENTS);
	snprintf(raw + o, sizeof raw - o, "/s");
	assert_path_refused(f, raw);
}

static void
test_lia_uri_parse_fragment_ignored(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/a/b#frag"));
	assert_int_equal(f->u.nsegments, 2);
	assert_string_equal(f->u.segments[1], "b");
	assert_true(parse(f, "/a?x=1#frag"));
	assert_string_equal(lia_uri_param(&f->u, "x"), "1");
	assert_int_equal(f->u.nparams, 1);
}

static void
test_lia_uri_parse_question_mark_in_fragment(void **state)
{
	struct fx *f = *state;
	/* A '?' after the '#' belongs to the fragment: no query, and no '#' in a
	 * segment. Refusing the target outright would be correct too. */
	if (parse(f, "/a#frag?x=1")) {
		assert_int_equal(f->u.nsegments, 1);
		assert_string_equal(f->u.segments[0], "a");
		assert_string_equal(f->u.path, "/a");
		assert_int_equal(f->u.nparams, 0);
	} else {
		assert_int_equal(f->p.kind, LIA_P_INVALID_PATH);
	}
}

/* ---- lia_uri_parse: query ---- */

static void
test_lia_uri_parse_query_params(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/api/v1/clients?name=DU%C3%A9&limit=20&flag"));
	assert_int_equal(f->u.nsegments, 3);
	assert_int_equal(f->u.nparams, 3);
	assert_string_equal(lia_uri_param(&f->u, "name"), "DU\xc3\xa9");
	assert_string_equal(lia_uri_param(&f->u, "limit"), "20");
	assert_string_equal(lia_uri_param(&f->u, "flag"), ""); /* no '=': empty value */
	assert_null(lia_uri_param(&f->u, "cursor"));
	assert_null(lia_uri_param(&f->u, "Name")); /* names are case-sensitive */
	/* The query is not part of the path. */
	assert_string_equal(f->u.path, "/api/v1/clients");
}

static void
test_lia_uri_parse_query_value_with_equals(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/a?cursor=abc=="));
	assert_string_equal(lia_uri_param(&f->u, "cursor"), "abc==");
	assert_true(parse(f, "/a?k=%3D%26"));
	assert_string_equal(lia_uri_param(&f->u, "k"), "=&");
}

static void
test_lia_uri_parse_empty_pairs_ignored(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/a?&a=1&&b=2&"));
	assert_int_equal(f->u.nparams, 2);
	assert_string_equal(lia_uri_param(&f->u, "a"), "1");
	assert_string_equal(lia_uri_param(&f->u, "b"), "2");
	assert_true(parse(f, "/a?"));
	assert_int_equal(f->u.nparams, 0);
}

static void
test_lia_uri_parse_empty_name_refused(void **state)
{
	struct fx *f = *state;
	assert_query_refused(f, "/a?=1");
	assert_query_refused(f, "/a?a=1&=2");
}

static void
test_lia_uri_parse_bad_escape_in_query(void **state)
{
	struct fx *f = *state;
	assert_query_refused(f, "/a?x=%");
	assert_query_refused(f, "/a?x=%4");
	assert_query_refused(f, "/a?x=%ZZ");
	assert_query_refused(f, "/a?x=%00");
	assert_query_refused(f, "/a?x%=1");
	assert_query_refused(f, "/a?x=%C3");
	assert_query_refused(f, "/a?x=%C3%28");
	assert_query_refused(f, "/a?x=%ED%A0%80");
	assert_query_refused(f, "/a?x=\xff");
}

static void
test_lia_uri_parse_duplicate_param_refused(void **state)
{
	struct fx *f = *state;
	assert_query_refused(f, "/a?limit=1&limit=2");
	assert_int_equal(f->p.nfields, 1);
	assert_string_equal(f->p.fields[0].field, "limit");
	assert_int_equal(f->p.fields[0].code, LIA_FE_DUPLICATE_FIELD);
	/* The same name spelled with an escape is the same name. */
	assert_query_refused(f, "/a?limit=1&%6Cimit=2");
	assert_string_equal(f->p.fields[0].field, "limit");
}

static void
test_lia_uri_parse_too_many_params_refused(void **state)
{
	struct fx *f = *state;
	char raw[1024];
	size_t o = (size_t)snprintf(raw, sizeof raw, "/a?");
	for (int i = 0; i < LIA_QUERY_MAX_PARAMS; i++)
		o += (size_t)snprintf(raw + o, sizeof raw - o, "%sp%d=1", i ? "&" : "", i);
	assert_true(parse(f, raw));
	assert_int_equal(f->u.nparams, LIA_QUERY_MAX_PARAMS);
	snprintf(raw + o, sizeof raw - o, "&extra=1");
	assert_query_refused(f, raw);
}

static void
test_lia_uri_parse_value_length_limit(void **state)
{
	struct fx *f = *state;
	char raw[LIA_QUERY_MAX_VALUE + 32];
	size_t o = (size_t)snprintf(raw, sizeof raw, "/a?name=");
	memset(raw + o, 'x', LIA_QUERY_MAX_VALUE);
	raw[o + LIA_QUERY_MAX_VALUE] = '\0';
	assert_true(parse(f, raw));
	assert_int_equal(strlen(lia_uri_param(&f->u, "name")), LIA_QUERY_MAX_VALUE);
	raw[o + LIA_QUERY_MAX_VALUE] = 'x';
	raw[o + LIA_QUERY_MAX_VALUE + 1] = '\0';
	assert_query_refused(f, raw);
	assert_int_equal(f->p.nfields, 1);
	assert_string_equal(f->p.fields[0].field, "name");
	assert_int_equal(f->p.fields[0].code, LIA_FE_TOO_LONG);
}

/* ---- lia_uri_int ---- */

static void
test_lia_uri_int_absent_gives_default(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/a?other=1"));
	int64_t v = 0;
	memset(&f->p, 0, sizeof f->p);
	assert_true(lia_uri_int(&f->u, "limit", 1, 200, 50, &v, &f->p));
	assert_int_equal(v, 50);
	assert_int_equal(f->p.kind, LIA_P_NONE);
}

static void
test_lia_uri_int_bounds(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *raw;
		bool ok;
		int64_t want;
	} cases[] = {
		{"/a?limit=1", true, 1},  {"/a?limit=200", true, 200}, {"/a?limit=37", true, 37},
		{"/a?limit=0", false, 0}, {"/a?limit=201", false, 0},  {"/a?limit=-1", false, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_true(parse(f, cases[i].raw));
		int64_t v = -99;
		memset(&f->p, 0, sizeof f->p);
		bool ok = lia_uri_int(&f->u, "limit", 1, 200, 50, &v, &f->p);
		if (ok != cases[i].ok)
			fail_msg("%s: got %d", cases[i].raw, ok);
		if (ok) {
			assert_int_equal(v, cases[i].want);
		} else {
			assert_int_equal(f->p.kind, LIA_P_INVALID_QUERY);
			assert_int_equal(f->p.nfields, 1);
			assert_string_equal(f->p.fields[0].field, "limit");
			assert_int_equal(f->p.fields[0].code, LIA_FE_OUT_OF_RANGE);
		}
	}
	/* Negative ranges. */
	assert_true(parse(f, "/a?d=-5"));
	int64_t v;
	assert_true(lia_uri_int(&f->u, "d", -10, 10, 0, &v, &f->p));
	assert_int_equal(v, -5);
}

static void
test_lia_uri_int_format(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {
		"/a?limit=",    "/a?limit=abc",  "/a?limit=12x",
		"/a?limit=1.5", "/a?limit=0x10", "/a?limit=99999999999999999999999",
		"/a?limit=1e3",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_true(parse(f, bad[i]));
		int64_t v = -99;
		memset(&f->p, 0, sizeof f->p);
		if (lia_uri_int(&f->u, "limit", 0, INT64_MAX, 50, &v, &f->p))
			fail_msg("accepted %s as %lld", bad[i], (long long)v);
		assert_int_equal(f->p.kind, LIA_P_INVALID_QUERY);
		assert_int_equal(f->p.nfields, 1);
		assert_string_equal(f->p.fields[0].field, "limit");
		assert_int_equal(f->p.fields[0].code, LIA_FE_INVALID_FORMAT);
	}
}

/* ---- lia_uri_check_params ---- */

static void
test_lia_uri_check_params_names_unknown(void **state)
{
	struct fx *f = *state;
	static const char *const allowed[] = {"limit", "cursor", NULL};
	assert_true(parse(f, "/a?limit=1&foo=2&cursor=x&bar=3"));
	memset(&f->p, 0, sizeof f->p);
	assert_false(lia_uri_check_params(&f->u, allowed, &f->p));
	assert_int_equal(f->p.kind, LIA_P_INVALID_QUERY);
	assert_int_equal(f->p.nfields, 2);
	assert_string_equal(f->p.fields[0].field, "foo");
	assert_int_equal(f->p.fields[0].code, LIA_FE_UNKNOWN_FIELD);
	assert_string_equal(f->p.fields[1].field, "bar");
	assert_int_equal(f->p.fields[1].code, LIA_FE_UNKNOWN_FIELD);
}

static void
test_lia_uri_check_params_all_known(void **state)
{
	struct fx *f = *state;
	static const char *const allowed[] = {"limit", "cursor", NULL};
	assert_true(parse(f, "/a?limit=1&cursor=x"));
	memset(&f->p, 0, sizeof f->p);
	assert_true(lia_uri_check_params(&f->u, allowed, &f->p));
	assert_int_equal(f->p.kind, LIA_P_NONE);
	assert_int_equal(f->p.nfields, 0);
}

static void
test_lia_uri_check_params_null_allows_none(void **state)
{
	struct fx *f = *state;
	assert_true(parse(f, "/a"));
	memset(&f->p, 0, sizeof f->p);
	assert_true(lia_uri_check_params(&f->u, NULL, &f->p));
	assert_true(parse(f, "/a?x=1"));
	memset(&f->p, 0, sizeof f->p);
	assert_false(lia_uri_check_params(&f->u, NULL, &f->p));
	assert_string_equal(f->p.fields[0].field, "x");
}

/* ---- lia_route_find ---- */

static const struct lia_route *
find(struct fx *f, const char *method, const char *raw, const char **params, bool *known)
{
	if (!parse(f, raw))
		fail_msg("cannot parse %s", raw);
	for (int i = 0; i < 4; i++)
		params[i] = NULL;
	*known = true; /* must be overwritten */
	return lia_route_find(method, f->u.segments, f->u.nsegments, params, known);
}

static void
test_lia_route_find_client_get_and_patch(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known;
	const char *id = "0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b";
	char raw[128];
	snprintf(raw, sizeof raw, "/api/v1/clients/%s", id);

	const struct lia_route *r = find(f, "GET", raw, params, &known);
	assert_non_null(r);
	assert_true(known);
	assert_string_equal(r->method, "GET");
	assert_string_equal(r->pattern, "/api/v1/clients/{id}");
	assert_non_null(r->handler);
	assert_string_equal(params[0], id);

	const struct lia_route *u = find(f, "PATCH", raw, params, &known);
	assert_non_null(u);
	assert_ptr_not_equal(u, r);
	assert_string_equal(u->method, "PATCH");
	assert_string_equal(u->pattern, "/api/v1/clients/{id}");
	assert_string_equal(params[0], id);
	assert_true(u->max_body > 0);
	assert_int_equal(r->max_body, 0);
}

static void
test_lia_route_find_method_not_allowed(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known = false;
	assert_null(find(f, "DELETE", "/api/v1/clients/123", params, &known));
	assert_true(known);
	assert_null(find(f, "PUT", "/api/v1/clients", params, &known));
	assert_true(known);
	/* Methods are case-sensitive (RFC 9110). */
	assert_null(find(f, "get", "/api/v1/clients/123", params, &known));
	assert_true(known);
}

static void
test_lia_route_find_unknown_path(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known;
	assert_null(find(f, "GET", "/api/v1/nothing", params, &known));
	assert_false(known);
	assert_null(find(f, "GET", "/api/v1/clients/1/2/3", params, &known));
	assert_false(known);
	assert_null(find(f, "GET", "/api/v1", params, &known));
	assert_false(known);
	assert_null(find(f, "GET", "/", params, &known));
	assert_false(known);
	assert_null(find(f, "GET", "/api/v2/clients", params, &known));
	assert_false(known);
	assert_null(find(f, "GET", "/api/v1/client", params, &known));
	assert_false(known);
	assert_null(find(f, "GET", "/api/v1/clientsx", params, &known));
	assert_false(known);
}

static void
test_lia_route_find_trailing_slash(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known;
	/* "/a/" parses as "/a", so the route is the same with or without the slash. */
	const struct lia_route *r = find(f, "GET", "/api/v1/clients/abc/", params, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/api/v1/clients/{id}");
	assert_string_equal(params[0], "abc");
	r = find(f, "POST", "/api/v1/clients/", params, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/api/v1/clients");
}

static void
test_lia_route_find_collection_and_static(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known;
	const struct lia_route *r = find(f, "GET", "/api/v1/clients", params, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/api/v1/clients");
	assert_non_null(r->query);
	r = find(f, "GET", "/healthz", params, &known);
	assert_non_null(r);
	assert_int_equal(r->auth, LIA_AUTH_PUBLIC);
	r = find(f, "GET", "/api/v1/clients/x1/access-log", params, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/api/v1/clients/{id}/access-log");
	assert_string_equal(params[0], "x1");
	assert_int_equal(r->auth, LIA_AUTH_SESSION);
}

static void
test_lia_route_find_two_params(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known;
	const struct lia_route *r =
		find(f, "DELETE", "/api/v1/accounts/acc-1/roles/role-2", params, &known);
	assert_non_null(r);
	assert_string_equal(r->pattern, "/api/v1/accounts/{id}/roles/{role_id}");
	assert_string_equal(params[0], "acc-1");
	assert_string_equal(params[1], "role-2");
}

static void
test_lia_route_find_decoded_segment_param(void **state)
{
	struct fx *f = *state;
	const char *params[4];
	bool known;
	const struct lia_route *r = find(f, "GET", "/api/v1/clients/%C3%A9t%C3%A9", params, &known);
	assert_non_null(r);
	assert_string_equal(params[0], "\xc3\xa9t\xc3\xa9");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_lia_uri_parse_segments),
		T(test_lia_uri_parse_root),
		T(test_lia_uri_parse_trailing_slash_dropped),
		T(test_lia_uri_parse_percent_decoding),
		T(test_lia_uri_parse_plus_literal_in_path),
		T(test_lia_uri_parse_dot_segments_refused),
		T(test_lia_uri_parse_encoded_slash_refused),
		T(test_lia_uri_parse_bad_escape_in_path),
		T(test_lia_uri_parse_bad_utf8_in_path),
		T(test_lia_uri_parse_refuses_non_origin_form),
		T(test_lia_uri_parse_length_limit),
		T(test_lia_uri_parse_segment_limit),
		T(test_lia_uri_parse_fragment_ignored),
		T(test_lia_uri_parse_question_mark_in_fragment),
		T(test_lia_uri_parse_query_params),
		T(test_lia_uri_parse_query_value_with_equals),
		T(test_lia_uri_parse_empty_pairs_ignored),
		T(test_lia_uri_parse_empty_name_refused),
		T(test_lia_uri_parse_bad_escape_in_query),
		T(test_lia_uri_parse_duplicate_param_refused),
		T(test_lia_uri_parse_too_many_params_refused),
		T(test_lia_uri_parse_value_length_limit),
		T(test_lia_uri_int_absent_gives_default),
		T(test_lia_uri_int_bounds),
		T(test_lia_uri_int_format),
		T(test_lia_uri_check_params_names_unknown),
		T(test_lia_uri_check_params_all_known),
		T(test_lia_uri_check_params_null_allows_none),
		T(test_lia_route_find_client_get_and_patch),
		T(test_lia_route_find_method_not_allowed),
		T(test_lia_route_find_unknown_path),
		T(test_lia_route_find_trailing_slash),
		T(test_lia_route_find_collection_and_static),
		T(test_lia_route_find_two_params),
		T(test_lia_route_find_decoded_segment_param),
#undef T
	};
	LIA_RUN_GROUP("uri", tests, NULL, NULL);
}
