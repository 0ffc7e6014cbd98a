/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The storage contract of the medication operations (store.h, "medication"), run
 * unchanged on every backend like test_store_planning.c: on the database named by
 * LIAISON_TEST_DATABASE_URL, else on a fresh SQLite file in a temporary directory.
 * It assumes an empty database at start; the first test migrates it and makes the
 * organisations, the accounts, the clients and a photographed prescription through
 * the store operations, and later tests build on earlier tests' rows (the
 * prescription versions are referenced by the doses and the administrations, a pill
 * organiser by an administration). Each family of rows lives in its own period of
 * time, so the reads across all clients (dose_list_vigilance) see only their own
 * rows; client c2 never holds a prescription in force, so medication_clients knows
 * exactly whom to list.
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
#define T_RX (T0)                  /* prescription versions */
#define T_DOSE (T0 + 10 * DAY_US)  /* dose_replace, dose_list, dose_mark_alerted */
#define T_VIGIL (T0 + 40 * DAY_US) /* dose_list_vigilance */
#define T_ADMIN (T0 + 70 * DAY_US) /* administration_insert, administration_list */
#define T_ORG (T0 + 100 * DAY_US)  /* pill organisers (prepared_at) */

struct org_fx {
	char id[ID_LEN];
	const char *path; /* from g.keep */
};

static struct {
	struct lia_conn *c;
	/* root -> assoc_a -> team_a, root -> assoc_b */
	struct org_fx root, assoc_a, team_a, assoc_b;
	/* nurse, aide on team_a; doctor (ends prescriptions) on assoc_a. */
	char nurse[ID_LEN], aide[ID_LEN], doctor[ID_LEN];
	char *c1, *c2, *c3; /* clients, generated in this order: c1, c2 in team_a, c3 in assoc_b */
	char photo[ID_LEN]; /* an attachment of c1: the photographed original */
	/* Series of prescription lines, generated in this order (s1 < s2 < s3). */
	char s1[ID_LEN], s2[ID_LEN], s3[ID_LEN], s4[ID_LEN];
	/* c1: rx1 (s1 seq 1, closed), rx1b (s1 seq 2, open), rx2 (s2, as needed, open);
	 * c2: rx4 (s4, stopped); c3: rx3 (s3, open). */
	char rx1[ID_LEN], rx1b[ID_LEN], rx2[ID_LEN], rx3[ID_LEN], rx4[ID_LEN];
	char organiser[ID_LEN]; /* a preparation of c1, referenced by an administration */
	struct lia_arena *keep; /* fixtures shared between tests */
} g;

/* ---- helpers ---- */

static void
new_id(char out[ID_LEN])
{
	lia_uuid7(out);
}

/* One write operation, run through lia_store_write like a handler would. */
enum mop {
	M_ORG,
	M_ACCOUNT,
	M_CLIENT,
	M_ATTACHMENT,
	M_RX,
	M_RX_CLOSE,
	M_DOSE_REPLACE,
	M_DOSE_ALERTED,
	M_ADMIN,
	M_ORGANISER,
};

struct mcall {
	enum mop op;
	const void *rec; /* the record; for M_DOSE_REPLACE the array of n doses */
	size_t n;
	const char *s1; /* client_id (dose_replace), series_id (dose_mark_alerted) */
	int64_t v;      /* expected_version, from, due_at */
	int64_t v2;     /* at */
};

static int
run_mcall(struct lia_conn *c, void *cls)
{
	const struct mcall *w = cls;
	const struct lia_store_ops *ops = c->ops;
	switch (w->op) {
	case M_ORG:
		return ops->org_insert(c, w->rec);
	case M_ACCOUNT:
		return ops->account_insert(c, w->rec);
	case M_CLIENT:
		return ops->client_insert(c, w->rec);
	case M_ATTACHMENT:
		return ops->attachment_insert(c, w->rec);
	case M_RX:
		return ops->prescription_insert(c, w->rec);
	case M_RX_CLOSE:
		return ops->prescription_close(c, w->rec, w->v);
	case M_DOSE_REPLACE:
		return ops->dose_replace(c, w->s1, w->v, w->rec, w->n);
	case M_DOSE_ALERTED:
		return ops->dose_mark_alerted(c, w->s1, w->v, w->v2);
	case M_ADMIN:
		return ops->administration_insert(c, w->rec);
	case M_ORGANISER:
		return ops->organiser_insert(c, w->rec);
	}
	return LIA_STORE_ERROR;
}

static int
mtx(struct mcall w)
{
	return lia_store_write(g.c, run_mcall, &w);
}

static int
replace_doses(const char *client_id, int64_t from, const struct lia_dose *items, size_t n)
{
	return mtx((struct mcall){
		.op = M_DOSE_REPLACE, .s1 = client_id, .v = from, .rec = items, .n = n});
}

