/* SPDX-License-Identifier: EUPL-1.2 */
/* Adding optional values to JSON replies and views: absent is null, never "" or 0. */
#ifndef LIA_CORE_JSON_OUT_H
#define LIA_CORE_JSON_OUT_H

#include <stdint.h>

#include <cjson/cJSON.h>

/* A string, or null when value is NULL. */
void lia_json_add_str(cJSON *obj, const char *name, const char *value);
/* An instant (µs since the epoch) as RFC 3339 UTC, or null when it is 0. */
void lia_json_add_time(cJSON *obj, const char *name, int64_t us);

#endif
