/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Télégestion: from clocked times to retained (paid) times, with the ESPPADOM
 * correction code (list ESPPADOM_EFFECTIVITY_AJUST) when the retained period had to
 * be made up for a missing clock event:
 *   COA  arrival not clocked by the device (missing, or entered by a coordinator)
 *   COD  departure not clocked
 *   CO2  neither
 *   CRE  a visit created after the fact, never clocked
 * Rounding by the organisation's rule is not a correction: it is the contract's
 * rule applied to every visit alike, so it carries no code. (MDT, SUP and HOR are
 * not produced: we never edit retained times silently, cancelled visits are not
 * exported, and our DELIVERY carries a real retained period.)
 */
#ifndef LIA_DOMAIN_TELEGESTION_H
#define LIA_DOMAIN_TELEGESTION_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/planning_settings.h"

struct lia_clocking {
	int64_t planned_start, planned_end;
	int64_t in_at, out_at;     /* server times; 0 when not clocked */
	bool in_certified;         /* clocked by the worker's device (app, NFC, QR) */
	bool out_certified;
	bool created_after;        /* a visit recorded after the fact (CRE) */
};

struct lia_retained {
	int64_t start, end;
	const char *code;          /* static string or NULL */
};

void lia_retained_compute(const struct lia_planning_settings *s, const struct lia_clocking *c,
			  struct lia_retained *out);

/* Great-circle distance in metres between two WGS 84 points (haversine). */
double lia_distance_m(double lat1, double lon1, double lat2, double lon2);

#endif
