/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Subcommands of `liaison`. Each takes argv with argv[0] = the subcommand's name,
 * prints its own --help, and returns the process exit status (0 ok, 1 failure,
 * 2 usage error).
 */
#ifndef LIA_CLI_CLI_H
#define LIA_CLI_CLI_H

#include <stdbool.h>

#include "core/config.h"
#include "store/store.h"

int lia_cmd_serve(int argc, char **argv);
int lia_cmd_migrate(int argc, char **argv);
int lia_cmd_demo(int argc, char **argv);
int lia_cmd_user(int argc, char **argv);
int lia_cmd_org(int argc, char **argv);
int lia_cmd_audit(int argc, char **argv);
int lia_cmd_routes(int argc, char **argv);
int lia_cmd_plan(int argc, char **argv);
int lia_cmd_export(int argc, char **argv);

/* Removes `--name value` (or `--name=value`, or `--name` when !has_value) from
 * argv and returns the value ("" for a present flag without value), or NULL. */
const char *lia_arg_take(int *argc, char **argv, const char *name, bool has_value);
/* True when argv holds --help or -h. */
bool lia_arg_help(int argc, char **argv);

/* Shared start of every command that touches the database: libsodium, the config
 * (defaults, file, environment, remaining flags), log level, password cost, data dir
 * (created 0700 for SQLite), connection, and migrations. Prints why on failure, and
 * then has already released cfg. */
int lia_cli_open(int argc, char **argv, struct lia_config *cfg, struct lia_conn **conn);

#endif
