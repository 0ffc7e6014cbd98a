/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Structured logs, one logfmt line per event on stderr:
 *   ts=2026-11-22T08:30:00Z level=info event=http.request request_id=... status=200
 * Never pass health data (names, birth dates, note text) to a log call: ids only.
 */
#ifndef LIA_CORE_LOG_H
#define LIA_CORE_LOG_H

enum lia_log_level { LIA_LOG_DEBUG, LIA_LOG_INFO, LIA_LOG_WARN, LIA_LOG_ERROR };

void lia_log_set_level(enum lia_log_level level);
/* Parses "debug", "info", "warn", "error"; returns -1 when unknown. */
int lia_log_level_parse(const char *s);
/* event is a dotted name; fmt adds key=value pairs (may be NULL). */
void lia_log(enum lia_log_level level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Our own bugs: logs file and line at error level. fmt must be a string literal. */
#define LIA_BUG(event, fmt, ...) \
	lia_log(LIA_LOG_ERROR, event, "src=%s:%d " fmt, __FILE__, __LINE__, ##__VA_ARGS__)

#endif
