/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `dc09-tool send`: one frame to a receiver, one reply read back and judged the
 * way a panel would (CRC, syntax, decryption, the ACK echoing our sequence and
 * account), one JSON line on stdout and an exit status per outcome.
 * `dc09-tool frame`: the same frame written raw to stdout, for tests that craft
 * frames (split, glued, corrupted) and send them themselves.
 */
#include "dc09_tool.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"

struct reply {
	enum tool_exit status;
	const char *error; /* why the reply is invalid, or NULL */
	bool have_msg;     /* m is parsed */
	struct lia_dc09_msg m;
	const unsigned char *body; /* the reply body as received */
	size_t body_len;
	char plain[LIA_DC09_MAX_BODY];
};

static int
build(struct tool_frame_opts *o, char *frame, size_t cap, size_t *len)
{
	if (o->ts_now)
		o->out.timestamp_us = lia_clock_now_us();
	*len = lia_dc09_build(&o->out, frame, cap);
	if (*len == 0) {
		fprintf(stderr,
			"dc09-tool: lia_dc09_build refused the frame (a field is invalid "
			"or the body is longer than %d bytes)\n",
			LIA_DC09_MAX_BODY);
		return -1;
	}
	return 0;
}

int
tool_cmd_frame(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		printf("Usage: dc09-tool frame [frame options]   (raw frame bytes on stdout)\n"
		       "Frame options: see dc09-tool --help\n");
		return 0;
	}
	struct tool_frame_opts o;
	if (tool_frame_opts_take(&argc, argv, &o) != 0 || tool_no_leftover(argc, argv) != 0)
		return TOOL_ERROR;
	char frame[LIA_DC09_MAX_FRAME];
	size_t len = 0;
	if (build(&o, frame, sizeof frame, &len) != 0)
		return TOOL_ERROR;
	if (fwrite(frame, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "dc09-tool frame: cannot write to stdout: %s\n", strerror(errno));
		return TOOL_ERROR;
	}
	return 0;
}

/* Judges a whole frame found in the reply stream. */
static void
judge(const struct lia_dc09_frame *f, const struct tool_frame_opts *o, struct reply *r)
{
	r->body = f->body;
	r->body_len = f->body_len;
	r->status = TOOL_INVALID;
	if (!f->crc_ok) {
		r->error = "bad CRC";
		return;
	}
	if (lia_dc09_parse(f->body, f->body_len, f->crc, &r->m) != LIA_DC09_OK) {
		r->error = "not a DC-09 body";
		return;
	}
	r->have_msg = true;
	if (r->m.encrypted) {
		if (!o->out.key) {
			r->error = "encrypted reply and no --key";
			return;
		}
		if (lia_dc09_decrypt(&r->m, o->out.key, o->out.key_len, r->plain,
				     sizeof r->plain) != LIA_DC09_OK) {
			r->error = "cannot decrypt the reply with --key";
			return;
		}
	}
	bool is_ack = !strcmp(r->m.id, "ACK");
	if (!strcmp(r->m.id, "NAK")) {
		/* SIA DC-09: a NAK carries neither our sequence nor our account. */
		r->status = TOOL_NAK;
		return;
	}
	if (!is_ack && strcmp(r->m.id, "DUH") != 0) {
		r->error = "unexpected reply id";
		return;
	}
	/* SIA DC-09: ACK and DUH echo the sequence and account of the message
	 * (the frame carries the account's hex digits upper case, whatever was typed). */
	const char *account = o->out.account ? o->out.account : "";
	if (r->m.seq != o->out.seq || strcasecmp(r->m.account, account) != 0) {
		r->error = "the reply is for another message (sequence or account differs)";
		return;
	}
	/* The ACK of an encrypted message is encrypted: a clear one could come from
	 * anyone who saw the clear header, so a panel must not take it. */
	if (is_ack && o->out.key && !r->m.encrypted) {
		r->error = "clear ACK to an encrypted message";
		return;
	}
	r->status = is_ack ? TOOL_ACK : TOOL_DUH;
}

