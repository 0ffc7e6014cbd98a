/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The storage contract of the planning operations (store.h, "planning (0003)"),
 * run unchanged on every backend like test_store_contract.c: on the database named
 * by LIAISON_TEST_DATABASE_URL, else on a fresh SQLite file in a temporary
 * directory. It assumes an empty database at start; the first test migrates it and
 * makes the organisation tree, the accounts and the clients through the store
 * operations, and later tests build on earlier tests' rows (a grant, an
 * intervention, an absence, a round are referenced by the visits). Each family of
 * rows lives in its own period of time, so the reads across all organisations
 * (visit_list without filters, visit_list_vigilance) see only their own rows.
 */
#include "lia_test.h"

#include "store_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "store/store.h"

#define ID_LEN (LIA_UUID_STRLEN + 1)
#define MINUTE_US (60LL * 1000000LL)
#define HOUR_US (3600LL * 1000000LL)
#define DAY_US (24 * HOUR_US)
/* 2025-06-15T00:00:00Z; the periods of the test families start from it. */
#define T0 1749945600000000LL
#define T_VISIT (T0)               /* visit round trips and updates */
#define T_VIGIL (T0 + 50 * DAY_US) /* visit_list_vigilance */
#define T_LIST (T0 + 100 * DAY_US) /* visit_list: the latest visits */
#define T_ALERT (T0 - 10 * DAY_US) /* alert_list: the earliest alerts */

struct org_fx {
	char id[ID_LEN];
	const char *path; /* from g.keep */
};

static struct {
	struct lia_conn *c;
	/* root -> fed -> assoc_a -> team_a, fed -> assoc_b */
	struct org_fx root, fed, assoc_a, team_a, assoc_b;
	/* coord: coordinator on assoc_a (not a field worker); aide: aide on team_a and
	 * nurse on assoc_a; soignant: aide_soignant on assoc_b; off: disabled nurse;
	 * fam: a person account with an aide role; doctor: doctor on team_a. */
	char coord[ID_LEN], aide[ID_LEN], soignant[ID_LEN], off[ID_LEN], fam[ID_LEN],
		doctor[ID_LEN];
	char *c1, *c2, *c3; /* clients: c1, c2 in team_a, c3 in assoc_b */
	/* Rows later tests point at. */
	char series[ID_LEN], intervention[ID_LEN], absence[ID_LEN], round[ID_LEN];
	char visit_full[ID_LEN], visit_min[ID_LEN];
	struct lia_arena *keep; /* fixtures shared between tests */
} g;

/* ---- helpers ---- */

static void
assert_double_same(double got, double want)
{
	assert_true(got == want);
}

static void
new_id(char out[ID_LEN])
{
	lia_uuid7(out);
}

/* One write operation, run through lia_store_write like a handler would. */
enum pop {
	P_ORG,
	P_ACCOUNT,
	P_ROLE,
	P_CLIENT,
	P_SETTINGS_PUT,
	P_GRANT,
	P_GRANT_END,
	P_INTERVENTION,
	P_INTERVENTION_CLOSE,
	P_ABSENCE,
	P_ABSENCE_CANCEL,
	P_HOME_PUT,
	P_WORKER_PUT,
	P_WORKER_ABSENCE,
	P_ROUND,
	P_VISIT,
	P_VISIT_UPDATE,
	P_CLOCK_EVENT,
	P_ALERT,
	P_ALERT_UPDATE,
};

struct pcall {
	enum pop op;
	const void *rec;
	const char *s1, *s2;
	int64_t v;
};

static int
run_pcall(struct lia_conn *c, void *cls)
{
	const struct pcall *w = cls;
	const struct lia_store_ops *ops = c->ops;
	switch (w->op) {
	case P_ORG:
		return ops->org_insert(c, w->rec);
	case P_ACCOUNT:
		return ops->account_insert(c, w->rec);
	case P_ROLE:
		return ops->role_insert(c, w->rec);
	case P_CLIENT:
		return ops->client_insert(c, w->rec);
	case P_SETTINGS_PUT:
		return ops->org_settings_put(c, w->rec, w->v);
	case P_GRANT:
		return ops->grant_insert(c, w->rec);
	case P_GRANT_END:
		return ops->grant_end(c, w->s1, w->s2, w->v);
	case P_INTERVENTION:
		return ops->intervention_insert(c, w->rec);
	case P_INTERVENTION_CLOSE:
		return ops->intervention_close(c, w->s1, w->s2, w->v);
	case P_ABSENCE:
		return ops->absence_insert(c, w->rec);
	case P_ABSENCE_CANCEL:
		return ops->absence_cancel(c, w->s1, w->v);
	case P_HOME_PUT:
		return ops->home_put(c, w->rec, w->v);
	case P_WORKER_PUT:
		return ops->worker_put(c, w->rec, w->v);
	case P_WORKER_ABSENCE:
		return ops->worker_absence_insert(c, w->rec);
	case P_ROUND:
		return ops->round_insert(c, w->rec);
	case P_VISIT:
		return ops->visit_insert(c, w->rec);
	case P_VISIT_UPDATE:
		return ops->visit_update(c, w->rec, w->v);
	case P_CLOCK_EVENT:
		return ops->clock_event_insert(c, w->rec);
	case P_ALERT:
		return ops->alert_insert(c, w->rec);
	case P_ALERT_UPDATE:
		return ops->alert_update(c, w->rec, w->v);
	}
	return LIA_STORE_ERROR;
}

static int
ptx(struct pcall w)
{
	return lia_store_write(g.c, run_pcall, &w);
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
	assert_int_equal(ptx((struct pcall){.op = P_ORG, .rec = &o}), LIA_STORE_OK);
}

static void
make_account(char id[ID_LEN], const char *org_id, const char *login, const char *kind,
	     const char *display_name, bool disabled)
{
	new_id(id);
	struct lia_account acc = {
		.id = id,
		.org_id = org_id,
		.login = login,
		.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
		.kind = kind,
		.display_name = display_name,
		.disabled = disabled,
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
	assert_int_equal(ptx((struct pcall){.op = P_ACCOUNT, .rec = &acc}), LIA_STORE_OK);
}

static void
make_role(const char *account_id, const char *org_id, const char *role)
{
	char id[ID_LEN];
	new_id(id);
	struct lia_role r = {
		.id = id,
		.account_id = account_id,
		.org_id = org_id,
		.role = role,
		.created_at = lia_clock_now_us(),
	};
	assert_int_equal(ptx((struct pcall){.op = P_ROLE, .rec = &r}), LIA_STORE_OK);
}

/* A client with every strict trait; keys written out as in test_store_contract.c. */
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
		.birth_date = "1940-01-01",
		.name_key = lia_arena_printf(g.keep, "%s %s", birth_name, first),
		.identity_key = lia_arena_printf(g.keep, "%s|%s|1940-01-01|F", birth_name, first),
		.created_at = lia_clock_now_us(),
		.updated_at = lia_clock_now_us(),
	};
	assert_int_equal(ptx((struct pcall){.op = P_CLIENT, .rec = &cl}), LIA_STORE_OK);
	return id;
}

static void
test_planning_fixtures(void **state)
{
	(void)state;
	int applied = -1;
	assert_int_equal(g.c->ops->migrate(g.c, &applied), LIA_STORE_OK);
	make_org(&g.root, NULL, "national", "Réseau");
	make_org(&g.fed, &g.root, "federation", "Fédération");
	make_org(&g.assoc_a, &g.fed, "association", "Association A");
	make_org(&g.team_a, &g.assoc_a, "team", "Équipe A");
	make_org(&g.assoc_b, &g.fed, "association", "Association B");

	/* Generated in this order, so that account ids sort in it. */
	make_account(g.coord, g.assoc_a.id, "coord", "staff", "Coordinatrice", false);
	make_account(g.aide, g.team_a.id, "aide", "staff", "Aide Un", false);
	make_account(g.soignant, g.assoc_b.id, "soignant", "staff", "Soignant Deux", false);
	make_account(g.off, g.team_a.id, "off", "staff", "Partie", true);
	make_account(g.fam, g.team_a.id, "fam", "person", "Famille", false);
	make_account(g.doctor, g.team_a.id, "doctor", "staff", "Médecin", false);
	make_role(g.coord, g.assoc_a.id, "coordinator");
	make_role(g.aide, g.team_a.id, "aide");
	make_role(g.aide, g.assoc_a.id, "nurse");
	make_role(g.soignant, g.assoc_b.id, "aide_soignant");
	make_role(g.off, g.team_a.id, "nurse");
	make_role(g.fam, g.team_a.id, "aide");
	make_role(g.doctor, g.team_a.id, "doctor");

	g.c1 = make_client(g.team_a.id, "PLAN", "ALICE");
	g.c2 = make_client(g.team_a.id, "PLAN", "BERTHE");
	g.c3 = make_client(g.assoc_b.id, "AUTRE", "CLARA");
}

/* ---- writes outside a transaction ---- */

