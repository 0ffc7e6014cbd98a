/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The demo clients' generator, private to src/domain (demo.c drives it): a
 * deterministic stream of synthetic people whose strict traits and INS never repeat.
 */
#ifndef LIA_DOMAIN_DEMO_CLIENT_H
#define LIA_DOMAIN_DEMO_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/records.h"

/* Where demo clients live; the first client is always in Belleville. */
enum lia_demo_site { LIA_DEMO_BELLEVILLE, LIA_DEMO_NATION, LIA_DEMO_EHPAD, LIA_DEMO_NSITES };

struct lia_demo_gen;

/* A generator for about `expected` clients. site_org_id are borrowed and must
 * outlive the generator. Free with lia_demo_gen_free (NULL is a no-op). */
struct lia_demo_gen *lia_demo_gen_new(uint64_t seed, size_t expected,
				      const char *const site_org_id[LIA_DEMO_NSITES]);
void lia_demo_gen_free(struct lia_demo_gen *g);

/* Fills cl with the next client (index counts from 0); every string comes from a
 * or from static tables. The same seed gives the same sequence of people. */
void lia_demo_gen_client(struct lia_demo_gen *g, struct lia_arena *a, long index, int64_t now,
			 struct lia_client *cl);

#endif
