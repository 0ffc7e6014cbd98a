/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The storage contract suite (store.h), run unchanged on every backend: on the
 * database named by LIAISON_TEST_DATABASE_URL, else on a fresh SQLite file in a
 * temporary directory. It assumes an empty database at start; tests run in order
 * and build on earlier tests' rows (the organisation tree, accounts, clients), and
 * rely on no generated number but the change-feed and audit orderings.
 */
#include "lia_test.h"

#include "store_fixture.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "store/audit_chain.h"
#include "store/migrations.h"
#include "store/store.h"

#define ID_LEN (LIA_UUID_STRLEN + 1)
#define HOUR_US (3600LL * 1000000LL)
#define THREAD_WRITES 200

struct org_fx {
	char id[ID_LEN];
	const char *path; /* from g.keep */
};

static struct {
	struct lia_conn *c;
	/* root -> fed -> assoc_a -> team_a, fed -> assoc_b */
	struct org_fx root, fed, assoc_a, team_a, assoc_b;
	char staff[ID_LEN], person[ID_LEN];
	char role_ids[3][ID_LEN];
	char full[ID_LEN], minimal[ID_LEN];
	struct lia_arena *keep; /* fixtures shared between tests */
} g;

/* ---- helpers ---- */

static void
new_id(char out[ID_LEN])
{
	lia_uuid7(out);
}

/* One write operation, run through lia_store_write like a handler would. */
enum wop {
	W_ORG,
	W_ACCOUNT,
	W_LOGIN_FAILED,
	W_LOGIN_OK,
	W_ROLE,
	W_ROLE_DELETE,
	W_LINK,
	W_SESSION,
	W_REVOKE,
	W_PURGE,
	W_CLIENT,
	W_CLIENT_UPDATE,
	W_AUDIT,
	W_IDEM,
	W_META,
};

struct wcall {
	enum wop op;
	const void *rec;
	const char *s1, *s2;
	int64_t v;
	struct lia_audit_entry *entries;
	size_t n;
	int64_t *out;
};

static int
run_call(struct lia_conn *c, void *cls)
{
	const struct wcall *w = cls;
	const struct lia_store_ops *ops = c->ops;
	switch (w->op) {
	case W_ORG:
		return ops->org_insert(c, w->rec);
	case W_ACCOUNT:
		return ops->account_insert(c, w->rec);
	case W_LOGIN_FAILED:
		return ops->account_login_failed(c, w->s1, w->v);
	case W_LOGIN_OK:
		return ops->account_login_ok(c, w->s1);
	case W_ROLE:
		return ops->role_insert(c, w->rec);
	case W_ROLE_DELETE:
		return ops->role_delete(c, w->s1, w->s2);
	case W_LINK:
		return ops->person_link_insert(c, w->rec);
	case W_SESSION:
		return ops->session_insert(c, w->rec);
	case W_REVOKE:
		return ops->session_revoke(c, w->s1, w->v);
	case W_PURGE:
		return ops->session_purge(c, w->v, w->out);
	case W_CLIENT:
		return ops->client_insert(c, w->rec);
	case W_CLIENT_UPDATE:
		return ops->client_update(c, w->rec, w->v);
	case W_AUDIT:
		return ops->audit_append(c, w->entries, w->n);
	case W_IDEM:
		return ops->idempotency_put(c, w->rec);
	case W_META:
		return ops->meta_set(c, w->s1, w->s2);
	}
	return LIA_STORE_ERROR;
}

static int
tx(struct wcall w)
{
	return lia_store_write(g.c, run_call, &w);
}

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
	assert_int_equal(tx((struct wcall){.op = W_ORG, .rec = &o}), LIA_STORE_OK);
}

/* A client with every strict trait; optional fields NULL. Keys are made the way
 * lia_client_keys() makes them, written out so that this suite stands alone. */
static struct lia_client
client_fx(struct lia_arena *a, const char *id, const char *org_id, const char *birth_name,
	  const char *first, const char *birth_date)
{
	return (struct lia_client){
		.id = id,
		.org_id = org_id,
		.version = 1,
		.identity_status = "PROV",
		.birth_name = birth_name,
		.birth_given_names = first,
		.first_given_name = first,
		.sex = "F",
		.birth_date = birth_date,
		.name_key = lia_arena_printf(a, "%s %s", birth_name, first),
		.identity_key = lia_arena_printf(a, "%s|%s|%s|F", birth_name, first, birth_date),
		.created_at = lia_clock_now_us(),
		.updated_at = lia_clock_now_us(),
	};
}

static char *
insert_client(struct lia_arena *a, const char *org_id, const char *birth_name, const char *first,
	      const char *birth_date, const char *ins)
{
	char *id = lia_arena_alloc(a, ID_LEN);
	new_id(id);
	struct lia_client cl = client_fx(a, id, org_id, birth_name, first, birth_date);
	cl.ins_matricule = ins;
	cl.ins_oid = ins ? "1.2.250.1.213.1.4.8" : NULL;
	assert_int_equal(tx((struct wcall){.op = W_CLIENT, .rec = &cl}), LIA_STORE_OK);
	return id;
}

static void
audit_fx(struct lia_audit_entry *e, const char *action, const char *client_id)
{
	memset(e, 0, sizeof *e);
	e->org_id = g.team_a.id;
	e->at = lia_clock_now_us();
	e->actor_id = g.staff[0] ? g.staff : NULL;
	e->actor_role = "nurse";
	e->action = action;
	e->client_id = client_id;
	e->ip = "192.0.2.1";
	e->request_id = "req-1";
	e->outcome = "ok";
}

/* Checks the whole chain from seq 1 and counts the entries. */
struct verify {
	int64_t n, last_seq;
	char last_hash[LIA_HASH_HEX_LEN + 1];
	int bad;
};

static int
verify_cb(const struct lia_audit_entry *e, void *cls)
{
	struct verify *v = cls;
	char h[LIA_HASH_HEX_LEN + 1];
	lia_audit_hash(e, h);
	if (e->seq != v->last_seq + 1 || strcmp(e->prev_hash, v->last_hash) != 0 ||
	    strcmp(e->hash, h) != 0)
		v->bad++;
	v->n++;
	v->last_seq = e->seq;
	memcpy(v->last_hash, e->hash, sizeof v->last_hash);
	return 0;
}

static void
verify_chain(int64_t *count)
{
	struct verify v = {.last_hash = LIA_AUDIT_GENESIS};
	int64_t seq;
	char hash[LIA_HASH_HEX_LEN + 1];
	assert_int_equal(g.c->ops->audit_scan(g.c, 0, verify_cb, &v), LIA_STORE_OK);
	assert_int_equal(v.bad, 0);
	assert_int_equal(g.c->ops->audit_head(g.c, &seq, hash), LIA_STORE_OK);
	assert_int_equal(seq, v.last_seq);
	assert_string_equal(hash, v.last_hash);
	*count = v.n;
}

/* ---- schema ---- */

