/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the raw request target (path segments, percent-decoding, query
 * string) through parsing, route matching and query-parameter checks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/routes.h"
#include "http/uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	char *raw = malloc(size + 1);
	memcpy(raw, data, size);
	raw[size] = '\0';
	struct lia_arena *a = lia_arena_new();
	struct lia_uri u;
	struct lia_problem p = {0};
	if (lia_uri_parse(a, raw, &u, &p)) {
		const char *params[4];
		bool known;
		static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE"};
		for (int m = 0; m < 4; m++)
			lia_route_find(methods[m], u.segments, u.nsegments, params, &known);
		static const char *const allowed[] = {"name", "limit", "cursor", NULL};
		struct lia_problem q = {0};
		lia_uri_check_params(&u, allowed, &q);
		int64_t v;
		lia_uri_int(&u, "limit", 1, 200, 50, &v, &q);
		(void)lia_uri_param(&u, "cursor");
	}
	lia_arena_free(a);
	free(raw);
	return 0;
}
