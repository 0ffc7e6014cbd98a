/* SPDX-License-Identifier: EUPL-1.2 */
/* The JSON shape of an account (never its password hash or lock counters). */
#ifndef LIA_HTTP_ACCOUNT_JSON_H
#define LIA_HTTP_ACCOUNT_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "store/records.h"

cJSON *lia_account_json(const struct lia_account *acc, const struct lia_role *roles,
			size_t nroles, const struct lia_person_link *links, size_t nlinks);

#endif
