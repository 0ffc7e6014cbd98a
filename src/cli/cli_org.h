/* SPDX-License-Identifier: EUPL-1.2 */
/* Organisation creation shared by `org add` and `user add` (look-up: store.h
 * lia_store_org_find). */
#ifndef LIA_CLI_CLI_ORG_H
#define LIA_CLI_CLI_ORG_H

#include "cli/cli.h"

/* Creates a node below parent (NULL: a root), audited as done by the system. */
int lia_cli_org_create(struct lia_conn *c, struct lia_arena *a, const char *name, const char *kind,
		       const struct lia_org *parent, const char *tz, struct lia_org *out);

#endif
