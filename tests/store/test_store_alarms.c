/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The storage contract of the tele-alarm operations (store.h, the alert log and
 * escalation columns of the "planning" alerts, and the "alarms" section), run
 * unchanged on every backend like test_store_medication.c: on the database named by
 * LIAISON_TEST_DATABASE_URL, else on a fresh SQLite file in a temporary directory.
 * It assumes an empty database at start; the first test migrates it (which seeds the
 * alarm types and the models "generic" and "lampe-chute-102") and makes the
 * organisations, the accounts and the clients through the store operations. Later
 * tests build on earlier tests' rows (a device carries the events, an alert is
 * pointed at by an event). The reads across all organisations (device_list_silent,
 * alert_list_escalation_due) see only their own rows because each family lives in its
 * own period of time: the silence test's devices are created a month before any
 * other device, and only the escalation test's alerts have a due time before T_DUE_END.
 */
#include "lia_test.h"

#include "store_fixture.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "store/store.h"

#define ID_LEN (LIA_UUID_STRLEN + 1)
#define SECOND_US 1000000LL
#define MINUTE_US (60LL * SECOND_US)
#define HOUR_US (3600LL * SECOND_US)
#define DAY_US (24 * HOUR_US)
/* 2025-06-15T00:00:00Z; the periods of the test families start from it. */
#define T0 1749945600000000LL
#define T_DEV (T0)                   /* devices: created_at, last_seen_at */
#define T_SIL (T0 - 30 * DAY_US)     /* device_list_silent: the earliest devices */
#define T_EVT (T0 + 10 * DAY_US)     /* alarm events: received_at */
#define T_ALERT (T0 + 20 * DAY_US)   /* alerts: raised_at */
#define T_DUE (T0 + 40 * DAY_US)     /* alert_list_escalation_due */
#define T_DUE_END (T0 + 50 * DAY_US) /* no other alert is due before this */

struct org_fx {
	char id[ID_LEN];
	const char *path; /* from g.keep */
};

static struct {
	struct lia_conn *c;
	/* root -> assoc_a -> team_a, root -> assoc_b; root -> list_a -> list_team,
	 * root -> list_b (the devices of the device_list test only). */
	struct org_fx root, assoc_a, team_a, assoc_b, list_a, list_team, list_b;
	char admin[ID_LEN], op[ID_LEN]; /* admin on root, alarm operator on assoc_a */
	char *c1, *c2, *c3, *c4; /* clients: c1, c2 in team_a, c3 in assoc_b, c4 in list_team */
	char dev[ID_LEN];        /* a device of c1 in team_a: carries the events */
	char alert[ID_LEN];      /* an alert of c1: pointed at by an event */
	struct lia_arena *keep;  /* fixtures shared between tests */
} g;

/* ---- helpers ---- */

static void
new_id(char out[ID_LEN])
{
	lia_uuid7(out);
}

/* One write operation, run through lia_store_write like a handler would. */
enum aop {
	A_ORG,
	A_ACCOUNT,
	A_CLIENT,
	A_MODEL_PUT,
	A_DEVICE,
	A_DEVICE_UPDATE,
	A_TOUCH,
	A_SILENT,
	A_EVENT,
	A_PLAN_PUT,
	A_ALERT,
	A_ALERT_UPDATE,
	A_RECORD,
};

struct acall {
	enum aop op;
	const void *rec;
	const char *s;  /* device id (touch, mark silent) */
	const char *s2; /* path (touch) */
	int64_t v;      /* expected_version, at */
	const struct lia_alert *al;   /* record: the alert, or NULL */
	struct lia_alarm_event *e;    /* record: the event (alert_id set by the op) */
	bool *raised, *dup;           /* record */
	struct lia_arena *a;          /* record: for the repeated event's alert id */
};

static int
run_acall(struct lia_conn *c, void *cls)
{
	const struct acall *w = cls;
	const struct lia_store_ops *ops = c->ops;
	switch (w->op) {
	case A_ORG:
		return ops->org_insert(c, w->rec);
	case A_ACCOUNT:
		return ops->account_insert(c, w->rec);
	case A_CLIENT:
		return ops->client_insert(c, w->rec);
	case A_MODEL_PUT:
		return ops->device_model_put(c, w->rec, w->v);
	case A_DEVICE:
		return ops->device_insert(c, w->rec);
	case A_DEVICE_UPDATE:
		return ops->device_update(c, w->rec, w->v);
	case A_TOUCH:
		return ops->device_touch(c, w->s, w->v, w->s2);
	case A_SILENT:
		return ops->device_mark_silent(c, w->s, w->v);
	case A_EVENT:
		return ops->alarm_event_insert(c, w->rec);
	case A_PLAN_PUT:
		return ops->escalation_plan_put(c, w->rec, w->v);
	case A_ALERT:
		return ops->alert_insert(c, w->rec);
	case A_ALERT_UPDATE:
		return ops->alert_update(c, w->rec, w->v);
	case A_RECORD:
		return ops->alarm_record(c, w->a, w->al, w->e, w->v, w->dup, w->raised);
	}
	return LIA_STORE_ERROR;
}

static int
atx(struct acall w)
{
	return lia_store_write(g.c, run_acall, &w);
}

static int
touch(const char *id, int64_t at, const char *path)
{
	return atx((struct acall){.op = A_TOUCH, .s = id, .v = at, .s2 = path});
}

static int
mark_silent(const char *id, int64_t at)
{
	return atx((struct acall){.op = A_SILENT, .s = id, .v = at});
}

/* ---- fixtures ---- */

