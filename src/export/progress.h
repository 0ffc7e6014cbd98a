/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The terminal view of a running bundle (bundle.h: struct lia_bundle_progress): on a
 * terminal a one-line bar redrawn in place,
 *   [#########-----] 2 345/5 000  47 %  156/s  ~17 s
 * elsewhere (a log file, cron) a plain line every tenth of the way, so that logs stay
 * readable. A thread of its own polls the counters; the run never waits for it.
 */
#ifndef LIA_EXPORT_PROGRESS_H
#define LIA_EXPORT_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "export/bundle.h"

struct lia_progress_view;

/* Starts drawing p on out (borrowed until lia_progress_stop). tty: redraw in place.
 * NULL when the thread cannot start (the run goes on without a bar). */
struct lia_progress_view *lia_progress_start(const struct lia_bundle_progress *p, FILE *out,
					     bool tty);
/* Draws the final state, ends the line and frees v. NULL is a no-op. */
void lia_progress_stop(struct lia_progress_view *v);

/* One bar line into buf (no newline): counts with a space every three digits, the
 * rate and the time left. width: the bar's number of cells. */
void lia_progress_format(char *buf, size_t size, int64_t done, int64_t total, double seconds,
			 int width);

#endif