static void
test_planning_write_requires_transaction(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char id[ID_LEN];
	new_id(id);
	struct lia_round r = {
		.id = id,
		.org_id = g.team_a.id,
		.round_date = "2025-01-01",
		.name = "Hors transaction",
		.version = 1,
		.created_at = 1,
	};
	assert_int_equal(g.c->ops->round_insert(g.c, &r), LIA_STORE_ERROR);
	assert_int_equal(g.c->ops->absence_cancel(g.c, id, 1), LIA_STORE_ERROR);
	struct lia_round got;
	assert_int_equal(g.c->ops->round_get(g.c, a, id, &got), LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- organisation settings ---- */

static void
test_org_settings_put_get(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_org_settings got;
	assert_int_equal(g.c->ops->org_settings_get(g.c, a, g.team_a.id, &got),
			 LIA_STORE_NOT_FOUND);

	struct lia_org_settings s = {
		.org_id = g.team_a.id,
		.settings = "{\"rounding\":\"quarter\",\"geofence_m\":150}",
		.version = 1,
		.updated_at = T0 + 1,
		.updated_by = g.coord,
	};
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &s, .v = 0}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "org_settings",
					   g.team_a.id, "insert", 1);
	assert_int_equal(g.c->ops->org_settings_get(g.c, a, g.team_a.id, &got), LIA_STORE_OK);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.settings, s.settings);
	assert_int_equal(got.version, 1);
	assert_int_equal(got.updated_at, T0 + 1);
	assert_string_equal(got.updated_by, g.coord);
	/* No inheritance in the store: the parent has no settings of its own. */
	assert_int_equal(g.c->ops->org_settings_get(g.c, a, g.assoc_a.id, &got),
			 LIA_STORE_NOT_FOUND);

	/* A second insert is a conflict; a replace needs the version read. */
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &s, .v = 0}),
			 LIA_STORE_CONFLICT);
	s.settings = "{\"rounding\":\"none\"}";
	s.updated_at = T0 + 2;
	s.updated_by = g.aide;
	s.version = 2;
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &s, .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "org_settings",
					   g.team_a.id, "update", 2);
	assert_int_equal(g.c->ops->org_settings_get(g.c, a, g.team_a.id, &got), LIA_STORE_OK);
	assert_string_equal(got.settings, "{\"rounding\":\"none\"}");
	assert_int_equal(got.version, 2);
	assert_int_equal(got.updated_at, T0 + 2);
	assert_string_equal(got.updated_by, g.aide);
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &s, .v = 1}),
			 LIA_STORE_STALE);
	struct lia_org_settings none = s;
	none.org_id = g.assoc_b.id;
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &none, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->org_settings_get(g.c, a, g.team_a.id, &got), LIA_STORE_OK);
	assert_int_equal(got.version, 2);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- funder grants ---- */

static struct lia_grant
grant_fx(const char *id, const char *starts_on)
{
	return (struct lia_grant){
		.id = id,
		.org_id = g.team_a.id,
		.client_id = g.c1,
		.funder = "apa",
		.minutes_per_month = 1200,
		.starts_on = starts_on,
		.version = 1,
		.created_at = T0,
		.created_by = g.coord,
	};
}

