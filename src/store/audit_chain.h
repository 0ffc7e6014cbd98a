/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The audit journal's hash chain, shared by both backends and by `liaison audit
 * verify`. hash(n) = SHA-256(prev_hash(n) || canonical(entry n)), where canonical()
 * writes every field as a length-prefixed string in a fixed order, so that no two
 * different entries encode to the same bytes. The first entry's prev_hash is 64 zeros.
 */
#ifndef LIA_STORE_AUDIT_CHAIN_H
#define LIA_STORE_AUDIT_CHAIN_H

#include "store/records.h"

#define LIA_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Computes e's hash from e->prev_hash and every other field (seq included) into out
 * (64 lower-case hex digits and a NUL). */
void lia_audit_hash(const struct lia_audit_entry *e, char out[LIA_HASH_HEX_LEN + 1]);

/* Sets e->seq = prev_seq + 1, e->prev_hash = prev_hash, and e->hash. */
void lia_audit_link(struct lia_audit_entry *e, int64_t prev_seq, const char *prev_hash);

#endif
