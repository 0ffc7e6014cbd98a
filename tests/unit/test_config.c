/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/core/config.c: defaults, then file, environment and flags in
 * that order of precedence; both flag forms; errors on unknown names and bad values.
 * Every test works in its own temporary directory and clears LIAISON_* first.
 */
#include "lia_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"

extern char **environ;

struct fx {
	char dir[256];
	char conf[300];
	char conf2[300]; /* DATA_DIR/liaison.conf */
	struct lia_config cfg;
};

static void
clear_liaison_env(void)
{
	/* unsetenv changes environ: restart the scan after each removal. */
	for (;;) {
		char name[128] = "";
		for (char **e = environ; *e; e++)
			if (strncmp(*e, "LIAISON_", 8) == 0) {
				size_t n = strcspn(*e, "=");
				if (n < sizeof name) {
					memcpy(name, *e, n);
					name[n] = '\0';
				}
				break;
			}
		if (!name[0])
			return;
		unsetenv(name);
	}
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/lia-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->conf, sizeof f->conf, "%s/test.conf", f->dir);
	snprintf(f->conf2, sizeof f->conf2, "%s/liaison.conf", f->dir);
	clear_liaison_env();
	lia_config_defaults(&f->cfg);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	lia_config_clear(&f->cfg);
	clear_liaison_env();
	unlink(f->conf);
	unlink(f->conf2);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
load(struct fx *f, int argc, const char **argv)
{
	return lia_config_load(&f->cfg, argc, (char **)(void *)argv);
}

static void
test_lia_config_defaults_values(void **state)
{
	struct fx *f = *state;
	assert_string_equal(f->cfg.listen, "127.0.0.1:8080");
	assert_string_equal(f->cfg.data_dir, "./data");
	assert_string_equal(f->cfg.database, "");
	assert_string_equal(f->cfg.log_level, "info");
	assert_string_equal(f->cfg.pwhash, "interactive");
	assert_int_equal(f->cfg.session_ttl, 43200);
	assert_int_equal(f->cfg.threads, 0);
	assert_int_equal(f->cfg.login_max_failures, 5);
	assert_int_equal(f->cfg.login_lock_seconds, 900);
	assert_int_equal(f->cfg.ip_max_failures, 30);
	assert_int_equal(f->cfg.max_connections, 1024);
	assert_false(f->cfg.cookie_secure);
	assert_false(f->cfg.accept_test_ins);
	assert_false(f->cfg.demo);
	assert_int_equal(f->cfg.demo_clients, 200);
	assert_string_equal(f->cfg.demo_password, "demo-liaison");
}

static void
test_lia_config_load_no_sources_keeps_defaults(void **state)
{
	struct fx *f = *state;
	/* The data dir holds no liaison.conf: nothing changes. */
	const char *argv[] = {"serve", "--data-dir", f->dir};
	assert_int_equal(load(f, 3, argv), 0);
	assert_string_equal(f->cfg.listen, "127.0.0.1:8080");
	assert_string_equal(f->cfg.data_dir, f->dir);
	assert_int_equal(f->cfg.session_ttl, 43200);
}

static void
test_lia_config_load_file_overrides_defaults(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "# Liaison test configuration\n"
			    "\n"
			    "listen = 0.0.0.0:9000\n"
			    "  session-ttl=60  \n"
			    "cookie-secure = true\n"
			    "log-level = debug\n");
	const char *argv[] = {"serve", "--config", f->conf};
	assert_int_equal(load(f, 3, argv), 0);
	assert_string_equal(f->cfg.listen, "0.0.0.0:9000");
	assert_int_equal(f->cfg.session_ttl, 60);
	assert_true(f->cfg.cookie_secure);
	assert_string_equal(f->cfg.log_level, "debug");
	/* Keys the file does not name keep their defaults. */
	assert_int_equal(f->cfg.threads, 0);
	assert_string_equal(f->cfg.pwhash, "interactive");
}