static int
mark_alerted(const char *series_id, int64_t due_at, int64_t at)
{
	return mtx((struct mcall){.op = M_DOSE_ALERTED, .s1 = series_id, .v = due_at, .v2 = at});
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
	assert_int_equal(mtx((struct mcall){.op = M_ORG, .rec = &o}), LIA_STORE_OK);
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
	assert_int_equal(mtx((struct mcall){.op = M_ACCOUNT, .rec = &acc}), LIA_STORE_OK);
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
		.birth_date = "1938-03-01",
		.name_key = lia_arena_printf(g.keep, "%s %s", birth_name, first),
		.identity_key = lia_arena_printf(g.keep, "%s|%s|1938-03-01|F", birth_name, first),
		.created_at = lia_clock_now_us(),
		.updated_at = lia_clock_now_us(),
	};
	assert_int_equal(mtx((struct mcall){.op = M_CLIENT, .rec = &cl}), LIA_STORE_OK);
	return id;
}

static void
test_medication_fixtures(void **state)
{
	(void)state;
	int applied = -1;
	assert_int_equal(g.c->ops->migrate(g.c, &applied), LIA_STORE_OK);
	make_org(&g.root, NULL, "national", "Réseau");
	make_org(&g.assoc_a, &g.root, "association", "Association A");
	make_org(&g.team_a, &g.assoc_a, "team", "Équipe A");
	make_org(&g.assoc_b, &g.root, "association", "Association B");
	make_account(g.nurse, g.team_a.id, "infirmiere", "Infirmière");
	make_account(g.aide, g.team_a.id, "aide", "Aide");
	make_account(g.doctor, g.assoc_a.id, "medecin", "Médecin");
	g.c1 = make_client(g.team_a.id, "MEDIC", "ALICE");
	g.c2 = make_client(g.team_a.id, "MEDIC", "BERTHE");
	g.c3 = make_client(g.assoc_b.id, "AUTRE", "CLARA");

	static const unsigned char blob[] = "not really a ciphertext, but bytes all the same";
	new_id(g.photo);
	struct lia_attachment t = {
		.id = g.photo,
		.org_id = g.team_a.id,
		.client_id = g.c1,
		.category = "medical",
		.content_type = "image/jpeg",
		.size = (int64_t)sizeof blob - 17,
		.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		.ciphertext = blob,
		.ciphertext_len = sizeof blob,
		.created_by = g.nurse,
		.created_at = T_RX,
	};
	assert_int_equal(mtx((struct mcall){.op = M_ATTACHMENT, .rec = &t}), LIA_STORE_OK);

	new_id(g.s1);
	new_id(g.s2);
	new_id(g.s3);
	new_id(g.s4);
}

/* A version with the columns that may not be NULL, the others NULL or 0. */
static struct lia_prescription
rx_fx(const char *id, const char *series_id, int64_t seq, const char *org_id, const char *client_id,
      int64_t valid_from)
{
	return (struct lia_prescription){
		.id = id,
		.series_id = series_id,
		.seq = seq,
		.org_id = org_id,
		.client_id = client_id,
		.valid_from = valid_from,
		.drug_label = "PARACETAMOL 500 mg",
		.form = "comprimé",
		.dose = "1 comprimé",
		.route = "orale",
		.times = "[\"08:00\"]",
		.starts_on = "2025-06-15",
		.prescriber_name = "Dr Martin",
		.source = "transcribed",
		.version = 1,
		.created_at = T_RX + 1,
		.created_by = g.nurse,
	};
}

static void
assert_rx_equal(const struct lia_prescription *got, const struct lia_prescription *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->series_id, want->series_id);
	assert_int_equal(got->seq, want->seq);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->client_id, want->client_id);
	assert_int_equal(got->valid_from, want->valid_from);
	assert_int_equal(got->valid_until, want->valid_until);
	lia_assert_str_or_null(got->end_reason, want->end_reason);
	lia_assert_str_or_null(got->end_note, want->end_note);
	lia_assert_str_or_null(got->ended_by, want->ended_by);
	assert_string_equal(got->drug_label, want->drug_label);
	lia_assert_str_or_null(got->drug_code_system, want->drug_code_system);
	lia_assert_str_or_null(got->drug_code, want->drug_code);
	assert_string_equal(got->form, want->form);
	assert_string_equal(got->dose, want->dose);
	assert_string_equal(got->route, want->route);
	assert_string_equal(got->times, want->times);
	assert_int_equal(got->as_needed, want->as_needed);
	assert_int_equal(got->max_per_day, want->max_per_day);
	assert_string_equal(got->starts_on, want->starts_on);
	lia_assert_str_or_null(got->ends_on, want->ends_on);
	assert_int_equal(got->in_organiser, want->in_organiser);
	assert_string_equal(got->prescriber_name, want->prescriber_name);
	lia_assert_str_or_null(got->prescriber_rpps, want->prescriber_rpps);
	lia_assert_str_or_null(got->prescribed_on, want->prescribed_on);
	lia_assert_str_or_null(got->instructions, want->instructions);
	assert_string_equal(got->source, want->source);
	lia_assert_str_or_null(got->attachment_id, want->attachment_id);
	assert_int_equal(got->version, want->version);
	assert_int_equal(got->created_at, want->created_at);
	assert_string_equal(got->created_by, want->created_by);
}

/* ---- writes outside a transaction ---- */

