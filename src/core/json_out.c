/* SPDX-License-Identifier: EUPL-1.2 */
/* JSON output helpers (see json_out.h). */
#include "core/json_out.h"

#include "core/clock.h"

void
lia_json_add_str(cJSON *obj, const char *name, const char *value)
{
	if (value)
		cJSON_AddStringToObject(obj, name, value);
	else
		cJSON_AddNullToObject(obj, name);
}

void
lia_json_add_time(cJSON *obj, const char *name, int64_t us)
{
	if (!us) {
		cJSON_AddNullToObject(obj, name);
		return;
	}
	char buf[LIA_RFC3339_LEN];
	lia_time_format(us, buf);
	cJSON_AddStringToObject(obj, name, buf);
}