static void
make_org(struct org_fx *fx, const struct org_fx *parent, const char *kind, const char *name)
{
	new_id(fx->id);
	fx->path = lia_arena_printf(g.keep, "%s%s/", parent ? parent->path : "/", fx->id);
	struct lia_org o = {
		.id = fx->id,
		.parent_id = parent ? parent->id : NULL,
		.kind = kind,
		.name = name,
		.tz = "Europe/Paris",
		.path = fx->path,
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
	assert_int_equal(atx((struct acall){.op = A_ORG, .rec = &o}), LIA_STORE_OK);
}

static void
make_account(char id[ID_LEN], const char *org_id, const char *login, const char *display_name)
{
	new_id(id);
	struct lia_account acc = {
		.id = id,
		.org_id = org_id,
		.login = login,
		.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
		.kind = "staff",
		.display_name = display_name,
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
	assert_int_equal(atx((struct acall){.op = A_ACCOUNT, .rec = &acc}), LIA_STORE_OK);
}

static char *
make_client(const char *org_id, const char *birth_name, const char *first)
{
	char *id = lia_arena_alloc(g.keep, ID_LEN);
	new_id(id);
	struct lia_client cl = {
		.id = id,
		.org_id = org_id,
		.version = 1,
		.identity_status = "PROV",
		.birth_name = birth_name,
		.birth_given_names = first,
		.first_given_name = first,
		.sex = "F",
		.birth_date = "1936-11-02",
		.name_key = lia_arena_printf(g.keep, "%s %s", birth_name, first),
		.identity_key = lia_arena_printf(g.keep, "%s|%s|1936-11-02|F", birth_name, first),
		.created_at = lia_clock_now_us(),
		.updated_at = lia_clock_now_us(),
	};
	assert_int_equal(atx((struct acall){.op = A_CLIENT, .rec = &cl}), LIA_STORE_OK);
	return id;
}

static void
test_alarms_fixtures(void **state)
{
	(void)state;
	int applied = -1;
	assert_int_equal(g.c->ops->migrate(g.c, &applied), LIA_STORE_OK);
	make_org(&g.root, NULL, "national", "Réseau");
	make_org(&g.assoc_a, &g.root, "association", "Association A");
	make_org(&g.team_a, &g.assoc_a, "team", "Équipe A");
	make_org(&g.assoc_b, &g.root, "association", "Association B");
	make_org(&g.list_a, &g.root, "association", "Association L");
	make_org(&g.list_team, &g.list_a, "team", "Équipe L");
	make_org(&g.list_b, &g.root, "association", "Association M");
	make_account(g.admin, g.root.id, "admin", "Administrateur");
	make_account(g.op, g.assoc_a.id, "operateur", "Opératrice");
	g.c1 = make_client(g.team_a.id, "ALARME", "ALICE");
	g.c2 = make_client(g.team_a.id, "ALARME", "BERTHE");
	g.c3 = make_client(g.assoc_b.id, "AUTRE", "CLARA");
	g.c4 = make_client(g.list_team.id, "LISTE", "DORA");
}

/* ---- records ---- */

/* A device with the columns that may not be NULL, the others NULL or 0. */
static struct lia_device
device_fx(const char *id, const char *org_id, const char *account, int64_t created_at)
{
	return (struct lia_device){
		.id = id,
		.org_id = org_id,
		.account = account,
		.protocol = "sia-dcs",
		.model_id = "generic",
		.version = 1,
		.created_at = created_at,
		.created_by = g.admin,
	};
}

static void
assert_device_equal(const struct lia_device *got, const struct lia_device *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	lia_assert_str_or_null(got->client_id, want->client_id);
	assert_string_equal(got->account, want->account);
	assert_string_equal(got->protocol, want->protocol);
	assert_string_equal(got->model_id, want->model_id);
	lia_assert_str_or_null(got->label, want->label);
	lia_assert_str_or_null(got->key_sealed, want->key_sealed);
	lia_assert_str_or_null(got->key_format, want->key_format);
	assert_int_equal(got->supervision_s, want->supervision_s);
	assert_int_equal(got->active, want->active);
	assert_int_equal(got->last_seen_at, want->last_seen_at);
	lia_assert_str_or_null(got->last_path, want->last_path);
	assert_int_equal(got->silent_alert_at, want->silent_alert_at);
	assert_int_equal(got->version, want->version);
	assert_int_equal(got->created_at, want->created_at);
	assert_string_equal(got->created_by, want->created_by);
}

static struct lia_alert
alert_fx(const char *id, const char *org_id, const char *client_id, int64_t raised_at)
{
	return (struct lia_alert){
		.id = id,
		.org_id = org_id,
		.client_id = client_id,
		.type = "fall",
		.severity = "critical",
		.state = "raised",
		.source = "device",
		.dedup_key = lia_arena_printf(g.keep, "alarm:%s", id),
		.details = "{}",
		.raised_at = raised_at,
		.version = 1,
	};
}

static void
assert_alert_equal(const struct lia_alert *got, const struct lia_alert *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	lia_assert_str_or_null(got->client_id, want->client_id);
	assert_string_equal(got->type, want->type);
	assert_string_equal(got->severity, want->severity);
	assert_string_equal(got->state, want->state);
	assert_string_equal(got->source, want->source);
	lia_assert_str_or_null(got->source_ref, want->source_ref);
	assert_string_equal(got->dedup_key, want->dedup_key);
	assert_string_equal(got->details, want->details);
	assert_int_equal(got->raised_at, want->raised_at);
	assert_int_equal(got->acknowledged_at, want->acknowledged_at);
	lia_assert_str_or_null(got->acknowledged_by, want->acknowledged_by);
	assert_int_equal(got->resolved_at, want->resolved_at);
	lia_assert_str_or_null(got->resolved_by, want->resolved_by);
	lia_assert_str_or_null(got->outcome, want->outcome);
	lia_assert_str_or_null(got->note, want->note);
	assert_int_equal(got->in_progress_at, want->in_progress_at);
	lia_assert_str_or_null(got->escalation, want->escalation);
	assert_int_equal(got->escalation_due_at, want->escalation_due_at);
	assert_int_equal(got->version, want->version);
}

static struct lia_alarm_event
event_fx(const char *id, int64_t seq, int64_t fingerprint, int64_t received_at)
{
	return (struct lia_alarm_event){
		.id = id,
		.org_id = g.team_a.id,
		.device_id = g.dev,
		.seq = seq,
		.fingerprint = fingerprint,
		.path = "tcp:0.0.0.0:9999",
		.message_id = "SIA-DCS",
		.received_at = received_at,
		.body = "#0001A|NRP000]",
	};
}

static void
assert_event_equal(const struct lia_alarm_event *got, const struct lia_alarm_event *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->device_id, want->device_id);
	lia_assert_str_or_null(got->client_id, want->client_id);
	assert_int_equal(got->seq, want->seq);
	assert_int_equal(got->fingerprint, want->fingerprint);
	assert_string_equal(got->path, want->path);
	assert_string_equal(got->message_id, want->message_id);
	lia_assert_str_or_null(got->qualifier, want->qualifier);
	lia_assert_str_or_null(got->code, want->code);
	lia_assert_str_or_null(got->zone, want->zone);
	lia_assert_str_or_null(got->alarm_type, want->alarm_type);
	assert_int_equal(got->event_time, want->event_time);
	assert_int_equal(got->received_at, want->received_at);
	assert_string_equal(got->body, want->body);
	lia_assert_str_or_null(got->alert_id, want->alert_id);
}

static void
assert_plan_equal(const struct lia_escalation_plan *got, const struct lia_escalation_plan *want)
{
	assert_string_equal(got->client_id, want->client_id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->steps, want->steps);
	assert_int_equal(got->version, want->version);
	assert_int_equal(got->updated_at, want->updated_at);
	assert_string_equal(got->updated_by, want->updated_by);
}

static void
assert_model_equal(const struct lia_device_model *got, const struct lia_device_model *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->label, want->label);
	assert_int_equal(got->version, want->version);
	assert_int_equal(got->updated_at, want->updated_at);
	assert_int_equal(got->ncodes, want->ncodes);
	for (size_t i = 0; i < want->ncodes; i++) {
		assert_string_equal(got->codes[i].protocol, want->codes[i].protocol);
		assert_string_equal(got->codes[i].code, want->codes[i].code);
		assert_string_equal(got->codes[i].alarm_type, want->codes[i].alarm_type);
	}
}

/* ---- writes outside a transaction ---- */

static void
test_alarms_write_requires_transaction(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char id[ID_LEN];
	new_id(id);
	struct lia_device d = device_fx(id, g.team_a.id, "0FFFF0", T_DEV);
	assert_int_equal(g.c->ops->device_insert(g.c, &d), LIA_STORE_ERROR);
	struct lia_device_model m = {.id = "hors-transaction", .label = "x", .updated_at = T_DEV};
	assert_int_equal(g.c->ops->device_model_put(g.c, &m, 0), LIA_STORE_ERROR);
	struct lia_escalation_plan p = {.client_id = g.c1,
					.org_id = g.team_a.id,
					.steps = "[]",
					.updated_at = T_DEV,
					.updated_by = g.admin};
	assert_int_equal(g.c->ops->escalation_plan_put(g.c, &p, 0), LIA_STORE_ERROR);
	struct lia_alert al = alert_fx(id, g.team_a.id, g.c1, T_ALERT);
	assert_int_equal(g.c->ops->alert_insert(g.c, &al), LIA_STORE_ERROR);
	struct lia_device got;
	assert_int_equal(g.c->ops->device_get(g.c, a, id, &got), LIA_STORE_NOT_FOUND);
	struct lia_escalation_plan gp;
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c1, &gp), LIA_STORE_NOT_FOUND);
	struct lia_device_model gm;
	assert_int_equal(g.c->ops->device_model_get(g.c, a, m.id, &gm), LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- alarm types, models, code look-up ---- */

static void
test_alarm_type_list_seeded(void **state)
{
	struct lia_arena *a = *state;
	struct lia_alarm_type *items;
	size_t n;
	assert_int_equal(g.c->ops->alarm_type_list(g.c, a, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 13);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(items[i - 1].type, items[i].type) < 0);
	assert_string_equal(items[0].type, "cancel");
	assert_string_equal(items[n - 1].type, "tamper");
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(items[i].type, "fall")) {
			assert_string_equal(items[i].kind, "alarm");
			assert_string_equal(items[i].severity, "critical");
			assert_true(items[i].escalate);
			assert_string_equal(items[i].label_fr, "Chute détectée");
			assert_string_equal(items[i].label_en, "Fall detected");
			seen++;
		} else if (!strcmp(items[i].type, "periodic_test")) {
			assert_string_equal(items[i].kind, "test");
			assert_string_equal(items[i].severity, "low");
			assert_false(items[i].escalate);
			seen++;
		}
	}
	assert_int_equal(seen, 2);
}

