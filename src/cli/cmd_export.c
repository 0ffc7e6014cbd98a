/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * `liaison export`: an antenna bundle from the shell (export/bundle.h), its
 * verification, and the installation's public key. This is what an operator runs
 * from cron or by hand before telecoms fail; the server's schedule runs the same
 * lia_bundle_run.
 */
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "export/bundle.h"
#include "export/bundle_fs.h"
#include "export/manifest.h"
#include "export/progress.h"

static const char usage_text[] =
	"Usage:\n"
	"  liaison export --org ORG --out DIR [--profile care|health] [--threads N]\n"
	"                 [--keep K] [--incremental] [--lang fr|en] [config flags]\n"
	"  liaison export verify DIR [--public-key HEX] [--data-dir DIR]\n"
	"  liaison export key [--data-dir DIR]\n\n"
	"Writes an antenna bundle into DIR/ORG/<stamp>/: one PDF per client of the\n"
	"organisation ORG (its id) and its subtree, the DLU of every client that has one,\n"
	"index.pdf (the page to print first) and manifest.json signed with the\n"
	"installation's Ed25519 key (DATA_DIR/keys/export-signing.key, created on first\n"
	"use). DIR/ORG/latest points to the newest complete bundle; the last K (default\n"
	"export-keep) are kept. --profile: care (no medical data) or health (nurses);\n"
	"default export-profile. ORG may also be an organisation's exact name.\n"
	"--incremental re-renders only the clients changed since the latest bundle (and\n"
	"files not generated today) and copies the rest. --threads: 1..16 (default\n"
	"export-threads).\n"
	"Progress on stderr; the bundle's folder on stdout.\n\n"
	"verify checks the signature of DIR/manifest.json (with HEX, else this\n"
	"installation's key) and every file, and names what is missing, altered or extra.\n"
	"key prints the installation's public key in hex, for verify elsewhere.\n\n"
	"Exit status: 0 ok, 1 failure (or a bundle that does not verify), 2 usage.\n\n";

/* export-signing-key, else DATA_DIR/keys/export-signing.key (the server's too). */
static void
key_path(const struct lia_config *cfg, char *out, size_t size)
{
	if (cfg->export_signing_key && *cfg->export_signing_key)
		snprintf(out, size, "%s", cfg->export_signing_key);
	else
		snprintf(out, size, "%s/keys/export-signing.key", cfg->data_dir);
}

/* The organisation's id, by id or by its exact name; NULL (said why) otherwise. */
static const char *
resolve_org(struct lia_conn *c, struct lia_arena *a, const char *org)
{
	struct lia_org o;
	int st = lia_store_org_find(c, a, org, &o);
	if (st == LIA_STORE_OK)
		return o.id;
	if (st == LIA_STORE_CONFLICT)
		fprintf(stderr, "liaison export: several organisations are named \"%s\": give its id\n",
			org);
	else if (st == LIA_STORE_NOT_FOUND)
		fprintf(stderr, "liaison export: no organisation %s\n", org);
	else
		fprintf(stderr, "liaison export: reading organisations: %s\n",
			lia_store_status_name(st));
	return NULL;
}

/* Loads the key for cfg; sk may be NULL (only the public key). */
static int
load_key(const struct lia_config *cfg, unsigned char *sk,
	 unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	char path[PATH_MAX], err[512];
	key_path(cfg, path, sizeof path);
	unsigned char *tmp = sk ? sk : sodium_malloc(crypto_sign_SECRETKEYBYTES);
	if (!tmp) {
		fprintf(stderr, "liaison export: out of secure memory\n");
		return 1;
	}
	int rc = lia_signing_key_load(path, tmp, pk, err, sizeof err);
	if (!sk)
		sodium_free(tmp);
	if (rc != 0) {
		fprintf(stderr, "liaison export: %s\n", err);
		return 1;
	}
	return 0;
}

/* Configuration without the database (verify, key). */
static int
open_config(int argc, char **argv, struct lia_config *cfg)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "liaison: libsodium failed to initialise\n");
		return 1;
	}
	lia_config_defaults(cfg);
	return lia_config_load(cfg, argc, argv) != 0 ? 2 : 0;
}

static int
cmd_key(int argc, char **argv)
{
	struct lia_config cfg;
	int rc = open_config(argc - 1, argv + 1, &cfg);
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	if (!rc)
		rc = load_key(&cfg, NULL, pk);
	if (!rc) {
		char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
		lia_hex(pk, sizeof pk, hex);
		printf("%s\n", hex);
	}
	lia_config_clear(&cfg);
	return rc;
}

