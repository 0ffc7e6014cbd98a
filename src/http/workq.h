/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A small pool of threads for slow work that must not hold an HTTP worker thread:
 * today, Argon2id password checks (tens of milliseconds and 64 MiB each). With the
 * HTTP workers kept free, a burst of sign-ins cannot stall the rest of the API.
 */
#ifndef LIA_HTTP_WORKQ_H
#define LIA_HTTP_WORKQ_H

#include <stdbool.h>

struct lia_workq;

struct lia_workq *lia_workq_start(int threads);
/* Queues fn(arg); false when the queue is closing (the caller answers itself). */
bool lia_workq_submit(struct lia_workq *q, void (*fn)(void *arg), void *arg);
/* Refuses new work and returns once everything queued has run. */
void lia_workq_drain(struct lia_workq *q);
/* Drains, then ends the threads. NULL is a no-op. */
void lia_workq_stop(struct lia_workq *q);

#endif
