/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Time. Every instant the server records comes from here (DESIGN.md: times come from
 * the server's clock). Instants are Unix microseconds, UTC, as 64-bit integers.
 * Tests and vigilance rules can move the clock with lia_clock_set_offset_us().
 */
#ifndef LIA_CORE_CLOCK_H
#define LIA_CORE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIA_RFC3339_LEN 32

int64_t lia_clock_now_us(void);
/* Shifts what lia_clock_now_us() returns (test clock). Thread-safe. */
void lia_clock_set_offset_us(int64_t offset);
/* Writes "2026-11-22T08:30:00.123456Z" (microseconds only when non-zero). */
void lia_time_format(int64_t us, char out[LIA_RFC3339_LEN]);
/* Parses an RFC 3339 instant with Z or a numeric offset; false on any error. */
bool lia_time_parse(const char *s, int64_t *us);
/* True when s is a real calendar date "YYYY-MM-DD" (leap years checked). */
bool lia_date_valid(const char *s);
/* Today's date in UTC as "YYYY-MM-DD" for the given instant. */
void lia_date_of(int64_t us, char out[11]);

#endif
