/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Failed-login counter per client address, in memory: a fixed table of buckets with
 * a time window, so that a flood of addresses cannot grow memory. Per-account locks
 * live in the database (accounts.failed_logins, locked_until); this one stops a
 * single address from trying many accounts.
 */
#ifndef LIA_HTTP_THROTTLE_H
#define LIA_HTTP_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

struct lia_throttle;

struct lia_throttle *lia_throttle_new(long max_failures, int64_t window_us);
void lia_throttle_free(struct lia_throttle *t);
/* True when key has reached max failures in the current window; *retry_after_s is
 * set to the seconds left in the window. */
bool lia_throttle_blocked(struct lia_throttle *t, const char *key, int64_t now,
			  int *retry_after_s);
void lia_throttle_fail(struct lia_throttle *t, const char *key, int64_t now);

#endif
