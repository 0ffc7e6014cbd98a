/* SPDX-License-Identifier: EUPL-1.2 */
/* `liaison serve`: migrate, optionally load demo data, serve until SIGINT/SIGTERM. */
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "cli/cli.h"
#include "core/log.h"
#include "domain/demo.h"
#include "domain/password.h"
#include "export/schedule.h"
#include "http/server.h"

static void
help(void)
{
	printf("Usage: liaison serve [--listen HOST:PORT] [--data-dir DIR] [--database URL] [--demo]\n\n"
	       "Runs the HTTP API. SQLite in DATA_DIR/liaison.db unless --database names a\n"
	       "postgresql:// URL. Migrations are applied at start. With --demo, an empty\n"
	       "database is first filled with demo data. With --alarm-listen it also runs the\n"
	       "SIA DC-09 tele-alarm receiver (TCP/UDP). Stops cleanly on SIGINT or SIGTERM.\n\n");
	lia_config_print_help(stdout);
}

static int
load_demo(struct lia_conn *c, const struct lia_config *cfg)
{
	struct lia_org *orgs;
	size_t n = 0;
	struct lia_arena *a = lia_arena_new();
	int st = c->ops->org_list(c, a, "/", &orgs, &n);
	lia_arena_free(a);
	if (st != LIA_STORE_OK)
		return -1;
	if (n > 0)
		return 0; /* not empty: demo data only goes into a new database */
	struct lia_demo_options opt = {.seed = 42, .clients = cfg->demo_clients,
				       .password = cfg->demo_password};
	lia_password_cost(&opt.pwhash_ops, &opt.pwhash_mem);
	struct lia_demo_result res;
	if (lia_demo_load(c, &opt, &res) != LIA_STORE_OK)
		return -1;
	lia_log(LIA_LOG_INFO, "demo.loaded", "clients=%ld", res.clients_created);
	return 0;
}

/* The key that seals attachments: --key-file, else DATA_DIR/keys/attachments.key,
 * made on first start. Servers sharing a database must share this file. */
static struct lia_sealing_key *
load_sealing_key(const struct lia_config *cfg)
{
	if (cfg->key_file && *cfg->key_file)
		return lia_sealing_key_load(cfg->key_file);
	char dir[4096], path[4200];
	snprintf(dir, sizeof dir, "%s/keys", cfg->data_dir);
	if (mkdir(cfg->data_dir, 0700) != 0 && errno != EEXIST)
		return NULL;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return NULL;
	snprintf(path, sizeof path, "%s/attachments.key", dir);
	return lia_sealing_key_load(path);
}

static void
banner(const struct lia_server *srv, const struct lia_config *cfg)
{
	printf("\nLiaison %s is serving on http://%.*s:%u/  (storage: %s)\n", LIA_VERSION,
	       (int)(strrchr(cfg->listen, ':') - cfg->listen), cfg->listen, srv->port,
	       lia_store_ops_for(srv->database_url)->name);
	if (cfg->demo) {
		int n;
		const struct lia_demo_account *acc = lia_demo_accounts(&n);
		printf("Demo logins (password \"%s\"):\n", cfg->demo_password);
		for (int i = 0; i < n; i++)
			printf("  %-16s %-28s %s\n", acc[i].login, acc[i].role, acc[i].org_name);
	}
	printf("Stop with Ctrl-C.\n\n");
	fflush(stdout);
}

int
lia_cmd_serve(int argc, char **argv)
{
	if (lia_arg_help(argc, argv)) {
		help();
		return 0;
	}
	struct lia_config cfg;
	struct lia_conn *c = NULL;
	int rc = lia_cli_open(argc, argv, &cfg, &c);
	if (rc)
		return rc;
	if (cfg.demo && load_demo(c, &cfg) != 0) {
		fprintf(stderr, "liaison serve: loading demo data failed\n");
		c->ops->conn_close(c);
		return 1;
	}
	c->ops->conn_close(c);

	/* Signals are taken synchronously by this thread; block them before the
	 * server's threads start so that they inherit the mask. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct lia_server srv = {.database_url = lia_config_database(&cfg)};
	srv.sealing_key = load_sealing_key(&cfg);
	if (!srv.sealing_key) {
		fprintf(stderr, "liaison serve: no key to seal attachments (see the log above)\n");
		lia_config_clear(&cfg);
		return 1;
	}
	/* libxml2 (the ESPPADOM export) wants its one-time set-up before any thread. */
	xmlInitParser();
	/* Antenna bundles: a bad schedule stops the start, before anything listens. */
	char why[600];
	srv.exports = lia_export_schedule_new(&cfg, srv.database_url, why, sizeof why);
	if (!srv.exports) {
		fprintf(stderr, "liaison serve: %s\n", why);
		lia_sealing_key_free(srv.sealing_key);
		lia_config_clear(&cfg);
		return 1;
	}
	if (lia_server_start(&srv, &cfg) != 0) {
		fprintf(stderr, "liaison serve: cannot listen on %s%s%s (see the log above)\n",
			cfg.listen, cfg.alarm_listen && *cfg.alarm_listen ? " or on alarm-listen " : "",
			cfg.alarm_listen ? cfg.alarm_listen : "");
		lia_export_schedule_free(srv.exports);
		lia_config_clear(&cfg);
		return 1;
	}
	lia_log(LIA_LOG_INFO, "server.started", "port=%u storage=%s", srv.port,
		lia_store_ops_for(srv.database_url)->name);
	banner(&srv, &cfg);
	int sig = 0;
	sigwait(&set, &sig);
	lia_log(LIA_LOG_INFO, "server.stopping", "signal=%d", sig);
	lia_server_stop(&srv);
	/* After the handlers that use it. */
	lia_export_schedule_free(srv.exports);
	lia_sealing_key_free(srv.sealing_key);
	lia_config_clear(&cfg);
	return 0;
}
