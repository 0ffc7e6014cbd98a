/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The alarm watch: a thread of the server that, every `escalation-tick-ms`,
 *   - advances the escalations whose current step is past its deadline (the
 *     deadlines are columns of the alerts, so after a restart the first tick picks
 *     up every pending one, including steps that fell due while the server was down);
 *   - raises "device_silent" for a supervised device that sent nothing (not even a
 *     link test) within its interval plus alarm-supervision-grace;
 *   - raises "alarm_path_lost" for a receiver path that carried traffic and has
 *     been quiet for alarm-path-silence seconds.
 * Every write goes through the group committer, audited as the system.
 */
#ifndef LIA_ALARM_WATCH_H
#define LIA_ALARM_WATCH_H

#include "alarm/paths.h"
#include "core/config.h"
#include "http/committer.h"

struct lia_alarm_watch;

/* paths may be NULL (no receiver). NULL on failure or when the tick is <= 0. */
struct lia_alarm_watch *lia_alarm_watch_start(const char *url, const struct lia_config *cfg,
					      struct lia_committer *cm,
					      struct lia_alarm_paths *paths);
void lia_alarm_watch_stop(struct lia_alarm_watch *w);

/* One pass at now (tests and the thread). Returns a store status. */
int lia_alarm_watch_pass(struct lia_alarm_watch *w, struct lia_conn *c, int64_t now);

#endif
