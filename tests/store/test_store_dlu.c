/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The storage contract of the emergency liaison file (store.h "emergency liaison
 * file"): dlu_get/dlu_put (insert, replace at the version read, stale, conflict,
 * missing) and transfer_insert/get/list, with their change-feed rows. Run unchanged
 * on every backend like test_store_alarms.c: on the database named by
 * LIAISON_TEST_DATABASE_URL, else on a fresh SQLite file. It assumes an empty
 * database; the first test migrates it and makes an organisation, an account and
 * two clients through the store operations.
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
/* 2025-06-15T00:00:00Z. */
#define T0 1749945600000000LL

static struct {
	struct lia_conn *c;
	char root[ID_LEN], team[ID_LEN], nurse[ID_LEN];
	const char *team_path;
	char c1[ID_LEN], c2[ID_LEN];
	struct lia_arena *keep;
} g;

/* One write, run through lia_store_write like a handler would. */
enum op { O_ORG, O_ACCOUNT, O_CLIENT, O_DLU_PUT, O_TRANSFER };

struct call {
	enum op op;
	const void *rec;
	int64_t v;
};

static int
run_call(struct lia_conn *c, void *cls)
{
	const struct call *w = cls;
	switch (w->op) {
	case O_ORG:
		return c->ops->org_insert(c, w->rec);
	case O_ACCOUNT:
		return c->ops->account_insert(c, w->rec);
	case O_CLIENT:
		return c->ops->client_insert(c, w->rec);
	case O_DLU_PUT:
		return c->ops->dlu_put(c, w->rec, w->v);
	case O_TRANSFER:
		return c->ops->transfer_insert(c, w->rec);
	}
	return LIA_STORE_ERROR;
}

static int
tx(struct call w)
{
	return lia_store_write(g.c, run_call, &w);
}

static void
make_org(char id[ID_LEN], const char *parent_id, const char *parent_path, const char **path)
{
	lia_uuid7(id);
	*path = lia_arena_printf(g.keep, "%s%s/", parent_path ? parent_path : "/", id);
	struct lia_org o = {.id = id,
			    .parent_id = parent_id,
			    .kind = parent_id ? "team" : "national",
			    .name = parent_id ? "Équipe" : "Réseau",
			    .tz = "Europe/Paris",
			    .path = *path,
			    .version = 1,
			    .created_at = lia_clock_now_us()};
	assert_int_equal(tx((struct call){.op = O_ORG, .rec = &o}), LIA_STORE_OK);
}

