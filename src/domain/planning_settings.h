/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Planning settings of an organisation: how clocked times become retained (paid)
 * times, the geofence radius of the distance check, the vigilance delays of visits
 * and of medication (missed doses, repeated refusals, late entries). Stored
 * as a JSON object per node (org_settings); a node without one inherits the nearest
 * ancestor's; missing members take the defaults below.
 */
#ifndef LIA_DOMAIN_PLANNING_SETTINGS_H
#define LIA_DOMAIN_PLANNING_SETTINGS_H

#include <stdbool.h>

struct cJSON;

struct lia_planning_settings {
	int rounding_min;        /* retained times rounded to this many minutes (1: none) */
	int tolerance_min;       /* clocked within this of planned: planned is retained */
	int geofence_m;          /* check-in farther than this from the home is flagged */
	int late_after_min;      /* no check-in this long after planned start: alert */
	int checkout_grace_min;  /* no check-out this long after planned end: alert */
	int horizon_days;        /* visits generated this far ahead */
	int dose_grace_min;      /* a dose with no record this long after it is due: alert */
	int late_entry_min;      /* a dose written this long after it happened is flagged late */
	int refusal_alert_count; /* this many refusals of one prescription line ... */
	int refusal_alert_hours; /* ... within this many hours: alert */
};

void lia_planning_settings_defaults(struct lia_planning_settings *s);

/* Overlays the members of obj onto s. On a bad member returns false with *field set
 * to its name and s unchanged; unknown members are refused the same way. */
bool lia_planning_settings_apply(struct lia_planning_settings *s, const struct cJSON *obj,
				 const char **field);

/* The settings in force for the node with path org_path: its own, else its nearest
 * ancestor's, over the defaults. A stored object that cannot be read is logged and
 * skipped. Returns a store status. */
struct lia_conn;
struct lia_arena;
int lia_planning_settings_load(struct lia_conn *c, struct lia_arena *a, const char *org_path,
			       struct lia_planning_settings *out);

/* The settings as a new JSON object (the caller owns it). */
struct cJSON *lia_planning_settings_json(const struct lia_planning_settings *s);

#endif
