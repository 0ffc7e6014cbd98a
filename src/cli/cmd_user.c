/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `liaison user add --login L --role ROLE --org ID|NAME --password-stdin`: create a
 * staff account from the shell, non-interactively (the password is read from
 * standard input, never from the command line where `ps` would show it). On a
 * database without any organisation, --org NAME first creates the root node.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_org.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "domain/password.h"
#include "domain/policy.h"

struct add {
	struct lia_account acc;
	struct lia_role role;
};

static int
insert(struct lia_conn *c, void *cls)
{
	struct add *x = cls;
	int st = c->ops->account_insert(c, &x->acc);
	if (st == LIA_STORE_OK)
		st = c->ops->role_insert(c, &x->role);
	if (st != LIA_STORE_OK)
		return st;
	struct lia_audit_entry e[2] = {
		{.org_id = x->acc.org_id, .at = x->acc.created_at, .actor_role = "system",
		 .action = "account.create", .object_id = x->acc.id, .outcome = "ok", .detail = "cli"},
		{.org_id = x->role.org_id, .at = x->acc.created_at, .actor_role = "system",
		 .action = "role.grant", .object_id = x->acc.id, .outcome = "ok", .detail = x->role.role},
	};
	return c->ops->audit_append(c, e, 2);
}

static bool
read_password(char *buf, size_t size)
{
	if (!fgets(buf, (int)size, stdin))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static int
help(int rc)
{
	printf("Usage: liaison user add --login LOGIN --role ROLE --org ID|NAME --password-stdin\n"
	       "                       [--display-name NAME] [--data-dir DIR] [--database URL]\n\n"
	       "ROLE: admin, coordinator, nurse, doctor, aide, aide_soignant, alarm_operator,\n"
	       "auditor. The password (at least %d characters) is read from standard input.\n"
	       "On an empty database, --org NAME creates the root organisation first.\n\n",
	       LIA_PASSWORD_MIN_LEN);
	lia_config_print_help(stdout);
	return rc;
}

int
lia_cmd_user(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return help(lia_arg_help(argc, argv) ? 0 : 2);
	if (lia_arg_help(argc, argv))
		return help(0);
	argc--;
	argv++;
	const char *login = lia_arg_take(&argc, argv, "login", true);
	const char *role = lia_arg_take(&argc, argv, "role", true);
	const char *org_ref = lia_arg_take(&argc, argv, "org", true);
	const char *display = lia_arg_take(&argc, argv, "display-name", true);
	const char *stdin_flag = lia_arg_take(&argc, argv, "password-stdin", false);
	if (!login || !*login || !role || !org_ref || !stdin_flag) {
		fprintf(stderr, "liaison user add: --login, --role, --org and --password-stdin are required\n");
		return 2;
	}
	if (!lia_role_valid(role)) {
		fprintf(stderr, "liaison user add: unknown role \"%s\" (see --help)\n", role);
		return 2;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "liaison user add: libsodium failed to initialise\n");
		return 1;
	}
	char *password = sodium_malloc(1100);
	if (!password || !read_password(password, 1100) || strlen(password) < LIA_PASSWORD_MIN_LEN) {
		fprintf(stderr, "liaison user add: give a password of at least %d characters on standard input\n",
			LIA_PASSWORD_MIN_LEN);
		sodium_free(password);
		return 2;
	}
	struct lia_config cfg;
	struct lia_conn *c;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc) {
		sodium_free(password);
		return rc;
	}
	struct lia_arena *a = lia_arena_new();
	struct lia_org org;
	int st = lia_store_org_find(c, a, org_ref, &org);
	if (st == LIA_STORE_NOT_FOUND && !lia_uuid_valid(org_ref)) {
		struct lia_org *all;
		size_t n = 0;
		if (c->ops->org_list(c, a, "/", &all, &n) == LIA_STORE_OK && n == 0) {
			st = lia_cli_org_create(c, a, org_ref, "national", NULL, NULL, &org);
			if (st == LIA_STORE_OK)
				fprintf(stderr, "liaison user add: created the root organisation \"%s\" (%s)\n",
					org_ref, org.id);
		}
	}
	struct add x = {0};
	char *hash = lia_arena_alloc(a, LIA_PASSWORD_HASH_MAX);
	if (st != LIA_STORE_OK) {
		fprintf(stderr, "liaison user add: organisation \"%s\" %s\n", org_ref,
			st == LIA_STORE_CONFLICT ? "is ambiguous, give its id" : "not found");
		rc = 1;
	} else if (!lia_password_hash(password, hash)) {
		fprintf(stderr, "liaison user add: password hashing failed\n");
		rc = 1;
	} else {
		char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1), *rid = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
		lia_uuid7(id);
		lia_uuid7(rid);
		int64_t now = lia_clock_now_us();
		x.acc = (struct lia_account){.id = id, .org_id = org.id, .login = login,
					     .password_hash = hash, .kind = "staff",
					     .display_name = display ? display : login,
					     .version = 1, .created_at = now};
		x.role = (struct lia_role){.id = rid, .account_id = id, .org_id = org.id,
					   .org_path = org.path, .role = role, .created_at = now};
		st = lia_store_write(c, insert, &x);
		if (st == LIA_STORE_OK) {
			printf("%s\n", id);
		} else {
			fprintf(stderr, "liaison user add: %s\n", st == LIA_STORE_CONFLICT
					? "that login is already taken" : "the account could not be stored");
			rc = 1;
		}
	}
	sodium_free(password);
	lia_arena_free(a);
	c->ops->conn_close(c);
	lia_config_clear(&cfg);
	return rc;
}