static void
test_device_model_put_get_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);

	/* The seeded models. */
	struct lia_device_model got;
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "lampe-chute-102", &got), LIA_STORE_OK);
	struct lia_device_code lampe_codes[] = {
		{"cid", "102", "fall"}, {"cid", "140", "inactivity"}, {"sia", "MF", "fall"}};
	struct lia_device_model lampe = {.id = "lampe-chute-102",
					 .label = "Lampe connectée, détection de chute (CID 102)",
					 .codes = lampe_codes,
					 .ncodes = 3,
					 .version = 1,
					 .updated_at = 0};
	assert_model_equal(&got, &lampe);
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "inconnu", &got), LIA_STORE_NOT_FOUND);

	/* A model of our own: given out of order, read in (protocol, code) order. The
	 * record's version is not what is stored: the put decides. */
	struct lia_device_code codes1[] = {
		{"sia", "ZZ", "tamper"}, {"cid", "777", "low_battery"}, {"cid", "100", "fall"}};
	struct lia_device_model m = {.id = "montre-test",
				     .label = "Montre de test",
				     .codes = codes1,
				     .ncodes = 3,
				     .version = 42,
				     .updated_at = T_DEV + 1};
	assert_int_equal(atx((struct acall){.op = A_MODEL_PUT, .rec = &m, .v = 0}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, "", "device_model", "montre-test", "insert", 1);
	struct lia_device_code sorted1[] = {
		{"cid", "100", "fall"}, {"cid", "777", "low_battery"}, {"sia", "ZZ", "tamper"}};
	struct lia_device_model want = m;
	want.codes = sorted1;
	want.version = 1;
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "montre-test", &got), LIA_STORE_OK);
	assert_model_equal(&got, &want);

	/* A model without codes (every code from "generic"). */
	struct lia_device_model bare = {
		.id = "nu", .label = "Sans codes", .version = 1, .updated_at = T_DEV + 2};
	assert_int_equal(atx((struct acall){.op = A_MODEL_PUT, .rec = &bare, .v = 0}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, "", "device_model", "nu", "insert", 1);
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "nu", &got), LIA_STORE_OK);
	assert_model_equal(&got, &bare);

	/* Insert of an existing id: CONFLICT, nothing changed. */
	struct lia_device_model again = m;
	again.label = "Autre";
	again.codes = NULL;
	again.ncodes = 0;
	assert_int_equal(atx((struct acall){.op = A_MODEL_PUT, .rec = &again, .v = 0}),
			 LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "montre-test", &got), LIA_STORE_OK);
	assert_model_equal(&got, &want);

	/* Update at version 1: the label and the codes are replaced (777 and ZZ gone). */
	struct lia_device_code codes2[] = {{"sia", "MA", "panic"}, {"cid", "100", "fall"}};
	struct lia_device_model m2 = {.id = "montre-test",
				      .label = "Montre de test v2",
				      .codes = codes2,
				      .ncodes = 2,
				      .version = 1,
				      .updated_at = T_DEV + 3};
	assert_int_equal(atx((struct acall){.op = A_MODEL_PUT, .rec = &m2, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, "", "device_model", "montre-test", "update", 2);
	struct lia_device_code sorted2[] = {{"cid", "100", "fall"}, {"sia", "MA", "panic"}};
	struct lia_device_model want2 = m2;
	want2.codes = sorted2;
	want2.version = 2;
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "montre-test", &got), LIA_STORE_OK);
	assert_model_equal(&got, &want2);

	/* Stale version, unknown model: nothing changed. */
	assert_int_equal(atx((struct acall){.op = A_MODEL_PUT, .rec = &m, .v = 1}),
			 LIA_STORE_STALE);
	struct lia_device_model ghost = m;
	ghost.id = "fantome";
	assert_int_equal(atx((struct acall){.op = A_MODEL_PUT, .rec = &ghost, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "montre-test", &got), LIA_STORE_OK);
	assert_model_equal(&got, &want2);
	assert_int_equal(g.c->ops->device_model_get(g.c, a, "fantome", &got), LIA_STORE_NOT_FOUND);

	/* Every model with its codes, by id. */
	struct lia_device_model *items;
	size_t n;
	assert_int_equal(g.c->ops->device_model_list(g.c, a, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].id, "generic");
	assert_int_equal(items[0].ncodes, 32);
	for (size_t i = 1; i < items[0].ncodes; i++) {
		const struct lia_device_code *p = &items[0].codes[i - 1], *q = &items[0].codes[i];
		int by_protocol = strcmp(p->protocol, q->protocol);
		assert_true(by_protocol < 0 || (by_protocol == 0 && strcmp(p->code, q->code) < 0));
	}
	assert_string_equal(items[0].codes[0].code, "100");
	assert_string_equal(items[0].codes[0].alarm_type, "medical");
	assert_model_equal(&items[1], &lampe);
	assert_model_equal(&items[2], &want2);
	assert_model_equal(&items[3], &bare);
}

static void
expect_lookup(struct lia_arena *a, const char *model, const char *protocol, const char *code,
	      const char *type)
{
	struct lia_alarm_type t;
	int status = g.c->ops->device_code_lookup(g.c, a, model, protocol, code, &t);
	if (!type) {
		assert_int_equal(status, LIA_STORE_NOT_FOUND);
		return;
	}
	assert_int_equal(status, LIA_STORE_OK);
	assert_string_equal(t.type, type);
}

static void
test_device_code_lookup_model_then_generic(void **state)
{
	struct lia_arena *a = *state;
	/* The seeded model's own code; its protocol matters. */
	struct lia_alarm_type t;
	assert_int_equal(g.c->ops->device_code_lookup(g.c, a, "lampe-chute-102", "cid", "102", &t),
			 LIA_STORE_OK);
	assert_string_equal(t.type, "fall");
	assert_string_equal(t.kind, "alarm");
	assert_string_equal(t.severity, "critical");
	assert_true(t.escalate);
	assert_string_equal(t.label_fr, "Chute détectée");
	assert_string_equal(t.label_en, "Fall detected");
	expect_lookup(a, "lampe-chute-102", "sia", "102", NULL);
	expect_lookup(a, "lampe-chute-102", "sia", "MF", "fall");
	/* Not the model's: the generic one's. */
	assert_int_equal(g.c->ops->device_code_lookup(g.c, a, "lampe-chute-102", "cid", "602", &t),
			 LIA_STORE_OK);
	assert_string_equal(t.type, "periodic_test");
	assert_string_equal(t.kind, "test");
	assert_string_equal(t.severity, "low");
	assert_false(t.escalate);
	expect_lookup(a, "generic", "cid", "602", "periodic_test");
	expect_lookup(a, "generic", "cid", "102", NULL);
	expect_lookup(a, "lampe-chute-102", "cid", "999", NULL);
	expect_lookup(a, "generic", "cid", "999", NULL);
	/* The model's own mapping wins over the generic one (generic: 100 medical, MA
	 * medical); codes the update removed are gone. */
	expect_lookup(a, "montre-test", "cid", "100", "fall");
	expect_lookup(a, "montre-test", "sia", "MA", "panic");
	expect_lookup(a, "montre-test", "cid", "101", "personal_emergency");
	expect_lookup(a, "montre-test", "cid", "777", NULL);
	expect_lookup(a, "montre-test", "sia", "ZZ", NULL);
	expect_lookup(a, "nu", "sia", "RP", "periodic_test");
}

/* ---- devices ---- */

