/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Declared decoding of JSON request bodies (the shape of every handler: decode the
 * body with a field spec, then validate). A spec lists the fields an object may have;
 * anything else is an error, and every error is reported with its field name so that
 * one answer tells the client all that is wrong.
 */
#ifndef LIA_HTTP_JSON_SPEC_H
#define LIA_HTTP_JSON_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/errors.h"

enum lia_json_type { LIA_JSON_STRING, LIA_JSON_INT, LIA_JSON_BOOL, LIA_JSON_OBJECT, LIA_JSON_ARRAY };

#define LIA_JSON_REQUIRED 1u /* must be present and not null */
#define LIA_JSON_NULLABLE 2u /* null is accepted and reported as present-but-null */

struct lia_json_field {
	const char *name;
	enum lia_json_type type;
	unsigned flags;
	size_t max_len;              /* strings: max code points (0: 1000); arrays: max items */
	int64_t min, max;            /* integers: inclusive range (both 0: any) */
	const char *const *choices;  /* strings: allowed values, NULL-terminated, or NULL */
	/* Where the value goes: const char ** (string, arena copy), int64_t * (int),
	 * bool * (bool), const cJSON ** (object, array; borrowed from the tree). */
	void *out;
	/* Optional: 0 absent, 1 present with a value, 2 present and null. */
	int *present;
};

/* Parses body[0..len) (which must be valid UTF-8) as a JSON value with a bounded
 * nesting depth. Returns NULL and sets p to MALFORMED_JSON on failure. The tree
 * belongs to the caller (cJSON_Delete). */
cJSON *lia_json_parse(const char *body, size_t len, struct lia_problem *p);

/* Decodes object obj along spec[0..n). prefix ("" or "ins.") is prepended to field
 * names in errors. Returns true when no error was added to p. */
bool lia_json_decode(struct lia_arena *a, const cJSON *obj, const struct lia_json_field *spec,
		     size_t n, const char *prefix, struct lia_problem *p);

#endif
