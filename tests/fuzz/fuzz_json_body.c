/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target: a request body through the real decoding path of POST and PATCH
 * /api/v1/clients (UTF-8 check, bounded-depth JSON parse, field spec, identity rules),
 * and through the generic decoder with a spec of every field type.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/handlers/client_body.h"
#include "http/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
generic(struct lia_arena *a, const cJSON *root)
{
	const char *s = NULL;
	int64_t i = 0;
	bool b = false;
	const cJSON *o = NULL, *arr = NULL;
	int present[5];
	static const char *const choices[] = {"a", "b", NULL};
	struct lia_json_field spec[] = {
		{"s", LIA_JSON_STRING, LIA_JSON_REQUIRED, 8, 0, 0, choices, &s, &present[0]},
		{"i", LIA_JSON_INT, LIA_JSON_NULLABLE, 0, -5, 5, NULL, &i, &present[1]},
		{"b", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &b, &present[2]},
		{"o", LIA_JSON_OBJECT, 0, 0, 0, 0, NULL, &o, &present[3]},
		{"arr", LIA_JSON_ARRAY, 0, 3, 0, 0, NULL, &arr, &present[4]},
	};
	struct lia_problem p = {0};
	lia_json_decode(a, root, spec, 5, "", &p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	char *body = malloc(size + 1);
	memcpy(body, data, size);
	body[size] = '\0';
	struct lia_config cfg = {.accept_test_ins = (size & 1) != 0};
	struct lia_server srv = {.cfg = &cfg};
	struct lia_req r = {.srv = &srv, .arena = lia_arena_new()};
	struct lia_problem p = {0};
	if (lia_utf8_valid(body, size)) {
		cJSON *root = lia_json_parse(body, size, &p);
		if (root) {
			struct lia_client cl = {0};
			const char *org_id = NULL;
			struct lia_problem p2 = {0};
			lia_client_apply(&r, root, true, &cl, &org_id, &p2);
			struct lia_client stored = {.birth_name = "DUPONT", .birth_given_names = "MARIE",
						    .sex = "F", .birth_date = "1940-01-01",
						    .identity_status = "QUAL", .insi_checked_at = 1,
						    .identity_document = "CNI"};
			struct lia_problem p3 = {0};
			lia_client_apply(&r, root, false, &stored, NULL, &p3);
			generic(r.arena, root);
			cJSON_Delete(root);
		}
	}
	lia_arena_free(r.arena);
	free(body);
	return 0;
}
