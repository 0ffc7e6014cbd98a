/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dc09-tool: our own SIA DC-09 sender and load generator. It builds and reads
 * frames only with the product's protocol library (src/dc09/), so that the tests,
 * the interoperability check against an independent receiver and the benchmark
 * exercise the very code the receiver runs. Declarations shared by its files:
 *   dc09_tool.c      the command line: picks the subcommand
 *   dc09_opts.c      options shared by the subcommands (numbers, frame fields, key)
 *   dc09_net.c       sockets and the monotonic clock
 *   dc09_send.c      `send` (one frame, one reply) and `frame` (raw bytes to stdout)
 *   dc09_load.c      `load` (open-loop load at a fixed rate, ACK matching)
 *   dc09_accounts.c  the accounts `load` sends for, and their data blocks
 *   dc09_stats.c     the report of `load` (counters, latency percentiles)
 * Exit statuses: see enum tool_exit.
 */
#ifndef LIA_TOOLS_DC09_TOOL_H
#define LIA_TOOLS_DC09_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dc09/dc09.h"

enum tool_exit {
	TOOL_ACK = 0,
	TOOL_ERROR = 1, /* usage or any other error */
	TOOL_NAK = 2,
	TOOL_DUH = 3,
	TOOL_NO_REPLY = 4,
	TOOL_INVALID = 5, /* a reply came but could not be read */
};

/* ---- options (dc09_opts.c) ---- */

/* The fields of one frame as given on the command line. Strings are borrowed
 * from argv. */
struct tool_frame_opts {
	struct lia_dc09_out out; /* ready for lia_dc09_build(), key points into key */
	unsigned char key[32];
	bool ts_now; /* --timestamp now: set out.timestamp_us when sending */
};

/* Takes --id --account --seq --receiver --line --data --extra --key --key-format
 * --timestamp --binary-crc out of argv (lia_arg_take) into o. Prints why and
 * returns -1 on a bad value. */
int tool_frame_opts_take(int *argc, char **argv, struct tool_frame_opts *o);

/* Takes --key and --key-format; *key_len 0 when no --key. -1 and a message on error. */
int tool_key_take(int *argc, char **argv, unsigned char key[32], size_t *key_len);

/* Parses a whole decimal number within [min, max]; -1 when s is not one. */
int tool_parse_long(const char *s, long min, long max, long *v);
/* Parses a positive decimal number (e.g. "2.5"); -1 when s is not one. */
int tool_parse_positive(const char *s, double *v);

/* -1 with a message naming the first argument left in argv (an unknown option). */
int tool_no_leftover(int argc, char **argv);

/* ---- network and time (dc09_net.c) ---- */

/* A socket connected to host:port (TCP, or UDP when udp), blocking; -1 with a
 * message on stderr when it cannot be created or connected. */
int tool_connect(const char *host, const char *port, bool udp);
/* O_NONBLOCK on fd; -1 on error. */
int tool_set_nonblocking(int fd);
/* CLOCK_MONOTONIC in microseconds: for durations and latencies only. */
int64_t tool_mono_us(void);

/* ---- the accounts of `load` (dc09_accounts.c) ---- */

struct tool_accounts {
	char **text;    /* as given; the library upper-cases them in frames */
	char **data;    /* the data block of each, after tool_accounts_expand() */
	size_t *sorted; /* indices in account order (hex digits in any case) */
	size_t n;
};

/* Reads accounts from a comma-separated list, or from a file (one a line, blank
 * lines and # comments skipped): exactly one of the two. Refuses none and
 * duplicates (their ACKs could not be told apart). -1 with a message on error;
 * a clears with tool_accounts_clear() either way. */
int tool_accounts_read(struct tool_accounts *a, const char *list, const char *file);
/* Sets each account's data block from tmpl, every "%s" replaced by the account. */
void tool_accounts_expand(struct tool_accounts *a, const char *tmpl);
/* The index of account text (hex digits in any case), or -1 when not ours. */
long tool_accounts_find(const struct tool_accounts *a, const char *text);
void tool_accounts_clear(struct tool_accounts *a);

/* ---- the report of `load` (dc09_stats.c) ---- */

struct tool_load_stats {
	uint64_t sent;       /* frames handed to a socket */
	uint64_t acked;      /* ACKs matched to a frame, within the ACK timeout */
	uint64_t nak;        /* NAKs (they name no frame, SIA DC-09) */
	uint64_t duh;        /* DUHs matched to a frame */
	uint64_t unanswered; /* frames without ACK, DUH or NAK within the timeout */
	uint64_t duplicate_acks;
	uint64_t late_acks;   /* matched, but after the timeout (also unanswered) */
	uint64_t invalid;     /* replies failing CRC, parse, decryption; clear ACK to a key */
	uint64_t unmatched;   /* well-formed ACK/DUH naming no frame we sent */
	uint64_t send_errors; /* frames that could not be handed to a socket */
	double target_rate;
	double elapsed_s; /* the send phase: first frame to the end of the schedule */
};

/* Prints the report on stdout: one JSON object on one line when json, else the
 * same figures as aligned text. latency_us[0..n) (send to ACK) is sorted in place. */
void tool_stats_print(const struct tool_load_stats *s, uint32_t *latency_us, size_t n, bool json);

/* ---- subcommands ---- */

int tool_cmd_send(int argc, char **argv);
int tool_cmd_frame(int argc, char **argv);
int tool_cmd_load(int argc, char **argv);

#endif