static void
test_lia_config_load_file_in_data_dir(void **state)
{
	struct fx *f = *state;
	write_file(f->conf2, "listen = 10.0.0.1:7000\n");
	const char *argv[] = {"serve", "--data-dir", f->dir};
	assert_int_equal(load(f, 3, argv), 0);
	assert_string_equal(f->cfg.listen, "10.0.0.1:7000");
}

static void
test_lia_config_load_file_in_env_data_dir(void **state)
{
	struct fx *f = *state;
	write_file(f->conf2, "threads = 3\n");
	setenv("LIAISON_DATA_DIR", f->dir, 1);
	const char *argv[] = {"serve"};
	assert_int_equal(load(f, 1, argv), 0);
	assert_int_equal(f->cfg.threads, 3);
	assert_string_equal(f->cfg.data_dir, f->dir);
}

static void
test_lia_config_load_env_overrides_file(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "listen = 0.0.0.0:9000\nthreads = 2\n");
	setenv("LIAISON_LISTEN", "127.0.0.1:9100", 1);
	setenv("LIAISON_LOGIN_MAX_FAILURES", "7", 1); /* '-' becomes '_' */
	const char *argv[] = {"serve", "--config", f->conf};
	assert_int_equal(load(f, 3, argv), 0);
	assert_string_equal(f->cfg.listen, "127.0.0.1:9100");
	assert_int_equal(f->cfg.login_max_failures, 7);
	assert_int_equal(f->cfg.threads, 2); /* from the file, not in the environment */
}

static void
test_lia_config_load_flag_overrides_env(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "listen = 0.0.0.0:9000\n");
	setenv("LIAISON_LISTEN", "127.0.0.1:9100", 1);
	const char *argv[] = {"serve", "--config", f->conf, "--listen", "127.0.0.1:9200"};
	assert_int_equal(load(f, 5, argv), 0);
	assert_string_equal(f->cfg.listen, "127.0.0.1:9200");
}

static void
test_lia_config_load_equals_form(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "threads = 2\n");
	char config_arg[400];
	snprintf(config_arg, sizeof config_arg, "--config=%s", f->conf);
	const char *argv[] = {"serve",
			      config_arg,
			      "--listen=[::1]:8443",
			      "--session-ttl=120",
			      "--database=postgresql://h/db?a=b",
			      "--cookie-secure=yes"};
	assert_int_equal(load(f, 6, argv), 0);
	assert_int_equal(f->cfg.threads, 2);
	assert_string_equal(f->cfg.listen, "[::1]:8443");
	assert_int_equal(f->cfg.session_ttl, 120);
	/* Only the first '=' separates: the value keeps its own. */
	assert_string_equal(f->cfg.database, "postgresql://h/db?a=b");
	assert_true(f->cfg.cookie_secure);
}

static void
test_lia_config_load_bool_flag_without_value(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve",     "--data-dir", f->dir,           "--demo",
			      "--threads", "4",          "--cookie-secure"};
	assert_int_equal(load(f, 7, argv), 0);
	assert_true(f->cfg.demo);
	assert_int_equal(f->cfg.threads, 4);
	assert_true(f->cfg.cookie_secure);
}

static void
test_lia_config_load_bool_flag_false(void **state)
{
	struct fx *f = *state;
	setenv("LIAISON_DEMO", "true", 1);
	const char *argv[] = {"serve", "--data-dir", f->dir, "--demo=false"};
	assert_int_equal(load(f, 4, argv), 0);
	assert_false(f->cfg.demo);
}

static void
test_lia_config_load_unknown_flag(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "--no-such-option", "1"};
	assert_int_equal(load(f, 5, argv), -1);
	const char *argv2[] = {"serve", "--data-dir", f->dir, "--listenx=1"};
	assert_int_equal(load(f, 4, argv2), -1);
}

static void
test_lia_config_load_positional_argument(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "extra"};
	assert_int_equal(load(f, 4, argv), -1);
}

static void
test_lia_config_load_flag_missing_value(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "--listen"};
	assert_int_equal(load(f, 4, argv), -1);
}

static void
test_lia_config_load_unknown_file_key(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "listen = 0.0.0.0:9000\nlisten_port = 9000\n");
	const char *argv[] = {"serve", "--config", f->conf};
	assert_int_equal(load(f, 3, argv), -1);
}