static void
make_client(char id[ID_LEN], const char *birth_name, const char *first)
{
	lia_uuid7(id);
	struct lia_client cl = {
		.id = id,
		.org_id = g.team,
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
	assert_int_equal(tx((struct call){.op = O_CLIENT, .rec = &cl}), LIA_STORE_OK);
}

static void
test_dlu_fixtures(void **state)
{
	(void)state;
	int applied = -1;
	assert_int_equal(g.c->ops->migrate(g.c, &applied), LIA_STORE_OK);
	const char *root_path;
	make_org(g.root, NULL, NULL, &root_path);
	make_org(g.team, g.root, root_path, &g.team_path);
	lia_uuid7(g.nurse);
	struct lia_account acc = {
		.id = g.nurse,
		.org_id = g.team,
		.login = "infirmiere-dlu",
		.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
		.kind = "staff",
		.display_name = "Infirmière",
		.version = 1,
		.created_at = lia_clock_now_us(),
	};
	assert_int_equal(tx((struct call){.op = O_ACCOUNT, .rec = &acc}), LIA_STORE_OK);
	make_client(g.c1, "LEFÈVRE", "Hélène");
	make_client(g.c2, "NGUYỄN", "Thị");
}

static void
assert_dlu_equal(const struct lia_dlu *got, const struct lia_dlu *want)
{
	assert_string_equal(got->client_id, want->client_id);
	assert_string_equal(got->org_id, want->org_id);
	assert_string_equal(got->data, want->data);
	assert_int_equal(got->version, want->version);
	assert_int_equal(got->updated_at, want->updated_at);
	assert_string_equal(got->updated_by, want->updated_by);
}

static void
test_dlu_write_requires_transaction(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_dlu d = {.client_id = g.c1,
			    .org_id = g.team,
			    .data = "{}",
			    .updated_at = T0,
			    .updated_by = g.nurse};
	assert_int_equal(g.c->ops->dlu_put(g.c, &d, 0), LIA_STORE_ERROR);
	char id[ID_LEN];
	lia_uuid7(id);
	struct lia_transfer t = {.id = id,
				 .client_id = g.c1,
				 .org_id = g.team,
				 .data = "{}",
				 .created_at = T0,
				 .created_by = g.nurse};
	assert_int_equal(g.c->ops->transfer_insert(g.c, &t), LIA_STORE_ERROR);
	struct lia_dlu got;
	assert_int_equal(g.c->ops->dlu_get(g.c, a, g.c1, &got), LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
}

static void
test_dlu_put_get(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_dlu got;
	assert_int_equal(g.c->ops->dlu_get(g.c, a, g.c1, &got), LIA_STORE_NOT_FOUND);

	/* The first write inserts at version 1 (d.version is not read). */
	struct lia_dlu d = {
		.client_id = g.c1,
		.org_id = g.team,
		.data = "{\"allergies\":[{\"substance\":\"Pénicilline\",\"reaction\":\"œdème\"}]}",
		.version = 7,
		.updated_at = T0 + 1,
		.updated_by = g.nurse,
	};
	assert_int_equal(tx((struct call){.op = O_DLU_PUT, .rec = &d, .v = 0}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team, "dlu", g.c1, "insert", 1);
	struct lia_dlu want = d;
	want.version = 1;
	assert_int_equal(g.c->ops->dlu_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_dlu_equal(&got, &want);

	/* A second first write: CONFLICT, nothing changed. */
	struct lia_dlu dup = d;
	dup.data = "{}";
	assert_int_equal(tx((struct call){.op = O_DLU_PUT, .rec = &dup, .v = 0}),
			 LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	/* Replaced whole at the version read; the owner is kept. */
	struct lia_dlu d2 = d;
	d2.data = "{\"falls\":\"2 chutes en mai\"}";
	d2.org_id = g.root;
	d2.updated_at = T0 + 2;
	assert_int_equal(tx((struct call){.op = O_DLU_PUT, .rec = &d2, .v = 1}), LIA_STORE_OK);
	lia_store_fx_expect_change(g.c, a, &mark, g.team, "dlu", g.c1, "update", 2);
	want = d2;
	want.org_id = g.team;
	want.version = 2;
	assert_int_equal(g.c->ops->dlu_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_dlu_equal(&got, &want);

	/* Stale; a client without a DLU: NOT_FOUND; nothing written. */
	assert_int_equal(tx((struct call){.op = O_DLU_PUT, .rec = &d, .v = 1}), LIA_STORE_STALE);
	struct lia_dlu none = d;
	none.client_id = g.c2;
	assert_int_equal(tx((struct call){.op = O_DLU_PUT, .rec = &none, .v = 1}),
			 LIA_STORE_NOT_FOUND);
	lia_store_fx_expect_no_change(g.c, a, mark);
	assert_int_equal(g.c->ops->dlu_get(g.c, a, g.c1, &got), LIA_STORE_OK);
	assert_dlu_equal(&got, &want);
	assert_int_equal(g.c->ops->dlu_get(g.c, a, g.c2, &got), LIA_STORE_NOT_FOUND);
}

static void
test_transfer_insert_get_list(void **state)
{
	struct lia_arena *a = *state;
	int64_t mark = lia_store_fx_last_change(g.c, a);
	struct lia_transfer *items;
	size_t n = 9;
	assert_int_equal(g.c->ops->transfer_list(g.c, a, g.c1, 10, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);

	char ids[3][ID_LEN];
	struct lia_transfer t[3];
	for (int i = 0; i < 3; i++) {
		lia_uuid7(ids[i]);
		t[i] = (struct lia_transfer){
			.id = ids[i],
			.client_id = g.c1,
			.org_id = g.team,
			.data = lia_arena_printf(a, "{\"reason\":\"Chute n°%d\"}", i + 1),
			/* The last two at the same instant: the id decides. */
			.created_at = T0 + (i == 0 ? 10 : 20),
			.created_by = g.nurse,
		};
		assert_int_equal(tx((struct call){.op = O_TRANSFER, .rec = &t[i]}), LIA_STORE_OK);
		lia_store_fx_expect_change(g.c, a, &mark, g.team, "transfer", ids[i], "insert", 1);
	}
	/* The same id again: CONFLICT. */
	assert_int_equal(tx((struct call){.op = O_TRANSFER, .rec = &t[0]}), LIA_STORE_CONFLICT);
	lia_store_fx_expect_no_change(g.c, a, mark);

	struct lia_transfer got;
	assert_int_equal(g.c->ops->transfer_get(g.c, a, ids[1], &got), LIA_STORE_OK);
	assert_string_equal(got.id, ids[1]);
	assert_string_equal(got.client_id, g.c1);
	assert_string_equal(got.org_id, g.team);
	assert_string_equal(got.data, "{\"reason\":\"Chute n°2\"}");
	assert_int_equal(got.created_at, T0 + 20);
	assert_string_equal(got.created_by, g.nurse);
	char missing[ID_LEN];
	lia_uuid7(missing);
	assert_int_equal(g.c->ops->transfer_get(g.c, a, missing, &got), LIA_STORE_NOT_FOUND);

	/* Newest first; ties by id descending (ids[2] > ids[1]); the limit holds. */
	assert_int_equal(g.c->ops->transfer_list(g.c, a, g.c1, 10, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].id, ids[2]);
	assert_string_equal(items[1].id, ids[1]);
	assert_string_equal(items[2].id, ids[0]);
	assert_string_equal(items[2].data, "{\"reason\":\"Chute n°1\"}");
	assert_int_equal(g.c->ops->transfer_list(g.c, a, g.c1, 1, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].id, ids[2]);
	assert_int_equal(g.c->ops->transfer_list(g.c, a, g.c2, 10, &items, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}

static int
group_setup(void **state)
{
	(void)state;
	g.keep = lia_arena_new();
	return lia_store_fx_open("dlu", &g.c);
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
		T(test_dlu_fixtures),
		T(test_dlu_write_requires_transaction),
		T(test_dlu_put_get),
		T(test_transfer_insert_get_list),
	};
	LIA_RUN_GROUP("store_dlu", tests, group_setup, group_teardown);
}
