/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Tables behind the demo data generator (demo.c): French given and family names,
 * communes with their real INSEE and postal codes, countries of birth, and the
 * streets of the two demo antennas. Private to src/domain; data only.
 */
#ifndef LIA_DOMAIN_DEMO_NAMES_H
#define LIA_DOMAIN_DEMO_NAMES_H

#include <stddef.h>

struct demo_commune {
	const char *insee; /* COG code: 5 characters, 2A/2B for Corsica */
	const char *postal;
	const char *name;
};

struct demo_street {
	const char *name; /* "rue de Belleville" */
	const char *postal;
	const char *city;
	int antenna; /* 0 Belleville, 1 Nation */
};

extern const char *const lia_demo_given_f[];
extern const size_t lia_demo_ngiven_f;
extern const char *const lia_demo_given_m[];
extern const size_t lia_demo_ngiven_m;
extern const char *const lia_demo_family[];
extern const size_t lia_demo_nfamily;
extern const struct demo_commune lia_demo_communes[];
extern const size_t lia_demo_ncommunes;
/* Countries of birth: "99" + the INSEE country code. */
extern const struct demo_commune lia_demo_countries[];
extern const size_t lia_demo_ncountries;
extern const struct demo_street lia_demo_streets[];
extern const size_t lia_demo_nstreets;

#endif
