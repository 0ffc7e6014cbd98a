/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The `dc09-tool` command: a SIA DC-09 sender (send, frame) and load generator
 * (load) built on the product's protocol library, for tests, the interoperability
 * check against an independent receiver (tests/interop/) and the benchmark.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "dc09_tool.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"send", tool_cmd_send, "send one frame, wait for the reply, print it as JSON"},
	{"frame", tool_cmd_frame, "write one frame's raw bytes to stdout"},
	{"load", tool_cmd_load, "send frames at a fixed rate, match ACKs, report latency"},
};

static void
usage(FILE *out)
{
	fprintf(out, "Usage: dc09-tool <command> [options]   (dc09-tool <command> --help)\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-6s %s\n", commands[i].name, commands[i].help);
	fprintf(out,
		"\nFrame options (send, frame):\n"
		"  --id SIA-DCS|ADM-CID|NULL|<any>   (default SIA-DCS)\n"
		"  --account A  --seq N (default 1)  --receiver R  --line L (default 0)\n"
		"  --data \"#1234|NRP0000\"  --extra \"[X..][Y..]\"  --binary-crc\n"
		"  --key K [--key-format hex|ascii (default hex)]   encrypts (AES-CBC)\n"
		"  --timestamp now|none|<unix seconds>   (default: now when encrypted, else none)\n"
		"\nsend: --host H --port P [--udp] [--timeout-ms 3000]\n"
		"  exit 0 ACK, 2 NAK, 3 DUH, 4 no reply, 5 unreadable reply, 1 other error\n");
}

int
main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? TOOL_ERROR : 0;
	}
	/* Encryption pads with random bytes from libsodium. */
	if (sodium_init() < 0) {
		fprintf(stderr, "dc09-tool: libsodium failed to initialise\n");
		return TOOL_ERROR;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "dc09-tool: unknown command \"%s\"\n\n", argv[1]);
	usage(stderr);
	return TOOL_ERROR;
}
