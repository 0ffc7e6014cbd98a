/* SPDX-License-Identifier: EUPL-1.2 */
/* Planning settings: defaults, bounds and JSON (see planning_settings.h). */
#include "domain/planning_settings.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <string.h>

#include "core/log.h"
#include "store/store.h"

/* One row per setting: its JSON name, where it lives, its default and bounds. */
static const struct {
	const char *name;
	size_t offset;
	int def, min, max;
} keys[] = {
	{"rounding_min", offsetof(struct lia_planning_settings, rounding_min), 1, 1, 60},
	{"tolerance_min", offsetof(struct lia_planning_settings, tolerance_min), 0, 0, 60},
	{"geofence_m", offsetof(struct lia_planning_settings, geofence_m), 200, 20, 5000},
	{"late_after_min", offsetof(struct lia_planning_settings, late_after_min), 15, 1, 240},
	{"checkout_grace_min", offsetof(struct lia_planning_settings, checkout_grace_min), 30, 1,
	 480},
	{"horizon_days", offsetof(struct lia_planning_settings, horizon_days), 28, 7, 90},
	{"dose_grace_min", offsetof(struct lia_planning_settings, dose_grace_min), 60, 5, 480},
	{"late_entry_min", offsetof(struct lia_planning_settings, late_entry_min), 60, 5, 1440},
	{"refusal_alert_count", offsetof(struct lia_planning_settings, refusal_alert_count), 3, 2,
	 20},
	{"refusal_alert_hours", offsetof(struct lia_planning_settings, refusal_alert_hours), 72, 12,
	 720},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static int *
slot(struct lia_planning_settings *s, size_t i)
{
	return (int *)((char *)s + keys[i].offset);
}

static int
value(const struct lia_planning_settings *s, size_t i)
{
	return *(const int *)((const char *)s + keys[i].offset);
}

void
lia_planning_settings_defaults(struct lia_planning_settings *s)
{
	for (size_t i = 0; i < NKEYS; i++)
		*slot(s, i) = keys[i].def;
}

bool
lia_planning_settings_apply(struct lia_planning_settings *s, const cJSON *obj, const char **field)
{
	struct lia_planning_settings next = *s;
	*field = NULL;
	if (!cJSON_IsObject(obj)) {
		*field = "settings";
		return false;
	}
	for (const cJSON *m = obj->child; m; m = m->next) {
		size_t i = 0;
		while (i < NKEYS && strcmp(keys[i].name, m->string))
			i++;
		/* Bounds first, on the double: converting one outside int's range (or NaN)
		 * to int is undefined behaviour. */
		double v = cJSON_IsNumber(m) ? m->valuedouble : 0;
		if (i == NKEYS || !cJSON_IsNumber(m) || !(v >= keys[i].min && v <= keys[i].max) ||
		    v != (double)(int)v) {
			*field = i == NKEYS ? m->string : keys[i].name;
			return false;
		}
		*slot(&next, i) = (int)v;
	}
	*s = next;
	return true;
}

cJSON *
lia_planning_settings_json(const struct lia_planning_settings *s)
{
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; i < NKEYS; i++)
		cJSON_AddNumberToObject(o, keys[i].name, value(s, i));
	return o;
}

int
lia_planning_settings_load(struct lia_conn *c, struct lia_arena *a, const char *org_path,
			   struct lia_planning_settings *out)
{
	lia_planning_settings_defaults(out);
	/* The path is "/<root>/.../<node>/": try the node, then each ancestor. */
	size_t len = org_path ? strlen(org_path) : 0;
	while (len > 1) {
		size_t end = len - 1, start = end;
		while (start > 0 && org_path[start - 1] != '/')
			start--;
		const char *id = lia_arena_strndup(a, org_path + start, end - start);
		struct lia_org_settings os;
		int st = c->ops->org_settings_get(c, a, id, &os);
		if (st == LIA_STORE_OK) {
			cJSON *obj = cJSON_Parse(os.settings);
			const char *bad;
			if (!obj || !lia_planning_settings_apply(out, obj, &bad))
				lia_log(LIA_LOG_WARN, "planning.settings_unreadable", "org=%s", id);
			cJSON_Delete(obj);
			return LIA_STORE_OK;
		}
		if (st != LIA_STORE_NOT_FOUND)
			return st;
		len = start;
	}
	return LIA_STORE_OK;
}
