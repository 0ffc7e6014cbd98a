/* SPDX-License-Identifier: EUPL-1.2 */
/* Organisation look-up and creation shared by `org add` and `user add`. */
#ifndef LIA_CLI_CLI_ORG_H
#define LIA_CLI_CLI_ORG_H

#include "cli/cli.h"

/* By id, or by exact name (CONFLICT when two nodes share the name). */
int lia_cli_find_org(struct lia_conn *c, struct lia_arena *a, const char *id_or_name,
		     struct lia_org *out);
/* Creates a node below parent (NULL: a root), audited as done by the system. */
int lia_cli_org_create(struct lia_conn *c, struct lia_arena *a, const char *name, const char *kind,
		       const struct lia_org *parent, const char *tz, struct lia_org *out);

#endif