static void
test_grant_insert_list_end(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char old[ID_LEN], ga[ID_LEN], gb[ID_LEN], other[ID_LEN];
	new_id(old);
	new_id(ga);
	new_id(gb);
	new_id(other);
	/* gb and ga start the same day: id breaks the tie, not the insertion order. */
	struct lia_grant full = grant_fx(gb, "2025-01-01");
	full.funder = "caisse_retraite";
	full.funder_name = "Caisse de retraite du Rhône";
	full.funder_id = "CR-69";
	full.decision_ref = "DEC-2025-001";
	full.beneficiary_ref = "BEN-42";
	full.minutes_per_month = 900;
	full.ends_on = "2025-12-31";
	full.created_at = T0 + 5;
	struct lia_grant tie = grant_fx(ga, "2025-01-01");
	struct lia_grant first = grant_fx(old, "2024-06-01");
	first.minutes_per_month = 0;
	struct lia_grant theirs = grant_fx(other, "2024-01-01");
	theirs.org_id = g.assoc_b.id;
	theirs.client_id = g.c3;
	assert_int_equal(ptx((struct pcall){.op = P_GRANT, .rec = &full}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_GRANT, .rec = &tie}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_GRANT, .rec = &first}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_GRANT, .rec = &theirs}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "grant", gb, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "grant", ga, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "grant", old, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "grant", other, "insert", 1);
	assert_int_equal(ptx((struct pcall){.op = P_GRANT, .rec = &tie}), LIA_STORE_CONFLICT);

	struct lia_grant *items;
	size_t n;
	assert_int_equal(g.c->ops->grant_list(g.c, a, g.c1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, old);
	assert_string_equal(items[1].id, ga);
	assert_string_equal(items[2].id, gb);
	/* Every column back, NULLs included. */
	const struct lia_grant *x = &items[2];
	assert_string_equal(x->org_id, g.team_a.id);
	assert_string_equal(x->client_id, g.c1);
	assert_string_equal(x->funder, "caisse_retraite");
	assert_string_equal(x->funder_name, "Caisse de retraite du Rhône");
	assert_string_equal(x->funder_id, "CR-69");
	assert_string_equal(x->decision_ref, "DEC-2025-001");
	assert_string_equal(x->beneficiary_ref, "BEN-42");
	assert_int_equal(x->minutes_per_month, 900);
	assert_string_equal(x->starts_on, "2025-01-01");
	assert_string_equal(x->ends_on, "2025-12-31");
	assert_int_equal(x->version, 1);
	assert_int_equal(x->created_at, T0 + 5);
	assert_string_equal(x->created_by, g.coord);
	x = &items[0];
	assert_string_equal(x->funder, "apa");
	assert_null(x->funder_name);
	assert_null(x->funder_id);
	assert_null(x->decision_ref);
	assert_null(x->beneficiary_ref);
	assert_int_equal(x->minutes_per_month, 0);
	assert_null(x->ends_on);

	/* Ending a grant: at the version read, once. */
	assert_int_equal(
		ptx((struct pcall){.op = P_GRANT_END, .s1 = old, .s2 = "2024-12-31", .v = 1}),
		LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "grant", old, "update", 2);
	assert_int_equal(
		ptx((struct pcall){.op = P_GRANT_END, .s1 = old, .s2 = "2024-11-30", .v = 1}),
		LIA_STORE_STALE);
	assert_int_equal(
		ptx((struct pcall){.op = P_GRANT_END, .s1 = g.c1, .s2 = "2024-11-30", .v = 1}),
		LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->grant_list(g.c, a, g.c1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].ends_on, "2024-12-31");
	assert_int_equal(items[0].version, 2);
	assert_int_equal(g.c->ops->grant_list(g.c, a, g.c2, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- interventions ---- */

static struct lia_intervention
intervention_fx(const char *id, const char *series_id, int64_t seq, const char *valid_from)
{
	return (struct lia_intervention){
		.id = id,
		.series_id = series_id,
		.seq = seq,
		.org_id = g.team_a.id,
		.client_id = g.c1,
		.valid_from = valid_from,
		.type = "aide",
		.days = 1,
		.every_weeks = 1,
		.anchor_date = "2025-01-06",
		.start_time = "08:00",
		.duration_min = 30,
		.tasks = "[]",
		.version = 1,
		.created_at = T0,
		.created_by = g.coord,
	};
}

static void
test_intervention_insert_close_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char series_b[ID_LEN], v1[ID_LEN], v2[ID_LEN], b1[ID_LEN], dup[ID_LEN];
	new_id(g.series);
	new_id(series_b);
	new_id(v1);
	new_id(v2);
	new_id(b1);
	new_id(dup);
	memcpy(g.intervention, v2, ID_LEN);

	struct lia_intervention iv1 = intervention_fx(v1, g.series, 1, "2025-01-06");
	iv1.label = "Toilette";
	iv1.days = 0x15; /* Monday, Wednesday, Friday */
	iv1.every_weeks = 2;
	iv1.start_time = "07:45";
	iv1.duration_min = 45;
	iv1.qualification = "aide_soignant";
	iv1.tasks = "[\"toilette\",\"habillage\"]";
	iv1.funder = "apa";
	iv1.note = "Sonner deux fois";
	iv1.created_at = T0 + 7;
	struct lia_intervention ivb = intervention_fx(b1, series_b, 1, "2025-02-03");
	assert_int_equal(ptx((struct pcall){.op = P_INTERVENTION, .rec = &ivb}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_INTERVENTION, .rec = &iv1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "intervention", b1, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "intervention", v1, "insert", 1);

	/* A change of plan: close version 1, insert version 2 of the series. */
	assert_int_equal(ptx((struct pcall){
				 .op = P_INTERVENTION_CLOSE, .s1 = v1, .s2 = "2025-03-03", .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "intervention", v1, "update", 2);
	struct lia_intervention iv2 = intervention_fx(v2, g.series, 2, "2025-03-03");
	assert_int_equal(ptx((struct pcall){.op = P_INTERVENTION, .rec = &iv2}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "intervention", v2, "insert", 1);
	/* Another editor adding its own version 2 of the same series loses. */
	struct lia_intervention race = intervention_fx(dup, g.series, 2, "2025-03-10");
	assert_int_equal(ptx((struct pcall){.op = P_INTERVENTION, .rec = &race}),
			 LIA_STORE_CONFLICT);
	assert_int_equal(ptx((struct pcall){.op = P_INTERVENTION, .rec = &iv2}),
			 LIA_STORE_CONFLICT);
	assert_int_equal(ptx((struct pcall){
				 .op = P_INTERVENTION_CLOSE, .s1 = v1, .s2 = "2025-04-01", .v = 1}),
			 LIA_STORE_STALE);
	assert_int_equal(
		ptx((struct pcall){
			.op = P_INTERVENTION_CLOSE, .s1 = dup, .s2 = "2025-04-01", .v = 1}),
		LIA_STORE_NOT_FOUND);

	struct lia_intervention *items;
	size_t n;
	assert_int_equal(g.c->ops->intervention_list(g.c, a, g.c1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	/* (series_id, seq) order: g.series was generated before series_b. */
	assert_string_equal(items[0].id, v1);
	assert_string_equal(items[1].id, v2);
	assert_string_equal(items[2].id, b1);
	const struct lia_intervention *x = &items[0];
	assert_string_equal(x->series_id, g.series);
	assert_int_equal(x->seq, 1);
	assert_string_equal(x->org_id, g.team_a.id);
	assert_string_equal(x->client_id, g.c1);
	assert_string_equal(x->valid_from, "2025-01-06");
	assert_string_equal(x->valid_until, "2025-03-03");
	assert_string_equal(x->type, "aide");
	assert_string_equal(x->label, "Toilette");
	assert_int_equal(x->days, 0x15);
	assert_int_equal(x->every_weeks, 2);
	assert_string_equal(x->anchor_date, "2025-01-06");
	assert_string_equal(x->start_time, "07:45");
	assert_int_equal(x->duration_min, 45);
	assert_string_equal(x->qualification, "aide_soignant");
	assert_string_equal(x->tasks, "[\"toilette\",\"habillage\"]");
	assert_string_equal(x->funder, "apa");
	assert_string_equal(x->note, "Sonner deux fois");
	assert_int_equal(x->version, 2);
	assert_int_equal(x->created_at, T0 + 7);
	assert_string_equal(x->created_by, g.coord);
	x = &items[1];
	assert_int_equal(x->seq, 2);
	assert_null(x->valid_until);
	assert_null(x->label);
	assert_null(x->qualification);
	assert_null(x->funder);
	assert_null(x->note);
	assert_int_equal(x->version, 1);
	assert_int_equal(g.c->ops->intervention_list(g.c, a, g.c3, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* plan_clients: c1 has an open version (listed once, with its organisation); a
	 * page after it starts past it; a limit of 1 gives one client. */
	struct lia_plan_client *pc;
	size_t npc;
	assert_int_equal(g.c->ops->plan_clients(g.c, a, "2030-01-01", NULL, 500, &pc, &npc),
			 LIA_STORE_OK);
	size_t seen = 0;
	for (size_t i = 0; i < npc; i++) {
		if (!strcmp(pc[i].client_id, g.c1)) {
			seen++;
			assert_string_equal(pc[i].org_id, g.team_a.id);
		}
		assert_true(i == 0 || strcmp(pc[i - 1].client_id, pc[i].client_id) < 0);
		assert_string_not_equal(pc[i].client_id, g.c3);
	}
	assert_int_equal(seen, 1);
	assert_int_equal(g.c->ops->plan_clients(g.c, a, "2030-01-01", g.c1, 500, &pc, &npc),
			 LIA_STORE_OK);
	for (size_t i = 0; i < npc; i++)
		assert_true(strcmp(pc[i].client_id, g.c1) > 0);
	assert_int_equal(g.c->ops->plan_clients(g.c, a, "2030-01-01", NULL, 1, &pc, &npc),
			 LIA_STORE_OK);
	assert_int_equal(npc, 1);
}

/* ---- client absences ---- */

static struct lia_absence
absence_fx(const char *id, const char *starts_on, const char *ends_on, const char *reason)
{
	return (struct lia_absence){
		.id = id,
		.org_id = g.team_a.id,
		.client_id = g.c1,
		.starts_on = starts_on,
		.ends_on = ends_on,
		.reason = reason,
		.version = 1,
		.created_at = T0,
		.created_by = g.coord,
	};
}

static void
test_absence_insert_cancel_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char early[ID_LEN], tie[ID_LEN], unknown[ID_LEN];
	new_id(early);
	new_id(g.absence);
	new_id(tie);
	new_id(unknown);
	struct lia_absence h = absence_fx(g.absence, "2025-07-01", "2025-07-10", "hospital");
	h.note = "Hôpital Édouard-Herriot";
	h.created_at = T0 + 9;
	struct lia_absence t = absence_fx(tie, "2025-07-01", "2025-07-02", "family");
	struct lia_absence e = absence_fx(early, "2025-05-01", "2025-05-15", "holiday");
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE, .rec = &t}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE, .rec = &h}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE, .rec = &e}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE, .rec = &e}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "absence", tie, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "absence", g.absence, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "absence", early, "insert", 1);

	/* Cancelled once: a second cancellation, like an unknown id, is NOT_FOUND. */
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE_CANCEL, .s1 = tie, .v = T0 + 20}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "absence", tie, "update", 2);
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE_CANCEL, .s1 = tie, .v = T0 + 30}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE_CANCEL, .s1 = unknown, .v = T0 + 30}),
			 LIA_STORE_NOT_FOUND);

	struct lia_absence *items;
	size_t n;
	assert_int_equal(g.c->ops->absence_list(g.c, a, g.c1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, early);
	assert_string_equal(items[1].id, g.absence);
	assert_string_equal(items[2].id, tie);
	const struct lia_absence *x = &items[1];
	assert_string_equal(x->org_id, g.team_a.id);
	assert_string_equal(x->client_id, g.c1);
	assert_string_equal(x->starts_on, "2025-07-01");
	assert_string_equal(x->ends_on, "2025-07-10");
	assert_string_equal(x->reason, "hospital");
	assert_string_equal(x->note, "Hôpital Édouard-Herriot");
	assert_int_equal(x->cancelled_at, 0);
	assert_int_equal(x->version, 1);
	assert_int_equal(x->created_at, T0 + 9);
	assert_string_equal(x->created_by, g.coord);
	assert_null(items[0].note);
	/* The cancelled one is listed, with the first instant of cancellation. */
	assert_int_equal(items[2].cancelled_at, T0 + 20);
	assert_int_equal(items[2].version, 2);
	assert_int_equal(g.c->ops->absence_list(g.c, a, g.c2, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- client homes ---- */

static void
test_home_put_get(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_home got;
	assert_int_equal(g.c->ops->home_get(g.c, a, g.c1, &got), LIA_STORE_NOT_FOUND);

	struct lia_home h = {
		.client_id = g.c1,
		.org_id = g.team_a.id,
		.has_coords = true,
		.latitude = 45.764043,
		.longitude = -4.835659,
		.access_notes = "Digicode 1234B, boîte à clés",
		.nfc_tags = "[\"04A1B2\",\"04C3D4\"]",
		.qr_code = "LIA-QR-1",
		.version = 1,
		.updated_at = T0 + 11,
	};
	assert_int_equal(ptx((struct pcall){.op = P_HOME_PUT, .rec = &h, .v = 0}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "home", g.c1, "insert", 1);
	assert_int_equal(g.c->ops->home_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_string_equal(got.client_id, g.c1);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_true(got.has_coords);
	assert_double_same(got.latitude, 45.764043);
	assert_double_same(got.longitude, -4.835659);
	assert_string_equal(got.access_notes, "Digicode 1234B, boîte à clés");
	assert_string_equal(got.nfc_tags, "[\"04A1B2\",\"04C3D4\"]");
	assert_string_equal(got.qr_code, "LIA-QR-1");
	assert_int_equal(got.version, 1);
	assert_int_equal(got.updated_at, T0 + 11);
	assert_int_equal(ptx((struct pcall){.op = P_HOME_PUT, .rec = &h, .v = 0}),
			 LIA_STORE_CONFLICT);

	/* Replaced at version 1: coordinates dropped, optional columns cleared. */
	struct lia_home bare = {
		.client_id = g.c1,
		.org_id = g.team_a.id,
		.nfc_tags = "[]",
		.version = 2,
		.updated_at = T0 + 12,
	};
	assert_int_equal(ptx((struct pcall){.op = P_HOME_PUT, .rec = &bare, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "home", g.c1, "update", 2);
	assert_int_equal(g.c->ops->home_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_false(got.has_coords);
	assert_null(got.access_notes);
	assert_string_equal(got.nfc_tags, "[]");
	assert_null(got.qr_code);
	assert_int_equal(got.version, 2);
	assert_int_equal(got.updated_at, T0 + 12);
	assert_int_equal(ptx((struct pcall){.op = P_HOME_PUT, .rec = &bare, .v = 1}),
			 LIA_STORE_STALE);
	bare.client_id = g.c2;
	assert_int_equal(ptx((struct pcall){.op = P_HOME_PUT, .rec = &bare, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->home_get(g.c, a, g.c2, &got), LIA_STORE_NOT_FOUND);

	/* Coordinates back on. */
	h.version = 3;
	h.latitude = 0.5;
	h.longitude = 179.999999;
	assert_int_equal(ptx((struct pcall){.op = P_HOME_PUT, .rec = &h, .v = 2}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "home", g.c1, "update", 3);
	assert_int_equal(g.c->ops->home_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_true(got.has_coords);
	assert_double_same(got.latitude, 0.5);
	assert_double_same(got.longitude, 179.999999);
	assert_int_equal(got.version, 3);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- workers ---- */

static const struct lia_worker *
find_worker(const struct lia_worker *items, size_t n, const char *account_id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(items[i].account_id, account_id) == 0)
			return &items[i];
	return NULL;
}

static void
test_worker_list_defaults_and_roles(void **state)
{
	struct lia_arena *a = *state;
	struct lia_worker *items;
	size_t n;
	/* Only enabled staff with a field role; the aide holds two, listed once. */
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.root.path, NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].account_id, g.aide);
	assert_string_equal(items[1].account_id, g.soignant);
	/* No profile yet: the defaults of store.h, the account's own organisation. */
	const struct lia_worker *w = &items[0];
	assert_string_equal(w->org_id, g.team_a.id);
	assert_string_equal(w->display_name, "Aide Un");
	assert_string_equal(w->qualifications, "[]");
	assert_string_equal(w->availability, "[]");
	assert_false(w->has_coords);
	assert_int_equal(w->version, 0);
	assert_string_equal(items[1].org_id, g.assoc_b.id);
	assert_string_equal(items[1].display_name, "Soignant Deux");

	assert_int_equal(g.c->ops->worker_list(g.c, a, g.assoc_a.path, NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].account_id, g.aide);
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.team_a.path, NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].account_id, g.aide);
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.assoc_b.path, NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].account_id, g.soignant);
	assert_int_equal(g.c->ops->worker_list(g.c, a, "/nowhere/", NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);

	/* One account: only when it is a field worker in the scope. */
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.fed.path, g.aide, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].account_id, g.aide);
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.assoc_b.path, g.aide, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	const char *not_workers[] = {g.coord, g.off, g.fam, g.doctor};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(g.c->ops->worker_list(g.c, a, g.root.path, not_workers[i], &items,
						       &n),
				 LIA_STORE_OK);
		assert_int_equal(n, 0);
	}
}

static void
test_worker_put_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_worker p = {
		.account_id = g.aide,
		.org_id = g.assoc_a.id, /* the profile's owner, not the account's org */
		.qualifications = "[\"aide_soignant\",\"toilette\"]",
		.has_coords = true,
		.latitude = 45.75,
		.longitude = 4.85,
		.availability = "[{\"day\":1,\"from\":\"08:00\",\"to\":\"12:00\"}]",
		.version = 1,
		.updated_at = T0 + 13,
	};
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_PUT, .rec = &p, .v = 0}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_a.id, "worker", g.aide, "insert", 1);
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_PUT, .rec = &p, .v = 0}),
			 LIA_STORE_CONFLICT);

	struct lia_worker *items;
	size_t n;
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.fed.path, NULL, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	const struct lia_worker *w = find_worker(items, n, g.aide);
	assert_non_null(w);
	assert_string_equal(w->org_id, g.assoc_a.id);
	assert_string_equal(w->display_name, "Aide Un");
	assert_string_equal(w->qualifications, "[\"aide_soignant\",\"toilette\"]");
	assert_true(w->has_coords);
	assert_double_same(w->latitude, 45.75);
	assert_double_same(w->longitude, 4.85);
	assert_string_equal(w->availability, p.availability);
	assert_int_equal(w->version, 1);
	assert_int_equal(w->updated_at, T0 + 13);
	w = find_worker(items, n, g.soignant);
	assert_non_null(w);
	assert_int_equal(w->version, 0);

	/* Replace at version 1: coordinates gone. */
	p.has_coords = false;
	p.qualifications = "[]";
	p.availability = "[]";
	p.updated_at = T0 + 14;
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_PUT, .rec = &p, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_a.id, "worker", g.aide, "update", 2);
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_PUT, .rec = &p, .v = 1}),
			 LIA_STORE_STALE);
	struct lia_worker q = p;
	q.account_id = g.soignant;
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_PUT, .rec = &q, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->worker_list(g.c, a, g.team_a.path, g.aide, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_false(items[0].has_coords);
	assert_string_equal(items[0].qualifications, "[]");
	assert_int_equal(items[0].version, 2);
	assert_int_equal(items[0].updated_at, T0 + 14);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

static void
test_worker_absence_insert_list_overlap(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct {
		int64_t from, to;
		char id[ID_LEN];
	} ab[5] = {
		{.from = T0 + 10, .to = T0 + 20}, /* ends where the window starts: out */
		{.from = T0 + 15, .to = T0 + 25}, /* overlaps the start */
		{.from = T0 + 22, .to = T0 + 28}, /* inside */
		{.from = T0 + 5, .to = T0 + 50},  /* covers the window */
		{.from = T0 + 30, .to = T0 + 40}, /* starts where the window ends: out */
	};
	for (size_t i = 0; i < 5; i++) {
		new_id(ab[i].id);
		struct lia_worker_absence w = {
			.id = ab[i].id,
			.org_id = g.team_a.id,
			.account_id = g.aide,
			.starts_at = ab[i].from,
			.ends_at = ab[i].to,
			.reason = i == 2 ? "formation" : "congé",
			.created_at = T0 + 1,
			.created_by = g.coord,
		};
		assert_int_equal(ptx((struct pcall){.op = P_WORKER_ABSENCE, .rec = &w}),
				 LIA_STORE_OK);
		lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "worker_absence",
						   ab[i].id, "insert", 1);
	}
	char other[ID_LEN];
	new_id(other);
	struct lia_worker_absence theirs = {
		.id = other,
		.org_id = g.assoc_b.id,
		.account_id = g.soignant,
		.starts_at = T0 + 21,
		.ends_at = T0 + 29,
		.reason = "congé",
		.created_at = T0 + 1,
		.created_by = g.coord,
	};
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_ABSENCE, .rec = &theirs}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "worker_absence",
					   other, "insert", 1);
	assert_int_equal(ptx((struct pcall){.op = P_WORKER_ABSENCE, .rec = &theirs}),
			 LIA_STORE_CONFLICT);

	struct lia_worker_absence *items;
	size_t n;
	assert_int_equal(g.c->ops->worker_absence_list(g.c, a, g.aide, T0 + 20, T0 + 30, &items,
						       &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, ab[3].id);
	assert_string_equal(items[1].id, ab[1].id);
	assert_string_equal(items[2].id, ab[2].id);
	const struct lia_worker_absence *x = &items[2];
	assert_string_equal(x->org_id, g.team_a.id);
	assert_string_equal(x->account_id, g.aide);
	assert_int_equal(x->starts_at, T0 + 22);
	assert_int_equal(x->ends_at, T0 + 28);
	assert_string_equal(x->reason, "formation");
	assert_int_equal(x->created_at, T0 + 1);
	assert_string_equal(x->created_by, g.coord);
	assert_int_equal(g.c->ops->worker_absence_list(g.c, a, g.aide, T0 + 100, T0 + 200, &items,
						       &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->worker_absence_list(g.c, a, g.soignant, T0, T0 + 100, &items,
						       &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, other);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- rounds ---- */

static void
insert_round(char id[ID_LEN], const char *org_id, const char *date, const char *name,
	     const char *worker_id)
{
	new_id(id);
	struct lia_round r = {
		.id = id,
		.org_id = org_id,
		.round_date = date,
		.name = name,
		.worker_id = worker_id,
		.version = 1,
		.created_at = T0 + 3,
	};
	assert_int_equal(ptx((struct pcall){.op = P_ROUND, .rec = &r}), LIA_STORE_OK);
}

static void
test_round_insert_get_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char r[5][ID_LEN];
	insert_round(r[0], g.team_a.id, "2025-07-01", "Tournée B", g.aide);
	insert_round(r[1], g.team_a.id, "2025-07-01", "Tournée A", NULL);
	insert_round(r[2], g.assoc_b.id, "2025-07-01", "Tournée A", g.soignant);
	insert_round(r[3], g.team_a.id, "2025-07-02", "Tournée A", NULL);
	insert_round(r[4], g.team_a.id, "2025-07-01", "Tournée A", NULL);
	memcpy(g.round, r[0], ID_LEN);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "round", r[0], "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "round", r[1], "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "round", r[2], "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "round", r[3], "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "round", r[4], "insert", 1);

	struct lia_round got;
	assert_int_equal(g.c->ops->round_get(g.c, a, r[0], &got), LIA_STORE_OK);
	assert_string_equal(got.id, r[0]);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.round_date, "2025-07-01");
	assert_string_equal(got.name, "Tournée B");
	assert_string_equal(got.worker_id, g.aide);
	assert_int_equal(got.version, 1);
	assert_int_equal(got.created_at, T0 + 3);
	assert_int_equal(g.c->ops->round_get(g.c, a, r[1], &got), LIA_STORE_OK);
	assert_null(got.worker_id);
	assert_int_equal(g.c->ops->round_get(g.c, a, g.c1, &got), LIA_STORE_NOT_FOUND);
	struct lia_round dup = got;
	assert_int_equal(ptx((struct pcall){.op = P_ROUND, .rec = &dup}), LIA_STORE_CONFLICT);

	struct lia_round *items;
	size_t n;
	assert_int_equal(g.c->ops->round_list(g.c, a, g.assoc_a.path, "2025-07-01", &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, r[1]);
	assert_string_equal(items[1].id, r[4]);
	assert_string_equal(items[2].id, r[0]);
	assert_string_equal(items[2].worker_id, g.aide);
	assert_int_equal(g.c->ops->round_list(g.c, a, g.fed.path, "2025-07-01", &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].id, r[1]);
	assert_string_equal(items[1].id, r[2]);
	assert_string_equal(items[2].id, r[4]);
	assert_string_equal(items[3].id, r[0]);
	assert_int_equal(g.c->ops->round_list(g.c, a, g.assoc_b.path, "2025-07-01", &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, r[2]);
	assert_int_equal(g.c->ops->round_list(g.c, a, g.team_a.path, "2025-07-02", &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, r[3]);
	assert_int_equal(g.c->ops->round_list(g.c, a, g.team_a.path, "2025-07-03", &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- visits ---- */

/* A planned one-off visit with only the mandatory columns. */
static struct lia_visit
visit_fx(const char *id, const char *org_id, const char *client_id, int64_t start)
{
	return (struct lia_visit){
		.id = id,
		.org_id = org_id,
		.client_id = client_id,
		.type = "aide",
		.planned_start = start,
		.planned_end = start + HOUR_US,
		.tasks = "[]",
		.status = "planned",
		.version = 1,
		.created_at = T0,
		.updated_at = T0,
	};
}

/* Every column set, every optional one non-NULL. */
static struct lia_visit
visit_full_fx(const char *id)
{
	struct lia_visit v = visit_fx(id, g.team_a.id, g.c1, T_VISIT + 8 * HOUR_US);
	v.series_id = g.series;
	v.intervention_id = g.intervention;
	v.occurrence_date = "2025-06-16";
	v.type = "aide_toilette";
	v.label = "Toilette";
	v.planned_end = T_VISIT + 9 * HOUR_US;
	v.qualification = "aide_soignant";
	v.tasks = "[\"toilette\",\"habillage\"]";
	v.funder = "apa";
	v.status = "done";
	v.suspended_by = g.absence;
	v.manual = true;
	v.worker_id = g.aide;
	v.cancel_reason = "client_absent";
	v.cancel_note = "Personne à la porte";
	v.round_id = g.round;
	v.round_position = 3;
	v.check_in_at = T_VISIT + 8 * HOUR_US + 2 * MINUTE_US;
	v.check_in_device_at = T_VISIT + 8 * HOUR_US + MINUTE_US;
	v.check_in_method = "nfc";
	v.check_out_at = T_VISIT + 9 * HOUR_US + 5 * MINUTE_US;
	v.check_out_device_at = T_VISIT + 9 * HOUR_US + 4 * MINUTE_US;
	v.check_out_method = "qr";
	v.retained_start = T_VISIT + 8 * HOUR_US;
	v.retained_end = T_VISIT + 9 * HOUR_US;
	v.correction_code = "HOR";
	v.tasks_done = "[{\"task\":\"toilette\",\"done\":true}]";
	v.delivery_outcome = "delivered";
	v.delivery_reason = "voisin";
	v.anomalies = "[\"late_check_in\"]";
	v.late_alert_at = T_VISIT + 8 * HOUR_US + 20 * MINUTE_US;
	v.overdue_alert_at = T_VISIT + 9 * HOUR_US + 30 * MINUTE_US;
	v.version = 1;
	v.created_at = T_VISIT - DAY_US;
	v.updated_at = T_VISIT - HOUR_US;
	return v;
}

static void
assert_visit_equal(const struct lia_visit *got, const struct lia_visit *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->client_id, want->client_id);
	lia_assert_str_or_null(got->series_id, want->series_id);
	lia_assert_str_or_null(got->intervention_id, want->intervention_id);
	lia_assert_str_or_null(got->occurrence_date, want->occurrence_date);
	assert_string_equal(got->type, want->type);
	lia_assert_str_or_null(got->label, want->label);
	assert_int_equal(got->planned_start, want->planned_start);
	assert_int_equal(got->planned_end, want->planned_end);
	lia_assert_str_or_null(got->qualification, want->qualification);
	assert_string_equal(got->tasks, want->tasks);
	lia_assert_str_or_null(got->funder, want->funder);
	assert_string_equal(got->status, want->status);
	lia_assert_str_or_null(got->suspended_by, want->suspended_by);
	assert_int_equal(got->manual, want->manual);
	lia_assert_str_or_null(got->worker_id, want->worker_id);
	lia_assert_str_or_null(got->cancel_reason, want->cancel_reason);
	lia_assert_str_or_null(got->cancel_note, want->cancel_note);
	lia_assert_str_or_null(got->round_id, want->round_id);
	assert_int_equal(got->round_position, want->round_position);
	assert_int_equal(got->check_in_at, want->check_in_at);
	assert_int_equal(got->check_in_device_at, want->check_in_device_at);
	lia_assert_str_or_null(got->check_in_method, want->check_in_method);
	assert_int_equal(got->check_out_at, want->check_out_at);
	assert_int_equal(got->check_out_device_at, want->check_out_device_at);
	lia_assert_str_or_null(got->check_out_method, want->check_out_method);
	assert_int_equal(got->retained_start, want->retained_start);
	assert_int_equal(got->retained_end, want->retained_end);
	lia_assert_str_or_null(got->correction_code, want->correction_code);
	lia_assert_str_or_null(got->tasks_done, want->tasks_done);
	lia_assert_str_or_null(got->delivery_outcome, want->delivery_outcome);
	lia_assert_str_or_null(got->delivery_reason, want->delivery_reason);
	lia_assert_str_or_null(got->anomalies, want->anomalies);
	assert_int_equal(got->late_alert_at, want->late_alert_at);
	assert_int_equal(got->overdue_alert_at, want->overdue_alert_at);
	assert_int_equal(got->version, want->version);
	assert_int_equal(got->created_at, want->created_at);
	assert_int_equal(got->updated_at, want->updated_at);
}

static void
test_visit_insert_get_roundtrip(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	new_id(g.visit_full);
	new_id(g.visit_min);
	struct lia_visit full = visit_full_fx(g.visit_full);
	struct lia_visit min = visit_fx(g.visit_min, g.team_a.id, g.c1, T_VISIT + 14 * HOUR_US);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &full}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &min}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "visit", g.visit_full, "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "visit", g.visit_min, "insert", 1);

	struct lia_visit got;
	assert_int_equal(g.c->ops->visit_get(g.c, a, g.visit_full, &got), LIA_STORE_OK);
	assert_visit_equal(&got, &full);
	assert_true(got.manual);
	assert_int_equal(g.c->ops->visit_get(g.c, a, g.visit_min, &got), LIA_STORE_OK);
	assert_visit_equal(&got, &min);
	assert_false(got.manual);
	assert_null(got.series_id);
	assert_null(got.worker_id);
	assert_null(got.tasks_done);
	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->visit_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);

	/* Same id; same (series, occurrence date) under another id: CONFLICT. One-off
	 * visits have no occurrence key and never collide. */
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &full}), LIA_STORE_CONFLICT);
	struct lia_visit again = visit_full_fx(unknown);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &again}), LIA_STORE_CONFLICT);
	again.occurrence_date = "2025-06-17";
	again.planned_start += DAY_US;
	again.planned_end += DAY_US;
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &again}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "visit", unknown, "insert", 1);
	char oneoff[ID_LEN];
	new_id(oneoff);
	struct lia_visit twin = visit_fx(oneoff, g.team_a.id, g.c1, T_VISIT + 14 * HOUR_US);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &twin}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "visit", oneoff, "insert", 1);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

