/* SPDX-License-Identifier: EUPL-1.2 */
/* Display names of accounts, cached per reply (see names.h). */
#include "http/handlers/names.h"

#include <string.h>

const char *
lia_account_name(struct lia_req *r, struct lia_names *cache, const char *id)
{
	if (!id)
		return "Liaison (système)";
	for (size_t i = 0; i < cache->n; i++)
		if (!strcmp(cache->id[i], id))
			return cache->name[i];
	struct lia_account acc;
	struct lia_conn *c = lia_req_conn(r);
	const char *name = c->ops->account_get(c, r->arena, id, &acc) == LIA_STORE_OK
				   ? acc.display_name
				   : NULL;
	if (cache->n < LIA_NAMES_MAX) {
		cache->id[cache->n] = id;
		cache->name[cache->n] = name;
		cache->n++;
	}
	return name;
}
