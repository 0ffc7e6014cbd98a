/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `liaison plan generate [--days N]`: the daily visit generation, from the shell.
 * The server runs the same thing once a day by itself; this is for a first load,
 * after an import, and for the benchmark (100,000 clients, four weeks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "domain/planner.h"

static int
write_direct(void *ctx, lia_store_write_fn fn, void *cls)
{
	return lia_store_write(ctx, fn, cls);
}

int
lia_cmd_plan(int argc, char **argv)
{
	if (lia_arg_help(argc, argv) || argc < 2 || strcmp(argv[1], "generate") != 0) {
		printf("Usage: liaison plan generate [--days N] [--data-dir DIR] [--database URL]\n\n"
		       "Generates the visits of every client with a care plan in force, from today\n"
		       "(in each organisation's time zone) for N days (default: each\n"
		       "organisation's horizon setting). Idempotent: a second run changes nothing.\n\n");
		lia_config_print_help(stdout);
		return argc >= 2 && !strcmp(argv[1], "generate") ? 0 : 2;
	}
	const char *days_arg = lia_arg_take(&argc, argv, "days", true);
	int days = 0;
	char *end = NULL;
	long v = days_arg ? strtol(days_arg, &end, 10) : 0;
	if (days_arg && (*end || v < 1 || v > 92)) {
		fprintf(stderr, "liaison plan generate: --days takes 1 to 92\n");
		return 2;
	}
	days = (int)v;
	argc--; /* past "generate": the rest are configuration flags */
	argv++;
	struct lia_config cfg;
	struct lia_conn *c;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct lia_plan_totals tot;
	int st = lia_plan_generate_all(c, write_direct, c, lia_clock_now_us(), days, 200, &tot);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	c->ops->conn_close(c);
	lia_config_clear(&cfg);
	if (st != LIA_STORE_OK) {
		fprintf(stderr, "liaison plan generate: failed (%s)\n", lia_store_status_name(st));
		return 1;
	}
	printf("clients=%ld inserted=%d updated=%d cancelled=%d suspended=%d released=%d "
	       "seconds=%.2f\n",
	       tot.clients, tot.run.inserted, tot.run.updated, tot.run.cancelled, tot.run.suspended,
	       tot.run.released, secs);
	return 0;
}