static void
test_migrate_idempotent(void **state)
{
	(void)state;
	int applied = -1, version = -1;
	int pg = g.c->ops == &lia_store_pg;
	const struct lia_migration *m = pg ? lia_migrations_pg : lia_migrations_sqlite;
	size_t count = pg ? lia_migrations_pg_count : lia_migrations_sqlite_count;
	assert_int_equal(g.c->ops->schema_version(g.c, &version), LIA_STORE_OK);
	assert_int_equal(version, 0);
	assert_int_equal(g.c->ops->migrate(g.c, &applied), LIA_STORE_OK);
	assert_int_equal(applied, (int)count);
	assert_int_equal(g.c->ops->schema_version(g.c, &version), LIA_STORE_OK);
	assert_int_equal(version, m[count - 1].number);
	assert_int_equal(g.c->ops->migrate(g.c, &applied), LIA_STORE_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(g.c->ops->ping(g.c), LIA_STORE_OK);
}

static void
test_meta_set_get(void **state)
{
	struct lia_arena *a = *state;
	const char *v = NULL;
	assert_int_equal(g.c->ops->meta_get(g.c, a, "installation", &v), LIA_STORE_NOT_FOUND);
	assert_int_equal(tx((struct wcall){.op = W_META, .s1 = "installation", .s2 = "one"}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->meta_get(g.c, a, "installation", &v), LIA_STORE_OK);
	assert_string_equal(v, "one");
	assert_int_equal(tx((struct wcall){.op = W_META, .s1 = "installation", .s2 = "two"}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->meta_get(g.c, a, "installation", &v), LIA_STORE_OK);
	assert_string_equal(v, "two");
}

/* ---- organisations ---- */

static void
test_org_insert_get(void **state)
{
	struct lia_arena *a = *state;
	make_org(&g.root, NULL, "national", "Réseau national");
	make_org(&g.fed, &g.root, "federation", "Fédération");
	make_org(&g.assoc_a, &g.fed, "association", "Association A");
	make_org(&g.team_a, &g.assoc_a, "team", "Équipe A");
	make_org(&g.assoc_b, &g.fed, "association", "Association B");

	struct lia_org o;
	assert_int_equal(g.c->ops->org_get(g.c, a, g.root.id, &o), LIA_STORE_OK);
	assert_string_equal(o.id, g.root.id);
	assert_null(o.parent_id);
	assert_string_equal(o.kind, "national");
	assert_string_equal(o.name, "Réseau national");
	assert_string_equal(o.tz, "Europe/Paris");
	assert_string_equal(o.path, g.root.path);
	assert_int_equal(o.version, 1);
	assert_true(o.created_at > 0);
	assert_int_equal(g.c->ops->org_get(g.c, a, g.team_a.id, &o), LIA_STORE_OK);
	assert_string_equal(o.parent_id, g.assoc_a.id);
	assert_string_equal(o.path, g.team_a.path);

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->org_get(g.c, a, unknown, &o), LIA_STORE_NOT_FOUND);
}

static void
test_org_insert_duplicate(void **state)
{
	(void)state;
	struct lia_org o = {
		.id = g.assoc_b.id,
		.parent_id = g.fed.id,
		.kind = "association",
		.name = "Again",
		.tz = "Europe/Paris",
		.path = g.assoc_b.path,
		.version = 1,
		.created_at = 1,
	};
	assert_int_equal(tx((struct wcall){.op = W_ORG, .rec = &o}), LIA_STORE_CONFLICT);
}

static void
test_org_list_prefix(void **state)
{
	struct lia_arena *a = *state;
	struct lia_org *items;
	size_t n;
	assert_int_equal(g.c->ops->org_list(g.c, a, g.fed.path, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].id, g.fed.id);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(items[i - 1].path, items[i].path) < 0);
	assert_int_equal(g.c->ops->org_list(g.c, a, g.assoc_a.path, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, g.assoc_a.id);
	assert_string_equal(items[1].id, g.team_a.id);
	assert_int_equal(g.c->ops->org_list(g.c, a, g.team_a.path, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(g.c->ops->org_list(g.c, a, "/", &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 5);
	assert_int_equal(g.c->ops->org_list(g.c, a, "/nowhere/", &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

/* ---- accounts ---- */

static struct lia_account
account_fx(const char *id, const char *org_id, const char *login, const char *kind)
{
	return (struct lia_account){
		.id = id,
		.org_id = org_id,
		.login = login,
		.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
		.kind = kind,
		.display_name = "Camille",
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
}

static void
test_account_insert_get(void **state)
{
	struct lia_arena *a = *state;
	new_id(g.staff);
	new_id(g.person);
	struct lia_account s = account_fx(g.staff, g.team_a.id, "camille.staff", "staff");
	struct lia_account p = account_fx(g.person, g.team_a.id, "aidant.person", "person");
	p.disabled = true;
	assert_int_equal(tx((struct wcall){.op = W_ACCOUNT, .rec = &s}), LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_ACCOUNT, .rec = &p}), LIA_STORE_OK);

	struct lia_account got;
	assert_int_equal(g.c->ops->account_get(g.c, a, g.staff, &got), LIA_STORE_OK);
	assert_string_equal(got.id, g.staff);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.login, "camille.staff");
	assert_string_equal(got.password_hash, s.password_hash);
	assert_string_equal(got.kind, "staff");
	assert_string_equal(got.display_name, "Camille");
	assert_false(got.disabled);
	assert_int_equal(got.failed_logins, 0);
	assert_int_equal(got.locked_until, 0);
	assert_int_equal(got.version, 1);
	assert_int_equal(got.created_at, s.created_at);

	assert_int_equal(g.c->ops->account_get_by_login(g.c, a, "aidant.person", &got),
			 LIA_STORE_OK);
	assert_string_equal(got.id, g.person);
	assert_string_equal(got.kind, "person");
	assert_true(got.disabled);
	assert_int_equal(g.c->ops->account_get_by_login(g.c, a, "nobody", &got),
			 LIA_STORE_NOT_FOUND);
	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->account_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);
}

static void
test_account_insert_duplicate_login(void **state)
{
	struct lia_arena *a = *state;
	char id[ID_LEN];
	new_id(id);
	struct lia_account dup = account_fx(id, g.assoc_b.id, "camille.staff", "staff");
	assert_int_equal(tx((struct wcall){.op = W_ACCOUNT, .rec = &dup}), LIA_STORE_CONFLICT);
	struct lia_account got;
	assert_int_equal(g.c->ops->account_get(g.c, a, id, &got), LIA_STORE_NOT_FOUND);
}

static void
test_account_login_counters(void **state)
{
	struct lia_arena *a = *state;
	struct lia_account got;
	int64_t until = lia_clock_now_us() + HOUR_US;
	assert_int_equal(tx((struct wcall){.op = W_LOGIN_FAILED, .s1 = g.staff, .v = 0}),
			 LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_LOGIN_FAILED, .s1 = g.staff, .v = until}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->account_get(g.c, a, g.staff, &got), LIA_STORE_OK);
	assert_int_equal(got.failed_logins, 2);
	assert_int_equal(got.locked_until, until);
	assert_int_equal(got.version, 1);
	assert_int_equal(tx((struct wcall){.op = W_LOGIN_OK, .s1 = g.staff}), LIA_STORE_OK);
	assert_int_equal(g.c->ops->account_get(g.c, a, g.staff, &got), LIA_STORE_OK);
	assert_int_equal(got.failed_logins, 0);
	assert_int_equal(got.locked_until, 0);

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(tx((struct wcall){.op = W_LOGIN_FAILED, .s1 = unknown, .v = until}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(tx((struct wcall){.op = W_LOGIN_OK, .s1 = unknown}), LIA_STORE_NOT_FOUND);
}

/* ---- roles ---- */

static int
insert_role(char id[ID_LEN], const char *account_id, const char *org_id, const char *role)
{
	new_id(id);
	struct lia_role r = {
		.id = id,
		.account_id = account_id,
		.org_id = org_id,
		.role = role,
		.created_at = lia_clock_now_us(),
	};
	return tx((struct wcall){.op = W_ROLE, .rec = &r});
}

static void
test_role_insert_list(void **state)
{
	struct lia_arena *a = *state;
	/* Inserted out of order: the list comes back by org path, then role. */
	assert_int_equal(insert_role(g.role_ids[0], g.staff, g.team_a.id, "aide"), LIA_STORE_OK);
	assert_int_equal(insert_role(g.role_ids[1], g.staff, g.assoc_a.id, "nurse"), LIA_STORE_OK);
	assert_int_equal(insert_role(g.role_ids[2], g.staff, g.assoc_a.id, "coordinator"),
			 LIA_STORE_OK);

	struct lia_role *items;
	size_t n;
	assert_int_equal(g.c->ops->role_list(g.c, a, g.staff, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].role, "coordinator");
	assert_string_equal(items[0].id, g.role_ids[2]);
	assert_string_equal(items[0].org_id, g.assoc_a.id);
	assert_string_equal(items[0].org_path, g.assoc_a.path);
	assert_string_equal(items[0].account_id, g.staff);
	assert_true(items[0].created_at > 0);
	assert_string_equal(items[1].role, "nurse");
	assert_string_equal(items[2].role, "aide");
	assert_string_equal(items[2].org_path, g.team_a.path);

	assert_int_equal(g.c->ops->role_list(g.c, a, g.person, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static void
test_role_insert_duplicate(void **state)
{
	(void)state;
	char id[ID_LEN];
	assert_int_equal(insert_role(id, g.staff, g.assoc_a.id, "nurse"), LIA_STORE_CONFLICT);
}

static void
test_role_delete_found_and_not(void **state)
{
	struct lia_arena *a = *state;
	/* Another account cannot delete the role by id. */
	assert_int_equal(
		tx((struct wcall){.op = W_ROLE_DELETE, .s1 = g.person, .s2 = g.role_ids[1]}),
		LIA_STORE_NOT_FOUND);
	assert_int_equal(
		tx((struct wcall){.op = W_ROLE_DELETE, .s1 = g.staff, .s2 = g.role_ids[1]}),
		LIA_STORE_OK);
	assert_int_equal(
		tx((struct wcall){.op = W_ROLE_DELETE, .s1 = g.staff, .s2 = g.role_ids[1]}),
		LIA_STORE_NOT_FOUND);
	struct lia_role *items;
	size_t n;
	assert_int_equal(g.c->ops->role_list(g.c, a, g.staff, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].role, "coordinator");
	assert_string_equal(items[1].role, "aide");
}

/* ---- sessions ---- */

static void
test_session_insert_get_revoke(void **state)
{
	struct lia_arena *a = *state;
	int64_t now = lia_clock_now_us();
	struct lia_session s = {
		.token_hash = "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11",
		.org_id = g.team_a.id,
		.account_id = g.staff,
		.created_at = now,
		.expires_at = now + HOUR_US,
		.ip = "198.51.100.7",
	};
	assert_int_equal(tx((struct wcall){.op = W_SESSION, .rec = &s}), LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_SESSION, .rec = &s}), LIA_STORE_CONFLICT);

	struct lia_session got;
	assert_int_equal(g.c->ops->session_get(g.c, a, s.token_hash, &got), LIA_STORE_OK);
	assert_string_equal(got.token_hash, s.token_hash);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.account_id, g.staff);
	assert_int_equal(got.created_at, now);
	assert_int_equal(got.expires_at, now + HOUR_US);
	assert_int_equal(got.revoked_at, 0);
	assert_string_equal(got.ip, "198.51.100.7");

	/* A second revocation keeps the first instant. */
	assert_int_equal(tx((struct wcall){.op = W_REVOKE, .s1 = s.token_hash, .v = now + 5}),
			 LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_REVOKE, .s1 = s.token_hash, .v = now + 9}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->session_get(g.c, a, s.token_hash, &got), LIA_STORE_OK);
	assert_int_equal(got.revoked_at, now + 5);
	assert_int_equal(tx((struct wcall){.op = W_REVOKE, .s1 = "ffff", .v = now}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->session_get(g.c, a, "ffff", &got), LIA_STORE_NOT_FOUND);
}

static void
test_session_purge_expired(void **state)
{
	struct lia_arena *a = *state;
	int64_t now = lia_clock_now_us();
	struct lia_session old = {
		.token_hash = "bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22",
		.org_id = g.team_a.id,
		.account_id = g.staff,
		.created_at = now - 3 * HOUR_US,
		.expires_at = now - 2 * HOUR_US,
	};
	assert_int_equal(tx((struct wcall){.op = W_SESSION, .rec = &old}), LIA_STORE_OK);
	struct lia_session got;
	assert_int_equal(g.c->ops->session_get(g.c, a, old.token_hash, &got), LIA_STORE_OK);
	assert_null(got.ip);

	int64_t deleted = -1;
	assert_int_equal(tx((struct wcall){.op = W_PURGE, .v = now, .out = &deleted}),
			 LIA_STORE_OK);
	assert_int_equal(deleted, 1);
	assert_int_equal(g.c->ops->session_get(g.c, a, old.token_hash, &got), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->session_get(
				 g.c, a,
				 "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11",
				 &got),
			 LIA_STORE_OK);
}

/* ---- clients ---- */

static void
assert_client_equal(const struct lia_client *got, const struct lia_client *want)
{
	assert_string_equal(got->id, want->id);
	assert_string_equal(got->org_id, want->org_id);
	assert_int_equal(got->version, want->version);
	lia_assert_str_or_null(got->ins_matricule, want->ins_matricule);
	lia_assert_str_or_null(got->ins_oid, want->ins_oid);
	assert_string_equal(got->identity_status, want->identity_status);
	assert_int_equal(got->insi_checked_at, want->insi_checked_at);
	lia_assert_str_or_null(got->identity_document, want->identity_document);
	assert_string_equal(got->birth_name, want->birth_name);
	assert_string_equal(got->birth_given_names, want->birth_given_names);
	assert_string_equal(got->first_given_name, want->first_given_name);
	assert_string_equal(got->sex, want->sex);
	assert_string_equal(got->birth_date, want->birth_date);
	lia_assert_str_or_null(got->birth_place_code, want->birth_place_code);
	lia_assert_str_or_null(got->used_name, want->used_name);
	lia_assert_str_or_null(got->used_given_name, want->used_given_name);
	lia_assert_str_or_null(got->address_line, want->address_line);
	lia_assert_str_or_null(got->postal_code, want->postal_code);
	lia_assert_str_or_null(got->city, want->city);
	lia_assert_str_or_null(got->phone, want->phone);
	assert_int_equal(got->gir, want->gir);
	assert_string_equal(got->name_key, want->name_key);
	lia_assert_str_or_null(got->used_name_key, want->used_name_key);
	assert_string_equal(got->identity_key, want->identity_key);
	assert_int_equal(got->created_at, want->created_at);
	assert_int_equal(got->updated_at, want->updated_at);
}

static struct lia_client
full_client(struct lia_arena *a)
{
	struct lia_client cl = client_fx(a, g.full, g.team_a.id, "DUPONT", "MARIE", "1940-02-29");
	cl.ins_matricule = "240027505612345";
	cl.ins_oid = "1.2.250.1.213.1.4.8";
	cl.identity_status = "QUAL";
	cl.insi_checked_at = lia_clock_now_us() - 1000;
	cl.identity_document = "CNI";
	cl.birth_given_names = "MARIE LOUISE ÉLISE";
	cl.birth_place_code = "75056";
	cl.used_name = "Martin";
	cl.used_given_name = "Malou";
	cl.address_line = "3 rue de l'Église";
	cl.postal_code = "75004";
	cl.city = "Paris";
	cl.phone = "+33 1 23 45 67 89";
	cl.gir = 4;
	cl.used_name_key = "MARTIN MALOU";
	return cl;
}

static void
test_client_insert_get_roundtrip(void **state)
{
	struct lia_arena *a = *state;
	new_id(g.full);
	new_id(g.minimal);
	struct lia_client full = full_client(a);
	struct lia_client min =
		client_fx(a, g.minimal, g.assoc_b.id, "DURAND", "JEAN", "1938-07-14");
	assert_int_equal(tx((struct wcall){.op = W_CLIENT, .rec = &full}), LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_CLIENT, .rec = &min}), LIA_STORE_OK);

	struct lia_client got;
	assert_int_equal(g.c->ops->client_get(g.c, a, g.full, &got), LIA_STORE_OK);
	assert_client_equal(&got, &full);
	assert_string_equal(got.org_path, g.team_a.path);
	assert_int_equal(g.c->ops->client_get(g.c, a, g.minimal, &got), LIA_STORE_OK);
	assert_client_equal(&got, &min);
	assert_string_equal(got.org_path, g.assoc_b.path);

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->client_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);
}

static void
test_client_insert_duplicate(void **state)
{
	struct lia_arena *a = *state;
	char id[ID_LEN];
	new_id(id);
	struct lia_client same_ins = client_fx(a, id, g.assoc_b.id, "AUTRE", "PAUL", "1950-01-01");
	same_ins.ins_matricule = "240027505612345";
	assert_int_equal(tx((struct wcall){.op = W_CLIENT, .rec = &same_ins}), LIA_STORE_CONFLICT);
	struct lia_client same_id =
		client_fx(a, g.full, g.assoc_b.id, "AUTRE", "PAUL", "1950-01-01");
	assert_int_equal(tx((struct wcall){.op = W_CLIENT, .rec = &same_id}), LIA_STORE_CONFLICT);
	struct lia_client got;
	assert_int_equal(g.c->ops->client_get(g.c, a, id, &got), LIA_STORE_NOT_FOUND);
}

static void
test_client_update_version(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client cl = full_client(a);
	int64_t created = 0;
	struct lia_client got;
	assert_int_equal(g.c->ops->client_get(g.c, a, g.full, &got), LIA_STORE_OK);
	created = got.created_at;
	cl.city = "Lyon";
	cl.postal_code = "69001";
	cl.phone = NULL;
	cl.gir = 3;
	cl.org_id = g.assoc_b.id; /* not written: the home organisation stays */
	cl.created_at = 42;       /* not written */
	cl.updated_at = lia_clock_now_us();
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 1}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->client_get(g.c, a, g.full, &got), LIA_STORE_OK);
	assert_int_equal(got.version, 2);
	assert_string_equal(got.city, "Lyon");
	assert_string_equal(got.postal_code, "69001");
	assert_null(got.phone);
	assert_int_equal(got.gir, 3);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_int_equal(got.created_at, created);
	assert_int_equal(got.updated_at, cl.updated_at);

	cl.city = "Lille";
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 2}),
			 LIA_STORE_OK);
	assert_int_equal(g.c->ops->client_get(g.c, a, g.full, &got), LIA_STORE_OK);
	assert_int_equal(got.version, 3);
	assert_string_equal(got.city, "Lille");
}

