/* SPDX-License-Identifier: EUPL-1.2 */
/* Request-target parsing (see uri.h). RFC 3986 percent-decoding; '+' is a space in
 * the query only (HTML form encoding, which browsers use for GET forms). */
#include "http/uri.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a new arena string; NULL on a bad escape or bad UTF-8. */
static char *
decode(struct lia_arena *a, const char *s, size_t n, bool plus_is_space)
{
	char *out = lia_arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	if (!lia_utf8_valid(out, o))
		return NULL;
	return out;
}

static bool
parse_query(struct lia_arena *a, const char *q, struct lia_uri *out, struct lia_problem *p)
{
	while (*q) {
		const char *amp = strchr(q, '&');
		size_t len = amp ? (size_t)(amp - q) : strlen(q);
		if (len > 0) {
			const char *eq = memchr(q, '=', len);
			size_t nlen = eq ? (size_t)(eq - q) : len;
			const char *v = eq ? eq + 1 : q + len;
			size_t vlen = eq ? len - nlen - 1 : 0;
			char *name = decode(a, q, nlen, true);
			char *value = decode(a, v, vlen, true);
			if (!name || !value || !*name) {
				lia_problem_set(p, LIA_P_INVALID_QUERY, "Badly encoded query parameter",
						"Paramètre de requête mal encodé");
				return false;
			}
			if (strlen(value) > LIA_QUERY_MAX_VALUE) {
				lia_problem_set(p, LIA_P_INVALID_QUERY, NULL, NULL);
				lia_problem_field(p, name, LIA_FE_TOO_LONG);
				return false;
			}
			if (lia_uri_param(out, name)) {
				lia_problem_set(p, LIA_P_INVALID_QUERY, NULL, NULL);
				lia_problem_field(p, name, LIA_FE_DUPLICATE_FIELD);
				return false;
			}
			if (out->nparams == LIA_QUERY_MAX_PARAMS) {
				lia_problem_set(p, LIA_P_INVALID_QUERY, "Too many query parameters",
						"Trop de paramètres de requête");
				return false;
			}
			out->params[out->nparams].name = name;
			out->params[out->nparams].value = value;
			out->nparams++;
		}
		if (!amp)
			break;
		q = amp + 1;
	}
	return true;
}

bool
lia_uri_parse(struct lia_arena *a, const char *raw, struct lia_uri *out, struct lia_problem *p)
{
	memset(out, 0, sizeof *out);
	size_t len = raw ? strlen(raw) : 0;
	if (len == 0 || len > LIA_URI_MAX_LEN || raw[0] != '/') {
		lia_problem_set(p, LIA_P_INVALID_PATH, NULL, NULL);
		return false;
	}
	/* The fragment ends the target; a '?' inside it is not a query. */
	const char *hash = strchr(raw, '#');
	size_t tlen = hash ? (size_t)(hash - raw) : len;
	const char *qmark = memchr(raw, '?', tlen);
	size_t plen = qmark ? (size_t)(qmark - raw) : tlen;
	char *path = decode(a, raw, plen, false);
	if (!path) {
		lia_problem_set(p, LIA_P_INVALID_PATH, "Badly encoded path", "Chemin mal encodé");
		return false;
	}
	out->path = path;
	/* Split on '/', keeping a trailing empty segment out ("/a/" is "/a"). */
	const char *s = raw + 1;
	const char *end = raw + plen;
	while (s < end) {
		const char *slash = memchr(s, '/', (size_t)(end - s));
		size_t n = slash ? (size_t)(slash - s) : (size_t)(end - s);
		if (n == 0 && slash) {
			s = slash + 1;
			continue; /* "//" */
		}
		if (n > 0) {
			char *seg = decode(a, s, n, false);
			if (!seg || !strcmp(seg, ".") || !strcmp(seg, "..") || strchr(seg, '/') ||
			    out->nsegments == LIA_URI_MAX_SEGMENTS) {
				lia_problem_set(p, LIA_P_INVALID_PATH, NULL, NULL);
				return false;
			}
			out->segments[out->nsegments++] = seg;
		}
		if (!slash)
			break;
		s = slash + 1;
	}
	if (qmark) {
		char *q = lia_arena_strndup(a, qmark + 1, tlen - plen - 1);
		if (!parse_query(a, q, out, p))
			return false;
	}
	return true;
}

const char *
lia_uri_param(const struct lia_uri *u, const char *name)
{
	for (size_t i = 0; i < u->nparams; i++)
		if (strcmp(u->params[i].name, name) == 0)
			return u->params[i].value;
	return NULL;
}

bool
lia_uri_check_params(const struct lia_uri *u, const char *const *allowed, struct lia_problem *p)
{
	bool ok = true;
	for (size_t i = 0; i < u->nparams; i++) {
		bool known = false;
		for (const char *const *k = allowed; k && *k; k++)
			if (strcmp(*k, u->params[i].name) == 0)
				known = true;
		if (!known) {
			lia_problem_set(p, LIA_P_INVALID_QUERY, NULL, NULL);
			lia_problem_field(p, u->params[i].name, LIA_FE_UNKNOWN_FIELD);
			ok = false;
		}
	}
	return ok;
}

bool
lia_uri_int(const struct lia_uri *u, const char *name, int64_t min, int64_t max, int64_t def,
	    int64_t *out, struct lia_problem *p)
{
	const char *v = lia_uri_param(u, name);
	if (!v) {
		*out = def;
		return true;
	}
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno || end == v || *end || x < min || x > max) {
		lia_problem_set(p, LIA_P_INVALID_QUERY, NULL, NULL);
		lia_problem_field(p, name, errno || end == v || *end ? LIA_FE_INVALID_FORMAT
								: LIA_FE_OUT_OF_RANGE);
		return false;
	}
	*out = x;
	return true;
}
