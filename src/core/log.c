/* SPDX-License-Identifier: EUPL-1.2 */
/* logfmt logger on stderr; one write(2) per line so that threads do not interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"

static _Atomic int min_level = LIA_LOG_INFO;
static const char *const names[] = {"debug", "info", "warn", "error"};

void
lia_log_set_level(enum lia_log_level level)
{
	atomic_store(&min_level, (int)level);
}

int
lia_log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

void
lia_log(enum lia_log_level level, const char *event, const char *fmt, ...)
{
	if ((int)level < atomic_load(&min_level))
		return;
	char line[2048];
	char ts[LIA_RFC3339_LEN];
	lia_time_format(lia_clock_now_us(), ts);
	int n = snprintf(line, sizeof line, "ts=%s level=%s event=%s", ts, names[level], event);
	if (fmt && n > 0 && (size_t)n < sizeof line - 2) {
		line[n++] = ' ';
		va_list ap;
		va_start(ap, fmt);
		int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
		va_end(ap);
		if (m > 0)
			n += m;
	}
	if (n < 0)
		return;
	if ((size_t)n > sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}
