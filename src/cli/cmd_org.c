/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `liaison org add --name N --kind K [--parent ID|NAME] [--tz ZONE]`: create an
 * organisation node from the shell (the first, root node of an installation, or any
 * node).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli_org.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"

static int
insert(struct lia_conn *c, void *cls)
{
	struct lia_org *o = cls;
	int st = c->ops->org_insert(c, o);
	if (st != LIA_STORE_OK)
		return st;
	struct lia_audit_entry e = {.id = NULL, .org_id = o->id, .at = lia_clock_now_us(),
				    .actor_role = "system", .action = "org.create",
				    .object_id = o->id, .outcome = "ok", .detail = "cli"};
	return c->ops->audit_append(c, &e, 1);
}

int
lia_cli_org_create(struct lia_conn *c, struct lia_arena *a, const char *name, const char *kind,
		   const struct lia_org *parent, const char *tz, struct lia_org *out)
{
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	memset(out, 0, sizeof *out);
	out->id = id;
	out->parent_id = parent ? parent->id : NULL;
	out->kind = kind;
	out->name = name;
	out->tz = tz ? tz : (parent ? parent->tz : "Europe/Paris");
	out->path = lia_arena_printf(a, "%s%s/", parent ? parent->path : "/", id);
	out->version = 1;
	out->created_at = lia_clock_now_us();
	return lia_store_write(c, insert, out);
}

int
lia_cmd_org(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "add") != 0 || lia_arg_help(argc, argv)) {
		printf("Usage: liaison org add --name NAME --kind KIND [--parent ID|NAME] [--tz ZONE]\n"
		       "                      [--data-dir DIR] [--database URL]\n\n"
		       "KIND: national, federation, association, establishment, antenna, team.\n"
		       "Without --parent the node is a root (the top of an installation).\n\n");
		lia_config_print_help(stdout);
		return argc >= 2 && lia_arg_help(argc, argv) ? 0 : 2;
	}
	argc--;
	argv++;
	const char *name = lia_arg_take(&argc, argv, "name", true);
	const char *kind = lia_arg_take(&argc, argv, "kind", true);
	const char *parent_ref = lia_arg_take(&argc, argv, "parent", true);
	const char *tz = lia_arg_take(&argc, argv, "tz", true);
	if (!name || !*name || !kind) {
		fprintf(stderr, "liaison org add: --name and --kind are required\n");
		return 2;
	}
	if (tz && !lia_tz_valid(tz)) {
		fprintf(stderr, "liaison org add: --tz \"%s\" is not a time zone name (e.g. Europe/Paris)\n", tz);
		return 2;
	}
	struct lia_config cfg;
	struct lia_conn *c;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	struct lia_arena *a = lia_arena_new();
	struct lia_org parent, org;
	int st = LIA_STORE_OK;
	if (parent_ref && (st = lia_store_org_find(c, a, parent_ref, &parent)) != LIA_STORE_OK) {
		fprintf(stderr, "liaison org add: parent \"%s\" %s\n", parent_ref,
			st == LIA_STORE_CONFLICT ? "is ambiguous, give its id" : "not found");
		rc = 1;
	} else {
		st = lia_cli_org_create(c, a, name, kind, parent_ref ? &parent : NULL, tz, &org);
		if (st == LIA_STORE_OK) {
			printf("%s\n", org.id);
		} else {
			fprintf(stderr, "liaison org add: failed (%s); is the kind valid?\n",
				lia_store_status_name(st));
			rc = 1;
		}
	}
	lia_arena_free(a);
	c->ops->conn_close(c);
	lia_config_clear(&cfg);
	return rc;
}