static void
test_visit_update_version(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	/* Fill every writable column of the minimal visit; the identity columns sent
	 * along differ and must not change. */
	struct lia_visit v = visit_full_fx(g.visit_min);
	v.org_id = g.assoc_b.id;
	v.client_id = g.c3;
	v.occurrence_date = "2031-01-01";
	v.created_at = 5;
	v.planned_start = T_VISIT + 15 * HOUR_US;
	v.planned_end = T_VISIT + 16 * HOUR_US;
	v.updated_at = T_VISIT + 1;
	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &v, .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "visit", g.visit_min, "update", 2);
	struct lia_visit got;
	assert_int_equal(g.c->ops->visit_get(g.c, a, g.visit_min, &got), LIA_STORE_OK);
	struct lia_visit want = v;
	want.org_id = g.team_a.id;
	want.client_id = g.c1;
	want.series_id = NULL;
	want.occurrence_date = NULL;
	want.created_at = T0;
	want.version = 2;
	assert_visit_equal(&got, &want);

	/* And back to NULLs on the full visit. */
	struct lia_visit cleared = visit_fx(g.visit_full, g.team_a.id, g.c1, T_VISIT + 8 * HOUR_US);
	cleared.status = "cancelled";
	cleared.updated_at = T_VISIT + 2;
	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &cleared, .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "visit", g.visit_full, "update", 2);
	assert_int_equal(g.c->ops->visit_get(g.c, a, g.visit_full, &got), LIA_STORE_OK);
	want = cleared;
	want.series_id = g.series;
	want.occurrence_date = "2025-06-16";
	want.created_at = T_VISIT - DAY_US;
	want.version = 2;
	assert_visit_equal(&got, &want);

	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &cleared, .v = 1}),
			 LIA_STORE_STALE);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &cleared, .v = 3}),
			 LIA_STORE_STALE);
	char unknown[ID_LEN];
	new_id(unknown);
	cleared.id = unknown;
	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &cleared, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->visit_get(g.c, a, g.visit_full, &got), LIA_STORE_OK);
	assert_int_equal(got.version, 2);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* The visit_list family, in period T_LIST. Ids are generated in index order and the
 * rows inserted in reverse, so that ties on planned_start are broken by id and not
 * by insertion order. c4 is a client of assoc_a itself. */