static void
test_client_update_stale(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client cl = full_client(a);
	cl.city = "Marseille";
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 1}),
			 LIA_STORE_STALE);
	struct lia_client got;
	assert_int_equal(g.c->ops->client_get(g.c, a, g.full, &got), LIA_STORE_OK);
	assert_int_equal(got.version, 3);
	assert_string_equal(got.city, "Lille");
}

static void
test_client_update_not_found(void **state)
{
	struct lia_arena *a = *state;
	char id[ID_LEN];
	new_id(id);
	struct lia_client cl = client_fx(a, id, g.team_a.id, "NULLE", "PART", "1930-01-01");
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 1}),
			 LIA_STORE_NOT_FOUND);
}

static void
test_client_update_ins_conflict(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client cl =
		client_fx(a, g.minimal, g.assoc_b.id, "DURAND", "JEAN", "1938-07-14");
	cl.ins_matricule = "240027505612345";
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 1}),
			 LIA_STORE_CONFLICT);
	struct lia_client got;
	assert_int_equal(g.c->ops->client_get(g.c, a, g.minimal, &got), LIA_STORE_OK);
	assert_int_equal(got.version, 1);
	assert_null(got.ins_matricule);
}

static void
test_client_count_all(void **state)
{
	(void)state;
	int64_t n = -1;
	assert_int_equal(g.c->ops->client_count(g.c, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
}

/* Search fixtures: five BERNARD in team_a (one known by a used name only), one
 * BERNARD in assoc_b, outside assoc_a's subtree. */
static char *bern[6];

static void
test_client_search_name_prefix(void **state)
{
	struct lia_arena *a = *state;
	struct lia_arena *keep = g.keep; /* fixture ids outlive this test's arena */
	bern[0] = insert_client(keep, g.team_a.id, "BERNARD", "ALICE", "1941-03-01", NULL);
	bern[1] = insert_client(keep, g.team_a.id, "BERNARD", "BRUNO", "1942-03-01", NULL);
	bern[2] = insert_client(keep, g.team_a.id, "BERNARD", "ALICE", "1943-03-01", NULL);
	bern[3] = insert_client(keep, g.team_a.id, "BERNARDIN", "CLAUDE", "1944-03-01",
				"144037505600011");
	bern[4] = insert_client(keep, g.assoc_b.id, "BERNARD", "DENISE", "1941-03-01", NULL);
	/* A married name: found by its used name key. */
	char *id = lia_arena_alloc(keep, ID_LEN);
	new_id(id);
	struct lia_client cl = client_fx(keep, id, g.team_a.id, "LEROY", "EVE", "1945-03-01");
	cl.used_name = "Bernard";
	cl.used_name_key = "BERNARD EVE";
	assert_int_equal(tx((struct wcall){.op = W_CLIENT, .rec = &cl}), LIA_STORE_OK);
	bern[5] = id;

	const char *scope[] = {g.assoc_a.path};
	struct lia_client_query q = {
		.scope_paths = scope,
		.nscope = 1,
		.name_prefix = "BERNARD",
		.limit = 50,
	};
	struct lia_client *items;
	size_t n;
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(items[i].id, bern[4]); /* other subtree */
		assert_string_equal(items[i].org_path, g.team_a.path);
		if (i > 0) {
			int d = strcmp(items[i - 1].name_key, items[i].name_key);
			assert_true(d < 0 || (d == 0 && strcmp(items[i - 1].id, items[i].id) < 0));
		}
	}
	assert_string_equal(items[n - 1].id, bern[5]); /* LEROY EVE sorts last */

	q.name_prefix = "BERNARD A";
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	q.name_prefix = "BERNARDI";
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, bern[3]);
	q.name_prefix = "%";
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static void
test_client_search_filters(void **state)
{
	struct lia_arena *a = *state;
	const char *scope[] = {g.assoc_a.path, g.assoc_b.path};
	struct lia_client_query q = {
		.scope_paths = scope,
		.nscope = 2,
		.birth_date = "1941-03-01",
		.limit = 50,
	};
	struct lia_client *items;
	size_t n;
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	q.nscope = 1;
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, bern[0]);

	q.birth_date = NULL;
	q.ins_matricule = "144037505600011";
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, bern[3]);
	assert_string_equal(items[0].ins_matricule, "144037505600011");

	/* The INS of a client outside the scope finds nothing. */
	const char *team_only[] = {g.assoc_b.path};
	q.scope_paths = team_only;
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static void
test_client_search_many_scopes(void **state)
{
	struct lia_arena *a = *state;
	/* More scope paths than a backend may compose in one statement. */
	const char *scope[12];
	for (int i = 0; i < 12; i++)
		scope[i] = lia_arena_printf(a, "/no-such-org-%d/", i);
	/* assoc_a and team_a overlap across the halves: no client may come twice. */
	scope[3] = g.assoc_b.path;
	scope[5] = g.assoc_a.path;
	scope[10] = g.team_a.path;
	struct lia_client_query q = {
		.scope_paths = scope,
		.nscope = 12,
		.name_prefix = "BERNARD",
		.limit = 4,
	};
	struct lia_client *items;
	size_t n;
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 4);
	for (size_t i = 1; i < n; i++)
		assert_string_not_equal(items[i - 1].id, items[i].id);
	q.limit = 50;
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 6);
}

static void
test_client_search_cursor_pages(void **state)
{
	struct lia_arena *a = *state;
	const char *scope[] = {g.root.path};
	struct lia_client *all;
	size_t nall;
	struct lia_client_query q = {.scope_paths = scope, .nscope = 1, .limit = 200};
	assert_int_equal(g.c->ops->client_search(g.c, a, &q, &all, &nall), LIA_STORE_OK);
	assert_int_equal(nall, 8); /* DUPONT, DURAND and the six BERNARD */

	/* Pages of 3 visit every row once, in the same order. */
	size_t seen = 0;
	q.limit = 3;
	for (int page = 0; page < 10; page++) {
		struct lia_client *items;
		size_t n;
		assert_int_equal(g.c->ops->client_search(g.c, a, &q, &items, &n), LIA_STORE_OK);
		if (n == 0)
			break;
		assert_true(n <= 3);
		for (size_t i = 0; i < n; i++, seen++) {
			assert_true(seen < nall);
			assert_string_equal(items[i].id, all[seen].id);
		}
		q.after_name_key = items[n - 1].name_key;
		q.after_id = items[n - 1].id;
	}
	assert_int_equal(seen, nall);
}

static void
test_client_find_duplicate_keys(void **state)
{
	struct lia_arena *a = *state;
	const char *scope[] = {g.assoc_a.path};
	struct lia_client out = {0};
	assert_int_equal(g.c->ops->client_find_duplicate(
				 g.c, a, scope, 1, "BERNARD|BRUNO|1942-03-01|F", NULL, NULL, &out),
			 LIA_STORE_OK);
	assert_string_equal(out.id, bern[1]);
	assert_int_equal(g.c->ops->client_find_duplicate(g.c, a, scope, 1, "NO|KEY",
							 "144037505600011", NULL, &out),
			 LIA_STORE_OK);
	assert_string_equal(out.id, bern[3]);
	/* The record being edited is not its own duplicate. */
	assert_int_equal(g.c->ops->client_find_duplicate(g.c, a, scope, 1, NULL, "144037505600011",
							 bern[3], &out),
			 LIA_STORE_NOT_FOUND);
	/* Two records share the key: excluding one finds the other. */
	assert_int_equal(g.c->ops->client_find_duplicate(g.c, a, scope, 1,
							 "BERNARD|ALICE|1941-03-01|F", NULL,
							 bern[0], &out),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->client_find_duplicate(
				 g.c, a, scope, 1, "BERNARD|DENISE|1941-03-01|F", NULL, NULL, &out),
			 LIA_STORE_NOT_FOUND); /* in assoc_b: out of scope */
	const char *wide[] = {g.assoc_a.path, g.assoc_b.path};
	assert_int_equal(g.c->ops->client_find_duplicate(
				 g.c, a, wide, 2, "BERNARD|DENISE|1941-03-01|F", NULL, NULL, &out),
			 LIA_STORE_OK);
	assert_string_equal(out.id, bern[4]);
	assert_int_equal(g.c->ops->client_find_duplicate(g.c, a, wide, 2, NULL, NULL, NULL, &out),
			 LIA_STORE_NOT_FOUND);
}

/* ---- person links ---- */

static int
insert_link(char id[ID_LEN], const char *client_id, const char *relation)
{
	new_id(id);
	struct lia_person_link l = {
		.id = id,
		.org_id = g.team_a.id,
		.account_id = g.person,
		.client_id = client_id,
		.relation = relation,
		.created_at = lia_clock_now_us(),
	};
	return tx((struct wcall){.op = W_LINK, .rec = &l});
}

