/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `dc09-tool load`: an open-loop load generator. Frame i is due at
 * start + i / rate whether or not earlier frames were ACKed (a closed loop would
 * slow down with the receiver and hide its latency). Accounts take turns: frame i
 * goes to account i % A with that account's next sequence number (1..9999, then 1
 * again), over connection account % C. One thread and poll(): between due times
 * it reads ACKs; sockets are non-blocking and a TCP connection the receiver is
 * slow to read keeps its frames in a bounded queue, so the schedule never waits.
 * A connection the receiver closes is not reopened: its later frames count as
 * send errors (a receiver under test should not close them).
 *
 * Matching an ACK needs no table of pending frames: from the account and the
 * number of frames sent so far, the latest frame of that account with that
 * sequence number is found by arithmetic (see frame_of()).
 */
#include "dc09_tool.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/clock.h"

#define SEQ_WRAP 9999          /* SIA DC-09: 9999 is followed by 0001 */
#define MAX_FRAMES 20000000ULL /* rate x duration: 320 MB of records at most */
#define MAX_CONNECTIONS 1000
#define IN_CAP (4 * LIA_DC09_MAX_FRAME) /* a reply frame plus garbage before it */
#define OUT_CAP (4u << 20)              /* frames waiting for a slow TCP receiver */

enum rec_state { REC_PENDING, REC_ACKED, REC_DUH, REC_LATE, REC_FAILED };

struct rec {
	int64_t sent_us;     /* tool_mono_us() when handed to the socket */
	uint32_t latency_us; /* send to ACK, for REC_ACKED */
	uint8_t state;       /* enum rec_state */
};

struct conn {
	int fd; /* -1 once closed */
	unsigned char in[IN_CAP];
	size_t in_n;
	char *out; /* TCP bytes the socket did not take yet */
	size_t out_n;
};

struct load {
	const char *host, *port, *id;
	bool udp, json;
	struct tool_accounts acc;
	unsigned char key[32];
	size_t key_len;
	double rate, duration;
	int64_t ack_timeout_us;
	size_t nconn;
	struct conn *conns;
	struct pollfd *pfds;
	struct rec *recs;
	size_t total, nsent;  /* frames planned, frames handed out (including failed) */
	uint64_t outstanding; /* sent and not yet answered */
	struct tool_load_stats st;
};

/* The latest frame sent to account a with sequence seq, or -1. Account a's k-th
 * frame is frame k * A + a, with sequence k % 9999 + 1. */
static long long
frame_of(const struct load *l, size_t a, unsigned seq)
{
	if (seq < 1 || seq > SEQ_WRAP || l->nsent <= a)
		return -1;
	size_t last_k = (l->nsent - 1 - a) / l->acc.n;
	size_t back = (last_k % SEQ_WRAP + SEQ_WRAP - (seq - 1)) % SEQ_WRAP;
	if (back > last_k)
		return -1;
	return (long long)((last_k - back) * l->acc.n + a);
}

static void
on_reply(struct load *l, const struct lia_dc09_frame *f)
{
	struct lia_dc09_msg m;
	char plain[LIA_DC09_MAX_BODY];
	if (!f->crc_ok || lia_dc09_parse(f->body, f->body_len, f->crc, &m) != LIA_DC09_OK ||
	    (m.encrypted && (!l->key_len || lia_dc09_decrypt(&m, l->key, l->key_len, plain,
							     sizeof plain) != LIA_DC09_OK))) {
		l->st.invalid++;
		return;
	}
	if (!strcmp(m.id, "NAK")) {
		l->st.nak++;
		if (l->outstanding)
			l->outstanding--;
		return;
	}
	bool ack = !strcmp(m.id, "ACK");
	/* With a key every frame is encrypted, and so must its ACK be (SIA DC-09). */
	if ((!ack && strcmp(m.id, "DUH") != 0) || (ack && l->key_len && !m.encrypted)) {
		l->st.invalid++;
		return;
	}
	long a = tool_accounts_find(&l->acc, m.account);
	long long i = a < 0 ? -1 : frame_of(l, (size_t)a, m.seq);
	if (i < 0 || l->recs[i].state == REC_FAILED) {
		l->st.unmatched++;
		return;
	}
	struct rec *r = &l->recs[i];
	if (r->state != REC_PENDING) {
		l->st.duplicate_acks++;
		return;
	}
	l->outstanding--;
	int64_t lat = tool_mono_us() - r->sent_us;
	if (!ack) {
		r->state = REC_DUH;
		l->st.duh++;
	} else if (lat > l->ack_timeout_us) {
		r->state = REC_LATE;
		l->st.late_acks++;
	} else {
		r->state = REC_ACKED;
		r->latency_us = (uint32_t)lat;
		l->st.acked++;
	}
}

static void
conn_close(struct load *l, size_t c, const char *why)
{
	struct conn *k = &l->conns[c];
	if (k->fd < 0)
		return;
	fprintf(stderr, "dc09-tool load: connection %zu: %s\n", c, why);
	close(k->fd);
	k->fd = -1;
	l->pfds[c].fd = -1;
}