#define NL 8
static struct {
	char id[NL][ID_LEN];
	char round[ID_LEN], series[ID_LEN], series2[ID_LEN];
	char *c4;
	int made;
} vl;

static void
ensure_list_visits(void)
{
	if (vl.made)
		return;
	vl.made = 1;
	vl.c4 = make_client(g.assoc_a.id, "LISTE", "DORA");
	insert_round(vl.round, g.team_a.id, "2025-09-23", "Tournée liste", g.aide);
	new_id(vl.series);
	new_id(vl.series2);
	for (int i = 0; i < NL; i++)
		new_id(vl.id[i]);
	const int64_t b = T_LIST;
	struct lia_visit v[NL] = {
		visit_fx(vl.id[0], g.team_a.id, g.c1, b + 1 * HOUR_US),
		visit_fx(vl.id[1], g.team_a.id, g.c1, b + 2 * HOUR_US),
		visit_fx(vl.id[2], g.team_a.id, g.c1, b + 2 * HOUR_US),
		visit_fx(vl.id[3], g.team_a.id, g.c2, b + 3 * HOUR_US),
		visit_fx(vl.id[4], g.assoc_b.id, g.c3, b + 2 * HOUR_US),
		visit_fx(vl.id[5], g.team_a.id, g.c1, b + 30 * HOUR_US),
		visit_fx(vl.id[6], g.team_a.id, g.c2, b + 2 * HOUR_US),
		visit_fx(vl.id[7], g.assoc_a.id, vl.c4, b + 4 * HOUR_US),
	};
	v[0].worker_id = g.aide;
	v[2].worker_id = g.aide;
	v[2].status = "done";
	v[3].worker_id = g.aide;
	v[3].round_id = vl.round;
	v[3].round_position = 1;
	v[3].series_id = vl.series;
	v[3].occurrence_date = "2025-09-23";
	v[4].worker_id = g.soignant;
	v[5].status = "cancelled";
	v[5].series_id = vl.series2;
	v[5].occurrence_date = "2025-09-24";
	v[7].status = "in_progress";
	for (int i = NL - 1; i >= 0; i--)
		assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &v[i]}), LIA_STORE_OK);
}