static void
test_person_link_insert_list(void **state)
{
	struct lia_arena *a = *state;
	char l1[ID_LEN], l2[ID_LEN], l3[ID_LEN];
	assert_int_equal(insert_link(l1, bern[2], "caregiver"), LIA_STORE_OK);
	assert_int_equal(insert_link(l2, bern[0], "legal_representative"), LIA_STORE_OK);
	assert_int_equal(insert_link(l3, bern[2], "caregiver"), LIA_STORE_CONFLICT);

	struct lia_person_link *items;
	size_t n;
	assert_int_equal(g.c->ops->person_link_list(g.c, a, g.person, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	/* Ordered by client id; bern[0]'s UUIDv7 was made before bern[2]'s. */
	assert_string_equal(items[0].id, l2);
	assert_string_equal(items[0].client_id, bern[0]);
	assert_string_equal(items[0].relation, "legal_representative");
	assert_string_equal(items[0].account_id, g.person);
	assert_string_equal(items[0].org_id, g.team_a.id);
	assert_true(items[0].created_at > 0);
	assert_string_equal(items[1].id, l1);
	assert_int_equal(g.c->ops->person_link_list(g.c, a, g.staff, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

/* ---- idempotency ---- */

static void
test_idempotency_put_get(void **state)
{
	struct lia_arena *a = *state;
	struct lia_idempotency rec = {
		.account_id = g.staff,
		.key = "k-1",
		.org_id = g.team_a.id,
		.request_hash = "cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33",
		.status = 201,
		.body = "{\"id\":\"x\"}",
		.location = "/api/v1/clients/x",
		.created_at = lia_clock_now_us(),
	};
	struct lia_idempotency got;
	assert_int_equal(g.c->ops->idempotency_get(g.c, a, g.staff, "k-1", &got),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(tx((struct wcall){.op = W_IDEM, .rec = &rec}), LIA_STORE_OK);
	assert_int_equal(g.c->ops->idempotency_get(g.c, a, g.staff, "k-1", &got), LIA_STORE_OK);
	assert_string_equal(got.account_id, g.staff);
	assert_string_equal(got.key, "k-1");
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.request_hash, rec.request_hash);
	assert_int_equal(got.status, 201);
	assert_string_equal(got.body, rec.body);
	assert_string_equal(got.location, rec.location);
	assert_int_equal(got.created_at, rec.created_at);

	rec.status = 200;
	assert_int_equal(tx((struct wcall){.op = W_IDEM, .rec = &rec}), LIA_STORE_CONFLICT);
	/* Keys belong to an account: the same key of another account is another record. */
	rec.account_id = g.person;
	rec.location = NULL;
	assert_int_equal(tx((struct wcall){.op = W_IDEM, .rec = &rec}), LIA_STORE_OK);
	assert_int_equal(g.c->ops->idempotency_get(g.c, a, g.person, "k-1", &got), LIA_STORE_OK);
	assert_int_equal(got.status, 200);
	assert_null(got.location);
	assert_int_equal(g.c->ops->idempotency_get(g.c, a, g.staff, "k-1", &got), LIA_STORE_OK);
	assert_int_equal(got.status, 201);
}

/* ---- audit ---- */

static void
assert_linked(const struct lia_audit_entry *e, int n, int64_t first_seq, const char *prev)
{
	for (int i = 0; i < n; i++) {
		char h[LIA_HASH_HEX_LEN + 1];
		assert_int_equal(e[i].seq, first_seq + i);
		assert_string_equal(e[i].prev_hash, i ? e[i - 1].hash : prev);
		lia_audit_hash(&e[i], h);
		assert_string_equal(e[i].hash, h);
		assert_non_null(e[i].id);
		assert_true(lia_uuid_valid(e[i].id));
	}
}

static void
test_audit_append_links(void **state)
{
	(void)state;
	int64_t seq0;
	char hash0[LIA_HASH_HEX_LEN + 1];
	assert_int_equal(g.c->ops->audit_head(g.c, &seq0, hash0), LIA_STORE_OK);
	assert_int_equal(seq0, 0);
	assert_string_equal(hash0, LIA_AUDIT_GENESIS);

	struct lia_audit_entry e[5];
	char given[ID_LEN];
	new_id(given);
	audit_fx(&e[0], "client.read", g.full);
	e[0].id = given;
	audit_fx(&e[1], "client.update", g.full);
	e[1].on_behalf_of = g.person;
	e[1].object_id = "obj";
	e[1].detail = "why";
	audit_fx(&e[2], "session.login", NULL);
	e[2].actor_id = NULL;
	e[2].actor_role = "system";
	e[2].ip = NULL;
	e[2].request_id = NULL;
	audit_fx(&e[3], "client.read", g.minimal);
	audit_fx(&e[4], "client.read", g.full);
	/* Generated ids live until the connection's next write: check each batch
	 * before writing the next. */
	char prev[LIA_HASH_HEX_LEN + 1] = LIA_AUDIT_GENESIS;
	assert_int_equal(tx((struct wcall){.op = W_AUDIT, .entries = e, .n = 3}), LIA_STORE_OK);
	assert_linked(e, 3, 1, prev);
	assert_string_equal(e[0].id, given);
	assert_string_not_equal(e[1].id, e[2].id);
	memcpy(prev, e[2].hash, sizeof prev);
	assert_int_equal(tx((struct wcall){.op = W_AUDIT, .entries = e + 3, .n = 2}), LIA_STORE_OK);
	assert_linked(e + 3, 2, 4, prev);

	int64_t seq;
	char hash[LIA_HASH_HEX_LEN + 1];
	assert_int_equal(g.c->ops->audit_head(g.c, &seq, hash), LIA_STORE_OK);
	assert_int_equal(seq, 5);
	assert_string_equal(hash, e[4].hash);
}

struct collect {
	int64_t seqs[16];
	int n, stop_after;
	int fields_ok;
};

static int
collect_cb(const struct lia_audit_entry *e, void *cls)
{
	struct collect *k = cls;
	if (k->n < 16)
		k->seqs[k->n] = e->seq;
	k->n++;
	/* Entry 2 was written with every optional field set. */
	if (e->seq == 2)
		k->fields_ok = e->on_behalf_of && strcmp(e->on_behalf_of, g.person) == 0 &&
			       e->object_id && strcmp(e->object_id, "obj") == 0 && e->detail &&
			       strcmp(e->detail, "why") == 0 &&
			       strcmp(e->action, "client.update") == 0;
	if (e->seq == 3 && (e->actor_id || e->ip || e->request_id || !e->outcome))
		k->fields_ok = 0;
	return k->stop_after && k->n >= k->stop_after;
}

static void
test_audit_scan_streams(void **state)
{
	(void)state;
	int64_t count;
	verify_chain(&count);
	assert_int_equal(count, 5);

	struct collect k = {0};
	assert_int_equal(g.c->ops->audit_scan(g.c, 0, collect_cb, &k), LIA_STORE_OK);
	assert_int_equal(k.n, 5);
	assert_true(k.fields_ok);
	struct collect after = {0};
	assert_int_equal(g.c->ops->audit_scan(g.c, 3, collect_cb, &after), LIA_STORE_OK);
	assert_int_equal(after.n, 2);
	assert_int_equal(after.seqs[0], 4);
	struct collect stop = {.stop_after = 2};
	assert_int_equal(g.c->ops->audit_scan(g.c, 0, collect_cb, &stop), LIA_STORE_OK);
	assert_int_equal(stop.n, 2);
}

static void
test_audit_list_client_pages(void **state)
{
	struct lia_arena *a = *state;
	struct lia_audit_entry e[3];
	audit_fx(&e[0], "client.read", g.full);
	audit_fx(&e[1], "client.read", bern[0]);
	audit_fx(&e[2], "client.print", g.full);
	assert_int_equal(tx((struct wcall){.op = W_AUDIT, .entries = e, .n = 3}), LIA_STORE_OK);

	/* g.full: seq 1, 2, 5, 6, 8 */
	struct lia_audit_entry *items;
	size_t n;
	assert_int_equal(g.c->ops->audit_list_client(g.c, a, g.full, 0, 3, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_int_equal(items[0].seq, 8);
	assert_string_equal(items[0].action, "client.print");
	assert_string_equal(items[0].hash, e[2].hash);
	assert_int_equal(items[1].seq, 6);
	assert_int_equal(items[2].seq, 5);
	assert_int_equal(g.c->ops->audit_list_client(g.c, a, g.full, items[2].seq, 3, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].seq, 2);
	assert_int_equal(items[1].seq, 1);
	assert_string_equal(items[1].client_id, g.full);
	assert_string_equal(items[1].prev_hash, LIA_AUDIT_GENESIS);
	assert_int_equal(g.c->ops->audit_list_client(g.c, a, g.full, 1, 3, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->audit_list_client(g.c, a, g.minimal, 0, 10, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].seq, 4);
}

/* ---- transactions ---- */

struct failing {
	struct lia_client cl;
	struct lia_audit_entry e;
	int ran;
};

static int
insert_then_fail(struct lia_conn *c, void *cls)
{
	struct failing *f = cls;
	f->ran++;
	int st = c->ops->client_insert(c, &f->cl);
	if (st == LIA_STORE_OK)
		st = c->ops->audit_append(c, &f->e, 1);
	return st == LIA_STORE_OK ? LIA_STORE_STALE : LIA_STORE_ERROR;
}

static void
test_store_write_error_rolls_back(void **state)
{
	struct lia_arena *a = *state;
	int64_t seq0, seq;
	char hash0[LIA_HASH_HEX_LEN + 1], hash[LIA_HASH_HEX_LEN + 1];
	int64_t changes0 = lia_store_fx_last_change(g.c, a);
	int64_t count0, count;
	assert_int_equal(g.c->ops->audit_head(g.c, &seq0, hash0), LIA_STORE_OK);
	assert_int_equal(g.c->ops->client_count(g.c, &count0), LIA_STORE_OK);

	struct failing f = {0};
	char id[ID_LEN];
	new_id(id);
	f.cl = client_fx(a, id, g.team_a.id, "FANTOME", "GASPARD", "1939-09-09");
	audit_fx(&f.e, "client.create", id);
	assert_int_equal(lia_store_write(g.c, insert_then_fail, &f), LIA_STORE_STALE);
	assert_int_equal(f.ran, 1);

	struct lia_client got;
	assert_int_equal(g.c->ops->client_get(g.c, a, id, &got), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->client_count(g.c, &count), LIA_STORE_OK);
	assert_int_equal(count, count0);
	assert_int_equal(g.c->ops->audit_head(g.c, &seq, hash), LIA_STORE_OK);
	assert_int_equal(seq, seq0);
	assert_string_equal(hash, hash0);
	assert_int_equal(lia_store_fx_last_change(g.c, a), changes0);
	int64_t n;
	verify_chain(&n);
}

struct nested {
	struct lia_org o[3];
	struct org_fx fx[3];
};

static int
savepoints(struct lia_conn *c, void *cls)
{
	struct nested *s = cls;
	int st = c->ops->org_insert(c, &s->o[0]);
	if (st == LIA_STORE_OK)
		st = c->ops->savepoint(c);
	if (st == LIA_STORE_OK)
		st = c->ops->org_insert(c, &s->o[1]);
	if (st == LIA_STORE_OK)
		st = c->ops->savepoint_rollback(c);
	if (st == LIA_STORE_OK)
		st = c->ops->savepoint(c);
	if (st == LIA_STORE_OK)
		st = c->ops->org_insert(c, &s->o[2]);
	if (st == LIA_STORE_OK)
		st = c->ops->savepoint_release(c);
	return st;
}

static void
test_savepoint_rollback_inner(void **state)
{
	struct lia_arena *a = *state;
	int64_t changes0 = lia_store_fx_last_change(g.c, a);
	struct nested s;
	for (int i = 0; i < 3; i++) {
		new_id(s.fx[i].id);
		s.fx[i].path = lia_arena_printf(a, "%s%s/", g.team_a.path, s.fx[i].id);
		s.o[i] = (struct lia_org){
			.id = s.fx[i].id,
			.parent_id = g.team_a.id,
			.kind = "team",
			.name = "Sous-équipe",
			.tz = "Europe/Paris",
			.path = s.fx[i].path,
			.version = 1,
			.created_at = lia_clock_now_us(),
		};
	}
	assert_int_equal(lia_store_write(g.c, savepoints, &s), LIA_STORE_OK);
	struct lia_org o;
	assert_int_equal(g.c->ops->org_get(g.c, a, s.fx[0].id, &o), LIA_STORE_OK);
	assert_int_equal(g.c->ops->org_get(g.c, a, s.fx[1].id, &o), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->org_get(g.c, a, s.fx[2].id, &o), LIA_STORE_OK);

	struct lia_change *ch;
	size_t n;
	assert_int_equal(g.c->ops->changes_since(g.c, a, changes0, 100, &ch, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ch[0].entity_id, s.fx[0].id);
	assert_string_equal(ch[1].entity_id, s.fx[2].id);
}

/* ---- change feed ---- */

static void
test_changes_since_one_per_mutation(void **state)
{
	struct lia_arena *a = *state;
	int64_t start = lia_store_fx_last_change(g.c, a);

	struct org_fx team;
	make_org(&team, &g.assoc_b, "team", "Équipe B");
	char acc[ID_LEN];
	new_id(acc);
	struct lia_account ac = account_fx(acc, team.id, "feed.staff", "staff");
	assert_int_equal(tx((struct wcall){.op = W_ACCOUNT, .rec = &ac}), LIA_STORE_OK);
	char role[ID_LEN];
	assert_int_equal(insert_role(role, acc, team.id, "doctor"), LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_ROLE_DELETE, .s1 = acc, .s2 = role}),
			 LIA_STORE_OK);
	char *cid = insert_client(a, team.id, "FLUX", "HUGO", "1936-06-06", NULL);
	struct lia_client cl = client_fx(a, cid, team.id, "FLUX", "HUGO", "1936-06-06");
	cl.city = "Nantes";
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 1}),
			 LIA_STORE_OK);
	char link[ID_LEN];
	new_id(link);
	struct lia_person_link l = {
		.id = link,
		.org_id = team.id,
		.account_id = g.person,
		.client_id = cid,
		.relation = "self",
		.created_at = lia_clock_now_us(),
	};
	assert_int_equal(tx((struct wcall){.op = W_LINK, .rec = &l}), LIA_STORE_OK);
	/* Writes that are not replicated entities leave the feed alone. */
	assert_int_equal(tx((struct wcall){.op = W_LOGIN_OK, .s1 = acc}), LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_META, .s1 = "k", .s2 = "v"}), LIA_STORE_OK);
	assert_int_equal(tx((struct wcall){.op = W_CLIENT_UPDATE, .rec = &cl, .v = 1}),
			 LIA_STORE_STALE);

	struct lia_change *ch;
	size_t n;
	assert_int_equal(g.c->ops->changes_since(g.c, a, start, 100, &ch, &n), LIA_STORE_OK);
	assert_int_equal(n, 7);
	for (size_t i = 1; i < n; i++)
		assert_true(ch[i].seq > ch[i - 1].seq);
	lia_store_fx_assert_change(&ch[0], team.id, "org", team.id, "insert", 1);
	lia_store_fx_assert_change(&ch[1], team.id, "account", acc, "insert", 1);
	lia_store_fx_assert_change(&ch[2], team.id, "role", role, "insert", 1);
	lia_store_fx_assert_change(&ch[3], team.id, "role", role, "delete", 1);
	lia_store_fx_assert_change(&ch[4], team.id, "client", cid, "insert", 1);
	lia_store_fx_assert_change(&ch[5], team.id, "client", cid, "update", 2);
	lia_store_fx_assert_change(&ch[6], team.id, "person_link", link, "insert", 1);

	/* Pages: limit bounds the page, after_seq resumes exactly. */
	struct lia_change *p1, *p2;
	size_t n1, n2;
	assert_int_equal(g.c->ops->changes_since(g.c, a, start, 3, &p1, &n1), LIA_STORE_OK);
	assert_int_equal(n1, 3);
	assert_int_equal(g.c->ops->changes_since(g.c, a, p1[2].seq, 100, &p2, &n2), LIA_STORE_OK);
	assert_int_equal(n2, 4);
	assert_int_equal(p2[0].seq, ch[3].seq);

	/* The head is the last change; a write that changes nothing leaves it. */
	int64_t head = -1;
	assert_int_equal(g.c->ops->changes_head(g.c, &head), LIA_STORE_OK);
	assert_int_equal(head, ch[6].seq);
	assert_int_equal(tx((struct wcall){.op = W_META, .s1 = "k", .s2 = "w"}), LIA_STORE_OK);
	assert_int_equal(g.c->ops->changes_head(g.c, &head), LIA_STORE_OK);
	assert_int_equal(head, ch[6].seq);
}

/* ---- concurrency ---- */

struct worker {
	int ok, failed;
	int index;
};

static int
append_one(struct lia_conn *c, void *cls)
{
	struct worker *w = cls;
	struct lia_audit_entry e;
	audit_fx(&e, w->index ? "test.thread_b" : "test.thread_a", NULL);
	return c->ops->audit_append(c, &e, 1);
}

static void *
worker_main(void *cls)
{
	struct worker *w = cls;
	struct lia_conn *c = NULL;
	if (lia_store_connect(lia_store_fx_url(), &c) != LIA_STORE_OK) {
		w->failed = THREAD_WRITES;
		return NULL;
	}
	for (int i = 0; i < THREAD_WRITES; i++) {
		if (lia_store_write(c, append_one, w) == LIA_STORE_OK)
			w->ok++;
		else
			w->failed++;
	}
	c->ops->conn_close(c);
	return NULL;
}

static void
test_audit_append_concurrent(void **state)
{
	(void)state;
	int64_t before, after;
	verify_chain(&before);
	struct worker w[2] = {{.index = 0}, {.index = 1}};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(w[0].failed + w[1].failed, 0);
	assert_int_equal(w[0].ok + w[1].ok, 2 * THREAD_WRITES);
	verify_chain(&after);
	assert_int_equal(after, before + 2 * THREAD_WRITES);
}

/* One batch larger than a block of generated ids (PostgreSQL keeps 32 per block), with
 * texts an array literal or a quoting bug would change: "" beside NULL, the word NULL,
 * quotes, backslashes, braces, commas, blanks, non-ASCII. Every field must read back as
 * written and the chain must verify. */
#define BATCH 40

struct batch_check {
	const struct lia_audit_entry *e;
	int64_t first_seq;
	int n, bad;
};

static bool
same_text(const char *a, const char *b)
{
	return a ? b && strcmp(a, b) == 0 : !b;
}

static int
batch_cb(const struct lia_audit_entry *got, void *cls)
{
	struct batch_check *k = cls;
	k->n++;
	if (got->seq < k->first_seq || got->seq >= k->first_seq + BATCH) {
		k->bad++;
		return 0;
	}
	const struct lia_audit_entry *w = &k->e[got->seq - k->first_seq];
	if (!same_text(got->id, w->id) || !same_text(got->org_id, w->org_id) || got->at != w->at ||
	    !same_text(got->actor_id, w->actor_id) || !same_text(got->actor_role, w->actor_role) ||
	    !same_text(got->on_behalf_of, w->on_behalf_of) || !same_text(got->action, w->action) ||
	    !same_text(got->client_id, w->client_id) || !same_text(got->object_id, w->object_id) ||
	    !same_text(got->ip, w->ip) || !same_text(got->request_id, w->request_id) ||
	    !same_text(got->outcome, w->outcome) || !same_text(got->detail, w->detail) ||
	    strcmp(got->prev_hash, w->prev_hash) != 0 || strcmp(got->hash, w->hash) != 0)
		k->bad++;
	return 0;
}

static void
test_audit_append_batch_texts(void **state)
{
	(void)state;
	static const char *const odd[] = {"",
					  "NULL",
					  "say \"hi\"",
					  "back\\slash\\",
					  "{a,b}",
					  " lead and trail ",
					  "\\\"",
					  "Renée — 日本",
					  "a,\"b\",{c}\\"};
	const int nodd = (int)(sizeof odd / sizeof odd[0]);
	int64_t before;
	verify_chain(&before);
	int64_t seq0;
	char hash0[LIA_HASH_HEX_LEN + 1];
	assert_int_equal(g.c->ops->audit_head(g.c, &seq0, hash0), LIA_STORE_OK);

	struct lia_audit_entry e[BATCH];
	for (int i = 0; i < BATCH; i++) {
		audit_fx(&e[i], "client.read", i % 2 ? g.full : NULL);
		e[i].detail = odd[i % nodd];
		e[i].object_id = i % 3 ? odd[(i + 1) % nodd] : NULL;
		e[i].on_behalf_of = i % 4 == 1 ? "" : NULL;
		e[i].ip = i % 5 ? e[i].ip : NULL;
		e[i].request_id = odd[(i + 2) % nodd];
	}
	assert_int_equal(tx((struct wcall){.op = W_AUDIT, .entries = e, .n = BATCH}), LIA_STORE_OK);
	assert_linked(e, BATCH, seq0 + 1, hash0);

	/* Generated ids stay valid until the next write: compare before any. */
	struct batch_check k = {.e = e, .first_seq = seq0 + 1};
	assert_int_equal(g.c->ops->audit_scan(g.c, seq0, batch_cb, &k), LIA_STORE_OK);
	assert_int_equal(k.n, BATCH);
	assert_int_equal(k.bad, 0);
	int64_t after;
	verify_chain(&after);
	assert_int_equal(after, before + BATCH);
}

/* ---- care circle, consent, break-the-glass, notebook, attachments (0002) ---- */

/* One write of the 0002 operations, run through lia_store_write like the others. */
enum nop {
	N_CIRCLE,
	N_CIRCLE_END,
	N_CONSENT,
	N_CONSENT_REVOKE,
	N_BREAK_GLASS,
	N_ENTRY,
	N_MARKER,
	N_ACK,
	N_ATTACHMENT,
	N_LINK,
};

struct ncall {
	enum nop op;
	const void *rec;
	const char *s1, *s2, *s3, *s4;
	int64_t v;
};

static int
run_ncall(struct lia_conn *c, void *cls)
{
	const struct ncall *w = cls;
	const struct lia_store_ops *ops = c->ops;
	switch (w->op) {
	case N_CIRCLE:
		return ops->circle_insert(c, w->rec);
	case N_CIRCLE_END:
		return ops->circle_end(c, w->s1, w->s2, w->v);
	case N_CONSENT:
		return ops->consent_insert(c, w->rec);
	case N_CONSENT_REVOKE:
		return ops->consent_revoke(c, w->s1, w->v);
	case N_BREAK_GLASS:
		return ops->break_glass_insert(c, w->rec);
	case N_ENTRY:
		return ops->entry_insert(c, w->rec);
	case N_MARKER:
		return ops->read_marker_set(c, w->s1, w->s2, w->s3, w->s4, w->v);
	case N_ACK:
		return ops->ack_insert(c, w->rec);
	case N_ATTACHMENT:
		return ops->attachment_insert(c, w->rec);
	case N_LINK:
		return ops->attachment_link(c, w->s1, w->s2, w->s3);
	}
	return LIA_STORE_ERROR;
}

static int
ntx(struct ncall w)
{
	return lia_store_write(g.c, run_ncall, &w);
}

#define NB_ENTRIES 7

/* Fixtures of the 0002 tests: a client in team_a with a care circle, consents and
 * a notebook, and a client in assoc_b whose rows must never show up in team_a's. */
static struct {
	char *client, *other;
	char member[ID_LEN], org_member[ID_LEN], member_again[ID_LEN];
	char consent[2][ID_LEN];
	char entry[NB_ENTRIES][ID_LEN]; /* oldest first */
	char correction[ID_LEN];
	char attachment[ID_LEN], other_attachment[ID_LEN];
	int64_t t0;
} nb;

static void
ensure_nb_clients(void)
{
	if (nb.client)
		return;
	nb.client = insert_client(g.keep, g.team_a.id, "CARNET", "ALICE", "1941-03-03", NULL);
	nb.other = insert_client(g.keep, g.assoc_b.id, "AUTRUI", "BASILE", "1942-04-04", NULL);
	nb.t0 = lia_clock_now_us();
}

static struct lia_circle_member
circle_fx(const char *id, const char *account_id, const char *member_org_id, const char *role,
	  const char *starts_on)
{
	return (struct lia_circle_member){
		.id = id,
		.org_id = g.team_a.id,
		.client_id = nb.client,
		.account_id = account_id,
		.member_org_id = member_org_id,
		.circle_role = role,
		.starts_on = starts_on,
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
}

static void
test_circle_insert_get(void **state)
{
	struct lia_arena *a = *state;
	ensure_nb_clients();
	new_id(nb.member);
	new_id(nb.org_member);
	struct lia_circle_member p = circle_fx(nb.member, g.staff, NULL, "infirmier", "2024-01-10");
	struct lia_circle_member o =
		circle_fx(nb.org_member, NULL, g.assoc_b.id, "aide_domicile", "2024-02-01");
	assert_int_equal(ntx((struct ncall){.op = N_CIRCLE, .rec = &p}), LIA_STORE_OK);
	assert_int_equal(ntx((struct ncall){.op = N_CIRCLE, .rec = &o}), LIA_STORE_OK);
	assert_int_equal(ntx((struct ncall){.op = N_CIRCLE, .rec = &o}), LIA_STORE_CONFLICT);

	struct lia_circle_member got;
	assert_int_equal(g.c->ops->circle_get(g.c, a, nb.member, &got), LIA_STORE_OK);
	assert_string_equal(got.id, nb.member);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.client_id, nb.client);
	assert_string_equal(got.account_id, g.staff);
	assert_null(got.member_org_id);
	assert_null(got.member_org_path);
	assert_string_equal(got.circle_role, "infirmier");
	assert_string_equal(got.starts_on, "2024-01-10");
	assert_null(got.ends_on);
	assert_int_equal(got.version, 1);
	assert_int_equal(got.created_at, p.created_at);

	assert_int_equal(g.c->ops->circle_get(g.c, a, nb.org_member, &got), LIA_STORE_OK);
	assert_null(got.account_id);
	assert_string_equal(got.member_org_id, g.assoc_b.id);
	assert_string_equal(got.member_org_path, g.assoc_b.path);
	assert_string_equal(got.circle_role, "aide_domicile");

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->circle_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);
}

static void
test_circle_end_stale(void **state)
{
	struct lia_arena *a = *state;
	assert_int_equal(ntx((struct ncall){
				 .op = N_CIRCLE_END, .s1 = nb.member, .s2 = "2024-05-31", .v = 1}),
			 LIA_STORE_OK);
	struct lia_circle_member got;
	assert_int_equal(g.c->ops->circle_get(g.c, a, nb.member, &got), LIA_STORE_OK);
	assert_string_equal(got.ends_on, "2024-05-31");
	assert_int_equal(got.version, 2);
	assert_string_equal(got.starts_on, "2024-01-10");

	/* The editor read version 1: someone ended the period meanwhile. */
	assert_int_equal(ntx((struct ncall){
				 .op = N_CIRCLE_END, .s1 = nb.member, .s2 = "2024-04-30", .v = 1}),
			 LIA_STORE_STALE);
	assert_int_equal(g.c->ops->circle_get(g.c, a, nb.member, &got), LIA_STORE_OK);
	assert_string_equal(got.ends_on, "2024-05-31");
	assert_int_equal(got.version, 2);

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(
		ntx((struct ncall){.op = N_CIRCLE_END, .s1 = unknown, .s2 = "2024-05-31", .v = 1}),
		LIA_STORE_NOT_FOUND);
}

static void
test_circle_list_periods(void **state)
{
	struct lia_arena *a = *state;
	/* The nurse comes back: a new row, the first period is kept. */
	new_id(nb.member_again);
	struct lia_circle_member p =
		circle_fx(nb.member_again, g.staff, NULL, "infirmier", "2024-09-01");
	assert_int_equal(ntx((struct ncall){.op = N_CIRCLE, .rec = &p}), LIA_STORE_OK);

	struct lia_circle_member *items;
	size_t n;
	assert_int_equal(g.c->ops->circle_list(g.c, a, nb.client, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, nb.member);
	assert_string_equal(items[0].ends_on, "2024-05-31");
	assert_int_equal(items[0].version, 2);
	assert_null(items[0].member_org_path);
	assert_string_equal(items[1].id, nb.org_member);
	assert_string_equal(items[1].member_org_id, g.assoc_b.id);
	assert_string_equal(items[1].member_org_path, g.assoc_b.path);
	assert_string_equal(items[2].id, nb.member_again);
	assert_string_equal(items[2].account_id, g.staff);
	assert_null(items[2].ends_on);
	assert_int_equal(items[2].version, 1);
	assert_string_equal(items[2].client_id, nb.client);

	assert_int_equal(g.c->ops->circle_list(g.c, a, nb.other, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static struct lia_consent
consent_fx(const char *id, const char *grantee_account, const char *grantee_org,
	   const char *category, const char *decision, int64_t created_at)
{
	return (struct lia_consent){
		.id = id,
		.org_id = g.team_a.id,
		.client_id = nb.client,
		.grantee_account = grantee_account,
		.grantee_org = grantee_org,
		.category = category,
		.decision = decision,
		.starts_at = nb.t0,
		.decided_by = g.person,
		.decided_as = "legal_representative",
		.created_at = created_at,
	};
}

static void
test_consent_insert_list(void **state)
{
	struct lia_arena *a = *state;
	ensure_nb_clients();
	new_id(nb.consent[0]);
	new_id(nb.consent[1]);
	/* Inserted newest first: the list comes back by created_at. */
	struct lia_consent k1 =
		consent_fx(nb.consent[1], NULL, g.assoc_a.id, "medical", "refuse", nb.t0 + 2);
	k1.ends_at = nb.t0 + HOUR_US;
	k1.decided_as = "self";
	k1.decided_by = g.staff;
	struct lia_consent k0 =
		consent_fx(nb.consent[0], g.person, NULL, "daily", "grant", nb.t0 + 1);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT, .rec = &k1}), LIA_STORE_OK);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT, .rec = &k0}), LIA_STORE_OK);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT, .rec = &k0}), LIA_STORE_CONFLICT);

	struct lia_consent *items;
	size_t n;
	assert_int_equal(g.c->ops->consent_list(g.c, a, nb.client, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, nb.consent[0]);
	assert_string_equal(items[0].org_id, g.team_a.id);
	assert_string_equal(items[0].client_id, nb.client);
	assert_string_equal(items[0].grantee_account, g.person);
	assert_null(items[0].grantee_org);
	assert_null(items[0].grantee_org_path);
	assert_string_equal(items[0].category, "daily");
	assert_string_equal(items[0].decision, "grant");
	assert_int_equal(items[0].starts_at, nb.t0);
	assert_int_equal(items[0].ends_at, 0);
	assert_int_equal(items[0].revoked_at, 0);
	assert_string_equal(items[0].decided_by, g.person);
	assert_string_equal(items[0].decided_as, "legal_representative");
	assert_int_equal(items[0].created_at, nb.t0 + 1);
	assert_string_equal(items[1].id, nb.consent[1]);
	assert_null(items[1].grantee_account);
	assert_string_equal(items[1].grantee_org, g.assoc_a.id);
	assert_string_equal(items[1].grantee_org_path, g.assoc_a.path);
	assert_string_equal(items[1].category, "medical");
	assert_string_equal(items[1].decision, "refuse");
	assert_int_equal(items[1].ends_at, nb.t0 + HOUR_US);
	assert_string_equal(items[1].decided_by, g.staff);
	assert_string_equal(items[1].decided_as, "self");

	assert_int_equal(g.c->ops->consent_list(g.c, a, nb.other, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static void
test_consent_revoke_twice(void **state)
{
	struct lia_arena *a = *state;
	int64_t at = nb.t0 + 10;
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT_REVOKE, .s1 = nb.consent[0], .v = at}),
			 LIA_STORE_OK);
	/* The first revocation stands. */
	assert_int_equal(
		ntx((struct ncall){.op = N_CONSENT_REVOKE, .s1 = nb.consent[0], .v = at + 5}),
		LIA_STORE_NOT_FOUND);
	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT_REVOKE, .s1 = unknown, .v = at}),
			 LIA_STORE_NOT_FOUND);

	struct lia_consent *items;
	size_t n;
	assert_int_equal(g.c->ops->consent_list(g.c, a, nb.client, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, nb.consent[0]);
	assert_int_equal(items[0].revoked_at, at);
	assert_int_equal(items[1].revoked_at, 0);
}