/* Reads what a connection has, and frames it (for UDP each datagram on its own). */
static void
conn_read(struct load *l, size_t c)
{
	struct conn *k = &l->conns[c];
	for (;;) {
		if (l->udp)
			k->in_n = 0;
		ssize_t got = recv(k->fd, k->in + k->in_n, IN_CAP - k->in_n, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (got < 0 && l->udp && errno == ECONNREFUSED)
			continue; /* an ICMP for an earlier datagram: those frames go unanswered */
		if (got <= 0) {
			conn_close(l, c, got == 0 ? "closed by the receiver" : strerror(errno));
			return;
		}
		k->in_n += (size_t)got;
		size_t off = 0;
		for (;;) {
			struct lia_dc09_frame f;
			size_t used = 0;
			enum lia_dc09_scan s = lia_dc09_scan(k->in + off, k->in_n - off, &f, &used);
			if (s == LIA_DC09_NEED_MORE)
				break;
			if (s == LIA_DC09_FRAME)
				on_reply(l, &f);
			off += used;
		}
		memmove(k->in, k->in + off, k->in_n - off);
		k->in_n -= off;
	}
}

static void
conn_flush(struct load *l, size_t c)
{
	struct conn *k = &l->conns[c];
	size_t done = 0;
	while (done < k->out_n) {
		ssize_t w = send(k->fd, k->out + done, k->out_n - done, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (w < 0) {
			conn_close(l, c, strerror(errno));
			return;
		}
		done += (size_t)w;
	}
	memmove(k->out, k->out + done, k->out_n - done);
	k->out_n -= done;
	l->pfds[c].events = POLLIN | (k->out_n ? POLLOUT : 0);
}

/* Hands frame i to its connection; false when it could not be. */
static bool
send_frame(struct load *l, size_t i)
{
	size_t a = i % l->acc.n;
	struct conn *k = &l->conns[a % l->nconn];
	struct lia_dc09_out o = {
		.id = l->id,
		.seq = (unsigned)((i / l->acc.n) % SEQ_WRAP + 1),
		.account = l->acc.text[a],
		.data = l->acc.data[a],
		/* An encrypted frame carries the time the receiver checks its window on. */
		.timestamp_us = l->key_len ? lia_clock_now_us() : 0,
		.key = l->key_len ? l->key : NULL,
		.key_len = l->key_len,
	};
	char frame[LIA_DC09_MAX_FRAME];
	size_t len = lia_dc09_build(&o, frame, sizeof frame);
	if (len == 0 || k->fd < 0)
		return false;
	if (l->udp)
		return send(k->fd, frame, len, 0) == (ssize_t)len;
	if (k->out_n + len > OUT_CAP)
		return false;
	memcpy(k->out + k->out_n, frame, len);
	k->out_n += len;
	conn_flush(l, (size_t)(k - l->conns));
	return k->fd >= 0;
}

static void
run(struct load *l)
{
	int64_t start = tool_mono_us(), sent_end = 0;
	double step_us = 1e6 / l->rate;
	for (;;) {
		int64_t now = tool_mono_us();
		while (l->nsent < l->total &&
		       start + (int64_t)((double)l->nsent * step_us) <= now) {
			struct rec *r = &l->recs[l->nsent];
			r->sent_us = tool_mono_us();
			l->nsent++; /* before sending: frame_of() must see it when its ACK comes */
			if (send_frame(l, l->nsent - 1)) {
				l->st.sent++;
				l->outstanding++;
			} else {
				r->state = REC_FAILED;
				l->st.send_errors++;
			}
		}
		int64_t wake;
		if (l->nsent < l->total) {
			wake = start + (int64_t)((double)l->nsent * step_us);
		} else {
			if (!sent_end)
				sent_end = now;
			if (l->outstanding == 0 || now >= sent_end + l->ack_timeout_us)
				break;
			wake = sent_end + l->ack_timeout_us;
		}
		int ms = (int)((wake - now + 999) / 1000);
		if (poll(l->pfds, (nfds_t)l->nconn, ms > 0 ? ms : 0) <= 0)
			continue;
		for (size_t c = 0; c < l->nconn; c++) {
			short ev = l->pfds[c].revents;
			if (l->conns[c].fd >= 0 && (ev & (POLLIN | POLLERR | POLLHUP)))
				conn_read(l, c);
			if (l->conns[c].fd >= 0 && (ev & POLLOUT))
				conn_flush(l, c);
		}
	}
	/* The schedule's span: on time, exactly total / rate. */
	int64_t last = l->nsent ? l->recs[l->nsent - 1].sent_us : start;
	l->st.elapsed_s = (double)(last - start) / 1e6 + 1.0 / l->rate;
	l->st.target_rate = l->rate;
}

static int
take_options(struct load *l, int *argc, char **argv)
{
	l->host = lia_arg_take(argc, argv, "host", true);
	l->port = lia_arg_take(argc, argv, "port", true);
	l->udp = lia_arg_take(argc, argv, "udp", false) != NULL;
	l->json = lia_arg_take(argc, argv, "json", false) != NULL;
	l->id = lia_arg_take(argc, argv, "id", true);
	const char *accounts = lia_arg_take(argc, argv, "accounts", true);
	const char *file = lia_arg_take(argc, argv, "account-file", true);
	const char *data = lia_arg_take(argc, argv, "data", true);
	const char *rate = lia_arg_take(argc, argv, "rate", true);
	const char *duration = lia_arg_take(argc, argv, "duration", true);
	const char *conns = lia_arg_take(argc, argv, "connections", true);
	const char *timeout = lia_arg_take(argc, argv, "ack-timeout-ms", true);
	if (tool_key_take(argc, argv, l->key, &l->key_len) != 0 ||
	    tool_no_leftover(*argc, argv) != 0)
		return -1;
	long nconn = 1, timeout_ms = 5000;
	if (!l->host || !l->port || !rate || !duration) {
		fprintf(stderr,
			"dc09-tool load: --host, --port, --rate and --duration are required\n");
		return -1;
	}
	if (tool_parse_positive(rate, &l->rate) != 0 ||
	    tool_parse_positive(duration, &l->duration) != 0 ||
	    (conns && tool_parse_long(conns, 1, MAX_CONNECTIONS, &nconn) != 0) ||
	    (timeout && tool_parse_long(timeout, 1, 3600 * 1000L, &timeout_ms) != 0)) {
		fprintf(stderr,
			"dc09-tool load: --rate and --duration must be positive numbers, "
			"--connections 1..%d, --ack-timeout-ms a positive number\n",
			MAX_CONNECTIONS);
		return -1;
	}
	double total = l->rate * l->duration + 0.5;
	if (total < 1 || total > (double)MAX_FRAMES) {
		fprintf(stderr, "dc09-tool load: rate x duration must be 1..%llu frames\n",
			MAX_FRAMES);
		return -1;
	}
	l->total = (size_t)total;
	l->nconn = (size_t)nconn;
	l->ack_timeout_us = (int64_t)timeout_ms * 1000;
	if (!l->id)
		l->id = "ADM-CID";
	if (tool_accounts_read(&l->acc, accounts, file) != 0)
		return -1;
	tool_accounts_expand(&l->acc, data ? data : "#%s|1602 00 001");
	return 0;
}

static int
open_conns(struct load *l)
{
	l->conns = lia_xcalloc(l->nconn, sizeof *l->conns);
	l->pfds = lia_xcalloc(l->nconn, sizeof *l->pfds);
	for (size_t c = 0; c < l->nconn; c++)
		l->conns[c].fd = -1;
	for (size_t c = 0; c < l->nconn; c++) {
		int fd = tool_connect(l->host, l->port, l->udp);
		if (fd < 0 || tool_set_nonblocking(fd) != 0) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
		l->conns[c].fd = fd;
		if (!l->udp)
			l->conns[c].out = lia_xmalloc(OUT_CAP);
		l->pfds[c] = (struct pollfd){.fd = fd, .events = POLLIN};
	}
	return 0;
}

static void
load_clear(struct load *l)
{
	tool_accounts_clear(&l->acc);
	for (size_t c = 0; l->conns && c < l->nconn; c++) {
		if (l->conns[c].fd >= 0)
			close(l->conns[c].fd);
		free(l->conns[c].out);
	}
	free(l->conns);
	free(l->pfds);
	free(l->recs);
}

int
tool_cmd_load(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		printf("Usage: dc09-tool load --host H --port P [--udp] --accounts A1,A2,... | "
		       "--account-file F\n"
		       "  [--key K [--key-format hex|ascii]] --rate N --duration S [--connections C]\n"
		       "  [--id ADM-CID] [--data \"#%%s|1602 00 001\"] [--ack-timeout-ms 5000] "
		       "[--json]\n"
		       "%%s in --data stands for the account. Prints a report (--json: one JSON "
		       "object);\nexit 0 when the run completed, whatever the counts, 1 on "
		       "error.\n");
		return 0;
	}
	struct load l = {0};
	int rc = TOOL_ERROR;
	if (take_options(&l, &argc, argv) != 0)
		goto out;
	l.recs = lia_xcalloc(l.total, sizeof *l.recs);
	if (open_conns(&l) != 0)
		goto out;
	run(&l);

	/* NAKs name no frame: each one answers some frame we cannot tell. */
	uint64_t answered = l.st.acked + l.st.duh + l.st.nak;
	l.st.unanswered = l.st.sent > answered ? l.st.sent - answered : 0;
	uint32_t *lat = lia_xmalloc((l.st.acked ? l.st.acked : 1) * sizeof *lat);
	size_t n = 0;
	for (size_t i = 0; i < l.nsent; i++)
		if (l.recs[i].state == REC_ACKED)
			lat[n++] = l.recs[i].latency_us;
	tool_stats_print(&l.st, lat, n, l.json);
	free(lat);
	rc = 0;
out:
	load_clear(&l);
	return rc;
}