static int
cmd_verify(int argc, char **argv)
{
	const char *pk_hex = lia_arg_take(&argc, argv, "public-key", true);
	if (argc < 3 || argv[2][0] == '-') {
		fprintf(stderr,
			"liaison export verify: which bundle? (liaison export verify DIR)\n");
		return 2;
	}
	const char *dir = argv[2];
	/* argv[1] = "verify" stands for the subcommand name; the rest are config flags. */
	memmove(&argv[2], &argv[3], (size_t)(argc - 2) * sizeof *argv);
	argc--;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct lia_config cfg;
	int rc = open_config(argc - 1, argv + 1, &cfg);
	if (!rc && pk_hex && lia_public_key_parse(pk_hex, pk) != 0) {
		fprintf(stderr, "liaison export verify: --public-key takes 64 hex digits\n");
		rc = 2;
	} else if (!rc && !pk_hex) {
		rc = load_key(&cfg, NULL, pk);
	}
	lia_config_clear(&cfg);
	if (rc)
		return rc;
	int problems = lia_bundle_verify(dir, pk, stdout);
	if (problems == 0)
		printf("export verify: OK, %s is complete and signed\n", dir);
	else if (problems > 0)
		printf("export verify: FAILED, %d problem%s in %s\n", problems,
		       problems > 1 ? "s" : "", dir);
	return problems == 0 ? 0 : 1;
}

static bool
take_int(int *argc, char **argv, const char *name, long lo, long hi, long *out)
{
	const char *v = lia_arg_take(argc, argv, name, true);
	if (!v)
		return true;
	char *end = NULL;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi) {
		fprintf(stderr, "liaison export: --%s takes %ld to %ld\n", name, lo, hi);
		return false;
	}
	*out = n;
	return true;
}

static int
cmd_run(int argc, char **argv)
{
	const char *org = lia_arg_take(&argc, argv, "org", true);
	const char *out = lia_arg_take(&argc, argv, "out", true);
	const char *profile = lia_arg_take(&argc, argv, "profile", true);
	const char *lang = lia_arg_take(&argc, argv, "lang", true);
	bool incremental = lia_arg_take(&argc, argv, "incremental", false) != NULL;
	long threads = 0, keep = 0;
	if (!take_int(&argc, argv, "threads", 1, 16, &threads) ||
	    !take_int(&argc, argv, "keep", 1, 1000, &keep))
		return 2;
	if (!org || !*org || !out || !*out) {
		fprintf(stderr, "liaison export: --org and --out are required (liaison export "
				"--help)\n");
		return 2;
	}
	if (profile && strcmp(profile, "care") != 0 && strcmp(profile, "health") != 0) {
		fprintf(stderr, "liaison export: --profile must be care or health\n");
		return 2;
	}
	if (lang && strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "liaison export: --lang must be fr or en\n");
		return 2;
	}
	struct lia_config cfg;
	struct lia_conn *c = NULL;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	struct lia_arena *a = lia_arena_new();
	org = resolve_org(c, a, org);
	c->ops->conn_close(c); /* migrated; the run opens its own connections */
	if (!org) {
		lia_arena_free(a);
		lia_config_clear(&cfg);
		return 1;
	}
	/* Flags first, then the configuration the server's schedule uses. */
	if (!profile)
		profile = cfg.export_profile && *cfg.export_profile ? cfg.export_profile : "care";
	if (!threads)
		threads = cfg.export_threads >= 1 && cfg.export_threads <= 16 ? cfg.export_threads :
										2;
	if (!keep)
		keep = cfg.export_keep >= 1 ? cfg.export_keep : 3;
	unsigned char *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	if (!sk || load_key(&cfg, sk, pk) != 0) {
		if (sk)
			sodium_free(sk);
		lia_arena_free(a);
		lia_config_clear(&cfg);
		return 1;
	}
	struct lia_bundle_opts o = {
		.database_url = lia_config_database(&cfg),
		.org_id = org,
		.out_dir = out,
		.profile = profile,
		.threads = (int)threads,
		.keep = (int)keep,
		.incremental = incremental,
		.french = !lang || !strcmp(lang, "fr"),
		.signing_key = sk,
	};
	struct lia_bundle_progress progress = {0};
	struct lia_bundle_result res;
	struct lia_progress_view *bar =
		lia_progress_start(&progress, stderr, isatty(STDERR_FILENO) == 1);
	int run = lia_bundle_run(&o, &progress, &res);
	lia_progress_stop(bar);
	sodium_free(sk);
	lia_arena_free(a);
	lia_config_clear(&cfg);
	if (run != 0) {
		fprintf(stderr, "liaison export: failed: %s\n", res.error);
		return 1;
	}
	fprintf(stderr,
		"liaison export: %lld clients, %lld rendered, %lld reused, %lld files, %.1f MB, "
		"%.1f s, %s\n",
		(long long)res.clients, (long long)res.rendered, (long long)res.reused,
		(long long)res.files, (double)res.bytes / 1e6, res.seconds, res.path);
	printf("%s\n", res.path);
	fflush(stdout);
	return 0;
}

int
lia_cmd_export(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		fputs(usage_text, stdout);
		lia_config_print_help(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "verify"))
		return cmd_verify(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "key"))
		return cmd_key(argc, argv);
	if (argc >= 2 && argv[1][0] != '-') {
		fprintf(stderr, "liaison export: unknown subcommand \"%s\"\n\n%s", argv[1],
			usage_text);
		return 2;
	}
	return cmd_run(argc, argv);
}
