/* SPDX-License-Identifier: EUPL-1.2 */
/* Configuration sources and the table of keys (see config.h). */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

enum type { T_STR, T_LONG, T_BOOL };

struct key {
	const char *name;
	enum type type;
	size_t offset;
	const char *def;
	const char *help;
};

#define K(name, type, field, def, help) {name, type, offsetof(struct lia_config, field), def, help}

static const struct key keys[] = {
	K("listen", T_STR, listen, "127.0.0.1:8080", "address and port of the HTTP server"),
	K("data-dir", T_STR, data_dir, "./data", "data directory (SQLite file, keys, exports)"),
	K("database", T_STR, database, "", "SQLite file or postgresql:// URL (default DATA_DIR/liaison.db)"),
	K("log-level", T_STR, log_level, "info", "debug, info, warn or error"),
	K("pwhash", T_STR, pwhash, "interactive", "Argon2id cost: interactive, moderate, min (tests only)"),
	K("session-ttl", T_LONG, session_ttl, "43200", "seconds a session lasts"),
	K("threads", T_LONG, threads, "0", "HTTP worker threads (0: one per core)"),
	K("login-max-failures", T_LONG, login_max_failures, "5", "failed logins before an account is locked"),
	K("login-lock-seconds", T_LONG, login_lock_seconds, "900", "lock duration, and window of the per-address count"),
	K("ip-max-failures", T_LONG, ip_max_failures, "30", "failed logins per address within the window"),
	K("max-connections", T_LONG, max_connections, "1024", "simultaneous HTTP connections"),
	K("trusted-proxies", T_STR, trusted_proxies, "", "reverse proxies (IPs, comma-separated) whose X-Forwarded-For names the client"),
	K("cookie-secure", T_BOOL, cookie_secure, "false", "mark the session cookie Secure (set it behind TLS)"),
	K("accept-test-ins", T_BOOL, accept_test_ins, "false", "accept INS with test/demo OIDs (never in production)"),
	K("break-glass-minutes", T_LONG, break_glass_minutes, "60", "how long a break-the-glass access lasts"),
	K("vigilance-seconds", T_LONG, vigilance_seconds, "30", "how often late and missed visits are looked for (0: never)"),
	K("key-file", T_STR, key_file, "", "key sealing attachments (default DATA_DIR/keys/attachments.key); share it between servers"),
	K("attachment-max-kb", T_LONG, attachment_max_kb, "10240", "largest attachment accepted, in KiB"),
	K("alarm-listen", T_STR, alarm_listen, "", "tele-alarm receiver (SIA DC-09): NAME=tcp://HOST:PORT or NAME=udp://HOST:PORT, comma-separated, one name per operator path (empty: off)"),
	K("alarm-org", T_STR, alarm_org, "", "organisation (id) that gets the receiver's own alerts (default: the root)"),
	K("alarm-path-silence", T_LONG, alarm_path_silence, "900", "seconds without a frame after which a path that carried traffic is lost (0: never)"),
	K("alarm-supervision-grace", T_LONG, alarm_supervision_grace, "120", "seconds beyond a device's supervision interval before it is declared silent"),
	K("alarm-max-connections", T_LONG, alarm_max_connections, "2000", "simultaneous TCP connections of the receiver"),
	K("alarm-inflight-per-address", T_LONG, alarm_inflight_per_address, "512", "frames of one sender address waiting for storage before more are dropped unanswered"),
	K("alarm-idle-seconds", T_LONG, alarm_idle_seconds, "120", "a receiver TCP connection with no complete frame for this long is closed"),
	K("alarm-frame-seconds", T_LONG, alarm_frame_seconds, "10", "a frame begun must be complete within this many seconds (slow senders)"),
	K("escalation-tick-ms", T_LONG, escalation_tick_ms, "1000", "how often escalation deadlines, silent devices and lost paths are checked"),
	/* Antenna bundles (export/bundle.h, export/schedule.h). */
	K("export-dir", T_STR, export_dir, "",
	  "antenna bundles go here, one folder per organisation (default DATA_DIR/exports)"),
	K("export-schedule", T_STR, export_schedule, "",
	  "serve: scheduled antenna bundles, ORG=MINUTES[/PROFILE] comma-separated, ORG an "
	  "organisation id or exact name, PROFILE care or health (empty: none)"),
	K("export-keep", T_LONG, export_keep, "5", "complete bundles kept per organisation (>= 1)"),
	K("export-threads", T_LONG, export_threads, "2", "rendering threads of a bundle (1 to 16)"),
	K("export-profile", T_STR, export_profile, "care",
	  "reader of exported records: care (no medical data) or health"),
	K("export-signing-key", T_STR, export_signing_key, "",
	  "Ed25519 key signing bundle manifests (default DATA_DIR/keys/export-signing.key)"),
	K("demo", T_BOOL, demo, "false", "serve: load demo data into an empty database"),
	K("demo-clients", T_LONG, demo_clients, "200", "number of demo clients"),
	K("demo-password", T_STR, demo_password, "demo-liaison", "password of the demo accounts"),
};
#define NKEYS (sizeof keys / sizeof keys[0])