static void
test_medication_write_requires_transaction(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	char id[ID_LEN];
	new_id(id);
	struct lia_prescription p = rx_fx(id, id, 1, g.team_a.id, g.c1, T_RX);
	assert_int_equal(g.c->ops->prescription_insert(g.c, &p), LIA_STORE_ERROR);
	struct lia_dose d = {.series_id = id,
			     .due_at = T_RX,
			     .prescription_id = id,
			     .org_id = g.team_a.id,
			     .client_id = g.c1};
	assert_int_equal(g.c->ops->dose_replace(g.c, g.c1, T_RX, &d, 1), LIA_STORE_ERROR);
	assert_int_equal(g.c->ops->dose_mark_alerted(g.c, id, T_RX, T_RX + 1), LIA_STORE_ERROR);
	struct lia_prescription got;
	assert_int_equal(g.c->ops->prescription_get(g.c, a, id, &got), LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- prescriptions ---- */

static void
test_prescription_insert_get_close_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	new_id(g.rx1);
	new_id(g.rx2);
	new_id(g.rx1b);
	new_id(g.rx3);
	new_id(g.rx4);
	char dup[ID_LEN], unknown[ID_LEN];
	new_id(dup);
	new_id(unknown);

	/* rx1: every column that may be NULL is set. */
	struct lia_prescription p1 = rx_fx(g.rx1, g.s1, 1, g.team_a.id, g.c1, T_RX + HOUR_US);
	p1.drug_label = "DOLIPRANE 1000 mg cp";
	p1.drug_code_system = "cip13";
	p1.drug_code = "3400935955838";
	p1.form = "comprimé";
	p1.dose = "1 comprimé";
	p1.route = "orale";
	p1.times = "[\"08:00\",\"12:00\",\"20:00\"]";
	p1.starts_on = "2025-06-16";
	p1.ends_on = "2025-12-31";
	p1.in_organiser = true;
	p1.prescriber_name = "Dr Anne Lefèvre";
	p1.prescriber_rpps = "10101010101";
	p1.prescribed_on = "2025-06-10";
	p1.instructions = "Au milieu du repas";
	p1.source = "prescribed";
	p1.attachment_id = g.photo;
	p1.created_at = T_RX + 11;
	/* rx2: as needed, the nullable columns left NULL. */
	struct lia_prescription p2 = rx_fx(g.rx2, g.s2, 1, g.team_a.id, g.c1, T_RX + 2 * HOUR_US);
	p2.drug_label = "Solution buvable";
	p2.form = "solution buvable";
	p2.dose = "5 ml";
	p2.times = "[]";
	p2.as_needed = true;
	p2.max_per_day = 3;
	p2.created_at = T_RX + 12;

	/* Inserted in the order opposite to the list's. */
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p2}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "prescription", g.rx2, "insert", 1);
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "prescription", g.rx1, "insert", 1);

	struct lia_prescription got;
	assert_int_equal(g.c->ops->prescription_get(g.c, a, g.rx1, &got), LIA_STORE_OK);
	assert_rx_equal(&got, &p1);
	assert_int_equal(g.c->ops->prescription_get(g.c, a, g.rx2, &got), LIA_STORE_OK);
	assert_rx_equal(&got, &p2);
	assert_int_equal(got.valid_until, 0);
	assert_null(got.end_reason);
	assert_null(got.attachment_id);
	assert_true(got.as_needed);
	assert_false(got.in_organiser);
	assert_int_equal(g.c->ops->prescription_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);

	/* The same id again, or another version 1 of the same line: CONFLICT. */
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p1}), LIA_STORE_CONFLICT);
	struct lia_prescription race = rx_fx(dup, g.s1, 1, g.team_a.id, g.c1, T_RX + HOUR_US);
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &race}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* A change: close version 1 at 14:00, insert version 2 from then. Only the end
	 * columns are written, whatever else the record passed holds. */
	const int64_t change_at = T_RX + 14 * HOUR_US;
	struct lia_prescription end1 = p1;
	end1.valid_until = change_at;
	end1.end_reason = "changed";
	end1.end_note = "Dose réduite";
	end1.ended_by = g.doctor;
	end1.drug_label = "NOT WRITTEN";
	end1.instructions = NULL;
	end1.version = 77;
	assert_int_equal(mtx((struct mcall){.op = M_RX_CLOSE, .rec = &end1, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "prescription", g.rx1, "update", 2);
	struct lia_prescription p1b = rx_fx(g.rx1b, g.s1, 2, g.team_a.id, g.c1, change_at);
	p1b.dose = "1/2 comprimé";
	p1b.created_at = T_RX + 13;
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p1b}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "prescription", g.rx1b, "insert", 1);

	struct lia_prescription want1 = p1;
	want1.valid_until = change_at;
	want1.end_reason = "changed";
	want1.end_note = "Dose réduite";
	want1.ended_by = g.doctor;
	want1.version = 2;
	assert_int_equal(g.c->ops->prescription_get(g.c, a, g.rx1, &got), LIA_STORE_OK);
	assert_rx_equal(&got, &want1);

	/* Closing again at the version first read is STALE; an unknown id NOT_FOUND. */
	assert_int_equal(mtx((struct mcall){.op = M_RX_CLOSE, .rec = &end1, .v = 1}),
			 LIA_STORE_STALE);
	struct lia_prescription ghost = end1;
	ghost.id = unknown;
	assert_int_equal(mtx((struct mcall){.op = M_RX_CLOSE, .rec = &ghost, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->prescription_get(g.c, a, g.rx1, &got), LIA_STORE_OK);
	assert_rx_equal(&got, &want1);

	/* c2: a line stopped without a note; c3: a line in force, in another association. */
	struct lia_prescription p4 = rx_fx(g.rx4, g.s4, 1, g.team_a.id, g.c2, T_RX);
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p4}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "prescription", g.rx4, "insert", 1);
	struct lia_prescription stop = p4;
	stop.valid_until = T_RX + DAY_US;
	stop.end_reason = "stopped";
	stop.end_note = NULL;
	stop.ended_by = g.nurse;
	assert_int_equal(mtx((struct mcall){.op = M_RX_CLOSE, .rec = &stop, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "prescription", g.rx4, "update", 2);
	struct lia_prescription p3 = rx_fx(g.rx3, g.s3, 1, g.assoc_b.id, g.c3, T_RX);
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p3}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.assoc_b.id, "prescription", g.rx3, "insert", 1);

	/* Every version of c1's lines, in (series_id, seq) order. */
	struct lia_prescription *items;
	size_t n;
	assert_int_equal(g.c->ops->prescription_list(g.c, a, g.c1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_rx_equal(&items[0], &want1);
	assert_rx_equal(&items[1], &p1b);
	assert_rx_equal(&items[2], &p2);
	assert_int_equal(g.c->ops->prescription_list(g.c, a, g.c2, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	struct lia_prescription want4 = p4;
	want4.valid_until = T_RX + DAY_US;
	want4.end_reason = "stopped";
	want4.ended_by = g.nurse;
	want4.version = 2;
	assert_rx_equal(&items[0], &want4);
	assert_int_equal(g.c->ops->prescription_list(g.c, a, g.c3, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_rx_equal(&items[0], &p3);
	assert_int_equal(g.c->ops->prescription_list(g.c, a, unknown, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_null(items);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

static void
test_medication_clients_paging(void **state)
{
	struct lia_arena *a = *state;
	struct lia_medication_client *items;
	size_t n;
	/* c1 (two versions in force, one closed) once; c2 (closed only) never; c3. */
	assert_int_equal(g.c->ops->medication_clients(g.c, a, NULL, 100, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].client_id, g.c1);
	assert_string_equal(items[0].org_id, g.team_a.id);
	assert_string_equal(items[1].client_id, g.c3);
	assert_string_equal(items[1].org_id, g.assoc_b.id);

	/* A page at a time. */
	assert_int_equal(g.c->ops->medication_clients(g.c, a, NULL, 1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].client_id, g.c1);
	assert_int_equal(g.c->ops->medication_clients(g.c, a, g.c1, 1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].client_id, g.c3);
	assert_int_equal(g.c->ops->medication_clients(g.c, a, g.c3, 1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	/* after need not be a listed client: c2 lies between c1 and c3. */
	assert_int_equal(g.c->ops->medication_clients(g.c, a, g.c2, 100, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].client_id, g.c3);
}

/* ---- doses ---- */

static struct lia_dose
dose_fx(const char *series_id, int64_t due_at)
{
	struct lia_dose d = {.series_id = series_id, .due_at = due_at};
	if (!strcmp(series_id, g.s3)) {
		d.prescription_id = g.rx3;
		d.org_id = g.assoc_b.id;
		d.client_id = g.c3;
	} else {
		d.prescription_id = !strcmp(series_id, g.s1) ? g.rx1b : g.rx2;
		d.org_id = g.team_a.id;
		d.client_id = g.c1;
	}
	return d;
}

static void
assert_dose_equal(const struct lia_dose *got, const struct lia_dose *want, int64_t alerted_at)
{
	assert_string_equal(got->series_id, want->series_id);
	assert_int_equal(got->due_at, want->due_at);
	assert_string_equal(got->prescription_id, want->prescription_id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->client_id, want->client_id);
	assert_int_equal(got->alerted_at, alerted_at);
}

static void
test_dose_replace_list_mark_alerted(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	const int64_t b = T_DOSE;
	/* c1: s1 at 08:00, s1 and s2 both at 12:00 (s2 listed first in the items, s1
	 * first in the list), s1 at 20:00, s1 the next morning. */
	struct lia_dose d1[] = {
		dose_fx(g.s1, b + 8 * HOUR_US),  dose_fx(g.s2, b + 12 * HOUR_US),
		dose_fx(g.s1, b + 12 * HOUR_US), dose_fx(g.s1, b + 20 * HOUR_US),
		dose_fx(g.s1, b + 32 * HOUR_US),
	};
	d1[1].alerted_at = b + 99;     /* ignored: new doses are not alerted */
	d1[0].prescription_id = g.rx1; /* the morning belongs to the old version */
	struct lia_dose d3[] = {dose_fx(g.s3, b + 9 * HOUR_US), dose_fx(g.s3, b + 21 * HOUR_US)};
	assert_int_equal(replace_doses(g.c1, b, d1, 5), LIA_STORE_OK);
	assert_int_equal(replace_doses(g.c3, b, d3, 2), LIA_STORE_OK);

	struct lia_dose *items;
	size_t n;
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c1, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	assert_dose_equal(&items[0], &d1[0], 0);
	assert_dose_equal(&items[1], &d1[2], 0);
	assert_dose_equal(&items[2], &d1[1], 0);
	assert_dose_equal(&items[3], &d1[3], 0);
	assert_dose_equal(&items[4], &d1[4], 0);
	/* [from, to): from is in, to is out. */
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c1, b + 12 * HOUR_US, b + 20 * HOUR_US,
					     &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_dose_equal(&items[0], &d1[2], 0);
	assert_dose_equal(&items[1], &d1[1], 0);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c3, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_dose_equal(&items[0], &d3[0], 0);
	assert_dose_equal(&items[1], &d3[1], 0);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c2, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);

	/* The missed-dose alert, once. */
	assert_int_equal(mark_alerted(g.s1, b + 8 * HOUR_US, b + 9 * HOUR_US), LIA_STORE_OK);
	assert_int_equal(mark_alerted(g.s1, b + 8 * HOUR_US, b + 10 * HOUR_US),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(mark_alerted(g.s1, b + 9 * HOUR_US, b + 10 * HOUR_US),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(mark_alerted(g.s4, b + 8 * HOUR_US, b + 10 * HOUR_US),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(mark_alerted(g.s2, b + 12 * HOUR_US, b + 13 * HOUR_US), LIA_STORE_OK);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c1, b, b + 13 * HOUR_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_dose_equal(&items[0], &d1[0], b + 9 * HOUR_US);
	assert_dose_equal(&items[1], &d1[2], 0);
	assert_dose_equal(&items[2], &d1[1], b + 13 * HOUR_US);

	/* A change at 12:00: c1's doses from 12:00 on are rebuilt. Those before are kept
	 * (the alerted 08:00 one too, even when the items repeat it), the alerted 12:00
	 * one is replaced by a fresh one, and c3's doses stay as they were. */
	const int64_t from = b + 12 * HOUR_US;
	struct lia_dose r1[] = {
		dose_fx(g.s1, b + 8 * HOUR_US),  /* before from, already stored and alerted */
		dose_fx(g.s2, b + 12 * HOUR_US), /* replaces the alerted one */
		dose_fx(g.s1, b + 18 * HOUR_US), /* new */
		dose_fx(g.s1, b + 30 * HOUR_US), /* new */
	};
	r1[0].prescription_id = g.rx1;
	assert_int_equal(replace_doses(g.c1, from, r1, 4), LIA_STORE_OK);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c1, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_dose_equal(&items[0], &d1[0], b + 9 * HOUR_US);
	assert_dose_equal(&items[1], &r1[1], 0);
	assert_dose_equal(&items[2], &r1[2], 0);
	assert_dose_equal(&items[3], &r1[3], 0);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c3, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_dose_equal(&items[0], &d3[0], 0);
	assert_dose_equal(&items[1], &d3[1], 0);

	/* No items: the doses from `from` on are dropped (a line stopped). */
	assert_int_equal(replace_doses(g.c3, b + 12 * HOUR_US, NULL, 0), LIA_STORE_OK);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c3, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_dose_equal(&items[0], &d3[0], 0);

	/* A replacement that fails half-way (an unknown prescription version) leaves
	 * every dose as it was: the delete is rolled back with it. */
	char unknown[ID_LEN];
	new_id(unknown);
	struct lia_dose bad[] = {dose_fx(g.s1, b + 19 * HOUR_US), dose_fx(g.s1, b + 20 * HOUR_US)};
	bad[1].prescription_id = unknown;
	assert_int_equal(replace_doses(g.c1, from, bad, 2), LIA_STORE_ERROR);
	assert_int_equal(g.c->ops->dose_list(g.c, a, g.c1, b, b + 2 * DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_dose_equal(&items[1], &r1[1], 0);
	assert_dose_equal(&items[3], &r1[3], 0);

	/* Derived data: none of this is in the change feed. */
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- administrations (helpers shared with the vigilance test) ---- */

static struct lia_administration
admin_fx(const char *id, const char *series_id, int64_t due_at, int64_t slot_at)
{
	const int s3 = !strcmp(series_id, g.s3);
	return (struct lia_administration){
		.id = id,
		.org_id = s3 ? g.assoc_b.id : g.team_a.id,
		.client_id = s3 ? g.c3 : g.c1,
		.prescription_id = s3                       ? g.rx3 :
				   !strcmp(series_id, g.s1) ? g.rx1b :
							      g.rx2,
		.series_id = series_id,
		.due_at = due_at,
		.slot_at = slot_at,
		.outcome = "given",
		.mode = "administered",
		.occurred_at = slot_at + 5 * MINUTE_US,
		.recorded_at = slot_at + 6 * MINUTE_US,
		.recorded_by = g.nurse,
		.recorded_as = "staff",
		.version = 1,
	};
}

static void
assert_admin_equal(const struct lia_administration *got, const struct lia_administration *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->client_id, want->client_id);
	assert_string_equal(got->prescription_id, want->prescription_id);
	assert_string_equal(got->series_id, want->series_id);
	assert_int_equal(got->due_at, want->due_at);
	assert_int_equal(got->slot_at, want->slot_at);
	assert_string_equal(got->outcome, want->outcome);
	assert_string_equal(got->mode, want->mode);
	assert_int_equal(got->occurred_at, want->occurred_at);
	assert_int_equal(got->recorded_at, want->recorded_at);
	assert_int_equal(got->late, want->late);
	lia_assert_str_or_null(got->organiser_id, want->organiser_id);
	lia_assert_str_or_null(got->reason, want->reason);
	lia_assert_str_or_null(got->note, want->note);
	assert_string_equal(got->recorded_by, want->recorded_by);
	assert_string_equal(got->recorded_as, want->recorded_as);
	assert_int_equal(got->version, want->version);
}

static void
test_dose_list_vigilance_selection(void **state)
{
	struct lia_arena *a = *state;
	const int64_t b = T_VIGIL;
	/* c1's doses, one call; c3's, another, made first so that the order of the rows
	 * does not give the (due_at, series_id) order by chance. */
	struct lia_dose d1[] = {
		dose_fx(g.s1, b - 1),           /* 0: before from: out */
		dose_fx(g.s1, b + HOUR_US),     /* 1: in */
		dose_fx(g.s2, b + 2 * HOUR_US), /* 2: alerted: out */
		dose_fx(g.s1, b + 3 * HOUR_US), /* 3: recorded: out */
		dose_fx(g.s2, b + 4 * HOUR_US), /* 4: an as-needed record of s2 exists: in */
		dose_fx(g.s1, b + 5 * HOUR_US), /* 5: refused is recorded too: out */
		dose_fx(g.s1, b + DAY_US),      /* 6: at to: out */
	};
	struct lia_dose d3[] = {
		dose_fx(g.s3, b + HOUR_US),     /* 0: in, after c1's s1 at the same time */
		dose_fx(g.s3, b + 3 * HOUR_US), /* 1: s1 is recorded at this time, not s3: in */
	};
	assert_int_equal(replace_doses(g.c3, b - DAY_US, d3, 2), LIA_STORE_OK);
	assert_int_equal(replace_doses(g.c1, b - DAY_US, d1, 7), LIA_STORE_OK);
	assert_int_equal(mark_alerted(g.s2, b + 2 * HOUR_US, b + 3 * HOUR_US), LIA_STORE_OK);
	char ad[3][ID_LEN];
	for (int i = 0; i < 3; i++)
		new_id(ad[i]);
	struct lia_administration given = admin_fx(ad[0], g.s1, b + 3 * HOUR_US, b + 3 * HOUR_US);
	struct lia_administration prn = admin_fx(ad[1], g.s2, 0, b + 4 * HOUR_US);
	struct lia_administration refused = admin_fx(ad[2], g.s1, b + 5 * HOUR_US, b + 5 * HOUR_US);
	refused.outcome = "refused";
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &given}), LIA_STORE_OK);
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &prn}), LIA_STORE_OK);
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &refused}), LIA_STORE_OK);

	struct lia_dose *items;
	size_t n;
	assert_int_equal(g.c->ops->dose_list_vigilance(g.c, a, b, b + DAY_US, 100, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_dose_equal(&items[0], &d1[1], 0);
	assert_dose_equal(&items[1], &d3[0], 0);
	assert_dose_equal(&items[2], &d3[1], 0);
	assert_dose_equal(&items[3], &d1[4], 0);
	assert_int_equal(g.c->ops->dose_list_vigilance(g.c, a, b, b + DAY_US, 2, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_dose_equal(&items[0], &d1[1], 0);
	assert_dose_equal(&items[1], &d3[0], 0);

	/* Once alerted, a dose drops out; the wider window takes both ends in. */
	assert_int_equal(mark_alerted(g.s1, b + HOUR_US, b + 2 * HOUR_US), LIA_STORE_OK);
	assert_int_equal(g.c->ops->dose_list_vigilance(g.c, a, b - DAY_US, b + 2 * DAY_US, 100,
						       &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	assert_dose_equal(&items[0], &d1[0], 0);
	assert_dose_equal(&items[1], &d3[0], 0);
	assert_dose_equal(&items[2], &d3[1], 0);
	assert_dose_equal(&items[3], &d1[4], 0);
	assert_dose_equal(&items[4], &d1[6], 0);
}

/* ---- pill organisers ---- */

static struct lia_organiser
organiser_fx(const char *id, const char *client_id, const char *week_start, int64_t prepared_at)
{
	const int c3 = !strcmp(client_id, g.c3);
	return (struct lia_organiser){
		.id = id,
		.org_id = c3 ? g.assoc_b.id : g.team_a.id,
		.client_id = client_id,
		.week_start = week_start,
		.prescriptions = "[]",
		.prepared_at = prepared_at,
		.prepared_by = g.nurse,
		.prepared_as = "staff",
		.version = 1,
	};
}

static void
assert_organiser_equal(const struct lia_organiser *got, const struct lia_organiser *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->client_id, want->client_id);
	assert_string_equal(got->week_start, want->week_start);
	assert_string_equal(got->prescriptions, want->prescriptions);
	lia_assert_str_or_null(got->note, want->note);
	lia_assert_str_or_null(got->supersedes, want->supersedes);
	assert_int_equal(got->prepared_at, want->prepared_at);
	assert_string_equal(got->prepared_by, want->prepared_by);
	assert_string_equal(got->prepared_as, want->prepared_as);
	assert_int_equal(got->version, want->version);
}

static void
test_organiser_insert_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	enum { NO = 8 };
	char id[NO][ID_LEN];
	for (int i = 0; i < NO; i++)
		new_id(id[i]);
	memcpy(g.organiser, id[0], ID_LEN);
	const int64_t p = T_ORG;

	/* 0: week of 1 Sept, every column set; 1: its new preparation (supersedes 0, no
	 * note); 2: the same week, prepared before 0 but with a later id; 7: the same
	 * week at the same instant as 1, with a later id, inserted before it; 3: the
	 * next week; 4: the week before; 5: c3's. (6 is the conflicting one below.) */
	struct lia_organiser o[NO];
	o[0] = organiser_fx(id[0], g.c1, "2025-09-01", p + 10);
	o[0].prescriptions = lia_arena_printf(g.keep, "[\"%s\",\"%s\"]", g.rx1b, g.rx2);
	o[0].note = "Boîte bleue";
	o[0].prepared_by = g.aide;
	o[0].prepared_as = "circle:aidant";
	o[1] = organiser_fx(id[1], g.c1, "2025-09-01", p + 20);
	o[1].supersedes = id[0];
	o[2] = organiser_fx(id[2], g.c1, "2025-09-01", p + 5);
	o[7] = organiser_fx(id[7], g.c1, "2025-09-01", p + 20);
	o[3] = organiser_fx(id[3], g.c1, "2025-09-08", p + 5);
	o[4] = organiser_fx(id[4], g.c1, "2025-08-25", p + 30);
	o[5] = organiser_fx(id[5], g.c3, "2025-09-01", p + 10);
	const int order[] = {0, 2, 7, 1, 3, 4, 5};
	for (size_t i = 0; i < 7; i++) {
		const struct lia_organiser *x = &o[order[i]];
		assert_int_equal(mtx((struct mcall){.op = M_ORGANISER, .rec = x}), LIA_STORE_OK);
		lia_store_fx_expect_change(g.c, a, &mark, x->org_id, "pill_organiser",
						   x->id, "insert", 1);
	}

	/* A second successor of 0, or the same id again: CONFLICT. */
	o[6] = organiser_fx(id[6], g.c1, "2025-09-01", p + 40);
	o[6].supersedes = id[0];
	assert_int_equal(mtx((struct mcall){.op = M_ORGANISER, .rec = &o[6]}), LIA_STORE_CONFLICT);
	assert_int_equal(mtx((struct mcall){.op = M_ORGANISER, .rec = &o[3]}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* [from_week, to_week], both in; by week_start, prepared_at, id. */
	struct lia_organiser *items;
	size_t n;
	assert_int_equal(g.c->ops->organiser_list(g.c, a, g.c1, "2025-09-01", "2025-09-08", &items,
						  &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	assert_organiser_equal(&items[0], &o[2]);
	assert_organiser_equal(&items[1], &o[0]);
	assert_organiser_equal(&items[2], &o[1]);
	assert_organiser_equal(&items[3], &o[7]);
	assert_organiser_equal(&items[4], &o[3]);
	assert_int_equal(g.c->ops->organiser_list(g.c, a, g.c1, "2025-08-25", "2025-08-31", &items,
						  &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_organiser_equal(&items[0], &o[4]);
	assert_int_equal(g.c->ops->organiser_list(g.c, a, g.c1, "2025-09-02", "2025-09-07", &items,
						  &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->organiser_list(g.c, a, g.c3, "2025-01-01", "2025-12-31", &items,
						  &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_organiser_equal(&items[0], &o[5]);
}

/* ---- administrations ---- */

static void
test_administration_insert_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	const int64_t b = T_ADMIN;
	enum { NA = 8 };
	char id[NA][ID_LEN];
	for (int i = 0; i < NA; i++)
		new_id(id[i]);

	struct lia_administration r[NA];
	/* 0: every column set: assisted from the organiser, written late. */
	r[0] = admin_fx(id[0], g.s1, b + 8 * HOUR_US, b + 8 * HOUR_US);
	r[0].mode = "assisted";
	r[0].late = true;
	r[0].organiser_id = g.organiser;
	r[0].reason = "Retour d'hospitalisation";
	r[0].note = "Pris avec de la compote";
	r[0].recorded_at = b + 30 * HOUR_US;
	r[0].recorded_by = g.aide;
	r[0].recorded_as = "circle:aidant";
	/* 1: refused, the nullable columns NULL. */
	r[1] = admin_fx(id[1], g.s1, b + 20 * HOUR_US, b + 20 * HOUR_US);
	r[1].outcome = "refused";
	/* 2, 3: two as-needed doses of s2 (due_at 0) at the same instant: both kept,
	 * listed by id; 3 is inserted first. */
	r[2] = admin_fx(id[2], g.s2, 0, b + 14 * HOUR_US);
	r[2].occurred_at = b + 14 * HOUR_US;
	r[3] = r[2];
	r[3].id = id[3];
	/* 4: c3's, at the same time as 0. 5: c1's, at to. */
	r[4] = admin_fx(id[4], g.s3, b + 8 * HOUR_US, b + 8 * HOUR_US);
	r[5] = admin_fx(id[5], g.s1, b + DAY_US, b + DAY_US);
	r[5].outcome = "missed";
	const int order[] = {1, 0, 3, 2, 4, 5};
	for (size_t i = 0; i < 6; i++) {
		const struct lia_administration *x = &r[order[i]];
		assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = x}), LIA_STORE_OK);
		lia_store_fx_expect_change(g.c, a, &mark, x->org_id, "administration",
						   x->id, "insert", 1);
	}

	/* The same id, or a second record of a scheduled dose: CONFLICT. */
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &r[1]}), LIA_STORE_CONFLICT);
	r[6] = admin_fx(id[6], g.s1, b + 8 * HOUR_US, b + 8 * HOUR_US);
	r[6].outcome = "held";
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &r[6]}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);
	/* The same due_at in another series is another dose. */
	r[7] = admin_fx(id[7], g.s2, b + 8 * HOUR_US, b + 8 * HOUR_US);
	r[7].outcome = "not_available";
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &r[7]}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team_a.id, "administration",
					   id[7], "insert", 1);

	/* slot_at in [from, to), by slot_at, then id. */
	struct lia_administration *items;
	size_t n;
	assert_int_equal(g.c->ops->administration_list(g.c, a, g.c1, b, b + DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 5);
	assert_admin_equal(&items[0], &r[0]);
	assert_admin_equal(&items[1], &r[7]);
	assert_admin_equal(&items[2], &r[2]);
	assert_admin_equal(&items[3], &r[3]);
	assert_admin_equal(&items[4], &r[1]);
	assert_int_equal(g.c->ops->administration_list(g.c, a, g.c1, b + 14 * HOUR_US,
						       b + DAY_US + 1, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_admin_equal(&items[0], &r[2]);
	assert_admin_equal(&items[3], &r[5]);
	assert_int_equal(g.c->ops->administration_list(g.c, a, g.c3, b, b + DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_admin_equal(&items[0], &r[4]);
	assert_int_equal(g.c->ops->administration_list(g.c, a, g.c2, b, b + DAY_US, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

/* ---- the change feed as a whole ---- */

static void
test_changes_since_medication_failed_writes_leave_none(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_prescription p = rx_fx(g.rx1b, g.s1, 2, g.team_a.id, g.c1, T_RX);
	assert_int_equal(mtx((struct mcall){.op = M_RX, .rec = &p}), LIA_STORE_CONFLICT);
	p.valid_until = T_RX + 3 * DAY_US;
	p.end_reason = "stopped";
	p.ended_by = g.nurse;
	assert_int_equal(mtx((struct mcall){.op = M_RX_CLOSE, .rec = &p, .v = 5}), LIA_STORE_STALE);
	char unknown[ID_LEN];
	new_id(unknown);
	p.id = unknown;
	assert_int_equal(mtx((struct mcall){.op = M_RX_CLOSE, .rec = &p, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(mark_alerted(unknown, T_RX, T_RX), LIA_STORE_NOT_FOUND);
	struct lia_organiser o = organiser_fx(g.organiser, g.c1, "2025-09-01", T_ORG);
	assert_int_equal(mtx((struct mcall){.op = M_ORGANISER, .rec = &o}), LIA_STORE_CONFLICT);
	struct lia_administration r = admin_fx(unknown, g.s1, T_ADMIN + 8 * HOUR_US, T_ADMIN);
	assert_int_equal(mtx((struct mcall){.op = M_ADMIN, .rec = &r}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);
	/* The version in force was left as it was. */
	struct lia_prescription got;
	assert_int_equal(g.c->ops->prescription_get(g.c, a, g.rx1b, &got), LIA_STORE_OK);
	assert_int_equal(got.valid_until, 0);
	assert_null(got.end_reason);
	assert_int_equal(got.version, 1);
}

/* ---- harness ---- */

static int
group_setup(void **state)
{
	(void)state;
	g.keep = lia_arena_new();
	return lia_store_fx_open("medication", &g.c);
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
		T(test_medication_fixtures),
		T(test_medication_write_requires_transaction),
		T(test_prescription_insert_get_close_list),
		T(test_medication_clients_paging),
		T(test_dose_replace_list_mark_alerted),
		T(test_dose_list_vigilance_selection),
		T(test_organiser_insert_list),
		T(test_administration_insert_list),
		T(test_changes_since_medication_failed_writes_leave_none),
	};
	LIA_RUN_GROUP("store_medication", tests, group_setup, group_teardown);
}
