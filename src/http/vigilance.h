/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Vigilance rules, run inside the server on a timer (not from cron): a visit not
 * checked in `late_after_min` after its planned start raises a "visit_late" alert
 * for the coordinator; one checked in but not out `checkout_grace_min` after its
 * planned end raises "visit_not_checked_out". Delays come from the organisation's
 * planning settings. Each alert is raised once (the visit is marked in the same
 * transaction, and alerts.dedup_key is unique), is audited as raised by the system,
 * and goes through the group committer like every other write.
 *
 * A dose due with no record `dose_grace_min` after its time raises "dose_missed" for
 * the nurse and the coordinator (the dose is marked in the same transaction).
 *
 * The same thread runs the daily visit generation (planner.h) and extends the due
 * doses (dose_sync.h) at start and when the date changes, so that every plan always
 * has its horizon of visits and doses ahead.
 */
#ifndef LIA_HTTP_VIGILANCE_H
#define LIA_HTTP_VIGILANCE_H

#include "http/committer.h"

struct lia_vigilance;

/* Starts the timer thread: a pass every interval_s seconds (first pass at once).
 * NULL when interval_s <= 0 (rules off) or on failure. */
struct lia_vigilance *lia_vigilance_start(const char *url, struct lia_committer *cm,
					  int interval_s);
/* Stops the thread (waits for a running pass). NULL is a no-op. */
void lia_vigilance_stop(struct lia_vigilance *v);

/* One pass at instant now: reads with c, writes through cm. *raised receives the
 * number of alerts raised. Returns a store status. */
int lia_vigilance_pass(struct lia_conn *c, struct lia_committer *cm, int64_t now, int *raised);

#endif