static const struct key *
find_key(const char *name, size_t len)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strlen(keys[i].name) == len && strncmp(keys[i].name, name, len) == 0)
			return &keys[i];
	return NULL;
}

static int
set_value(struct lia_config *cfg, const struct key *k, const char *value, const char *source)
{
	char *base = (char *)cfg + k->offset;
	switch (k->type) {
	case T_STR: {
		char **slot = (char **)(void *)base;
		free(*slot);
		*slot = lia_xstrdup(value);
		return 0;
	}
	case T_LONG: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 0) {
			fprintf(stderr, "liaison: %s: %s needs a whole number >= 0, got \"%s\"\n",
				source, k->name, value);
			return -1;
		}
		*(long *)(void *)base = v;
		return 0;
	}
	case T_BOOL:
		if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes")) {
			*(bool *)(void *)base = true;
		} else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no")) {
			*(bool *)(void *)base = false;
		} else {
			fprintf(stderr, "liaison: %s: %s needs true or false, got \"%s\"\n", source,
				k->name, value);
			return -1;
		}
		return 0;
	}
	return -1;
}

void
lia_config_defaults(struct lia_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < NKEYS; i++)
		set_value(cfg, &keys[i], keys[i].def, "default");
}

static char *
trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int
load_file(struct lia_config *cfg, const char *path, bool must_exist)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (!must_exist)
			return 0;
		fprintf(stderr, "liaison: cannot read config file %s: %s\n", path, strerror(errno));
		return -1;
	}
	char line[1024];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		char where[1100];
		snprintf(where, sizeof where, "%s:%d", path, lineno);
		if (!eq) {
			fprintf(stderr, "liaison: %s: expected key = value\n", where);
			rc = -1;
			continue;
		}
		*eq = '\0';
		char *name = trim(s), *value = trim(eq + 1);
		const struct key *k = find_key(name, strlen(name));
		if (!k) {
			fprintf(stderr, "liaison: %s: unknown key \"%s\"\n", where, name);
			rc = -1;
			continue;
		}
		if (set_value(cfg, k, value, where) != 0)
			rc = -1;
	}
	fclose(f);
	return rc;
}

