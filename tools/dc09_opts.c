/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Command-line options of dc09-tool that more than one subcommand reads: numbers,
 * the AES key, and the fields of a frame. Options are taken out of argv with the
 * product's lia_arg_take(), so that whatever is left over is an unknown option.
 * Field values are checked by lia_dc09_build() itself, not here: the tool must be
 * able to craft any frame the library agrees to build, and no other.
 */
#include "dc09_tool.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int
tool_parse_long(const char *s, long min, long max, long *v)
{
	if (!s || !*s)
		return -1;
	char *end = NULL;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || *end || n < min || n > max)
		return -1;
	*v = n;
	return 0;
}

int
tool_parse_positive(const char *s, double *v)
{
	if (!s || !*s)
		return -1;
	char *end = NULL;
	errno = 0;
	double d = strtod(s, &end);
	if (errno || *end || !isfinite(d) || d <= 0)
		return -1;
	*v = d;
	return 0;
}

int
tool_no_leftover(int argc, char **argv)
{
	if (argc <= 1)
		return 0;
	fprintf(stderr, "dc09-tool %s: unexpected argument \"%s\" (see --help)\n", argv[0],
		argv[1]);
	return -1;
}

int
tool_key_take(int *argc, char **argv, unsigned char key[32], size_t *key_len)
{
	const char *text = lia_arg_take(argc, argv, "key", true);
	const char *format = lia_arg_take(argc, argv, "key-format", true);
	*key_len = 0;
	if (!text) {
		if (format) {
			fprintf(stderr, "dc09-tool: --key-format without --key\n");
			return -1;
		}
		return 0;
	}
	/* Products let installers type keys either way; guessing would turn a
	 * 32-character ASCII key into a 16-byte hex one, so the format is explicit
	 * (hex unless told otherwise, as most receivers show keys). */
	if (lia_dc09_key_parse(text, format ? format : "hex", key, key_len) != 0) {
		fprintf(stderr,
			"dc09-tool: --key is not a %s AES key (hex: 32, 48 or 64 digits; "
			"ascii: 16, 24 or 32 characters)\n",
			format ? format : "hex");
		return -1;
	}
	return 0;
}

static int
take_timestamp(int *argc, char **argv, struct tool_frame_opts *o)
{
	const char *ts = lia_arg_take(argc, argv, "timestamp", true);
	/* An encrypted frame must carry one (the receiver checks its window). */
	if (!ts)
		ts = o->out.key ? "now" : "none";
	if (!strcmp(ts, "now")) {
		o->ts_now = true;
		return 0;
	}
	if (!strcmp(ts, "none"))
		return 0;
	/* Seconds from 1970 to the end of year 9999 keep the year in 4 digits. */
	long secs = 0;
	if (tool_parse_long(ts, 1, 253402300799L, &secs) != 0) {
		fprintf(stderr, "dc09-tool: --timestamp must be now, none or Unix seconds\n");
		return -1;
	}
	o->out.timestamp_us = (int64_t)secs * 1000000;
	return 0;
}

int
tool_frame_opts_take(int *argc, char **argv, struct tool_frame_opts *o)
{
	memset(o, 0, sizeof *o);
	struct lia_dc09_out *out = &o->out;
	out->id = lia_arg_take(argc, argv, "id", true);
	if (!out->id)
		out->id = "SIA-DCS";
	out->account = lia_arg_take(argc, argv, "account", true);
	out->receiver = lia_arg_take(argc, argv, "receiver", true);
	out->line = lia_arg_take(argc, argv, "line", true);
	out->data = lia_arg_take(argc, argv, "data", true);
	out->extra = lia_arg_take(argc, argv, "extra", true);
	out->binary_crc = lia_arg_take(argc, argv, "binary-crc", false) != NULL;

	const char *seq = lia_arg_take(argc, argv, "seq", true);
	long n = 1;
	if (seq && tool_parse_long(seq, 0, 9999, &n) != 0) {
		fprintf(stderr, "dc09-tool: --seq must be 0..9999\n");
		return -1;
	}
	out->seq = (unsigned)n;

	size_t key_len = 0;
	if (tool_key_take(argc, argv, o->key, &key_len) != 0)
		return -1;
	if (key_len) {
		out->key = o->key;
		out->key_len = key_len;
	}
	return take_timestamp(argc, argv, o);
}
