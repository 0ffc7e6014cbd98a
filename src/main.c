/* SPDX-License-Identifier: EUPL-1.2 */
/* The `liaison` command: picks the subcommand and runs it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{"serve", lia_cmd_serve, "run the HTTP server"},
	{"migrate", lia_cmd_migrate, "create or upgrade the database schema"},
	{"demo", lia_cmd_demo, "load demo data (organisations, accounts, synthetic clients)"},
	{"user", lia_cmd_user, "manage accounts: user add"},
	{"org", lia_cmd_org, "manage organisation nodes: org add"},
	{"audit", lia_cmd_audit, "audit journal: audit verify"},
	{"plan", lia_cmd_plan, "care plans: plan generate (the daily visit generation)"},
	{"export", lia_cmd_export, "antenna bundles of signed PDFs: export, export verify"},
	{"routes", lia_cmd_routes, "print the HTTP route table (Markdown, for docs/api.md)"},
};

static void
usage(FILE *out)
{
	fprintf(out, "Liaison %s — care record and care coordination\n\n", LIA_VERSION);
	fprintf(out, "Usage: liaison <command> [options]   (liaison <command> --help)\n\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(out, "  %-9s %s\n", "version", "print the version");
}

int
main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("liaison %s%s\n", LIA_VERSION,
		       lia_store_fault_injection() ? " (test build: fault injection)" : "");
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "liaison: unknown command \"%s\"\n\n", argv[1]);
	usage(stderr);
	return 2;
}
