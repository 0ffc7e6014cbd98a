/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The receiver's paths: one listening socket per entry of `alarm-listen`
 * (NAME=tcp://HOST:PORT or NAME=udp://HOST:PORT). A name is an operator's path
 * (one telecom operator, one gateway); the same name may have a TCP and a UDP
 * socket. Each path keeps counters and the time of its last good frame, so that a
 * path that carried traffic and went quiet is noticed (a technical alert) while the
 * others go on: the redundancy the alarm chain relies on.
 */
#ifndef LIA_ALARM_PATHS_H
#define LIA_ALARM_PATHS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define LIA_ALARM_MAX_PATHS 16
#define LIA_ALARM_PATH_NAME 32

struct lia_alarm_path {
	char name[LIA_ALARM_PATH_NAME];
	bool udp;
	char host[64];
	unsigned short port;     /* as configured; bound_port after bind (":0" in tests) */
	unsigned short bound_port;
	/* Counters, written by the receiver thread, read by anyone. */
	_Atomic unsigned long long frames;    /* good CRC */
	_Atomic unsigned long long bad_crc;
	_Atomic unsigned long long garbage;   /* bytes skipped while resynchronising */
	_Atomic unsigned long long acks, naks, duhs;
	_Atomic unsigned long long dropped;   /* too many in flight: no answer, sender retries */
	_Atomic long long last_frame_at;      /* µs, wall clock; 0: never */
	_Atomic long long lost_alerted_at;    /* last_frame_at when "lost" was raised */
};

struct lia_alarm_paths {
	struct lia_alarm_path path[LIA_ALARM_MAX_PATHS];
	int n;
};

/* Parses spec (the alarm-listen value). -1 with *error set to a static message
 * when it is malformed: empty entry, missing name, scheme other than tcp/udp, bad
 * port, duplicate (name, transport), more than LIA_ALARM_MAX_PATHS. */
int lia_alarm_paths_parse(const char *spec, struct lia_alarm_paths *out, const char **error);

#endif
