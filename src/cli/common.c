/* SPDX-License-Identifier: EUPL-1.2 */
/* Argument helpers and the database opening shared by the subcommands. */
#include "cli/cli.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/log.h"
#include "domain/password.h"

const char *
lia_arg_take(int *argc, char **argv, const char *name, bool has_value)
{
	size_t nlen = strlen(name);
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, nlen) != 0)
			continue;
		const char *rest = a + 2 + nlen;
		const char *value = NULL;
		int used = 0;
		if (*rest == '=' && has_value) {
			value = rest + 1;
			used = 1;
		} else if (*rest == '\0' && !has_value) {
			value = "";
			used = 1;
		} else if (*rest == '\0' && i + 1 < *argc) {
			value = argv[i + 1];
			used = 2;
		} else {
			continue;
		}
		memmove(&argv[i], &argv[i + used], (size_t)(*argc - i - used + 1) * sizeof *argv);
		*argc -= used;
		return value;
	}
	return NULL;
}

bool
lia_arg_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

static int
open_config_and_store(int argc, char **argv, struct lia_config *cfg, struct lia_conn **conn)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "liaison: libsodium failed to initialise\n");
		return 1;
	}
	lia_config_defaults(cfg);
	if (lia_config_load(cfg, argc, argv) != 0)
		return 2;
	int level = lia_log_level_parse(cfg->log_level);
	if (level < 0) {
		fprintf(stderr, "liaison: log-level must be debug, info, warn or error\n");
		return 2;
	}
	lia_log_set_level((enum lia_log_level)level);
	if (!lia_password_set_cost(cfg->pwhash)) {
		fprintf(stderr, "liaison: pwhash must be interactive, moderate or min\n");
		return 2;
	}
	const char *url = lia_config_database(cfg);
	if (lia_store_ops_for(url) == &lia_store_sqlite) {
		if (mkdir(cfg->data_dir, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr, "liaison: cannot create data directory %s: %s\n",
				cfg->data_dir, strerror(errno));
			return 1;
		}
	}
	if (lia_store_connect(url, conn) != LIA_STORE_OK) {
		fprintf(stderr, "liaison: cannot open the database (%s); check --database / --data-dir\n",
			lia_store_ops_for(url)->name);
		return 1;
	}
	int applied = 0;
	if ((*conn)->ops->migrate(*conn, &applied) != LIA_STORE_OK) {
		fprintf(stderr, "liaison: database migration failed (see the log above)\n");
		(*conn)->ops->conn_close(*conn);
		*conn = NULL;
		return 1;
	}
	if (applied)
		lia_log(LIA_LOG_INFO, "store.migrated", "applied=%d backend=%s", applied,
			(*conn)->ops->name);
	return 0;
}

int
lia_cli_open(int argc, char **argv, struct lia_config *cfg, struct lia_conn **conn)
{
	int rc = open_config_and_store(argc, argv, cfg, conn);
	if (rc != 0)
		lia_config_clear(cfg); /* the callers return at once: nothing leaks */
	return rc;
}