static void
test_device_insert_get_update(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char id2[ID_LEN], other[ID_LEN], unknown[ID_LEN];
	new_id(g.dev);
	new_id(id2);
	new_id(other);
	new_id(unknown);

	/* Every column that may be NULL is set. */
	struct lia_device d1 = device_fx(g.dev, g.team_a.id, "00A1B2", T_DEV + 1);
	d1.client_id = g.c1;
	d1.protocol = "adm-cid";
	d1.model_id = "lampe-chute-102";
	d1.label = "Lampe du salon";
	d1.key_sealed = "c2VhbGVkIGtleSBieXRlcw==";
	d1.key_format = "hex";
	d1.supervision_s = 90000;
	d1.active = true;
	d1.created_by = g.op;
	/* In stock: no client, no label, no key, not supervised, not active. */
	struct lia_device d2 = device_fx(id2, g.assoc_b.id, "FFFE01", T_DEV + 2);
	assert_int_equal(atx((struct acall){.op = A_DEVICE, .rec = &d1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "device", g.dev, "insert", 1);
	assert_int_equal(atx((struct acall){.op = A_DEVICE, .rec = &d2}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "device", id2, "insert", 1);

	struct lia_device got;
	assert_int_equal(g.c->ops->device_get(g.c, a, g.dev, &got), LIA_STORE_OK);
	assert_device_equal(&got, &d1);
	assert_int_equal(g.c->ops->device_get(g.c, a, id2, &got), LIA_STORE_OK);
	assert_device_equal(&got, &d2);
	assert_null(got.client_id);
	assert_null(got.key_sealed);
	assert_false(got.active);
	assert_int_equal(g.c->ops->device_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->device_by_account(g.c, a, "00A1B2", &got), LIA_STORE_OK);
	assert_device_equal(&got, &d1);
	assert_int_equal(g.c->ops->device_by_account(g.c, a, "FFFE01", &got), LIA_STORE_OK);
	assert_device_equal(&got, &d2);
	assert_int_equal(g.c->ops->device_by_account(g.c, a, "00A1B3", &got), LIA_STORE_NOT_FOUND);

	/* The same id, or the same account under another id: CONFLICT. */
	assert_int_equal(atx((struct acall){.op = A_DEVICE, .rec = &d1}), LIA_STORE_CONFLICT);
	struct lia_device twin = d2;
	twin.id = other;
	twin.org_id = g.team_a.id;
	assert_int_equal(atx((struct acall){.op = A_DEVICE, .rec = &twin}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->device_get(g.c, a, other, &got), LIA_STORE_NOT_FOUND);

	/* Installed at c3's: only the updatable columns are written. */
	struct lia_device up = d2;
	up.client_id = g.c3;
	up.protocol = "adm-cid";
	up.model_id = "lampe-chute-102";
	up.label = "Chambre";
	up.key_sealed = "a2V5";
	up.key_format = "ascii";
	up.supervision_s = 3600;
	up.active = true;
	up.account = "ABCDEF";
	up.org_id = g.team_a.id;
	up.last_seen_at = T_DEV + 99;
	up.last_path = "udp:nowhere";
	up.silent_alert_at = T_DEV + 98;
	up.created_at = 7;
	up.created_by = g.op;
	up.version = 9;
	assert_int_equal(atx((struct acall){.op = A_DEVICE_UPDATE, .rec = &up, .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "device", id2, "update", 2);
	struct lia_device want = d2;
	want.client_id = g.c3;
	want.protocol = "adm-cid";
	want.model_id = "lampe-chute-102";
	want.label = "Chambre";
	want.key_sealed = "a2V5";
	want.key_format = "ascii";
	want.supervision_s = 3600;
	want.active = true;
	want.version = 2;
	assert_int_equal(g.c->ops->device_get(g.c, a, id2, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);
	assert_int_equal(g.c->ops->device_by_account(g.c, a, "ABCDEF", &got), LIA_STORE_NOT_FOUND);

	/* Back in stock at version 2 (the NULLs are written too). */
	struct lia_device back = d2;
	assert_int_equal(atx((struct acall){.op = A_DEVICE_UPDATE, .rec = &back, .v = 2}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "device", id2, "update", 3);
	want = d2;
	want.version = 3;
	assert_int_equal(g.c->ops->device_get(g.c, a, id2, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);

	/* Stale, unknown: nothing changed. */
	assert_int_equal(atx((struct acall){.op = A_DEVICE_UPDATE, .rec = &up, .v = 2}),
			 LIA_STORE_STALE);
	struct lia_device ghost = up;
	ghost.id = unknown;
	assert_int_equal(atx((struct acall){.op = A_DEVICE_UPDATE, .rec = &ghost, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->device_get(g.c, a, id2, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);
}

static void
test_device_touch_forward_only(void **state)
{
	struct lia_arena *a = *state;
	struct lia_device want;
	assert_int_equal(g.c->ops->device_get(g.c, a, g.dev, &want), LIA_STORE_OK);
	int64_t mark = lia_store_fx_last_change(g.c, a);

	assert_int_equal(touch(g.dev, T_DEV + HOUR_US, "tcp:192.0.2.1:3061"), LIA_STORE_OK);
	want.last_seen_at = T_DEV + HOUR_US;
	want.last_path = "tcp:192.0.2.1:3061";
	struct lia_device got;
	assert_int_equal(g.c->ops->device_get(g.c, a, g.dev, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);

	/* A frame that arrives late (older `at`) leaves both columns. */
	assert_int_equal(touch(g.dev, T_DEV + HOUR_US - 1, "udp:192.0.2.9:3061"), LIA_STORE_OK);
	assert_int_equal(g.c->ops->device_get(g.c, a, g.dev, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);

	/* A newer one moves both. */
	assert_int_equal(touch(g.dev, T_DEV + 2 * HOUR_US, "udp:192.0.2.9:3061"), LIA_STORE_OK);
	want.last_seen_at = T_DEV + 2 * HOUR_US;
	want.last_path = "udp:192.0.2.9:3061";
	assert_int_equal(g.c->ops->device_get(g.c, a, g.dev, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);

	/* The heartbeat is neither versioned nor in the change feed. */
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* mark_silent sets silent_alert_at, unversioned. */
	assert_int_equal(mark_silent(g.dev, T_DEV + 2 * HOUR_US), LIA_STORE_OK);
	want.silent_alert_at = T_DEV + 2 * HOUR_US;
	assert_int_equal(g.c->ops->device_get(g.c, a, g.dev, &got), LIA_STORE_OK);
	assert_device_equal(&got, &want);
}

/* The device_list family: ids generated in index order, rows inserted in reverse.
 * 0: list_team, c4; 1: list_a; 2: list_b; 3: list_team, no client; 4: list_team,
 * c4; 5: list_b, c4 (a device may sit in another node than its client). */
#define NL 6
static struct {
	char id[NL][ID_LEN];
	struct lia_device d[NL];
} ld;

static void
expect_devices(struct lia_arena *a, const struct lia_device_query *q, const int *want, size_t nwant)
{
	struct lia_device *items;
	size_t n;
	assert_int_equal(g.c->ops->device_list(g.c, a, q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_device_equal(&items[i], &ld.d[want[i]]);
}

#define EXPECT_DEVICES(a, q, ...)                                                \
	do {                                                                     \
		const int want_[] = {__VA_ARGS__};                               \
		expect_devices((a), (q), want_, sizeof want_ / sizeof want_[0]); \
	} while (0)

static void
test_device_list_scope_client_cursor(void **state)
{
	struct lia_arena *a = *state;
	const char *org[NL] = {g.list_team.id, g.list_a.id,    g.list_b.id,
			       g.list_team.id, g.list_team.id, g.list_b.id};
	const char *client[NL] = {g.c4, NULL, NULL, NULL, g.c4, g.c4};
	for (int i = 0; i < NL; i++) {
		new_id(ld.id[i]);
		char *account = lia_arena_printf(g.keep, "1000%02d", i);
		ld.d[i] = device_fx(ld.id[i], org[i], account, T_DEV + 10 + i);
		ld.d[i].client_id = client[i];
		ld.d[i].supervision_s = 600;
		ld.d[i].active = true;
	}
	for (int i = NL - 1; i >= 0; i--)
		assert_int_equal(atx((struct acall){.op = A_DEVICE, .rec = &ld.d[i]}),
				 LIA_STORE_OK);

	const char *la[] = {g.list_a.path};
	const char *lt[] = {g.list_team.path};
	const char *lb[] = {g.list_b.path};
	struct lia_device_query q = {.scope_paths = la, .nscope = 1, .limit = 100};
	EXPECT_DEVICES(a, &q, 0, 1, 3, 4);
	q.scope_paths = lt;
	EXPECT_DEVICES(a, &q, 0, 3, 4);
	q.scope_paths = lb;
	EXPECT_DEVICES(a, &q, 2, 5);
	const char *two[] = {g.list_team.path, g.list_b.path};
	q.scope_paths = two;
	q.nscope = 2;
	EXPECT_DEVICES(a, &q, 0, 2, 3, 4, 5);
	q.client_id = g.c4;
	EXPECT_DEVICES(a, &q, 0, 4, 5);
	q.scope_paths = la;
	q.nscope = 1;
	EXPECT_DEVICES(a, &q, 0, 4);
	q.client_id = g.c1;
	struct lia_device *items;
	size_t n;
	assert_int_equal(g.c->ops->device_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	/* Scopes elsewhere see none of these. */
	const char *team_a[] = {g.team_a.path};
	q = (struct lia_device_query){.scope_paths = team_a, .nscope = 1, .limit = 100};
	assert_int_equal(g.c->ops->device_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, g.dev);

	/* More than eight paths, overlapping. */
	const char *many[10];
	for (int i = 0; i < 10; i++)
		many[i] = "/nowhere/";
	many[1] = g.list_team.path;
	many[8] = g.list_a.path;
	many[9] = g.list_b.path;
	q = (struct lia_device_query){.scope_paths = many, .nscope = 10, .limit = 100};
	EXPECT_DEVICES(a, &q, 0, 1, 2, 3, 4, 5);
	q.limit = 3;
	EXPECT_DEVICES(a, &q, 0, 1, 2);
	q.after_id = ld.id[2];
	EXPECT_DEVICES(a, &q, 3, 4, 5);

	/* Pages of two by id. */
	const char *la_lb[] = {g.list_a.path, g.list_b.path};
	q = (struct lia_device_query){.scope_paths = la_lb, .nscope = 2, .limit = 2};
	EXPECT_DEVICES(a, &q, 0, 1);
	q.after_id = ld.id[1];
	EXPECT_DEVICES(a, &q, 2, 3);
	q.after_id = ld.id[3];
	EXPECT_DEVICES(a, &q, 4, 5);
	q.after_id = ld.id[5];
	assert_int_equal(g.c->ops->device_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	q.after_id = ld.id[0];
	q.client_id = g.c4;
	q.limit = 100;
	EXPECT_DEVICES(a, &q, 4, 5);
}

static void
expect_silent(struct lia_arena *a, int64_t now, int64_t grace_s, int limit, const char *const *ids,
	      size_t nwant)
{
	struct lia_device *items;
	size_t n;
	assert_int_equal(g.c->ops->device_list_silent(g.c, a, now, grace_s, limit, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_string_equal(items[i].id, ids[i]);
}

#define EXPECT_SILENT(a, now, grace, limit, ...)                   \
	do {                                                       \
		const char *const want_[] = {__VA_ARGS__};         \
		expect_silent((a), (now), (grace), (limit), want_, \
			      sizeof want_ / sizeof want_[0]);     \
	} while (0)
#define EXPECT_NO_SILENT(a, now, grace, limit) expect_silent((a), (now), (grace), (limit), NULL, 0)

static void
test_device_list_silent_once_per_silence(void **state)
{
	struct lia_arena *a = *state;
	const int64_t b = T_SIL;
	enum { NS = 6 };
	char id[NS][ID_LEN];
	struct lia_device d[NS];
	for (int i = 0; i < NS; i++) {
		new_id(id[i]);
		char *account = lia_arena_printf(g.keep, "2000%02d", i);
		d[i] = device_fx(id[i], i % 2 ? g.assoc_b.id : g.team_a.id, account, b);
		d[i].supervision_s = 3600;
		d[i].active = true;
	}
	/* 0: seen at b; 1: not active; 2: not supervised; 3: never seen (counts from
	 * created_at b); 4: seen at b + 2 h; 5: seen at b, with a one-day interval. */
	d[1].active = false;
	d[2].supervision_s = 0;
	d[5].supervision_s = 86400;
	for (int i = NS - 1; i >= 0; i--)
		assert_int_equal(atx((struct acall){.op = A_DEVICE, .rec = &d[i]}), LIA_STORE_OK);
	int64_t mark = lia_store_fx_last_change(g.c, a);
	for (int i = 0; i < NS; i++)
		if (i != 3)
			assert_int_equal(touch(id[i], i == 4 ? b + 2 * HOUR_US : b, "tcp:x"),
					 LIA_STORE_OK);

	/* Silent when last_seen + supervision + grace < now, strictly. */
	const int64_t due = b + HOUR_US + MINUTE_US; /* 0's and 3's limit with a grace of 60 s */
	EXPECT_NO_SILENT(a, due, 60, 100);
	EXPECT_SILENT(a, due + 1, 60, 100, id[0], id[3]);
	EXPECT_SILENT(a, due + 1, 59, 100, id[0], id[3]);
	EXPECT_NO_SILENT(a, due + 1, 61, 100);
	EXPECT_SILENT(a, due + 1, 60, 1, id[0]);
	EXPECT_SILENT(a, b + 3 * HOUR_US + MINUTE_US + 1, 60, 100, id[0], id[3], id[4]);
	EXPECT_SILENT(a, b + DAY_US + 1, 0, 100, id[0], id[3], id[4], id[5]);

	/* Once marked at the last_seen_at it was raised for, 0 is not listed again;
	 * nor 3 once marked (from its creation). */
	assert_int_equal(mark_silent(id[0], b), LIA_STORE_OK);
	EXPECT_SILENT(a, due + 1, 60, 100, id[3]);
	assert_int_equal(mark_silent(id[3], b), LIA_STORE_OK);
	EXPECT_NO_SILENT(a, due + 1, 60, 100);
	EXPECT_SILENT(a, b + DAY_US + 1, 0, 100, id[4], id[5]);

	/* 0 speaks again, then falls silent again: a new silence, listed once more. */
	assert_int_equal(touch(id[0], b + 10 * MINUTE_US, "udp:y"), LIA_STORE_OK);
	EXPECT_NO_SILENT(a, due + 1, 60, 100);
	EXPECT_SILENT(a, due + 10 * MINUTE_US + 1, 60, 100, id[0]);
	struct lia_device got;
	assert_int_equal(g.c->ops->device_get(g.c, a, id[0], &got), LIA_STORE_OK);
	assert_int_equal(got.last_seen_at, b + 10 * MINUTE_US);
	assert_string_equal(got.last_path, "udp:y");
	assert_int_equal(got.silent_alert_at, b);
	assert_int_equal(got.version, 1);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- alerts: new columns, the alert log ---- */

static void
test_alert_escalation_columns_and_log(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	int64_t last0 = -1;
	assert_int_equal(g.c->ops->alert_events_last(g.c, &last0), LIA_STORE_OK);
	assert_int_equal(last0, 0);
	char id2[ID_LEN], unknown[ID_LEN];
	new_id(g.alert);
	new_id(id2);
	new_id(unknown);

	/* 1: every new column set, the event named; 2: an alert of assoc_b with the
	 * new columns empty. */
	struct lia_alert al = alert_fx(g.alert, g.team_a.id, g.c1, T_ALERT);
	al.source_ref = g.dev;
	al.details = "{\"code\":\"102\"}";
	al.in_progress_at = T_ALERT + 5;
	al.escalation = "{\"status\":\"running\",\"steps\":[]}";
	al.escalation_due_at = T_DUE_END + DAY_US;
	al.event = "raised_by_device";
	struct lia_alert al2 = alert_fx(id2, g.assoc_b.id, g.c3, T_ALERT + 1);
	assert_int_equal(atx((struct acall){.op = A_ALERT, .rec = &al}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alert", g.alert, "insert", 1);
	assert_int_equal(atx((struct acall){.op = A_ALERT, .rec = &al2}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "alert", id2, "insert", 1);
	struct lia_alert got;
	assert_int_equal(g.c->ops->alert_get(g.c, a, g.alert, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &al);
	assert_int_equal(g.c->ops->alert_get(g.c, a, id2, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &al2);
	assert_null(got.escalation);
	int64_t last1 = 0;
	assert_int_equal(g.c->ops->alert_events_last(g.c, &last1), LIA_STORE_OK);
	assert_true(last1 > 0);

	/* An update writes the new columns; the event is the state when not named. */
	struct lia_alert ack = al;
	ack.state = "acknowledged";
	ack.acknowledged_at = T_ALERT + 10;
	ack.acknowledged_by = g.op;
	ack.in_progress_at = T_ALERT + 11;
	ack.escalation = "{\"status\":\"stopped\",\"steps\":[]}";
	ack.escalation_due_at = 0;
	ack.event = NULL;
	int64_t before = lia_clock_now_us();
	assert_int_equal(atx((struct acall){.op = A_ALERT_UPDATE, .rec = &ack, .v = 1}),
			 LIA_STORE_OK);
	int64_t after = lia_clock_now_us();
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alert", g.alert, "update", 2);
	struct lia_alert want = ack;
	want.version = 2;
	assert_int_equal(g.c->ops->alert_get(g.c, a, g.alert, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &want);

	/* A named event on update; then the other alert moves. */
	struct lia_alert esc = want;
	esc.escalation = "{\"status\":\"running\",\"steps\":[{\"state\":\"active\"}]}";
	esc.escalation_due_at = T_DUE_END + 2 * DAY_US;
	esc.event = "escalated";
	assert_int_equal(atx((struct acall){.op = A_ALERT_UPDATE, .rec = &esc, .v = 2}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alert", g.alert, "update", 3);
	want = esc;
	want.version = 3;
	struct lia_alert res2 = al2;
	res2.state = "resolved";
	res2.resolved_at = T_ALERT + 20;
	res2.resolved_by = g.admin;
	res2.outcome = "false_alarm";
	assert_int_equal(atx((struct acall){.op = A_ALERT_UPDATE, .rec = &res2, .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "alert", id2, "update", 2);
	res2.version = 2;

	/* A failed write logs nothing. */
	assert_int_equal(atx((struct acall){.op = A_ALERT_UPDATE, .rec = &esc, .v = 2}),
			 LIA_STORE_STALE);
	struct lia_alert ghost = esc;
	ghost.id = unknown;
	assert_int_equal(atx((struct acall){.op = A_ALERT_UPDATE, .rec = &ghost, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(atx((struct acall){.op = A_ALERT, .rec = &al}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* One alert's log, in seq order. */
	struct lia_alert_event *ev;
	size_t n;
	assert_int_equal(g.c->ops->alert_event_list(g.c, a, g.alert, &ev, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	const char *kinds[] = {"raised_by_device", "acknowledged", "escalated"};
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(ev[i].alert_id, g.alert);
		assert_string_equal(ev[i].org_id, g.team_a.id);
		assert_string_equal(ev[i].kind, kinds[i]);
		assert_int_equal(ev[i].version, (int64_t)i + 1);
		if (i > 0)
			assert_true(ev[i].seq > ev[i - 1].seq);
	}
	assert_true(ev[0].seq > last0);
	assert_int_equal(ev[0].at, T_ALERT);
	assert_true(ev[1].at >= before && ev[1].at <= after);
	assert_true(ev[2].at >= ev[1].at);
	assert_int_equal(g.c->ops->alert_event_list(g.c, a, id2, &ev, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].kind, "raised");
	assert_string_equal(ev[0].org_id, g.assoc_b.id);
	assert_int_equal(ev[0].version, 1);
	assert_int_equal(ev[0].at, T_ALERT + 1);
	assert_string_equal(ev[1].kind, "resolved");
	assert_int_equal(ev[1].version, 2);
	const int64_t seq_raised2 = ev[0].seq;
	assert_int_equal(g.c->ops->alert_event_list(g.c, a, unknown, &ev, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);

	/* The log since a seq, in seq order, each with the alert as it is now. Order of
	 * writes: raise 1, raise 2, ack 1, escalate 1, resolve 2. */
	int64_t last = 0;
	assert_int_equal(g.c->ops->alert_events_last(g.c, &last), LIA_STORE_OK);
	const char *root[] = {g.root.path};
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last0, root, 1, 100, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	const char *ids[] = {g.alert, id2, g.alert, g.alert, id2};
	const char *all_kinds[] = {"raised_by_device", "raised", "acknowledged", "escalated",
				   "resolved"};
	const int64_t versions[] = {1, 1, 2, 3, 2};
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(ev[i].alert_id, ids[i]);
		assert_string_equal(ev[i].kind, all_kinds[i]);
		assert_int_equal(ev[i].version, versions[i]);
		if (i > 0)
			assert_true(ev[i].seq > ev[i - 1].seq);
		assert_alert_equal(&ev[i].alert, strcmp(ids[i], id2) ? &want : &res2);
	}
	assert_int_equal(ev[4].seq, last);
	assert_string_equal(ev[1].org_id, g.assoc_b.id);
	assert_int_equal(ev[1].seq, seq_raised2);

	/* after is exclusive; limit; scope. */
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, seq_raised2, root, 1, 100, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(ev[0].kind, "acknowledged");
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last0, root, 1, 2, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ev[1].kind, "raised");
	const char *assoc_a[] = {g.assoc_a.path};
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last0, assoc_a, 1, 100, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(ev[0].kind, "raised_by_device");
	assert_string_equal(ev[2].kind, "escalated");
	assert_alert_equal(&ev[0].alert, &want);
	const char *assoc_b[] = {g.assoc_b.path};
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last0, assoc_b, 1, 1, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].kind, "raised");
	assert_alert_equal(&ev[0].alert, &res2);
	const char *both[] = {g.team_a.path, g.assoc_b.path};
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last0, both, 2, 100, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	const char *list_a[] = {g.list_a.path};
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last0, list_a, 1, 100, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->alert_events_since(g.c, a, last, root, 1, 100, &ev, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);

	/* An alert listed by alert_list carries the new columns too. */
	struct lia_alert_query q = {.scope_paths = assoc_a,
				    .nscope = 1,
				    .client_id = g.c1,
				    .before_raised_at = INT64_MAX,
				    .before_id = "",
				    .limit = 10};
	struct lia_alert *items;
	assert_int_equal(g.c->ops->alert_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_alert_equal(&items[0], &want);
}

static void
test_alert_list_escalation_due_order(void **state)
{
	struct lia_arena *a = *state;
	const int64_t b = T_DUE;
	enum { ND = 5 };
	char id[ND][ID_LEN];
	struct lia_alert al[ND];
	/* 0: due b + 2; 1: due b + 1; 2: due b + 2 (same as 0, later id); 3: no
	 * escalation pending (0); 4: due b + 10. */
	const int64_t due[ND] = {b + 2, b + 1, b + 2, 0, b + 10};
	for (int i = 0; i < ND; i++) {
		new_id(id[i]);
		al[i] = alert_fx(id[i], i == 4 ? g.assoc_b.id : g.team_a.id, g.c1, b - DAY_US + i);
		al[i].escalation = due[i] ? "{\"status\":\"running\"}" : NULL;
		al[i].escalation_due_at = due[i];
	}
	for (int i = ND - 1; i >= 0; i--)
		assert_int_equal(atx((struct acall){.op = A_ALERT, .rec = &al[i]}), LIA_STORE_OK);

	struct lia_alert *items;
	size_t n;
	assert_int_equal(g.c->ops->alert_list_escalation_due(g.c, a, b, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->alert_list_escalation_due(g.c, a, b + 1, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_alert_equal(&items[0], &al[1]);
	assert_int_equal(g.c->ops->alert_list_escalation_due(g.c, a, b + 9, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_alert_equal(&items[0], &al[1]);
	assert_alert_equal(&items[1], &al[0]);
	assert_alert_equal(&items[2], &al[2]);
	assert_int_equal(g.c->ops->alert_list_escalation_due(g.c, a, T_DUE_END, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_alert_equal(&items[3], &al[4]);
	assert_int_equal(g.c->ops->alert_list_escalation_due(g.c, a, T_DUE_END, 2, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_alert_equal(&items[0], &al[1]);
	assert_alert_equal(&items[1], &al[0]);

	/* Once the step is answered (due 0), the alert drops out. */
	struct lia_alert done = al[1];
	done.escalation_due_at = 0;
	done.event = "escalation_answered";
	assert_int_equal(atx((struct acall){.op = A_ALERT_UPDATE, .rec = &done, .v = 1}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->alert_list_escalation_due(g.c, a, b + 9, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_alert_equal(&items[0], &al[0]);
	assert_alert_equal(&items[1], &al[2]);
	struct lia_alert_event *ev;
	assert_int_equal(g.c->ops->alert_event_list(g.c, a, id[1], &ev, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ev[1].kind, "escalation_answered");
	assert_int_equal(ev[1].version, 2);
}

/* ---- received events ---- */

static void
test_alarm_event_insert_find_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	const int64_t b = T_EVT;
	enum { NE = 5 };
	char id[NE][ID_LEN], unknown[ID_LEN];
	for (int i = 0; i < NE; i++)
		new_id(id[i]);
	new_id(unknown);

	struct lia_alarm_event e[NE];
	/* 0: every column set, the alert it raised; 1: nothing optional; 2: at the same
	 * time as 1 (later id); 3: later; 4: the same (seq, fingerprint) as 0, an hour
	 * later (a repeat after the duplicate window). */
	e[0] = event_fx(id[0], 17, 0x1234abcdLL, b + 10);
	e[0].client_id = g.c1;
	e[0].message_id = "ADM-CID";
	e[0].qualifier = "1";
	e[0].code = "102";
	e[0].zone = "003";
	e[0].alarm_type = "fall";
	e[0].event_time = b + 5;
	e[0].alert_id = g.alert;
	e[0].body = "#00A1B2|1102 01 003]";
	e[1] = event_fx(id[1], 18, -42, b + 20);
	e[2] = event_fx(id[2], 19, 7, b + 20);
	e[3] = event_fx(id[3], 20, 8, b + 30);
	e[4] = event_fx(id[4], 17, 0x1234abcdLL, b + HOUR_US);
	e[4].path = "udp:0.0.0.0:9999";
	const int order[] = {3, 2, 1, 0, 4};
	for (int i = 0; i < NE; i++) {
		const struct lia_alarm_event *x = &e[order[i]];
		assert_int_equal(atx((struct acall){.op = A_EVENT, .rec = x}), LIA_STORE_OK);
		lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alarm_event", x->id,
					   "insert", 1);
	}
	assert_int_equal(atx((struct acall){.op = A_EVENT, .rec = &e[1]}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* find: the (seq, fingerprint) of the device received since a bound. */
	struct lia_alarm_event got;
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 18, -42, b, &got), LIA_STORE_OK);
	assert_event_equal(&got, &e[1]);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 18, -42, b + 20, &got),
			 LIA_STORE_OK);
	assert_event_equal(&got, &e[1]);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 18, -42, b + 21, &got),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 18, 42, b, &got),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 19, -42, b, &got),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, unknown, 18, -42, b, &got),
			 LIA_STORE_NOT_FOUND);
	/* The older of the two repeats is outside the bound; the newer is found. */
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 17, 0x1234abcdLL, b + 11, &got),
			 LIA_STORE_OK);
	assert_event_equal(&got, &e[4]);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 17, 0x1234abcdLL,
						    b + HOUR_US + 1, &got),
			 LIA_STORE_NOT_FOUND);

	/* list: newest first ((received_at, id) descending), before bound, limit. */
	struct lia_alarm_event *items;
	size_t n;
	assert_int_equal(g.c->ops->alarm_event_list(g.c, a, g.dev, 0, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	const int desc[] = {4, 3, 2, 1, 0};
	for (int i = 0; i < NE; i++)
		assert_event_equal(&items[i], &e[desc[i]]);
	assert_int_equal(g.c->ops->alarm_event_list(g.c, a, g.dev, b + 30, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_event_equal(&items[0], &e[2]);
	assert_event_equal(&items[1], &e[1]);
	assert_event_equal(&items[2], &e[0]);
	assert_int_equal(g.c->ops->alarm_event_list(g.c, a, g.dev, b + 30, 2, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_event_equal(&items[1], &e[1]);
	assert_int_equal(g.c->ops->alarm_event_list(g.c, a, g.dev, b + 10, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->alarm_event_list(g.c, a, unknown, 0, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
}

/* ---- escalation plans ---- */

static void
test_escalation_plan_put_get(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_escalation_plan got;
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c1, &got), LIA_STORE_NOT_FOUND);

	struct lia_escalation_plan p = {
		.client_id = g.c1,
		.org_id = g.team_a.id,
		.steps = "[{\"kind\":\"caregiver\",\"timeout_s\":120}]",
		.version = 5,
		.updated_at = T_DEV + 1,
		.updated_by = g.op,
	};
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &p, .v = 0}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "escalation_plan", g.c1, "insert",
				   1);
	struct lia_escalation_plan want = p;
	want.version = 1;
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_plan_equal(&got, &want);

	/* A second insert: CONFLICT. */
	struct lia_escalation_plan dup = p;
	dup.steps = "[]";
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &dup, .v = 0}),
			 LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* Replaced at version 1. */
	struct lia_escalation_plan p2 = p;
	p2.steps = "[{\"kind\":\"operator\",\"timeout_s\":60},{\"kind\":\"emergency\"}]";
	p2.updated_at = T_DEV + 2;
	p2.updated_by = g.admin;
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &p2, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "escalation_plan", g.c1, "update",
				   2);
	want = p2;
	want.version = 2;
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_plan_equal(&got, &want);

	/* Stale; a client without a plan: NOT_FOUND. */
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &p, .v = 1}), LIA_STORE_STALE);
	struct lia_escalation_plan none = p;
	none.client_id = g.c2;
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &none, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_plan_equal(&got, &want);
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c2, &got), LIA_STORE_NOT_FOUND);

	/* c3's, in another association. */
	struct lia_escalation_plan p3 = {.client_id = g.c3,
					 .org_id = g.assoc_b.id,
					 .steps = "[]",
					 .updated_at = T_DEV + 3,
					 .updated_by = g.admin};
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &p3, .v = 0}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "escalation_plan", g.c3, "insert",
				   1);
	p3.version = 1;
	assert_int_equal(g.c->ops->escalation_plan_get(g.c, a, g.c3, &got), LIA_STORE_OK);
	assert_plan_equal(&got, &p3);
}

/* ---- the receiver's one-call record, and its memory check ---- */

/* The changes after *mark are exactly these (entity, entity_id) inserts, in any
 * order (one statement writes them on PostgreSQL); *mark moves past them. */
static void
expect_inserts(struct lia_arena *a, int64_t *mark, const char *const *entities,
	       const char *const *ids, const int64_t *versions, size_t want)
{
	struct lia_change *ch;
	size_t n;
	assert_int_equal(g.c->ops->changes_since(g.c, a, *mark, 10, &ch, &n), LIA_STORE_OK);
	assert_int_equal(n, want);
	for (size_t i = 0; i < want; i++) {
		size_t k = 0;
		while (k < n && strcmp(ch[k].entity_id, ids[i]))
			k++;
		assert_true(k < n);
		lia_store_fx_assert_change(&ch[k], g.team_a.id, entities[i], ids[i], "insert",
					   versions[i]);
	}
	*mark = ch[n - 1].seq;
}

static void
test_alarm_record_event_and_alert(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	const int64_t b = T_EVT + 2 * DAY_US;
	char eid[6][ID_LEN], aid[4][ID_LEN];
	for (int i = 0; i < 6; i++)
		new_id(eid[i]);
	for (int i = 0; i < 4; i++)
		new_id(aid[i]);
	bool raised = true, dup = true;
	struct acall w = {.op = A_RECORD, .raised = &raised, .dup = &dup, .a = a, .v = b - HOUR_US};

	/* Outside a transaction: ERROR, nothing written. */
	struct lia_alert al = alert_fx(aid[0], g.team_a.id, g.c1, b);
	al.source_ref = eid[0];
	al.escalation = "{\"step\":0}";
	al.escalation_due_at = T_DUE_END + MINUTE_US;
	struct lia_alarm_event e = event_fx(eid[0], 40, 400, b);
	e.client_id = g.c1;
	e.alarm_type = "fall";
	assert_int_equal(g.c->ops->alarm_record(g.c, a, &al, &e, b - HOUR_US, &dup, &raised),
			 LIA_STORE_ERROR);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* The alert goes in with its log row, the event points at it. */
	w.al = &al;
	w.e = &e;
	assert_int_equal(atx(w), LIA_STORE_OK);
	assert_true(raised);
	assert_false(dup);
	assert_string_equal(e.alert_id, aid[0]);
	expect_inserts(a, &mark, (const char *const[]){"alert", "alarm_event"},
		       (const char *const[]){aid[0], eid[0]}, (const int64_t[]){1, 1}, 2);
	struct lia_alert got_al;
	assert_int_equal(g.c->ops->alert_get(g.c, a, aid[0], &got_al), LIA_STORE_OK);
	assert_alert_equal(&got_al, &al);
	struct lia_alert_event *log;
	size_t n;
	assert_int_equal(g.c->ops->alert_event_list(g.c, a, aid[0], &log, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(log[0].kind, "raised");
	assert_int_equal(log[0].version, 1);
	assert_int_equal(log[0].at, b);
	struct lia_alarm_event got;
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 40, 400, b, &got), LIA_STORE_OK);
	assert_event_equal(&got, &e);

	/* The same (seq, fingerprint) again within the window: nothing written, the
	 * first one's alert given back. */
	struct lia_alert rep_al = alert_fx(aid[3], g.team_a.id, g.c1, b + 5);
	struct lia_alarm_event rep = event_fx(eid[4], 40, 400, b + 5);
	w.al = &rep_al;
	w.e = &rep;
	w.v = b;
	assert_int_equal(atx(w), LIA_STORE_OK);
	assert_true(dup);
	assert_false(raised);
	assert_string_equal(rep.alert_id, aid[0]);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->alert_get(g.c, a, aid[3], &got_al), LIA_STORE_NOT_FOUND);
	/* After the window it is a new event (here without an alert). */
	struct lia_alarm_event late = event_fx(eid[5], 40, 400, b + 6);
	w.al = NULL;
	w.e = &late;
	w.v = b + 1;
	assert_int_equal(atx(w), LIA_STORE_OK);
	assert_false(dup);
	assert_false(raised);
	assert_null(late.alert_id);
	expect_inserts(a, &mark, (const char *const[]){"alarm_event"},
		       (const char *const[]){eid[5]}, (const int64_t[]){1}, 1);
	w.v = b - HOUR_US;

	/* Its dedup_key taken: the event alone, pointing at nothing. */
	struct lia_alert again = alert_fx(aid[1], g.team_a.id, g.c1, b + 1);
	again.dedup_key = al.dedup_key;
	struct lia_alarm_event e1 = event_fx(eid[1], 41, 410, b + 1);
	w.al = &again;
	w.e = &e1;
	assert_int_equal(atx(w), LIA_STORE_OK);
	assert_false(raised);
	assert_false(dup);
	assert_null(e1.alert_id);
	expect_inserts(a, &mark, (const char *const[]){"alarm_event"},
		       (const char *const[]){eid[1]}, (const int64_t[]){1}, 1);
	assert_int_equal(g.c->ops->alert_get(g.c, a, aid[1], &got_al), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 41, 410, b, &got), LIA_STORE_OK);
	assert_event_equal(&got, &e1);

	/* No alert at all. */
	struct lia_alarm_event e2 = event_fx(eid[2], 42, 420, b + 2);
	e2.alert_id = aid[0]; /* overwritten: there is no alert */
	w.al = NULL;
	w.e = &e2;
	assert_int_equal(atx(w), LIA_STORE_OK);
	assert_false(raised);
	assert_false(dup);
	assert_null(e2.alert_id);
	expect_inserts(a, &mark, (const char *const[]){"alarm_event"},
		       (const char *const[]){eid[2]}, (const int64_t[]){1}, 1);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 42, 420, b, &got), LIA_STORE_OK);
	assert_event_equal(&got, &e2);

	/* The event's id taken: CONFLICT, and the rolled back write left nothing. */
	struct lia_alert third = alert_fx(aid[2], g.team_a.id, g.c1, b + 3);
	struct lia_alarm_event e3 = event_fx(eid[2], 43, 430, b + 3);
	w.al = &third;
	w.e = &e3;
	assert_int_equal(atx(w), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->alert_get(g.c, a, aid[2], &got_al), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->alarm_event_find(g.c, a, g.dev, 43, 430, b, &got),
			 LIA_STORE_NOT_FOUND);
}

static void
test_alarm_config_since_devices_models_plans(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	int64_t last = -1;
	bool changed = true;
	/* Only the end wanted. */
	assert_int_equal(g.c->ops->alarm_config_since(g.c, INT64_MAX, &last, &changed),
			 LIA_STORE_OK);
	assert_int_equal(last, mark);
	assert_false(changed);
	/* Received events are no change to what the receiver keeps. */
	char eid[ID_LEN];
	new_id(eid);
	struct lia_alarm_event e = event_fx(eid, 50, 500, T_EVT + 3 * DAY_US);
	assert_int_equal(atx((struct acall){.op = A_EVENT, .rec = &e}), LIA_STORE_OK);
	assert_int_equal(g.c->ops->alarm_config_since(g.c, mark, &last, &changed), LIA_STORE_OK);
	assert_true(last > mark);
	assert_false(changed);
	/* A plan is. */
	int64_t before_plan = last;
	struct lia_escalation_plan p = {.client_id = g.c2,
					.org_id = g.team_a.id,
					.steps = "[]",
					.updated_at = T_DEV + 4,
					.updated_by = g.admin};
	assert_int_equal(atx((struct acall){.op = A_PLAN_PUT, .rec = &p, .v = 0}), LIA_STORE_OK);
	assert_int_equal(g.c->ops->alarm_config_since(g.c, before_plan, &last, &changed),
			 LIA_STORE_OK);
	assert_true(last > before_plan);
	assert_true(changed);
	assert_int_equal(g.c->ops->alarm_config_since(g.c, mark, &last, &changed), LIA_STORE_OK);
	assert_true(changed);
	/* And so is a device, from the point after the plan. */
	int64_t after_plan = last;
	assert_int_equal(g.c->ops->alarm_config_since(g.c, after_plan, &last, &changed),
			 LIA_STORE_OK);
	assert_false(changed);
	struct lia_arena *r = lia_arena_new();
	struct lia_device d;
	assert_int_equal(g.c->ops->device_get(g.c, r, g.dev, &d), LIA_STORE_OK);
	d.label = "renamed";
	assert_int_equal(atx((struct acall){.op = A_DEVICE_UPDATE, .rec = &d, .v = d.version}),
			 LIA_STORE_OK);
	lia_arena_free(r);
	assert_int_equal(g.c->ops->alarm_config_since(g.c, after_plan, &last, &changed),
			 LIA_STORE_OK);
	assert_true(changed);
}

/* ---- harness ---- */

static int
group_setup(void **state)
{
	(void)state;
	g.keep = lia_arena_new();
	return lia_store_fx_open("alarms", &g.c);
}

static int
group_teardown(void **state)
{
	(void)state;
	lia_store_fx_close(g.c);
	lia_arena_free(g.keep);
	return 0;
}

#define T(f) \
	cmocka_unit_test_setup_teardown(f, lia_store_fx_arena_setup, lia_store_fx_arena_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_alarms_fixtures),
		T(test_alarms_write_requires_transaction),
		T(test_alarm_type_list_seeded),
		T(test_device_model_put_get_list),
		T(test_device_code_lookup_model_then_generic),
		T(test_device_insert_get_update),
		T(test_device_touch_forward_only),
		T(test_device_list_scope_client_cursor),
		T(test_device_list_silent_once_per_silence),
		T(test_alert_escalation_columns_and_log),
		T(test_alert_list_escalation_due_order),
		T(test_alarm_event_insert_find_list),
		T(test_escalation_plan_put_get),
		T(test_alarm_record_event_and_alert),
		T(test_alarm_config_since_devices_models_plans),
	};
	LIA_RUN_GROUP("store_alarms", tests, group_setup, group_teardown);
}
