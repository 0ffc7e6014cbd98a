/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The SIA DC-09 receiver inside `liaison serve`: one thread and one epoll set for
 * every listening socket (TCP and UDP, one per path of `alarm-listen`) and every
 * TCP connection. A well-framed message becomes a job of the group committer
 * (ingest.c); the answer is written back by this thread once the job's batch is
 * durable, so an ACK is never sent for an event that is not on disk.
 *
 * Defences: frames are bounded (dc09.h), a connection that sends a frame slowly
 * (alarm-frame-seconds) or nothing (alarm-idle-seconds) is closed, connections
 * are capped (alarm-max-connections), and one sender address can have at most
 * alarm-inflight-per-address frames waiting for storage: beyond that its frames
 * are dropped unanswered (a DC-09 sender repeats an unacknowledged frame) so that a
 * flood from one address cannot starve the others.
 */
#ifndef LIA_ALARM_RECEIVER_H
#define LIA_ALARM_RECEIVER_H

#include <stdint.h>

#include "alarm/paths.h"
#include "core/config.h"
#include "core/sealed.h"
#include "http/committer.h"

struct lia_receiver;

/* Binds every path and starts the thread. NULL with the reason logged. */
struct lia_receiver *lia_receiver_start(const struct lia_config *cfg,
					struct lia_committer *cm,
					const struct lia_sealing_key *sealing_key);
/* Stops reading, waits (at most a few seconds) for the frames in flight to be
 * answered, closes everything. NULL is a no-op. */
void lia_receiver_stop(struct lia_receiver *rx);
/* The paths and their counters (live; owned by rx). */
struct lia_alarm_paths *lia_receiver_paths(struct lia_receiver *rx);

struct lia_receiver_stats {
	unsigned long long frames, stored, duplicates, link_tests, unknown, stale, dropped,
		failed, connections;
	/* Frame read → answer written, µs, over every answered frame since start. */
	unsigned long long latency_p50_us, latency_p99_us, latency_max_us;
};
void lia_receiver_stats(struct lia_receiver *rx, struct lia_receiver_stats *out);

#endif
