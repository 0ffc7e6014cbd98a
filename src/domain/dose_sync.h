/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Keeps the doses table (the doses due, derived from the prescriptions) in step with
 * the prescriptions, so that the missed-dose rule is an index range scan instead of a
 * walk over every prescription on every tick.
 *
 * The table covers from now to the end of the day after tomorrow (local time). Every
 * prescription change rebuilds the client's doses from now, in the same transaction;
 * the server's daily run extends every client's. The past is never rewritten: a dose
 * whose time has come keeps the version it was due under, and its alert mark.
 */
#ifndef LIA_DOMAIN_DOSE_SYNC_H
#define LIA_DOMAIN_DOSE_SYNC_H

#include <stdint.h>

#include "domain/planner.h"
#include "store/store.h"

/* Days covered: today and the next two, so that a missed daily run is not a gap. */
#define LIA_DOSE_HORIZON_DAYS 3

/* Rebuilds the client's doses due in [now, end of the horizon) from its prescriptions,
 * in zone tz. Inside a write transaction. *count receives the doses written (may be
 * NULL). Returns a store status. */
int lia_doses_sync(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		   const char *tz, int64_t now, int *count);

/* The daily run: lia_doses_sync for every client with a prescription in force, in its
 * organisation's zone, per_tx clients per transaction through `run`. *clients and
 * *doses receive the totals. Returns a store status. */
int lia_doses_sync_all(struct lia_conn *read, lia_write_runner run, void *ctx, int64_t now,
		       int per_tx, long *clients, long *doses);

#endif