static void
test_lia_config_load_file_line_without_equals(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "listen 0.0.0.0:9000\n");
	const char *argv[] = {"serve", "--config", f->conf};
	assert_int_equal(load(f, 3, argv), -1);
}

static void
test_lia_config_load_missing_config_file(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--config", f->conf}; /* never written */
	assert_int_equal(load(f, 3, argv), -1);
}

static void
test_lia_config_load_non_numeric_number(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "--threads", "four"};
	assert_int_equal(load(f, 5, argv), -1);
	const char *argv2[] = {"serve", "--data-dir", f->dir, "--session-ttl=12s"};
	assert_int_equal(load(f, 4, argv2), -1);
	const char *argv3[] = {"serve", "--data-dir", f->dir, "--threads", "-1"};
	assert_int_equal(load(f, 5, argv3), -1);
	const char *argv4[] = {"serve", "--data-dir", f->dir, "--threads="};
	assert_int_equal(load(f, 4, argv4), -1);
	const char *argv5[] = {"serve", "--data-dir", f->dir, "--threads",
			       "99999999999999999999999"};
	assert_int_equal(load(f, 5, argv5), -1);
}

static void
test_lia_config_load_non_numeric_in_file(void **state)
{
	struct fx *f = *state;
	write_file(f->conf, "threads = 12x\n");
	const char *argv[] = {"serve", "--config", f->conf};
	assert_int_equal(load(f, 3, argv), -1);
}

static void
test_lia_config_load_non_numeric_in_env(void **state)
{
	struct fx *f = *state;
	setenv("LIAISON_MAX_CONNECTIONS", "many", 1);
	const char *argv[] = {"serve", "--data-dir", f->dir};
	assert_int_equal(load(f, 3, argv), -1);
}

static void
test_lia_config_load_bad_bool(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "--demo=maybe"};
	assert_int_equal(load(f, 4, argv), -1);
}

static void
test_lia_config_database_default_in_data_dir(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir};
	assert_int_equal(load(f, 3, argv), 0);
	char want[400];
	snprintf(want, sizeof want, "%s/liaison.db", f->dir);
	assert_string_equal(lia_config_database(&f->cfg), want);
	/* Asking twice gives the same answer. */
	assert_string_equal(lia_config_database(&f->cfg), want);
}

static void
test_lia_config_database_explicit(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "--database",
			      "postgresql://liaison@localhost/liaison"};
	assert_int_equal(load(f, 5, argv), 0);
	assert_string_equal(lia_config_database(&f->cfg), "postgresql://liaison@localhost/liaison");
}

static void
test_lia_config_export_defaults(void **state)
{
	struct fx *f = *state;
	assert_string_equal(f->cfg.export_dir, "");
	assert_string_equal(f->cfg.export_schedule, "");
	assert_int_equal(f->cfg.export_keep, 5);
	assert_int_equal(f->cfg.export_threads, 2);
	assert_string_equal(f->cfg.export_profile, "care");
	assert_string_equal(f->cfg.export_signing_key, "");
}

static void
test_lia_config_load_export_keys(void **state)
{
	struct fx *f = *state;
	const char *argv[] = {"serve", "--data-dir", f->dir, "--export-keep", "2",
			      "--export-threads=16", "--export-profile", "health",
			      "--export-schedule", "Antenne Belleville=15, antenne-sud = 30/care"};
	assert_int_equal(load(f, 10, argv), 0);
	assert_int_equal(f->cfg.export_keep, 2);
	assert_int_equal(f->cfg.export_threads, 16);
	assert_string_equal(f->cfg.export_profile, "health");
}

