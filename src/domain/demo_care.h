/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The care side of the demo data: who is in each client's care circle, the first
 * client's family and consent, and a few notebook entries — so that every demo login
 * has something to read and the access rules show (private to demo.c).
 */
#ifndef LIA_DOMAIN_DEMO_CARE_H
#define LIA_DOMAIN_DEMO_CARE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/records.h"

/* Accounts the care rows name (ids valid for the whole load). */
struct lia_demo_people {
	const char *nurse, *doctor, *aide, *self, *caregiver, *representative;
	const char *ehpad_org;
};

struct lia_demo_care {
	struct lia_circle_member *circle;
	size_t ncircle;
	struct lia_consent *consents;
	size_t nconsents;
	struct lia_entry *entries;
	size_t nentries;
};

/* Rows at most added per client (for sizing). */
#define LIA_DEMO_CARE_PER_CLIENT 8

/* Adds the care rows of client number index (cl) to out, allocated from a. */
void lia_demo_care_for(struct lia_arena *a, const struct lia_demo_people *p, long index,
		       const struct lia_client *cl, int64_t now, struct lia_demo_care *out);

#endif
