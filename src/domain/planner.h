/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Visit generation: brings a client's visits in line with the care plan (every
 * intervention version) and the client's absences, over a range of local dates.
 *
 * Idempotent by construction: generated visits are keyed by (series, date), so a
 * second run finds each one and changes nothing. A visit changed by hand (manual)
 * keeps its times and content; a visit already started or done is never touched.
 * An untouched planned visit follows the plan (new times, tasks...), keeping its
 * assigned worker; one the plan no longer has is cancelled with reason
 * "plan_changed" (never deleted) and revived if the plan brings it back. Absences
 * suspend every planned visit of their dates (one-off and manual ones included) and
 * release them when cancelled.
 *
 * Nothing that starts before `now` is inserted, cancelled, suspended or released:
 * the past is what happened.
 *
 * A visit moved by hand stays within LIA_PLAN_MOVE_MAX_DAYS of its date, which is
 * what lets a run see every visit of its range in one indexed scan.
 */
#ifndef LIA_DOMAIN_PLANNER_H
#define LIA_DOMAIN_PLANNER_H

#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

#define LIA_PLAN_MOVE_MAX_DAYS 7

struct lia_plan_run {
	int inserted, updated, cancelled, suspended, released;
};

/* Inside a write transaction. from/to are local dates as days ([from, to)); tz is the
 * organisation's zone; now stamps the rows. Returns a store status. */
int lia_plan_generate(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		      const char *org_id, const char *tz, int64_t from, int64_t to, int64_t now,
		      struct lia_plan_run *run);

/* Runs one write function in a transaction: the server passes the group committer,
 * the command line lia_store_write. Returns fn's status or the commit's. */
typedef int (*lia_write_runner)(void *ctx, lia_store_write_fn fn, void *cls);

struct lia_plan_totals {
	long clients;
	struct lia_plan_run run; /* summed */
};

/* The daily run: for every client with a plan in force, generates the visits of
 * [today, today + days) in the client organisation's zone (days 0: each
 * organisation's horizon setting). Reads with `read`, writes through `run`,
 * `per_tx` clients per transaction. Returns a store status. */
int lia_plan_generate_all(struct lia_conn *read, lia_write_runner run, void *ctx, int64_t now,
			  int days, int per_tx, struct lia_plan_totals *totals);

#endif
