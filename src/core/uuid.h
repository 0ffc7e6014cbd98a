/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids are made where
 * the fact is recorded (DESIGN.md "ready to replicate") and sort by creation time.
 */
#ifndef LIA_CORE_UUID_H
#define LIA_CORE_UUID_H

#include <stdbool.h>
#include <stdint.h>

#define LIA_UUID_STRLEN 36

/* Writes a new lower-case UUIDv7 and its terminating NUL into out. Thread-safe;
 * ids made by one process are strictly increasing even within a millisecond. */
void lia_uuid7(char out[LIA_UUID_STRLEN + 1]);
/* Same, for a given millisecond time (demo data and tests). */
void lia_uuid7_at(int64_t unix_ms, char out[LIA_UUID_STRLEN + 1]);
/* True when s is a canonical lower- or upper-case 8-4-4-4-12 hex UUID. */
bool lia_uuid_valid(const char *s);

#endif
