/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Configuration: built-in defaults, then a file (`key = value` lines, `#` comments;
 * `--config PATH`, else DATA_DIR/liaison.conf when it exists), then environment
 * variables LIAISON_<KEY> (upper case, '-' as '_'), then command-line flags
 * `--key value` / `--key=value`. Later sources win. Every key is listed once in
 * config.c's table, which also prints the --help text of each subcommand.
 */
#ifndef LIA_CORE_CONFIG_H
#define LIA_CORE_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

struct lia_config {
	char *listen;              /* host:port of the HTTP server */
	char *data_dir;            /* where the SQLite file, keys and exports live */
	char *database;            /* SQLite path or postgresql:// URL; default DATA_DIR/liaison.db */
	char *log_level;
	char *pwhash;              /* Argon2id cost: "interactive" (default), "moderate", "min" (tests) */
	long session_ttl;          /* seconds a session token lives */
	long threads;              /* HTTP worker threads; 0 = number of cores */
	long login_max_failures;   /* consecutive failures before an account is locked */
	long login_lock_seconds;   /* how long the lock lasts */
	long ip_max_failures;      /* failures per address within login_lock_seconds */
	long max_connections;
	char *trusted_proxies;     /* comma-separated addresses whose X-Forwarded-For is believed */
	bool cookie_secure;        /* add Secure to the session cookie (behind TLS) */
	bool accept_test_ins;      /* accept INS with the test and demo OIDs (never in production) */
	long break_glass_minutes;  /* how long an emergency access lasts */
	long vigilance_seconds;    /* period of the vigilance rules (0: off) */
	char *key_file;            /* key sealing attachments; default DATA_DIR/keys/attachments.key */
	long attachment_max_kb;    /* largest attachment accepted */
	char *alarm_listen;        /* DC-09 receiver paths: NAME=tcp://H:P,NAME=udp://H:P */
	char *alarm_org;           /* organisation of the receiver's own alerts */
	long alarm_path_silence;   /* seconds before a quiet path is lost */
	long alarm_supervision_grace; /* seconds beyond a device's interval */
	long alarm_max_connections;
	long alarm_inflight_per_address;
	long alarm_idle_seconds;
	long alarm_frame_seconds;
	long escalation_tick_ms;   /* period of the alarm watch (escalation, silence) */
	char *export_dir;          /* antenna bundles; default DATA_DIR/exports */
	char *export_schedule;     /* "ORG=MINUTES[/PROFILE],..." (empty: none) */
	long export_keep;          /* complete bundles kept per organisation, >= 1 */
	long export_threads;       /* rendering threads of a bundle, 1..16 */
	char *export_profile;      /* reader of the records: "care" or "health" */
	char *export_signing_key;  /* Ed25519 key of manifests; default DATA_DIR/keys/... */
	bool demo;                 /* `serve`: load demo data when the database is empty */
	long demo_clients;
	char *demo_password;
};

/* Fills cfg with defaults. */
void lia_config_defaults(struct lia_config *cfg);
/* Applies file, environment and argv (argv[0] is the subcommand name) in that order.
 * Unknown flags or keys, and bad values, print a message on stderr naming them and
 * return -1. Positional arguments are not accepted. */
int lia_config_load(struct lia_config *cfg, int argc, char **argv);
/* Default database location when cfg->database is empty: DATA_DIR/liaison.db. */
const char *lia_config_database(struct lia_config *cfg);
void lia_config_clear(struct lia_config *cfg);
/* One entry of export-schedule: ORG (an organisation id or exact name, no ',' nor
 * '=') = MINUTES (1..LIA_EXPORT_MAX_MINUTES) [/ PROFILE ("care" or "health"; "" when
 * absent: export-profile applies). */
#define LIA_EXPORT_MAX_ORGS 64
#define LIA_EXPORT_MAX_MINUTES 10080 /* a week */
struct lia_export_sched_entry {
	char org[201];
	long minutes;
	char profile[8];
};
/* Parses an export-schedule value into out[0..*n) (at most LIA_EXPORT_MAX_ORGS
 * entries). Returns 0, or -1 with the reason in err. An empty or blank spec gives
 * *n = 0. The same organisation twice is an error. */
int lia_config_export_schedule_parse(const char *spec, struct lia_export_sched_entry *out,
				     size_t *n, char *err, size_t errsize);
/* Prints one line per key: flag, environment variable, default, meaning. */
void lia_config_print_help(FILE *out);

#endif