/* Lists q and compares the ids with the indices expected, in order. */
static void
expect_visits(struct lia_arena *a, const struct lia_visit_query *q, const int *want, size_t nwant)
{
	struct lia_visit *items;
	size_t n;
	assert_int_equal(g.c->ops->visit_list(g.c, a, q, &items, &n), LIA_STORE_OK);
	if (n != nwant) {
		for (size_t i = 0; i < n; i++)
			for (int k = 0; k < NL; k++)
				if (strcmp(items[i].id, vl.id[k]) == 0)
					print_message("got v%d\n", k);
	}
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(items[i].id, vl.id[want[i]]);
}

#define EXPECT_VISITS(a, q, ...)                                                \
	do {                                                                    \
		const int want_[] = {__VA_ARGS__};                              \
		expect_visits((a), (q), want_, sizeof want_ / sizeof want_[0]); \
	} while (0)
#define EXPECT_NO_VISITS(a, q) expect_visits((a), (q), NULL, 0)

static void
test_visit_list_filters(void **state)
{
	struct lia_arena *a = *state;
	ensure_list_visits();
	const int64_t b = T_LIST;
	const char *fed[] = {g.fed.path};
	const char *team[] = {g.team_a.path};
	const char *assoc_a[] = {g.assoc_a.path};
	const char *assoc_b[] = {g.assoc_b.path};

	/* By client, whole history: its visits of every test period, filtered here to
	 * the list period. */
	struct lia_visit_query q = {.client_id = g.c1, .from = b, .limit = 100};
	EXPECT_VISITS(a, &q, 0, 1, 2, 5);
	q.to = b + DAY_US;
	EXPECT_VISITS(a, &q, 0, 1, 2);
	q.from = b + 2 * HOUR_US;
	EXPECT_VISITS(a, &q, 1, 2);
	q.from = b;
	q.to = b + 2 * HOUR_US; /* to is exclusive */
	EXPECT_VISITS(a, &q, 0);
	q.to = 0;
	q.status = "planned";
	EXPECT_VISITS(a, &q, 0, 1);
	q.status = NULL;
	q.unassigned = true;
	EXPECT_VISITS(a, &q, 1, 5);
	q.unassigned = false;
	q.scope_paths = assoc_b;
	q.nscope = 1;
	EXPECT_NO_VISITS(a, &q);
	q.scope_paths = team;
	EXPECT_VISITS(a, &q, 0, 1, 2, 5);
	q.series_id = vl.series2;
	EXPECT_VISITS(a, &q, 5);
	q.series_id = NULL;
	q.worker_id = g.aide;
	EXPECT_VISITS(a, &q, 0, 2);

	/* By worker. */
	q = (struct lia_visit_query){
		.worker_id = g.aide, .from = b, .to = b + DAY_US, .limit = 100};
	EXPECT_VISITS(a, &q, 0, 2, 3);
	q.status = "planned";
	EXPECT_VISITS(a, &q, 0, 3);
	q.status = NULL;
	q.scope_paths = assoc_b;
	q.nscope = 1;
	EXPECT_NO_VISITS(a, &q);
	q.worker_id = g.soignant;
	EXPECT_VISITS(a, &q, 4);
	q.unassigned = true;
	EXPECT_NO_VISITS(a, &q);

	/* By round and by series. */
	q = (struct lia_visit_query){.round_id = vl.round, .limit = 100};
	EXPECT_VISITS(a, &q, 3);
	q = (struct lia_visit_query){.series_id = vl.series, .limit = 100};
	EXPECT_VISITS(a, &q, 3);
	q.client_id = g.c1;
	EXPECT_NO_VISITS(a, &q);

	/* By scope: every organisation under the path, ties by id. */
	q = (struct lia_visit_query){.scope_paths = team, .nscope = 1, .from = b, .limit = 100};
	EXPECT_VISITS(a, &q, 0, 1, 2, 6, 3, 5);
	q.scope_paths = assoc_a;
	EXPECT_VISITS(a, &q, 0, 1, 2, 6, 3, 7, 5);
	q.scope_paths = fed;
	q.to = b + DAY_US;
	EXPECT_VISITS(a, &q, 0, 1, 2, 4, 6, 3, 7);
	q.to = 0;
	q.unassigned = true;
	EXPECT_VISITS(a, &q, 1, 6, 7, 5);
	q.unassigned = false;
	q.status = "cancelled";
	EXPECT_VISITS(a, &q, 5);
	q.status = "in_progress";
	EXPECT_VISITS(a, &q, 7);
	q.status = NULL;
	q.scope_paths = assoc_b;
	EXPECT_VISITS(a, &q, 4);
	const char *two[] = {g.team_a.path, g.assoc_b.path};
	q.scope_paths = two;
	q.nscope = 2;
	EXPECT_VISITS(a, &q, 0, 1, 2, 4, 6, 3, 5);
	q.limit = 3;
	EXPECT_VISITS(a, &q, 0, 1, 2);

	/* No filter at all: the whole database in the period (server-internal). */
	q = (struct lia_visit_query){.from = b, .to = b + 2 * DAY_US, .limit = 100};
	EXPECT_VISITS(a, &q, 0, 1, 2, 4, 6, 3, 7, 5);
	q.unassigned = true;
	q.status = "planned";
	EXPECT_VISITS(a, &q, 1, 6);
	/* limit 0 lists nothing. */
	q = (struct lia_visit_query){.client_id = g.c1, .from = b, .limit = 0};
	EXPECT_NO_VISITS(a, &q);
}

static void
test_visit_list_cursor_pages(void **state)
{
	struct lia_arena *a = *state;
	ensure_list_visits();
	const char *fed[] = {g.fed.path};
	const int order[] = {0, 1, 2, 4, 6, 3, 7, 5};
	/* Pages of 3 by scope, and pages of 1 by client, follow the full order. */
	for (int pass = 0; pass < 2; pass++) {
		struct lia_visit_query q = {.from = T_LIST, .limit = pass ? 1 : 3};
		if (pass) {
			q.client_id = g.c1;
		} else {
			q.scope_paths = fed;
			q.nscope = 1;
		}
		const int *want = order;
		const int client_order[] = {0, 1, 2, 5};
		size_t nwant = pass ? 4 : NL;
		if (pass)
			want = client_order;
		size_t seen = 0;
		for (int page = 0; page < NL + 2; page++) {
			struct lia_visit *items;
			size_t n;
			assert_int_equal(g.c->ops->visit_list(g.c, a, &q, &items, &n),
					 LIA_STORE_OK);
			if (n == 0)
				break;
			assert_true(n <= (size_t)q.limit);
			for (size_t i = 0; i < n; i++) {
				assert_true(seen < nwant);
				assert_string_equal(items[i].id, vl.id[want[seen]]);
				seen++;
			}
			q.after_start = items[n - 1].planned_start;
			q.after_id = items[n - 1].id;
		}
		assert_int_equal(seen, nwant);
	}

	/* A cursor inside a tie at b + 2 h: strictly after (planned_start, id). */
	struct lia_visit_query q = {.scope_paths = fed,
				    .nscope = 1,
				    .from = T_LIST,
				    .limit = 100,
				    .after_start = T_LIST + 2 * HOUR_US,
				    .after_id = vl.id[2]};
	EXPECT_VISITS(a, &q, 4, 6, 3, 7, 5);
	/* The cursor and from together: the later bound wins. */
	q.from = T_LIST + 3 * HOUR_US;
	EXPECT_VISITS(a, &q, 3, 7, 5);
}

static void
test_visit_list_many_scopes(void **state)
{
	struct lia_arena *a = *state;
	ensure_list_visits();
	/* More paths than one statement takes (8), overlapping, some matching nothing:
	 * the same answer as the one path covering them, each visit once. */
	const char *paths[12];
	for (int i = 0; i < 12; i++)
		paths[i] = "/nowhere/";
	paths[1] = g.team_a.path;
	paths[3] = g.assoc_a.path;
	paths[9] = g.assoc_b.path;
	paths[11] = g.team_a.path;
	struct lia_visit_query q = {
		.scope_paths = paths, .nscope = 12, .from = T_LIST, .limit = 100};
	EXPECT_VISITS(a, &q, 0, 1, 2, 4, 6, 3, 7, 5);
	q.limit = 4;
	EXPECT_VISITS(a, &q, 0, 1, 2, 4);
	q.after_start = T_LIST + 2 * HOUR_US;
	q.after_id = vl.id[4];
	EXPECT_VISITS(a, &q, 6, 3, 7, 5);
	q = (struct lia_visit_query){.scope_paths = paths,
				     .nscope = 12,
				     .from = T_LIST,
				     .worker_id = g.soignant,
				     .limit = 100};
	EXPECT_VISITS(a, &q, 4);
}