/* Each bad value stops the load, whichever source it comes from. */
static void
test_lia_config_load_export_bad_values(void **state)
{
	struct fx *f = *state;
	static const char *const bad[][2] = {
		{"--export-keep", "0"},
		{"--export-threads", "0"},
		{"--export-threads", "17"},
		{"--export-profile", "medical"},
		{"--export-schedule", "antenne-nord"},
		{"--export-schedule", "antenne-nord=0"},
		{"--export-schedule", "antenne-nord=10081"},
		{"--export-schedule", "antenne-nord=15min"},
		{"--export-schedule", "antenne-nord=15/nurse"},
		{"--export-schedule", "=15"},
		{"--export-schedule", "a=15,,b=30"},
		{"--export-schedule", "a=15,a=30"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *argv[] = {"serve", "--data-dir", f->dir, bad[i][0], bad[i][1]};
		struct lia_config cfg;
		lia_config_defaults(&cfg);
		if (lia_config_load(&cfg, 5, (char **)(void *)argv) != -1)
			fail_msg("%s %s was accepted", bad[i][0], bad[i][1]);
		lia_config_clear(&cfg);
	}
	setenv("LIAISON_EXPORT_KEEP", "0", 1);
	const char *argv[] = {"serve", "--data-dir", f->dir};
	assert_int_equal(load(f, 3, argv), -1);
	/* A later source may correct an earlier one: the check comes after all. */
	const char *argv2[] = {"serve", "--data-dir", f->dir, "--export-keep", "3"};
	assert_int_equal(load(f, 5, argv2), 0);
	assert_int_equal(f->cfg.export_keep, 3);
}

static void
test_lia_config_export_schedule_parse_entries(void **state)
{
	(void)state;
	struct lia_export_sched_entry e[LIA_EXPORT_MAX_ORGS];
	size_t n = 99;
	char err[256];
	assert_int_equal(lia_config_export_schedule_parse("  ", e, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(lia_config_export_schedule_parse(NULL, e, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(lia_config_export_schedule_parse(
				 "antenne-nord=15,Antenne Sud (Créteil) = 30 / health ,"
				 "0190f0a2-7c1e-7d6a-8a3b-2f1e5c9d4b11=10080",
				 e, &n, err, sizeof err),
			 0);
	assert_int_equal(n, 3);
	assert_string_equal(e[0].org, "antenne-nord");
	assert_int_equal(e[0].minutes, 15);
	assert_string_equal(e[0].profile, "");
	assert_string_equal(e[1].org, "Antenne Sud (Créteil)");
	assert_int_equal(e[1].minutes, 30);
	assert_string_equal(e[1].profile, "health");
	assert_int_equal(e[2].minutes, 10080);
	/* The message names the entry and what is expected. */
	assert_int_equal(lia_config_export_schedule_parse("antenne-nord=quinze", e, &n, err,
							  sizeof err),
			 -1);
	assert_non_null(strstr(err, "antenne-nord"));
	assert_non_null(strstr(err, "1 to 10080"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_lia_config_defaults_values),
		T(test_lia_config_load_no_sources_keeps_defaults),
		T(test_lia_config_load_file_overrides_defaults),
		T(test_lia_config_load_file_in_data_dir),
		T(test_lia_config_load_file_in_env_data_dir),
		T(test_lia_config_load_env_overrides_file),
		T(test_lia_config_load_flag_overrides_env),
		T(test_lia_config_load_equals_form),
		T(test_lia_config_load_bool_flag_without_value),
		T(test_lia_config_load_bool_flag_false),
		T(test_lia_config_load_unknown_flag),
		T(test_lia_config_load_positional_argument),
		T(test_lia_config_load_flag_missing_value),
		T(test_lia_config_load_unknown_file_key),
		T(test_lia_config_load_file_line_without_equals),
		T(test_lia_config_load_missing_config_file),
		T(test_lia_config_load_non_numeric_number),
		T(test_lia_config_load_non_numeric_in_file),
		T(test_lia_config_load_non_numeric_in_env),
		T(test_lia_config_load_bad_bool),
		T(test_lia_config_database_default_in_data_dir),
		T(test_lia_config_database_explicit),
		T(test_lia_config_export_defaults),
		T(test_lia_config_load_export_keys),
		T(test_lia_config_load_export_bad_values),
		T(test_lia_config_export_schedule_parse_entries),
#undef T
	};
	LIA_RUN_GROUP("config", tests, NULL, NULL);
}
