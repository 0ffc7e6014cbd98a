/* SPDX-License-Identifier: EUPL-1.2 */
/* JSON body parsing with bounded depth, and decoding along a field spec. */
#include "http/json_spec.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define MAX_DEPTH 16

/* cJSON recurses up to CJSON_NESTING_LIMIT (1000) levels; we accept far less, and
 * check before parsing so that a hostile body costs one linear scan. */
static bool
depth_ok(const char *s, size_t len)
{
	int depth = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			if (++depth > MAX_DEPTH)
				return false;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return true;
}

/* cJSON turns "\u0000" into a C string that ends early: refuse it instead of
 * silently storing a truncated value. */
static bool
has_escaped_nul(const char *s, size_t len)
{
	for (size_t i = 0; i + 6 <= len; i++)
		if (s[i] == '\\' && s[i + 1] == 'u' && s[i + 2] == '0' && s[i + 3] == '0' &&
		    s[i + 4] == '0' && s[i + 5] == '0') {
			/* Count the backslashes before: "\\u0000" is an escaped backslash. */
			size_t k = i, bs = 0;
			while (k > 0 && s[k - 1] == '\\') {
				k--;
				bs++;
			}
			if (bs % 2 == 0)
				return true;
		}
	return false;
}

cJSON *
lia_json_parse(const char *body, size_t len, struct lia_problem *p)
{
	if (!depth_ok(body, len)) {
		lia_problem_set(p, LIA_P_MALFORMED_JSON, "JSON nested too deeply",
				"JSON trop profondément imbriqué");
		return NULL;
	}
	if (has_escaped_nul(body, len)) {
		lia_problem_set(p, LIA_P_MALFORMED_JSON, "NUL characters (\\u0000) are not accepted",
				"Les caractères NUL (\\u0000) ne sont pas acceptés");
		return NULL;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	/* One value and nothing after it but white space: "{} x" is not a body. */
	while (root && end && end < body + len &&
	       (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (root && end != body + len) {
		cJSON_Delete(root);
		root = NULL;
	}
	if (!root)
		lia_problem_set(p, LIA_P_MALFORMED_JSON, "The body is not valid JSON",
				"Le corps n'est pas un JSON valide");
	return root;
}

static const struct lia_json_field *
find_field(const struct lia_json_field *spec, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(spec[i].name, name) == 0)
			return &spec[i];
	return NULL;
}

static void
field_error(struct lia_problem *p, const char *prefix, const char *name, enum lia_field_error e)
{
	char full[128];
	snprintf(full, sizeof full, "%s%s", prefix, name);
	lia_problem_field(p, full, e);
}

static bool
in_choices(const char *const *choices, const char *s)
{
	for (; *choices; choices++)
		if (strcmp(*choices, s) == 0)
			return true;
	return false;
}

static void
decode_one(struct lia_arena *a, const cJSON *item, const struct lia_json_field *f,
	   const char *prefix, struct lia_problem *p)
{
	switch (f->type) {
	case LIA_JSON_STRING: {
		if (!cJSON_IsString(item)) {
			field_error(p, prefix, f->name, LIA_FE_INVALID_TYPE);
			return;
		}
		size_t max = f->max_len ? f->max_len : 1000;
		size_t len = lia_utf8_length(item->valuestring);
		if (len > max) {
			field_error(p, prefix, f->name, LIA_FE_TOO_LONG);
			return;
		}
		if ((f->flags & LIA_JSON_REQUIRED) && len == 0) {
			field_error(p, prefix, f->name, LIA_FE_TOO_SHORT);
			return;
		}
		if (f->choices && !in_choices(f->choices, item->valuestring)) {
			field_error(p, prefix, f->name, LIA_FE_INVALID_VALUE);
			return;
		}
		*(const char **)f->out = lia_arena_strdup(a, item->valuestring);
		return;
	}
	case LIA_JSON_INT: {
		double d = item->valuedouble;
		if (!cJSON_IsNumber(item) || !isfinite(d) || d != floor(d) || fabs(d) > 9.0e15) {
			field_error(p, prefix, f->name, LIA_FE_INVALID_TYPE);
			return;
		}
		int64_t v = (int64_t)d;
		if ((f->min || f->max) && (v < f->min || v > f->max)) {
			field_error(p, prefix, f->name, LIA_FE_OUT_OF_RANGE);
			return;
		}
		*(int64_t *)f->out = v;
		return;
	}
	case LIA_JSON_BOOL:
		if (!cJSON_IsBool(item)) {
			field_error(p, prefix, f->name, LIA_FE_INVALID_TYPE);
			return;
		}
		*(bool *)f->out = cJSON_IsTrue(item);
		return;
	case LIA_JSON_OBJECT:
		if (!cJSON_IsObject(item)) {
			field_error(p, prefix, f->name, LIA_FE_INVALID_TYPE);
			return;
		}
		*(const cJSON **)f->out = item;
		return;
	case LIA_JSON_ARRAY:
		if (!cJSON_IsArray(item)) {
			field_error(p, prefix, f->name, LIA_FE_INVALID_TYPE);
			return;
		}
		if (f->max_len && (size_t)cJSON_GetArraySize(item) > f->max_len) {
			field_error(p, prefix, f->name, LIA_FE_TOO_LONG);
			return;
		}
		*(const cJSON **)f->out = item;
		return;
	}
}

bool
lia_json_decode(struct lia_arena *a, const cJSON *obj, const struct lia_json_field *spec,
		size_t n, const char *prefix, struct lia_problem *p)
{
	size_t before = p->nfields;
	enum lia_problem_kind kind_before = p->kind;

	if (!cJSON_IsObject(obj)) {
		field_error(p, prefix, prefix[0] ? "" : "(body)", LIA_FE_INVALID_TYPE);
		return false;
	}
	for (const cJSON *item = obj->child; item; item = item->next) {
		const char *name = item->string ? item->string : "";
		if (!find_field(spec, n, name)) {
			field_error(p, prefix, name, LIA_FE_UNKNOWN_FIELD);
			continue;
		}
		for (const cJSON *other = obj->child; other != item; other = other->next)
			if (other->string && strcmp(other->string, name) == 0) {
				field_error(p, prefix, name, LIA_FE_DUPLICATE_FIELD);
				break;
			}
	}
	for (size_t i = 0; i < n; i++) {
		const struct lia_json_field *f = &spec[i];
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, f->name);
		if (f->present)
			*f->present = 0;
		if (!item || cJSON_IsNull(item)) {
			if (f->flags & LIA_JSON_REQUIRED)
				field_error(p, prefix, f->name, LIA_FE_REQUIRED);
			else if (item && !(f->flags & LIA_JSON_NULLABLE))
				field_error(p, prefix, f->name, LIA_FE_INVALID_TYPE);
			else if (item && f->present)
				*f->present = 2;
			continue;
		}
		size_t errs = p->nfields;
		decode_one(a, item, f, prefix, p);
		if (f->present && p->nfields == errs)
			*f->present = 1;
	}
	return p->nfields == before && p->kind == kind_before;
}
