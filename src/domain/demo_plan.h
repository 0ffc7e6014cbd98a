/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The planning side of the demo data (private to demo.c): every client gets a care
 * plan of one to four interventions (meals on weekdays, personal care three times a
 * week for a third of them, shopping every other week, meal deliveries for the
 * antennas' clients), about 7.5 visits a week on average, funded by the APA or a
 * pension fund; the demo aide has a profile and the first clients' visits of the
 * week, so that her field day is not empty.
 */
#ifndef LIA_DOMAIN_DEMO_PLAN_H
#define LIA_DOMAIN_DEMO_PLAN_H

#include "core/arena.h"
#include "store/store.h"

/* Rows at most added per client. */
#define LIA_DEMO_PLAN_PER_CLIENT 4

struct lia_demo_plan {
	struct lia_intervention *interventions;
	size_t ninterventions;
	struct lia_grant *grants;
	size_t ngrants;
};

/* Adds the plan of client number index to out (from arena a); created_by is the
 * coordinator. valid_from is a week before `today` so the plan is in force. */
void lia_demo_plan_for(struct lia_arena *a, long index, const struct lia_client *cl,
		       bool ehpad, const char *coordinator, const char *today, int64_t now,
		       struct lia_demo_plan *out);

/* Inside a write transaction: the demo aide's profile, and the visits of the first
 * clients over the next week generated and assigned to her where she is free. */
int lia_demo_plan_aide(struct lia_conn *c, const char *aide_id, const char *aide_org,
		       const struct lia_client *first, size_t nfirst, const char *tz,
		       int64_t now);

#endif
