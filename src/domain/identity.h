/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Identity rules for a client record (RNIV): the identity status follows from the
 * evidence (national look-up INSi, identity document checked), a change of a strict
 * trait voids the evidence, and search / duplicate keys are made from the traits.
 */
#ifndef LIA_DOMAIN_IDENTITY_H
#define LIA_DOMAIN_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "store/records.h"

/* RNIV: PROV neither, RECUP look-up only, VALI document only, QUAL both. */
const char *lia_identity_status(bool insi_lookup_done, bool document_checked);

/* Upper-case ASCII key of a name: accents folded (é -> E, œ -> OE, ß -> SS),
 * lower case raised, hyphens, apostrophes and runs of spaces become one space,
 * leading/trailing spaces dropped; other characters are dropped. Always returns a
 * string from the arena (possibly empty). Input must be valid UTF-8. */
char *lia_name_key(struct lia_arena *a, const char *utf8);

/* Fills cl->first_given_name (first word of birth_given_names), cl->name_key
 * (birth name key + " " + first given name key), cl->used_name_key (NULL when no
 * used name; else used name key + " " + used given name key, or the first given
 * name key when there is no used given name, so that one prefix search matches
 * either name) and cl->identity_key (birth name key | first given name key |
 * birth_date | sex) from the traits already in cl. Strings come from the arena. */
void lia_client_keys(struct lia_arena *a, struct lia_client *cl);

/* True when any strict trait differs between a and b (birth name, birth given names,
 * sex, birth date, birth place code). */
bool lia_strict_traits_changed(const struct lia_client *a, const struct lia_client *b);

#endif
