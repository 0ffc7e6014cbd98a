/* SPDX-License-Identifier: EUPL-1.2 */
/* `liaison migrate`: apply pending migrations and print the schema version. */
#include <stdio.h>

#include "cli/cli.h"

int
lia_cmd_migrate(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		printf("Usage: liaison migrate [--data-dir DIR] [--database URL]\n\n"
		       "Creates the schema or upgrades it to this version of Liaison. Safe to run\n"
		       "again; each migration runs in its own transaction.\n\n");
		lia_config_print_help(stdout);
		return 0;
	}
	struct lia_config cfg;
	struct lia_conn *c;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	int v = 0;
	c->ops->schema_version(c, &v);
	printf("schema version %d (%s)\n", v, c->ops->name);
	c->ops->conn_close(c);
	lia_config_clear(&cfg);
	return 0;
}