static void
insert_break_glass(char id[ID_LEN], const char *account_id, int64_t started_at)
{
	new_id(id);
	struct lia_break_glass b = {
		.id = id,
		.org_id = g.team_a.id,
		.client_id = nb.client,
		.account_id = account_id,
		.reason = "Chute, appel du SAMU",
		.started_at = started_at,
		.expires_at = started_at + HOUR_US,
	};
	assert_int_equal(ntx((struct ncall){.op = N_BREAK_GLASS, .rec = &b}), LIA_STORE_OK);
}

static void
test_break_glass_insert_list(void **state)
{
	struct lia_arena *a = *state;
	ensure_nb_clients();
	char b0[ID_LEN], b1[ID_LEN], b2[ID_LEN];
	/* Inserted out of time order: the list is by started_at, newest first. */
	insert_break_glass(b1, g.person, nb.t0 - HOUR_US);
	insert_break_glass(b2, g.staff, nb.t0);
	insert_break_glass(b0, g.staff, nb.t0 - 2 * HOUR_US);

	struct lia_break_glass *items;
	size_t n;
	assert_int_equal(g.c->ops->break_glass_list(g.c, a, nb.client, NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, b2);
	assert_string_equal(items[1].id, b1);
	assert_string_equal(items[2].id, b0);
	assert_string_equal(items[0].org_id, g.team_a.id);
	assert_string_equal(items[0].client_id, nb.client);
	assert_string_equal(items[0].account_id, g.staff);
	assert_string_equal(items[0].reason, "Chute, appel du SAMU");
	assert_int_equal(items[0].started_at, nb.t0);
	assert_int_equal(items[0].expires_at, nb.t0 + HOUR_US);

	assert_int_equal(g.c->ops->break_glass_list(g.c, a, nb.client, g.staff, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, b2);
	assert_string_equal(items[1].id, b0);
	assert_int_equal(g.c->ops->break_glass_list(g.c, a, nb.client, g.person, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, b1);
	assert_int_equal(g.c->ops->break_glass_list(g.c, a, nb.other, NULL, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
}

/* Entry i of the notebook: categories, urgency, roles and write times vary so that
 * every filter selects a known subset. */
static const char *const nb_category[NB_ENTRIES] = {"daily", "care",  "medical", "daily",
						    "care",  "daily", "admin"};
static const bool nb_urgent[NB_ENTRIES] = {false, true, false, false, true, false, false};
static const char *const nb_role[NB_ENTRIES] = {"nurse", "aide",  "doctor",     "nurse",
						"aide",  "nurse", "coordinator"};

static int64_t
nb_written(int i)
{
	return nb.t0 + (int64_t)i * 1000;
}

static struct lia_entry
entry_fx(const char *id, const char *client_id, const char *org_id)
{
	return (struct lia_entry){
		.id = id,
		.org_id = org_id,
		.client_id = client_id,
		.kind = "note",
		.category = "daily",
		.audience = "all",
		.text = "Bonne journée, a bien mangé.",
		.author_id = g.staff,
		.author_role = "nurse",
		.fact_at = nb.t0,
		.written_at = nb.t0,
	};
}

static void
test_entry_insert_get(void **state)
{
	struct lia_arena *a = *state;
	ensure_nb_clients();
	/* UUIDv7 ids made in this order are increasing: entry[0] is the oldest. */
	for (int i = 0; i < NB_ENTRIES; i++) {
		new_id(nb.entry[i]);
		struct lia_entry e = entry_fx(nb.entry[i], nb.client, g.team_a.id);
		e.category = nb_category[i];
		e.urgent = nb_urgent[i];
		e.author_role = nb_role[i];
		e.written_at = nb_written(i);
		e.fact_at = nb_written(i) - 500;
		if (i == 2) {
			e.kind = "targeted";
			e.audience = "health";
			e.text = NULL;
			e.target = "Douleur";
			e.data = "EVA 6/10 au lever";
			e.actions = "Antalgique selon prescription";
			e.results = "EVA 2/10 à 1 h";
			e.visit_id = "visit-1";
			e.reply_to = nb.entry[0];
			e.tags = "[\"douleur\",\"suivi\"]";
		} else if (i == 3) {
			e.kind = "results";
			e.results_for = nb.entry[2];
			e.audience = "care_team";
		}
		assert_int_equal(ntx((struct ncall){.op = N_ENTRY, .rec = &e}), LIA_STORE_OK);
	}
	struct lia_entry dup = entry_fx(nb.entry[0], nb.client, g.team_a.id);
	assert_int_equal(ntx((struct ncall){.op = N_ENTRY, .rec = &dup}), LIA_STORE_CONFLICT);

	struct lia_entry got;
	assert_int_equal(g.c->ops->entry_get(g.c, a, nb.entry[2], &got), LIA_STORE_OK);
	assert_string_equal(got.id, nb.entry[2]);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.client_id, nb.client);
	assert_string_equal(got.kind, "targeted");
	assert_string_equal(got.category, "medical");
	assert_string_equal(got.audience, "health");
	assert_false(got.urgent);
	assert_null(got.text);
	assert_string_equal(got.target, "Douleur");
	assert_string_equal(got.data, "EVA 6/10 au lever");
	assert_string_equal(got.actions, "Antalgique selon prescription");
	assert_string_equal(got.results, "EVA 2/10 à 1 h");
	assert_string_equal(got.author_id, g.staff);
	assert_string_equal(got.author_role, "doctor");
	assert_int_equal(got.fact_at, nb_written(2) - 500);
	assert_int_equal(got.written_at, nb_written(2));
	assert_string_equal(got.visit_id, "visit-1");
	assert_string_equal(got.reply_to, nb.entry[0]);
	assert_null(got.results_for);
	assert_null(got.supersedes);
	assert_null(got.correction_reason);
	assert_string_equal(got.tags, "[\"douleur\",\"suivi\"]");
	assert_null(got.superseded_by);

	assert_int_equal(g.c->ops->entry_get(g.c, a, nb.entry[1], &got), LIA_STORE_OK);
	assert_true(got.urgent);
	assert_string_equal(got.kind, "note");
	assert_string_equal(got.text, "Bonne journée, a bien mangé.");
	assert_null(got.tags);
	assert_null(got.visit_id);
	assert_int_equal(g.c->ops->entry_get(g.c, a, nb.entry[3], &got), LIA_STORE_OK);
	assert_string_equal(got.kind, "results");
	assert_string_equal(got.results_for, nb.entry[2]);

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->entry_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);
}

/* Lists with q and checks that the answer is exactly entries want[0..nwant), which
 * are given newest first. */
static void
assert_entries(struct lia_arena *a, const struct lia_entry_query *q, const int *want, size_t nwant)
{
	struct lia_entry *items;
	size_t n;
	assert_int_equal(g.c->ops->entry_list(g.c, a, q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(items[i].id, nb.entry[want[i]]);
		assert_string_equal(items[i].client_id, nb.client);
	}
}

static struct lia_entry_query
entry_query(void)
{
	return (struct lia_entry_query){.client_id = nb.client, .urgent = -1, .limit = 100};
}

static void
test_entry_list_filters(void **state)
{
	struct lia_arena *a = *state;
	/* One entry of the other client, never listed with nb.client. */
	char other[ID_LEN];
	new_id(other);
	struct lia_entry e = entry_fx(other, nb.other, g.assoc_b.id);
	assert_int_equal(ntx((struct ncall){.op = N_ENTRY, .rec = &e}), LIA_STORE_OK);

	struct lia_entry_query q = entry_query();
	assert_entries(a, &q, (const int[]){6, 5, 4, 3, 2, 1, 0}, 7);

	q = entry_query();
	q.category = "daily";
	assert_entries(a, &q, (const int[]){5, 3, 0}, 3);
	q.category = "medical";
	assert_entries(a, &q, (const int[]){2}, 1);

	q = entry_query();
	q.urgent = 1;
	assert_entries(a, &q, (const int[]){4, 1}, 2);
	q.urgent = 0;
	assert_entries(a, &q, (const int[]){6, 5, 3, 2, 0}, 5);

	q = entry_query();
	q.author_role = "nurse";
	assert_entries(a, &q, (const int[]){5, 3, 0}, 3);
	q.author_role = "aide";
	assert_entries(a, &q, (const int[]){4, 1}, 2);

	q = entry_query();
	q.since = nb_written(4);
	assert_entries(a, &q, (const int[]){6, 5, 4}, 3);

	/* Unread since the marker on entry 3. */
	q = entry_query();
	q.after_id = nb.entry[3];
	assert_entries(a, &q, (const int[]){6, 5, 4}, 3);
	q = entry_query();
	q.before_id = nb.entry[3];
	assert_entries(a, &q, (const int[]){2, 1, 0}, 3);
	q.after_id = nb.entry[0];
	assert_entries(a, &q, (const int[]){2, 1}, 2);

	/* Filters combine. */
	q = entry_query();
	q.category = "daily";
	q.author_role = "nurse";
	q.urgent = 0;
	q.since = nb_written(1);
	assert_entries(a, &q, (const int[]){5, 3}, 2);
	q.category = "care";
	assert_entries(a, &q, NULL, 0);

	q = entry_query();
	q.limit = 2;
	assert_entries(a, &q, (const int[]){6, 5}, 2);

	q = entry_query();
	q.client_id = nb.other;
	struct lia_entry *items;
	size_t n;
	assert_int_equal(g.c->ops->entry_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, other);
}

static void
test_entry_list_cursor_pages(void **state)
{
	struct lia_arena *a = *state;
	int seen[NB_ENTRIES] = {0};
	int next = NB_ENTRIES - 1; /* newest first */
	int pages = 0;
	struct lia_entry_query q = entry_query();
	q.limit = 3;
	for (;;) {
		struct lia_entry *items;
		size_t n;
		assert_int_equal(g.c->ops->entry_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
		if (n == 0)
			break;
		pages++;
		assert_true(n <= 3);
		for (size_t i = 0; i < n; i++, next--) {
			assert_true(next >= 0);
			assert_string_equal(items[i].id, nb.entry[next]);
			seen[next]++;
		}
		q.before_id = lia_arena_strdup(a, items[n - 1].id);
	}
	assert_int_equal(pages, 3);
	assert_int_equal(next, -1);
	for (int i = 0; i < NB_ENTRIES; i++)
		assert_int_equal(seen[i], 1);
}

static void
test_entry_insert_supersedes(void **state)
{
	struct lia_arena *a = *state;
	new_id(nb.correction);
	struct lia_entry e = entry_fx(nb.correction, nb.client, g.team_a.id);
	e.supersedes = nb.entry[0];
	e.correction_reason = "Erreur de patient";
	e.written_at = nb_written(NB_ENTRIES);
	assert_int_equal(ntx((struct ncall){.op = N_ENTRY, .rec = &e}), LIA_STORE_OK);

	struct lia_entry got;
	assert_int_equal(g.c->ops->entry_get(g.c, a, nb.entry[0], &got), LIA_STORE_OK);
	assert_string_equal(got.superseded_by, nb.correction);
	assert_null(got.supersedes);
	assert_int_equal(g.c->ops->entry_get(g.c, a, nb.correction, &got), LIA_STORE_OK);
	assert_string_equal(got.supersedes, nb.entry[0]);
	assert_string_equal(got.correction_reason, "Erreur de patient");
	assert_null(got.superseded_by);

	struct lia_entry_query q = entry_query();
	struct lia_entry *items;
	size_t n;
	assert_int_equal(g.c->ops->entry_list(g.c, a, &q, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, NB_ENTRIES + 1);
	assert_string_equal(items[0].id, nb.correction);
	assert_null(items[0].superseded_by);
	assert_string_equal(items[n - 1].id, nb.entry[0]);
	assert_string_equal(items[n - 1].superseded_by, nb.correction);
	for (size_t i = 1; i < n - 1; i++)
		assert_null(items[i].superseded_by);

	/* A correction has one successor: a second one is refused. */
	char second[ID_LEN];
	new_id(second);
	struct lia_entry again = entry_fx(second, nb.client, g.team_a.id);
	again.supersedes = nb.entry[0];
	again.correction_reason = "Encore";
	assert_int_equal(ntx((struct ncall){.op = N_ENTRY, .rec = &again}), LIA_STORE_CONFLICT);
	assert_int_equal(g.c->ops->entry_get(g.c, a, second, &got), LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->entry_get(g.c, a, nb.entry[0], &got), LIA_STORE_OK);
	assert_string_equal(got.superseded_by, nb.correction);
}

static int
set_marker(const char *account_id, const char *entry_id, int64_t at)
{
	return ntx((struct ncall){.op = N_MARKER,
				  .s1 = account_id,
				  .s2 = nb.client,
				  .s3 = g.team_a.id,
				  .s4 = entry_id,
				  .v = at});
}

static void
test_read_marker_set_forward(void **state)
{
	struct lia_arena *a = *state;
	const char *last = "unchanged";
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.client, &last),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(set_marker(g.staff, nb.entry[2], nb.t0 + 1), LIA_STORE_OK);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.client, &last),
			 LIA_STORE_OK);
	assert_string_equal(last, nb.entry[2]);

	/* An older page read late does not move the marker back. */
	assert_int_equal(set_marker(g.staff, nb.entry[1], nb.t0 + 2), LIA_STORE_OK);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.client, &last),
			 LIA_STORE_OK);
	assert_string_equal(last, nb.entry[2]);
	assert_int_equal(set_marker(g.staff, nb.entry[2], nb.t0 + 3), LIA_STORE_OK);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.client, &last),
			 LIA_STORE_OK);
	assert_string_equal(last, nb.entry[2]);

	assert_int_equal(set_marker(g.staff, nb.entry[5], nb.t0 + 4), LIA_STORE_OK);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.client, &last),
			 LIA_STORE_OK);
	assert_string_equal(last, nb.entry[5]);

	/* Per reader and per client. */
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.person, nb.client, &last),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.other, &last),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(set_marker(g.person, nb.entry[0], nb.t0 + 5), LIA_STORE_OK);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.person, nb.client, &last),
			 LIA_STORE_OK);
	assert_string_equal(last, nb.entry[0]);
	assert_int_equal(g.c->ops->read_marker_get(g.c, a, g.staff, nb.client, &last),
			 LIA_STORE_OK);
	assert_string_equal(last, nb.entry[5]);
}