static void
test_visit_list_vigilance_selection(void **state)
{
	struct lia_arena *a = *state;
	const int64_t b = T_VIGIL;
	enum { NG = 11 };
	char id[NG][ID_LEN];
	for (int i = 0; i < NG; i++)
		new_id(id[i]);
	struct lia_visit v[NG];
	for (int i = 0; i < NG; i++)
		v[i] = visit_fx(id[i], i % 2 ? g.assoc_b.id : g.team_a.id, i % 2 ? g.c3 : g.c1,
				b + HOUR_US);
	v[1].late_alert_at = b + 2 * HOUR_US; /* planned, already late: out */
	v[2].status = "in_progress";          /* waiting for check-out: in */
	v[2].planned_start = b + 3 * HOUR_US;
	v[3].status = "in_progress"; /* already overdue: out */
	v[3].overdue_alert_at = b + 3 * HOUR_US;
	v[4].status = "done";                    /* out */
	v[5].status = "cancelled";               /* out */
	v[6].overdue_alert_at = b + 4 * HOUR_US; /* planned, not late yet: in */
	v[6].planned_start = b + 4 * HOUR_US;
	v[7].status = "in_progress"; /* late at check-in, not overdue: in */
	v[7].late_alert_at = b + 2 * HOUR_US;
	v[8].planned_start = b + DAY_US; /* at to: out */
	v[9].planned_start = b - 1;      /* before from: out */
	v[10].status = "suspended";      /* out */
	for (int i = NG - 1; i >= 0; i--)
		assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &v[i]}), LIA_STORE_OK);

	struct lia_visit *items;
	size_t n;
	assert_int_equal(g.c->ops->visit_list_vigilance(g.c, a, b, b + DAY_US, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].id, id[0]);
	assert_string_equal(items[1].id, id[7]);
	assert_string_equal(items[2].id, id[2]);
	assert_string_equal(items[3].id, id[6]);
	assert_visit_equal(&items[1], &v[7]);
	assert_int_equal(g.c->ops->visit_list_vigilance(g.c, a, b, b + DAY_US, 2, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, id[0]);
	assert_string_equal(items[1].id, id[7]);

	/* Once the late alert is recorded, the visit drops out. */
	struct lia_visit late = v[0];
	late.late_alert_at = b + 2 * HOUR_US;
	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &late, .v = 1}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->visit_list_vigilance(g.c, a, b, b + DAY_US, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, id[7]);
	assert_int_equal(g.c->ops->visit_list_vigilance(g.c, a, b - DAY_US, b + 2 * DAY_US, 100,
							&items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	assert_string_equal(items[0].id, id[9]);
	assert_string_equal(items[4].id, id[8]);
}

/* ---- clock events ---- */

static void
test_clock_event_insert_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char id[3][ID_LEN];
	for (int i = 0; i < 3; i++)
		new_id(id[i]);
	const int64_t s = T_VISIT + 8 * HOUR_US;
	struct lia_clock_event located = {
		.id = id[0],
		.org_id = g.team_a.id,
		.client_id = g.c1,
		.visit_id = g.visit_full,
		.kind = "check_in",
		.server_at = s + 10,
		.device_at = s + 9,
		.method = "nfc",
		.tag = "04A1B2",
		.has_location = true,
		.latitude = 45.764043,
		.longitude = 4.835659,
		.accuracy_m = 12.5,
		.distance_m = 0,
		.outside_radius = false,
		.by_account = g.aide,
	};
	struct lia_clock_event bare = {
		.id = id[1],
		.org_id = g.team_a.id,
		.client_id = g.c1,
		.visit_id = g.visit_full,
		.kind = "check_out",
		.server_at = s + 10, /* same instant: id breaks the tie */
		.method = "manual",
		.distance_m = -1,
		.outside_radius = true,
		.by_account = g.coord,
		.reason = "Oubli de pointage",
	};
	struct lia_clock_event first = located;
	first.id = id[2];
	first.server_at = s;
	first.device_at = 0;
	first.method = "app";
	first.tag = NULL;
	first.distance_m = 812.25;
	first.outside_radius = true;
	assert_int_equal(ptx((struct pcall){.op = P_CLOCK_EVENT, .rec = &bare}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_CLOCK_EVENT, .rec = &located}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_CLOCK_EVENT, .rec = &first}), LIA_STORE_OK);
	assert_int_equal(ptx((struct pcall){.op = P_CLOCK_EVENT, .rec = &first}),
			 LIA_STORE_CONFLICT);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "clock_event", id[1], "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "clock_event", id[0], "insert", 1);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "clock_event", id[2], "insert", 1);
	lia_store_fx_expect_no_change(g.c, a, mark);

	struct lia_clock_event *items;
	size_t n;
	assert_int_equal(g.c->ops->clock_event_list(g.c, a, g.visit_full, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, id[2]);
	assert_string_equal(items[1].id, id[0]);
	assert_string_equal(items[2].id, id[1]);
	const struct lia_clock_event *x = &items[1];
	assert_string_equal(x->org_id, g.team_a.id);
	assert_string_equal(x->client_id, g.c1);
	assert_string_equal(x->visit_id, g.visit_full);
	assert_string_equal(x->kind, "check_in");
	assert_int_equal(x->server_at, s + 10);
	assert_int_equal(x->device_at, s + 9);
	assert_string_equal(x->method, "nfc");
	assert_string_equal(x->tag, "04A1B2");
	assert_true(x->has_location);
	assert_double_same(x->latitude, 45.764043);
	assert_double_same(x->longitude, 4.835659);
	assert_double_same(x->accuracy_m, 12.5);
	assert_double_same(x->distance_m, 0);
	assert_false(x->outside_radius);
	assert_string_equal(x->by_account, g.aide);
	assert_null(x->reason);
	x = &items[2];
	assert_string_equal(x->kind, "check_out");
	assert_int_equal(x->device_at, 0);
	assert_string_equal(x->method, "manual");
	assert_null(x->tag);
	assert_false(x->has_location);
	assert_true(x->distance_m < 0);
	assert_true(x->outside_radius);
	assert_string_equal(x->by_account, g.coord);
	assert_string_equal(x->reason, "Oubli de pointage");
	x = &items[0];
	assert_int_equal(x->device_at, 0);
	assert_null(x->tag);
	assert_double_same(x->distance_m, 812.25);
	assert_int_equal(g.c->ops->clock_event_list(g.c, a, g.visit_min, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

/* ---- alerts ---- */

static struct lia_alert
alert_fx(const char *id, const char *org_id, const char *client_id, const char *type,
	 const char *state, int64_t raised_at)
{
	return (struct lia_alert){
		.id = id,
		.org_id = org_id,
		.client_id = client_id,
		.type = type,
		.severity = "medium",
		.state = state,
		.source = "rule",
		.dedup_key = lia_arena_printf(g.keep, "%s:%s", type, id),
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
	assert_int_equal(got->version, want->version);
}

static void
test_alert_insert_get_update(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char id[ID_LEN], other[ID_LEN], unknown[ID_LEN];
	new_id(id);
	new_id(other);
	new_id(unknown);
	struct lia_alert al = alert_fx(id, g.team_a.id, g.c1, "visit_late", "raised", T0 + 100);
	al.severity = "high";
	al.source_ref = g.visit_full;
	al.dedup_key = lia_arena_printf(a, "visit_late:%s", g.visit_full);
	al.details = "{\"visit\":\"x\",\"minutes\":20}";
	assert_int_equal(ptx((struct pcall){.op = P_ALERT, .rec = &al}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alert", id, "insert", 1);
	struct lia_alert got;
	assert_int_equal(g.c->ops->alert_get(g.c, a, id, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &al);
	assert_int_equal(g.c->ops->alert_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);

	/* Same id, or the same dedup key under another id: raised once. */
	assert_int_equal(ptx((struct pcall){.op = P_ALERT, .rec = &al}), LIA_STORE_CONFLICT);
	struct lia_alert twice = al;
	twice.id = other;
	assert_int_equal(ptx((struct pcall){.op = P_ALERT, .rec = &twice}), LIA_STORE_CONFLICT);
	assert_int_equal(g.c->ops->alert_get(g.c, a, other, &got), LIA_STORE_NOT_FOUND);

	/* Acknowledged, then resolved; the other columns sent along do not change. */
	struct lia_alert ack = al;
	ack.state = "acknowledged";
	ack.acknowledged_at = T0 + 110;
	ack.acknowledged_by = g.coord;
	ack.type = "changed";
	ack.severity = "low";
	ack.details = "{\"changed\":true}";
	ack.raised_at = 1;
	ack.dedup_key = "changed";
	assert_int_equal(ptx((struct pcall){.op = P_ALERT_UPDATE, .rec = &ack, .v = 1}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alert", id, "update", 2);
	struct lia_alert want = al;
	want.state = "acknowledged";
	want.acknowledged_at = T0 + 110;
	want.acknowledged_by = g.coord;
	want.version = 2;
	assert_int_equal(g.c->ops->alert_get(g.c, a, id, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &want);

	struct lia_alert done = want;
	done.state = "resolved";
	done.resolved_at = T0 + 120;
	done.resolved_by = g.aide;
	done.outcome = "visited";
	done.note = "Arrivée avec 25 minutes de retard";
	assert_int_equal(ptx((struct pcall){.op = P_ALERT_UPDATE, .rec = &done, .v = 2}),
			 LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "alert", id, "update", 3);
	done.version = 3;
	assert_int_equal(g.c->ops->alert_get(g.c, a, id, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &done);

	assert_int_equal(ptx((struct pcall){.op = P_ALERT_UPDATE, .rec = &done, .v = 2}),
			 LIA_STORE_STALE);
	done.id = unknown;
	assert_int_equal(ptx((struct pcall){.op = P_ALERT_UPDATE, .rec = &done, .v = 1}),
			 LIA_STORE_NOT_FOUND);

	/* An alert about no client (a device, a failed round). */
	struct lia_alert orphan =
		alert_fx(other, g.assoc_b.id, NULL, "device_offline", "raised", T0 + 130);
	orphan.source = "device";
	assert_int_equal(ptx((struct pcall){.op = P_ALERT, .rec = &orphan}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "alert", other, "insert", 1);
	assert_int_equal(g.c->ops->alert_get(g.c, a, other, &got), LIA_STORE_OK);
	assert_alert_equal(&got, &orphan);
	assert_null(got.client_id);
	assert_null(got.source_ref);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* The alert_list family, in period T_ALERT; ids generated in index order, rows
 * inserted in reverse. */
#define NA 7
static struct {
	char id[NA][ID_LEN];
	int made;
} la;

static void
ensure_list_alerts(void)
{
	if (la.made)
		return;
	la.made = 1;
	for (int i = 0; i < NA; i++)
		new_id(la.id[i]);
	const int64_t b = T_ALERT;
	struct lia_alert x[NA] = {
		alert_fx(la.id[0], g.team_a.id, g.c1, "visit_late", "raised", b + 1),
		alert_fx(la.id[1], g.team_a.id, g.c2, "visit_not_checked_out", "acknowledged",
			 b + 2),
		alert_fx(la.id[2], g.assoc_b.id, g.c3, "visit_late", "raised", b + 3),
		alert_fx(la.id[3], g.team_a.id, NULL, "delivery_failed", "resolved", b + 3),
		alert_fx(la.id[4], g.assoc_a.id, NULL, "visit_late", "cancelled", b + 4),
		alert_fx(la.id[5], g.team_a.id, g.c1, "visit_late", "in_progress", b + 5),
		alert_fx(la.id[6], g.assoc_a.id, NULL, "visit_late", "raised", b + 3),
	};
	for (int i = NA - 1; i >= 0; i--)
		assert_int_equal(ptx((struct pcall){.op = P_ALERT, .rec = &x[i]}), LIA_STORE_OK);
}

static void
expect_alerts(struct lia_arena *a, const struct lia_alert_query *q, const int *want, size_t nwant)
{
	struct lia_alert *items;
	size_t n;
	assert_int_equal(g.c->ops->alert_list(g.c, a, q, &items, &n), LIA_STORE_OK);
	if (n != nwant) {
		for (size_t i = 0; i < n; i++)
			for (int k = 0; k < NA; k++)
				if (strcmp(items[i].id, la.id[k]) == 0)
					print_message("got a%d\n", k);
	}
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(items[i].id, la.id[want[i]]);
}

#define EXPECT_ALERTS(a, q, ...)                                                \
	do {                                                                    \
		const int want_[] = {__VA_ARGS__};                              \
		expect_alerts((a), (q), want_, sizeof want_ / sizeof want_[0]); \
	} while (0)
#define EXPECT_NO_ALERTS(a, q) expect_alerts((a), (q), NULL, 0)

/* Only the alerts of the list period: a cursor just after it. */
static struct lia_alert_query
alert_q(const char *const *paths, int nscope)
{
	return (struct lia_alert_query){
		.scope_paths = paths,
		.nscope = nscope,
		.before_raised_at = T_ALERT + DAY_US,
		.before_id = "",
		.limit = 100,
	};
}

static void
test_alert_list_filters_order(void **state)
{
	struct lia_arena *a = *state;
	ensure_list_alerts();
	const char *fed[] = {g.fed.path};
	const char *assoc_a[] = {g.assoc_a.path};
	const char *team[] = {g.team_a.path};
	const char *assoc_b[] = {g.assoc_b.path};

	/* Newest first; a3, a2 and a6 raised together: id descending. */
	struct lia_alert_query q = alert_q(fed, 1);
	EXPECT_ALERTS(a, &q, 5, 4, 6, 3, 2, 1, 0);
	q.state = "open";
	EXPECT_ALERTS(a, &q, 5, 6, 2, 1, 0);
	q.scope_paths = assoc_a;
	EXPECT_ALERTS(a, &q, 5, 6, 1, 0);
	q.scope_paths = team;
	EXPECT_ALERTS(a, &q, 5, 1, 0);
	q.client_id = g.c1;
	EXPECT_ALERTS(a, &q, 5, 0);
	q.client_id = NULL;
	q.type = "visit_late";
	EXPECT_ALERTS(a, &q, 5, 0);
	q.scope_paths = assoc_b;
	EXPECT_ALERTS(a, &q, 2);
	q.type = NULL;
	q.state = "resolved";
	EXPECT_NO_ALERTS(a, &q);
	q.scope_paths = assoc_a;
	EXPECT_ALERTS(a, &q, 3);
	q.state = "raised";
	EXPECT_ALERTS(a, &q, 6, 0);
	q.state = "cancelled";
	EXPECT_ALERTS(a, &q, 4);
	q.state = NULL;
	q.type = "visit_late";
	EXPECT_ALERTS(a, &q, 5, 4, 6, 0);
	q.type = NULL;
	q.client_id = g.c2;
	EXPECT_ALERTS(a, &q, 1);

	/* Two paths; more than eight, overlapping. */
	const char *two[] = {g.team_a.path, g.assoc_b.path};
	q = alert_q(two, 2);
	EXPECT_ALERTS(a, &q, 5, 3, 2, 1, 0);
	const char *many[10];
	for (int i = 0; i < 10; i++)
		many[i] = "/nowhere/";
	many[2] = g.team_a.path;
	many[8] = g.assoc_a.path;
	many[9] = g.assoc_b.path;
	q = alert_q(many, 10);
	EXPECT_ALERTS(a, &q, 5, 4, 6, 3, 2, 1, 0);
	q.state = "open";
	EXPECT_ALERTS(a, &q, 5, 6, 2, 1, 0);
	q.limit = 2;
	EXPECT_ALERTS(a, &q, 5, 6);

	/* No scope: every organisation. */
	q = alert_q(NULL, 0);
	q.type = "visit_late";
	EXPECT_ALERTS(a, &q, 5, 4, 6, 2, 0);
	q.state = "open";
	q.client_id = g.c3;
	EXPECT_ALERTS(a, &q, 2);
	q = alert_q(fed, 1);
	q.limit = 0;
	EXPECT_NO_ALERTS(a, &q);
}

static void
test_alert_list_cursor_pages(void **state)
{
	struct lia_arena *a = *state;
	ensure_list_alerts();
	const char *fed[] = {g.fed.path};
	const int all[] = {5, 4, 6, 3, 2, 1, 0};
	const int open[] = {5, 6, 2, 1, 0};
	for (int pass = 0; pass < 2; pass++) {
		struct lia_alert_query q = alert_q(fed, 1);
		q.limit = pass ? 2 : 3;
		q.state = pass ? "open" : NULL;
		const int *want = pass ? open : all;
		size_t nwant = pass ? 5 : NA;
		size_t seen = 0;
		for (int page = 0; page < NA + 2; page++) {
			struct lia_alert *items;
			size_t n;
			assert_int_equal(g.c->ops->alert_list(g.c, a, &q, &items, &n),
					 LIA_STORE_OK);
			if (n == 0)
				break;
			assert_true(n <= (size_t)q.limit);
			for (size_t i = 0; i < n; i++) {
				assert_true(seen < nwant);
				assert_string_equal(items[i].id, la.id[want[seen]]);
				seen++;
			}
			q.before_raised_at = items[n - 1].raised_at;
			q.before_id = items[n - 1].id;
		}
		assert_int_equal(seen, nwant);
	}
	/* A cursor inside the tie at b + 3. */
	struct lia_alert_query q = alert_q(fed, 1);
	q.before_raised_at = T_ALERT + 3;
	q.before_id = la.id[6];
	EXPECT_ALERTS(a, &q, 3, 2, 1, 0);
	q.state = "open";
	EXPECT_ALERTS(a, &q, 2, 1, 0);
}

/* ---- the change feed as a whole ---- */

static void
test_changes_since_planning_failed_writes_leave_none(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	/* Every failure kind of the planning writes, each rolled back whole. */
	struct lia_org_settings s = {
		.org_id = g.team_a.id, .settings = "{}", .updated_by = g.coord};
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &s, .v = 0}),
			 LIA_STORE_CONFLICT);
	assert_int_equal(ptx((struct pcall){.op = P_SETTINGS_PUT, .rec = &s, .v = 99}),
			 LIA_STORE_STALE);
	assert_int_equal(ptx((struct pcall){.op = P_ABSENCE_CANCEL, .s1 = g.c1, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(
		ptx((struct pcall){.op = P_GRANT_END, .s1 = g.c1, .s2 = "2025-01-01", .v = 1}),
		LIA_STORE_NOT_FOUND);
	struct lia_visit v = visit_fx(g.visit_full, g.team_a.id, g.c1, T_VISIT);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT, .rec = &v}), LIA_STORE_CONFLICT);
	assert_int_equal(ptx((struct pcall){.op = P_VISIT_UPDATE, .rec = &v, .v = 1}),
			 LIA_STORE_STALE);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- harness ---- */

static int
group_setup(void **state)
{
	(void)state;
	g.keep = lia_arena_new();
	return lia_store_fx_open("planning", &g.c);
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
		T(test_planning_fixtures),
		T(test_planning_write_requires_transaction),
		T(test_org_settings_put_get),
		T(test_grant_insert_list_end),
		T(test_intervention_insert_close_list),
		T(test_absence_insert_cancel_list),
		T(test_home_put_get),
		T(test_worker_list_defaults_and_roles),
		T(test_worker_put_list),
		T(test_worker_absence_insert_list_overlap),
		T(test_round_insert_get_list),
		T(test_visit_insert_get_roundtrip),
		T(test_visit_update_version),
		T(test_visit_list_filters),
		T(test_visit_list_cursor_pages),
		T(test_visit_list_many_scopes),
		T(test_visit_list_vigilance_selection),
		T(test_clock_event_insert_list),
		T(test_alert_insert_get_update),
		T(test_alert_list_filters_order),
		T(test_alert_list_cursor_pages),
		T(test_changes_since_planning_failed_writes_leave_none),
	};
	LIA_RUN_GROUP("store_planning", tests, group_setup, group_teardown);
}