static void
env_name(const struct key *k, char *var, size_t size)
{
	size_t o = (size_t)snprintf(var, size, "LIAISON_");
	for (const char *p = k->name; *p && o < size - 1; p++)
		var[o++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	var[o] = '\0';
}

static int
load_env(struct lia_config *cfg)
{
	int rc = 0;
	for (size_t i = 0; i < NKEYS; i++) {
		char var[64];
		env_name(&keys[i], var, sizeof var);
		const char *v = getenv(var);
		if (v && set_value(cfg, &keys[i], v, var) != 0)
			rc = -1;
	}
	return rc;
}

int
lia_config_export_schedule_parse(const char *spec, struct lia_export_sched_entry *out, size_t *n,
				 char *err, size_t errsize)
{
	*n = 0;
	const char *p = spec ? spec : "";
	while (isspace((unsigned char)*p))
		p++; /* a blank value: nothing scheduled */
	while (*p) {
		size_t len = strcspn(p, ",");
		char item[300];
		if (len >= sizeof item) {
			snprintf(err, errsize, "export-schedule: entry too long");
			return -1;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		p += len + (p[len] == ',');
		char *s = trim(item);
		if (!*s) {
			snprintf(err, errsize, "export-schedule: empty entry");
			return -1;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errsize, "export-schedule: \"%s\" is not ORG=MINUTES[/PROFILE]",
				 s);
			return -1;
		}
		*eq = '\0';
		char *org = trim(s), *val = trim(eq + 1);
		if (!*org || strlen(org) >= sizeof out->org) {
			snprintf(err, errsize, "export-schedule: missing or too long organisation");
			return -1;
		}
		char *slash = strchr(val, '/');
		const char *profile = "";
		if (slash) {
			*slash = '\0';
			profile = trim(slash + 1);
			val = trim(val);
			if (strcmp(profile, "care") != 0 && strcmp(profile, "health") != 0) {
				snprintf(err, errsize,
					 "export-schedule: %s: profile must be care or health, got \"%s\"",
					 org, profile);
				return -1;
			}
		}
		char *end;
		errno = 0;
		long minutes = strtol(val, &end, 10);
		if (errno || end == val || *end || minutes < 1 || minutes > LIA_EXPORT_MAX_MINUTES) {
			snprintf(err, errsize,
				 "export-schedule: %s: minutes must be a whole number from 1 to %d, "
				 "got \"%s\"",
				 org, LIA_EXPORT_MAX_MINUTES, val);
			return -1;
		}
		for (size_t i = 0; i < *n; i++)
			if (!strcmp(out[i].org, org)) {
				snprintf(err, errsize, "export-schedule: %s is listed twice", org);
				return -1;
			}
		if (*n == LIA_EXPORT_MAX_ORGS) {
			snprintf(err, errsize, "export-schedule: more than %d organisations",
				 LIA_EXPORT_MAX_ORGS);
			return -1;
		}
		struct lia_export_sched_entry *e = &out[(*n)++];
		snprintf(e->org, sizeof e->org, "%s", org);
		e->minutes = minutes;
		snprintf(e->profile, sizeof e->profile, "%s", profile);
	}
	return 0;
}

/* The export keys are checked once every source is applied, so that a later source
 * may correct an earlier one; a bad value stops the command before it starts work. */
static int
check_export(const struct lia_config *cfg)
{
	int rc = 0;
	if (cfg->export_keep < 1) {
		fprintf(stderr, "liaison: export-keep must be at least 1, got %ld\n",
			cfg->export_keep);
		rc = -1;
	}
	if (cfg->export_threads < 1 || cfg->export_threads > 16) {
		fprintf(stderr, "liaison: export-threads must be from 1 to 16, got %ld\n",
			cfg->export_threads);
		rc = -1;
	}
	if (strcmp(cfg->export_profile, "care") != 0 && strcmp(cfg->export_profile, "health") != 0) {
		fprintf(stderr, "liaison: export-profile must be care or health, got \"%s\"\n",
			cfg->export_profile);
		rc = -1;
	}
	struct lia_export_sched_entry *e = lia_xcalloc(LIA_EXPORT_MAX_ORGS, sizeof *e);
	size_t n;
	char err[512];
	if (lia_config_export_schedule_parse(cfg->export_schedule, e, &n, err, sizeof err) != 0) {
		fprintf(stderr, "liaison: %s\n", err);
		rc = -1;
	}
	free(e);
	return rc;
}

int
lia_config_load(struct lia_config *cfg, int argc, char **argv)
{
	/* The file is named by a flag or lives in the data dir, which flags and the
	 * environment may move: find both before reading the file. */
	const char *config_path = NULL;
	const char *data_dir = getenv("LIAISON_DATA_DIR");
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			config_path = argv[i + 1];
		else if (!strncmp(argv[i], "--config=", 9))
			config_path = argv[i] + 9;
		else if (!strcmp(argv[i], "--data-dir") && i + 1 < argc)
			data_dir = argv[i + 1];
		else if (!strncmp(argv[i], "--data-dir=", 11))
			data_dir = argv[i] + 11;
	}
	int rc = 0;
	if (config_path) {
		rc |= load_file(cfg, config_path, true);
	} else {
		char path[4096];
		snprintf(path, sizeof path, "%s/liaison.conf", data_dir ? data_dir : cfg->data_dir);
		rc |= load_file(cfg, path, false);
	}
	rc |= load_env(cfg);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strncmp(arg, "--", 2) != 0) {
			fprintf(stderr, "liaison %s: unexpected argument \"%s\" (see --help)\n",
				argv[0], arg);
			return -1;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		if (len == 6 && !strncmp(name, "config", 6)) {
			if (!eq)
				i++;
			continue;
		}
		const struct key *k = find_key(name, len);
		if (!k) {
			fprintf(stderr, "liaison %s: unknown option --%.*s (see --help)\n", argv[0],
				(int)len, name);
			return -1;
		}
		const char *value;
		if (eq) {
			value = eq + 1;
		} else if (k->type == T_BOOL && (i + 1 >= argc || !strncmp(argv[i + 1], "--", 2))) {
			value = "true";
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			fprintf(stderr, "liaison %s: --%s needs a value\n", argv[0], k->name);
			return -1;
		}
		if (set_value(cfg, k, value, arg) != 0)
			return -1;
	}
	if (check_export(cfg) != 0)
		return -1;
	return rc ? -1 : 0;
}

const char *
lia_config_database(struct lia_config *cfg)
{
	if (cfg->database && *cfg->database)
		return cfg->database;
	size_t n = strlen(cfg->data_dir) + sizeof "/liaison.db";
	char *p = lia_xmalloc(n);
	snprintf(p, n, "%s/liaison.db", cfg->data_dir);
	free(cfg->database);
	cfg->database = p;
	return p;
}

void
lia_config_clear(struct lia_config *cfg)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].type == T_STR) {
			char **slot = (char **)(void *)((char *)cfg + keys[i].offset);
			free(*slot);
			*slot = NULL;
		}
}

void
lia_config_print_help(FILE *out)
{
	fprintf(out, "Configuration (flag / environment variable, default):\n");
	fprintf(out, "  --config PATH                  config file (default DATA_DIR/liaison.conf)\n");
	for (size_t i = 0; i < NKEYS; i++) {
		char var[64];
		env_name(&keys[i], var, sizeof var);
		fprintf(out, "  --%-20s %-28s %s (default \"%s\")\n", keys[i].name, var,
			keys[i].help, keys[i].def);
	}
}
