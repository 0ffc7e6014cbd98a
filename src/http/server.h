/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The HTTP server: libmicrohttpd with a thread pool and epoll (server.c and the
 * alert stream sse.c are the only files that include microhttpd.h), the request life
 * cycle, and the state shared by handlers (configuration, committer, login
 * throttle). It also starts the tele-alarm receiver and the alarm watch.
 */
#ifndef LIA_HTTP_SERVER_H
#define LIA_HTTP_SERVER_H

#include <stdatomic.h>
#include <stdbool.h>

#include "core/config.h"
#include "core/sealed.h"
#include "http/committer.h"
#include "http/throttle.h"
#include "http/workq.h"

struct lia_vigilance;
struct lia_sse_hub;
struct lia_receiver;
struct lia_alarm_watch;
struct lia_export_schedule;

struct lia_server {
	const struct lia_config *cfg;
	const char *database_url;
	struct lia_committer *committer;
	struct lia_vigilance *vigilance; /* late and missed visits (vigilance.h) */
	struct lia_workq *slow;       /* password checks (workq.h) */
	struct lia_sealing_key *sealing_key; /* attachments at rest (core/sealed.h) */
	struct lia_throttle *ip_throttle;
	struct lia_sse_hub *sse;       /* live alert streams (sse.h) */
	struct lia_receiver *receiver; /* SIA DC-09 (alarm/receiver.h); NULL when off */
	struct lia_alarm_watch *alarm_watch; /* escalation deadlines, silences (alarm/watch.h) */
	struct lia_export_schedule *exports; /* antenna bundles (export/schedule.h), set by serve */
	/* Set by lia_server_stop: a request that begins now is answered 503 at once. */
	atomic_bool stopping;
	unsigned long long pwhash_ops;
	size_t pwhash_mem;
	void *daemon;          /* struct MHD_Daemon */
	unsigned short port;   /* the port actually bound (for --listen host:0) */
};

/* Starts listening; returns 0, or -1 with the reason logged. */
int lia_server_start(struct lia_server *srv, const struct lia_config *cfg);
/* Stops accepting, drains the committer, closes. */
void lia_server_stop(struct lia_server *srv);

#endif