static int
insert_ack(const char *entry_id, const char *account_id, const char *role, int64_t at)
{
	struct lia_ack k = {
		.entry_id = entry_id,
		.account_id = account_id,
		.org_id = g.team_a.id,
		.client_id = nb.client,
		.role = role,
		.acked_at = at,
	};
	return ntx((struct ncall){.op = N_ACK, .rec = &k});
}

static void
test_ack_insert_list(void **state)
{
	struct lia_arena *a = *state;
	/* entry[4] acknowledged first, then entry[1] twice: the list is by entry. */
	assert_int_equal(insert_ack(nb.entry[4], g.staff, "nurse", nb.t0 + 10), LIA_STORE_OK);
	assert_int_equal(insert_ack(nb.entry[1], g.person, "person:caregiver", nb.t0 + 30),
			 LIA_STORE_OK);
	assert_int_equal(insert_ack(nb.entry[1], g.staff, "nurse", nb.t0 + 20), LIA_STORE_OK);
	assert_int_equal(insert_ack(nb.entry[1], g.staff, "nurse", nb.t0 + 40), LIA_STORE_CONFLICT);

	struct lia_ack *items;
	size_t n;
	assert_int_equal(g.c->ops->ack_list(g.c, a, nb.client, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].entry_id, nb.entry[1]);
	assert_string_equal(items[0].account_id, g.staff);
	assert_int_equal(items[0].acked_at, nb.t0 + 20);
	assert_string_equal(items[0].role, "nurse");
	assert_string_equal(items[0].org_id, g.team_a.id);
	assert_string_equal(items[0].client_id, nb.client);
	assert_string_equal(items[1].entry_id, nb.entry[1]);
	assert_string_equal(items[1].account_id, g.person);
	assert_string_equal(items[1].role, "person:caregiver");
	assert_int_equal(items[1].acked_at, nb.t0 + 30);
	assert_string_equal(items[2].entry_id, nb.entry[4]);
	assert_int_equal(items[2].acked_at, nb.t0 + 10);

	assert_int_equal(g.c->ops->ack_list(g.c, a, nb.other, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

#define NB_BLOB_LEN 600

static unsigned char *
nb_blob(struct lia_arena *a, unsigned seed)
{
	/* Every byte value, NULs included, and a NUL first. */
	unsigned char *p = lia_arena_alloc(a, NB_BLOB_LEN);
	for (size_t i = 0; i < NB_BLOB_LEN; i++)
		p[i] = (unsigned char)((i * 7 + seed) & 0xff);
	p[0] = 0;
	p[NB_BLOB_LEN - 1] = 0;
	return p;
}

static struct lia_attachment
attachment_fx(const char *id, const char *client_id, const char *org_id, const unsigned char *blob,
	      size_t len, int64_t created_at)
{
	return (struct lia_attachment){
		.id = id,
		.org_id = org_id,
		.client_id = client_id,
		.category = "care",
		.content_type = "image/jpeg",
		.size = (int64_t)len - 17,
		.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		.ciphertext = blob,
		.ciphertext_len = len,
		.created_by = g.staff,
		.created_at = created_at,
	};
}

static void
test_attachment_insert_get(void **state)
{
	struct lia_arena *a = *state;
	ensure_nb_clients();
	unsigned char *blob = nb_blob(a, 3);
	new_id(nb.attachment);
	struct lia_attachment t =
		attachment_fx(nb.attachment, nb.client, g.team_a.id, blob, NB_BLOB_LEN, nb.t0 + 1);
	assert_int_equal(ntx((struct ncall){.op = N_ATTACHMENT, .rec = &t}), LIA_STORE_OK);
	assert_int_equal(ntx((struct ncall){.op = N_ATTACHMENT, .rec = &t}), LIA_STORE_CONFLICT);

	struct lia_attachment got;
	assert_int_equal(g.c->ops->attachment_get(g.c, a, nb.attachment, &got), LIA_STORE_OK);
	assert_string_equal(got.id, nb.attachment);
	assert_string_equal(got.org_id, g.team_a.id);
	assert_string_equal(got.client_id, nb.client);
	assert_null(got.entry_id);
	assert_string_equal(got.category, "care");
	assert_string_equal(got.content_type, "image/jpeg");
	assert_int_equal(got.size, NB_BLOB_LEN - 17);
	assert_string_equal(got.sha256, t.sha256);
	assert_string_equal(got.created_by, g.staff);
	assert_int_equal(got.created_at, nb.t0 + 1);
	assert_non_null(got.ciphertext);
	assert_int_equal(got.ciphertext_len, NB_BLOB_LEN);
	assert_true(got.ciphertext != blob);
	assert_memory_equal(got.ciphertext, blob, NB_BLOB_LEN);

	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(g.c->ops->attachment_get(g.c, a, unknown, &got), LIA_STORE_NOT_FOUND);
}

static int
link_attachment(const char *id, const char *client_id, const char *entry_id)
{
	return ntx((struct ncall){.op = N_LINK, .s1 = id, .s2 = client_id, .s3 = entry_id});
}

static void
test_attachment_link_once(void **state)
{
	struct lia_arena *a = *state;
	const char *entry = nb.entry[6];
	struct lia_attachment *items;
	size_t n;
	assert_int_equal(g.c->ops->attachment_list(g.c, a, entry, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);

	/* A second attachment, created earlier, and one of the other client. */
	char second[ID_LEN];
	new_id(second);
	unsigned char *blob = nb_blob(a, 5);
	struct lia_attachment t2 =
		attachment_fx(second, nb.client, g.team_a.id, blob, NB_BLOB_LEN / 2, nb.t0);
	t2.content_type = "application/pdf";
	assert_int_equal(ntx((struct ncall){.op = N_ATTACHMENT, .rec = &t2}), LIA_STORE_OK);
	new_id(nb.other_attachment);
	struct lia_attachment t3 = attachment_fx(nb.other_attachment, nb.other, g.assoc_b.id, blob,
						 NB_BLOB_LEN, nb.t0);
	assert_int_equal(ntx((struct ncall){.op = N_ATTACHMENT, .rec = &t3}), LIA_STORE_OK);

	assert_int_equal(link_attachment(nb.attachment, nb.client, entry), LIA_STORE_OK);
	assert_int_equal(link_attachment(nb.attachment, nb.client, entry), LIA_STORE_NOT_FOUND);
	assert_int_equal(link_attachment(nb.attachment, nb.client, nb.entry[5]),
			 LIA_STORE_NOT_FOUND);
	/* Another client's upload cannot be pulled into this notebook. */
	assert_int_equal(link_attachment(nb.other_attachment, nb.client, entry),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(link_attachment(second, nb.other, entry), LIA_STORE_NOT_FOUND);
	char unknown[ID_LEN];
	new_id(unknown);
	assert_int_equal(link_attachment(unknown, nb.client, entry), LIA_STORE_NOT_FOUND);
	assert_int_equal(link_attachment(second, nb.client, entry), LIA_STORE_OK);

	struct lia_attachment got;
	assert_int_equal(g.c->ops->attachment_get(g.c, a, nb.attachment, &got), LIA_STORE_OK);
	assert_string_equal(got.entry_id, entry);
	assert_int_equal(g.c->ops->attachment_get(g.c, a, nb.other_attachment, &got), LIA_STORE_OK);
	assert_null(got.entry_id);

	/* Listed by created_at, without content. */
	assert_int_equal(g.c->ops->attachment_list(g.c, a, entry, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].id, second);
	assert_string_equal(items[0].content_type, "application/pdf");
	assert_string_equal(items[0].entry_id, entry);
	assert_int_equal(items[0].size, NB_BLOB_LEN / 2 - 17);
	assert_string_equal(items[1].id, nb.attachment);
	assert_string_equal(items[1].client_id, nb.client);
	assert_string_equal(items[1].org_id, g.team_a.id);
	assert_string_equal(items[1].category, "care");
	assert_string_equal(items[1].sha256, got.sha256);
	assert_string_equal(items[1].created_by, g.staff);
	assert_int_equal(items[1].created_at, nb.t0 + 1);
	for (size_t i = 0; i < n; i++) {
		assert_null(items[i].ciphertext);
		assert_int_equal(items[i].ciphertext_len, 0);
	}
}

static void
test_attachment_list_range_one_query_for_a_page(void **state)
{
	struct lia_arena *a = *state;
	const char *linked = nb.entry[6], *other = nb.entry[5];
	const char *lo = strcmp(linked, other) < 0 ? linked : other;
	const char *hi = strcmp(linked, other) < 0 ? other : linked;
	struct lia_attachment *items;
	size_t n;
	/* Both of entry 6's attachments, in entry then creation order, without content. */
	assert_int_equal(g.c->ops->attachment_list_range(g.c, a, nb.client, lo, hi, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(items[i].entry_id, linked);
		assert_null(items[i].ciphertext);
	}
	assert_true(items[0].created_at <= items[1].created_at);
	/* A range that leaves the entry out, and another client's range, give nothing. */
	assert_int_equal(g.c->ops->attachment_list_range(g.c, a, nb.client, other, other, &items,
							 &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(g.c->ops->attachment_list_range(g.c, a, nb.other, lo, hi, &items, &n),
			 LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static void
test_changes_since_notebook_rows(void **state)
{
	struct lia_arena *a = *state;
	ensure_nb_clients();
	int64_t start = lia_store_fx_last_change(g.c, a);

	char member[ID_LEN], consent[ID_LEN], bg[ID_LEN], entry[ID_LEN], att[ID_LEN];
	new_id(member);
	struct lia_circle_member m =
		circle_fx(member, NULL, g.team_a.id, "infirmier", "2025-01-01");
	m.version = 3; /* e.g. replicated from elsewhere: the feed carries it */
	assert_int_equal(ntx((struct ncall){.op = N_CIRCLE, .rec = &m}), LIA_STORE_OK);
	assert_int_equal(
		ntx((struct ncall){.op = N_CIRCLE_END, .s1 = member, .s2 = "2025-02-01", .v = 3}),
		LIA_STORE_OK);
	new_id(consent);
	struct lia_consent k = consent_fx(consent, g.staff, NULL, "care", "grant", nb.t0 + 50);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT, .rec = &k}), LIA_STORE_OK);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT_REVOKE, .s1 = consent, .v = nb.t0}),
			 LIA_STORE_OK);
	new_id(entry);
	struct lia_entry e = entry_fx(entry, nb.other, g.assoc_b.id);
	e.urgent = true;
	assert_int_equal(ntx((struct ncall){.op = N_ENTRY, .rec = &e}), LIA_STORE_OK);
	new_id(att);
	unsigned char *blob = nb_blob(a, 9);
	struct lia_attachment t =
		attachment_fx(att, nb.other, g.assoc_b.id, blob, NB_BLOB_LEN, nb.t0 + 60);
	assert_int_equal(ntx((struct ncall){.op = N_ATTACHMENT, .rec = &t}), LIA_STORE_OK);
	assert_int_equal(link_attachment(att, nb.other, entry), LIA_STORE_OK);

	/* Not replicated: break-glass rows, read markers, acknowledgements; failed
	 * writes leave nothing either. */
	insert_break_glass(bg, g.staff, nb.t0 + 70);
	assert_int_equal(set_marker(g.staff, entry, nb.t0 + 80), LIA_STORE_OK);
	struct lia_ack ack = {
		.entry_id = entry,
		.account_id = g.staff,
		.org_id = g.assoc_b.id,
		.client_id = nb.other,
		.role = "nurse",
		.acked_at = nb.t0 + 90,
	};
	assert_int_equal(ntx((struct ncall){.op = N_ACK, .rec = &ack}), LIA_STORE_OK);
	assert_int_equal(
		ntx((struct ncall){.op = N_CIRCLE_END, .s1 = member, .s2 = "2025-03-01", .v = 3}),
		LIA_STORE_STALE);
	assert_int_equal(ntx((struct ncall){.op = N_CONSENT_REVOKE, .s1 = consent, .v = nb.t0}),
			 LIA_STORE_NOT_FOUND);
	assert_int_equal(link_attachment(att, nb.other, entry), LIA_STORE_NOT_FOUND);

	struct lia_change *ch;
	size_t n;
	assert_int_equal(g.c->ops->changes_since(g.c, a, start, 100, &ch, &n), LIA_STORE_OK);
	assert_int_equal(n, 7);
	for (size_t i = 1; i < n; i++)
		assert_true(ch[i].seq > ch[i - 1].seq);
	lia_store_fx_assert_change(&ch[0], g.team_a.id, "circle_member", member, "insert", 3);
	lia_store_fx_assert_change(&ch[1], g.team_a.id, "circle_member", member, "update", 4);
	lia_store_fx_assert_change(&ch[2], g.team_a.id, "consent", consent, "insert", 1);
	lia_store_fx_assert_change(&ch[3], g.team_a.id, "consent", consent, "update", 2);
	lia_store_fx_assert_change(&ch[4], g.assoc_b.id, "entry", entry, "insert", 1);
	lia_store_fx_assert_change(&ch[5], g.assoc_b.id, "attachment", att, "insert", 1);
	lia_store_fx_assert_change(&ch[6], g.assoc_b.id, "attachment", att, "update", 2);
}

/* ---- harness ---- */

static int
group_setup(void **state)
{
	(void)state;
	g.keep = lia_arena_new();
	return lia_store_fx_open("contract", &g.c);
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
		T(test_migrate_idempotent),
		T(test_meta_set_get),
		T(test_org_insert_get),
		T(test_org_insert_duplicate),
		T(test_org_list_prefix),
		T(test_account_insert_get),
		T(test_account_insert_duplicate_login),
		T(test_account_login_counters),
		T(test_role_insert_list),
		T(test_role_insert_duplicate),
		T(test_role_delete_found_and_not),
		T(test_session_insert_get_revoke),
		T(test_session_purge_expired),
		T(test_client_insert_get_roundtrip),
		T(test_client_insert_duplicate),
		T(test_client_update_version),
		T(test_client_update_stale),
		T(test_client_update_not_found),
		T(test_client_update_ins_conflict),
		T(test_client_count_all),
		T(test_client_search_name_prefix),
		T(test_client_search_filters),
		T(test_client_search_many_scopes),
		T(test_client_search_cursor_pages),
		T(test_client_find_duplicate_keys),
		T(test_person_link_insert_list),
		T(test_idempotency_put_get),
		T(test_audit_append_links),
		T(test_audit_scan_streams),
		T(test_audit_list_client_pages),
		T(test_store_write_error_rolls_back),
		T(test_savepoint_rollback_inner),
		T(test_changes_since_one_per_mutation),
		T(test_audit_append_concurrent),
		T(test_audit_append_batch_texts),
		T(test_circle_insert_get),
		T(test_circle_end_stale),
		T(test_circle_list_periods),
		T(test_consent_insert_list),
		T(test_consent_revoke_twice),
		T(test_break_glass_insert_list),
		T(test_entry_insert_get),
		T(test_entry_list_filters),
		T(test_entry_list_cursor_pages),
		T(test_entry_insert_supersedes),
		T(test_read_marker_set_forward),
		T(test_ack_insert_list),
		T(test_attachment_insert_get),
		T(test_attachment_link_once),
		T(test_attachment_list_range_one_query_for_a_page),
		T(test_changes_since_notebook_rows),
	};
	LIA_RUN_GROUP("store_contract", tests, group_setup, group_teardown);
}
