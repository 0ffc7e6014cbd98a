/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the DLU's merge patches and transfer bodies (src/domain/dlu.c), the
 * JSON a PATCH /clients/{id}/dlu or POST .../transfers carries. The first byte picks
 * what the rest is: even, a merge patch applied to an empty DLU, then to its own
 * result; odd, a transfer body. Any bytes must give an answer, never a crash, and the
 * answers must hold together: a valid patch gives an object of known fields only; a
 * merge patch is idempotent (RFC 7396: applying it again changes nothing); a refused
 * patch names at least one field or says why, and gives no tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/dlu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_known_fields(const cJSON *dlu)
{
	if (!cJSON_IsObject(dlu))
		abort();
	for (const cJSON *f = dlu->child; f; f = f->next)
		if (!f->string || !lia_dlu_field_find(f->string) || cJSON_IsNull(f))
			abort();
}

static void
merge_twice(const cJSON *patch)
{
	struct lia_problem p = {0};
	cJSON *once = NULL;
	(void)lia_dlu_patch_categories(patch);
	if (!lia_dlu_merge(NULL, patch, &once, &p)) {
		if (once || (p.nfields == 0 && p.kind == 0 && !p.detail_en))
			abort();
		return;
	}
	check_known_fields(once);
	struct lia_problem p2 = {0};
	cJSON *twice = NULL;
	if (!lia_dlu_merge(once, patch, &twice, &p2) || !cJSON_Compare(once, twice, true))
		abort();
	cJSON_Delete(twice);
	cJSON_Delete(once);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	cJSON *body = cJSON_Parse(text);
	if (body) {
		if (data[0] % 2 == 0) {
			merge_twice(body);
		} else {
			struct lia_problem p = {0};
			(void)lia_dlu_transfer_check(body, &p);
		}
		cJSON_Delete(body);
	}
	free(text);
	return 0;
}
