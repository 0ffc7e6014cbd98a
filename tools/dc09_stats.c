/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The report at the end of `dc09-tool load`: counters, the achieved rate, and the
 * latency from handing a frame to the socket to reading its ACK. Percentiles are
 * nearest-rank over every ACKed frame (no sampling, no histogram buckets), so that
 * p99 and max say exactly what the slowest frames saw.
 */
#include "dc09_tool.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p of the sample at or below it. */
static double
percentile_ms(const uint32_t *sorted, size_t n, double p)
{
	if (n == 0)
		return 0;
	size_t rank = (size_t)ceil(p * (double)n);
	if (rank < 1)
		rank = 1;
	return (double)sorted[rank - 1] / 1000.0;
}

void
tool_stats_print(const struct tool_load_stats *s, uint32_t *latency_us, size_t n, bool json)
{
	qsort(latency_us, n, sizeof *latency_us, cmp_u32);
	double p50 = percentile_ms(latency_us, n, 0.50);
	double p90 = percentile_ms(latency_us, n, 0.90);
	double p99 = percentile_ms(latency_us, n, 0.99);
	double max = percentile_ms(latency_us, n, 1.0);
	double achieved = s->elapsed_s > 0 ? (double)s->sent / s->elapsed_s : 0;
	/* One call, both formats literal: the compiler checks both against the list. */
	printf(json ? "{\"sent\":%llu,\"acked\":%llu,\"nak\":%llu,\"duh\":%llu,"
		      "\"unanswered\":%llu,\"duplicate_acks\":%llu,\"late_acks\":%llu,"
		      "\"invalid_replies\":%llu,\"unmatched_replies\":%llu,"
		      "\"send_errors\":%llu,\"target_rate\":%.1f,\"achieved_rate\":%.1f,"
		      "\"elapsed_s\":%.3f,\"latency_ms\":{\"p50\":%.3f,\"p90\":%.3f,"
		      "\"p99\":%.3f,\"max\":%.3f}}\n" :
		      "sent              %llu\n"
		      "acked             %llu\n"
		      "nak               %llu\n"
		      "duh               %llu\n"
		      "unanswered        %llu\n"
		      "duplicate acks    %llu\n"
		      "late acks         %llu\n"
		      "invalid replies   %llu\n"
		      "unmatched replies %llu\n"
		      "send errors       %llu\n"
		      "target rate       %.1f frames/s\n"
		      "achieved rate     %.1f frames/s\n"
		      "elapsed           %.3f s\n"
		      "latency ms        p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n",
	       (unsigned long long)s->sent, (unsigned long long)s->acked,
	       (unsigned long long)s->nak, (unsigned long long)s->duh,
	       (unsigned long long)s->unanswered, (unsigned long long)s->duplicate_acks,
	       (unsigned long long)s->late_acks, (unsigned long long)s->invalid,
	       (unsigned long long)s->unmatched, (unsigned long long)s->send_errors, s->target_rate,
	       achieved, s->elapsed_s, p50, p90, p99, max);
}
