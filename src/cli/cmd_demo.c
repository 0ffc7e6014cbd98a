/* SPDX-License-Identifier: EUPL-1.2 */
/* `liaison demo --clients N [--seed S]`: fill an empty database with demo data. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "domain/demo.h"
#include "domain/password.h"

static bool
parse_num(const char *s, long long min, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min)
		return false;
	*out = v;
	return true;
}

int
lia_cmd_demo(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		printf("Usage: liaison demo [--clients N] [--seed S] [--data-dir DIR] [--database URL]\n\n"
		       "Loads an organisation tree, one account per role and N synthetic clients\n"
		       "(French names, real commune codes, valid INS with the demo OID) into an\n"
		       "empty database. The same seed gives the same data. Accounts get the\n"
		       "password of --demo-password.\n\n");
		lia_config_print_help(stdout);
		return 0;
	}
	const char *clients = lia_arg_take(&argc, argv, "clients", true);
	const char *seed = lia_arg_take(&argc, argv, "seed", true);
	long long n = 200, s = 42;
	if ((clients && !parse_num(clients, 0, &n)) || (seed && !parse_num(seed, 0, &s))) {
		fprintf(stderr, "liaison demo: --clients and --seed take whole numbers >= 0\n");
		return 2;
	}
	struct lia_config cfg;
	struct lia_conn *c;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	struct lia_demo_options opt = {.seed = (uint64_t)s, .clients = (long)n,
				       .password = cfg.demo_password};
	lia_password_cost(&opt.pwhash_ops, &opt.pwhash_mem);
	struct lia_demo_result res;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int st = lia_demo_load(c, &opt, &res);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	c->ops->conn_close(c);
	lia_config_clear(&cfg);
	if (st == LIA_STORE_CONFLICT) {
		fprintf(stderr, "liaison demo: the database already holds organisations; demo data "
				"only goes into an empty database\n");
		return 1;
	}
	if (st != LIA_STORE_OK) {
		fprintf(stderr, "liaison demo: loading failed (%s)\n", lia_store_status_name(st));
		return 1;
	}
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("demo: %ld clients loaded in %.2f s\n", res.clients_created, secs);
	return 0;
}
