/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Request-target parsing: the raw URI as received ("/api/v1/clients?name=DU%C3%A9")
 * is split into percent-decoded path segments and query parameters. Everything here
 * is outside input: bounded, validated (UTF-8, no NUL, no dot segments), fuzzed.
 */
#ifndef LIA_HTTP_URI_H
#define LIA_HTTP_URI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/errors.h"

#define LIA_URI_MAX_LEN 4096
#define LIA_URI_MAX_SEGMENTS 16
#define LIA_QUERY_MAX_PARAMS 32
#define LIA_QUERY_MAX_VALUE 1024

struct lia_query_param {
	const char *name;
	const char *value;
};

struct lia_uri {
	const char *path;   /* decoded path, "/" joined */
	const char *segments[LIA_URI_MAX_SEGMENTS];
	size_t nsegments;
	struct lia_query_param params[LIA_QUERY_MAX_PARAMS];
	size_t nparams;
};

/* Parses raw (NUL-terminated). On error returns false with p set to INVALID_PATH or
 * INVALID_QUERY (with the offending parameter named in p's field list). */
bool lia_uri_parse(struct lia_arena *a, const char *raw, struct lia_uri *out, struct lia_problem *p);

/* Query parameter by name, or NULL. */
const char *lia_uri_param(const struct lia_uri *u, const char *name);

/* Checks every parameter name is in allowed (NULL-terminated; NULL allows none);
 * adds an unknown_field error per stranger. */
bool lia_uri_check_params(const struct lia_uri *u, const char *const *allowed,
			  struct lia_problem *p);

/* Parses an integer parameter in [min, max]; absent gives def. */
bool lia_uri_int(const struct lia_uri *u, const char *name, int64_t min, int64_t max,
		 int64_t def, int64_t *out, struct lia_problem *p);

#endif