/* Reads until one frame has been judged, the peer closes, or the deadline. */
static void
await_reply(int fd, bool udp, int64_t deadline_us, const struct tool_frame_opts *o,
	    unsigned char *buf, size_t cap, struct reply *r)
{
	size_t n = 0;
	bool got_bytes = false;
	r->status = TOOL_NO_REPLY;
	for (;;) {
		/* Frame whatever we hold first: SKIP drops garbage before a frame. */
		while (n > 0) {
			struct lia_dc09_frame f;
			size_t used = 0;
			enum lia_dc09_scan s = lia_dc09_scan(buf, n, &f, &used);
			if (s == LIA_DC09_FRAME) {
				judge(&f, o, r);
				return;
			}
			if (s == LIA_DC09_NEED_MORE && !udp)
				break;
			/* SKIP, or a datagram that ends inside a frame: UDP frames are
			 * never split over datagrams. */
			if (s == LIA_DC09_NEED_MORE)
				used = n;
			memmove(buf, buf + used, n - used);
			n -= used;
		}
		int64_t left_ms = (deadline_us - tool_mono_us() + 999) / 1000;
		if (left_ms <= 0)
			break;
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int pr = poll(&p, 1, (int)left_ms);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			break;
		ssize_t k = recv(fd, buf + n, cap - n, 0);
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0)
			break; /* closed (TCP), or an ICMP error such as port unreachable */
		got_bytes = true;
		n += (size_t)k;
	}
	if (got_bytes) {
		r->status = TOOL_INVALID;
		r->error = "bytes came back but no whole frame";
	}
}

/* Writes s[0..n) as the inside of a JSON string. Bytes outside printable ASCII
 * are escaped one by one, so that garbage from a receiver still gives valid JSON. */
static void
json_str(FILE *out, const void *s, size_t n)
{
	const unsigned char *p = s;
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			fprintf(out, "\\%c", p[i]);
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			fprintf(out, "\\u%04x", p[i]);
		else
			fputc(p[i], out);
	}
	fputc('"', out);
}

static void
print_reply(const struct reply *r, double ms)
{
	static const char *const names[] = {
		[TOOL_ACK] = "ACK", [TOOL_ERROR] = "invalid", [TOOL_NAK] = "NAK",
		[TOOL_DUH] = "DUH", [TOOL_NO_REPLY] = "none", [TOOL_INVALID] = "invalid",
	};
	printf("{\"reply\":\"%s\"", names[r->status]);
	if (r->have_msg) {
		printf(",\"seq\":%u,\"account\":", r->m.seq);
		json_str(stdout, r->m.account, strlen(r->m.account));
	} else {
		printf(",\"seq\":null,\"account\":null");
	}
	printf(",\"body\":");
	if (r->body)
		json_str(stdout, r->body, r->body_len);
	else
		printf("null");
	printf(",\"encrypted\":%s,\"timestamp\":",
	       r->have_msg && r->m.encrypted ? "true" : "false");
	if (r->have_msg && r->m.has_timestamp) {
		char iso[LIA_RFC3339_LEN];
		lia_time_format(r->m.timestamp_us, iso);
		printf("\"%s\"", iso);
	} else {
		printf("null");
	}
	printf(",\"ms\":%.3f", ms);
	if (r->error) {
		printf(",\"error\":");
		json_str(stdout, r->error, strlen(r->error));
	}
	printf("}\n");
}

static int
send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int
tool_cmd_send(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		printf("Usage: dc09-tool send --host H --port P [--udp] [--timeout-ms 3000] "
		       "[frame options]\nFrame options: see dc09-tool --help\n");
		return 0;
	}
	const char *host = lia_arg_take(&argc, argv, "host", true);
	const char *port = lia_arg_take(&argc, argv, "port", true);
	bool udp = lia_arg_take(&argc, argv, "udp", false) != NULL;
	const char *timeout = lia_arg_take(&argc, argv, "timeout-ms", true);
	long timeout_ms = 3000;
	struct tool_frame_opts o;
	if (tool_frame_opts_take(&argc, argv, &o) != 0 || tool_no_leftover(argc, argv) != 0)
		return TOOL_ERROR;
	if (!host || !port) {
		fprintf(stderr, "dc09-tool send: --host and --port are required\n");
		return TOOL_ERROR;
	}
	if (timeout && tool_parse_long(timeout, 1, 3600 * 1000L, &timeout_ms) != 0) {
		fprintf(stderr, "dc09-tool send: --timeout-ms must be a positive number\n");
		return TOOL_ERROR;
	}
	char frame[LIA_DC09_MAX_FRAME];
	size_t len = 0;
	if (build(&o, frame, sizeof frame, &len) != 0)
		return TOOL_ERROR;
	int fd = tool_connect(host, port, udp);
	if (fd < 0)
		return TOOL_ERROR;

	/* Twice the largest frame: a reply may follow some garbage. */
	static unsigned char buf[2 * LIA_DC09_MAX_FRAME];
	static struct reply r;
	int64_t t0 = tool_mono_us();
	if (send_all(fd, frame, len) != 0) {
		fprintf(stderr, "dc09-tool send: %s\n", strerror(errno));
		close(fd);
		return TOOL_ERROR;
	}
	await_reply(fd, udp, t0 + timeout_ms * 1000, &o, buf, sizeof buf, &r);
	double ms = (double)(tool_mono_us() - t0) / 1000.0;
	close(fd);
	print_reply(&r, ms);
	return (int)r.status;
}
