/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared by the store contract programs (see store_fixture.h). */
#include "lia_test.h"

#include "store_fixture.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One database per program. */
static struct {
	char dir[256];
	char url[512];
	int own_dir;
} db;

int
lia_store_fx_open(const char *name, struct lia_conn **c)
{
	const char *url = getenv("LIAISON_TEST_DATABASE_URL");
	if (url && *url) {
		snprintf(db.url, sizeof db.url, "%s", url);
	} else {
		const char *tmp = getenv("TMPDIR");
		snprintf(db.dir, sizeof db.dir, "%s/lia-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
			 name);
		if (!mkdtemp(db.dir))
			return -1;
		db.own_dir = 1;
		snprintf(db.url, sizeof db.url, "%s/%s.db", db.dir, name);
	}
	return lia_store_connect(db.url, c) == LIA_STORE_OK ? 0 : -1;
}

const char *
lia_store_fx_url(void)
{
	return db.url;
}

void
lia_store_fx_close(struct lia_conn *c)
{
	if (c)
		c->ops->conn_close(c);
	if (!db.own_dir)
		return;
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s%s", db.url, suffixes[i]);
		unlink(path);
	}
	rmdir(db.dir);
}

int
lia_store_fx_arena_setup(void **state)
{
	*state = lia_arena_new();
	return 0;
}

int
lia_store_fx_arena_teardown(void **state)
{
	lia_arena_free(*state);
	return 0;
}

void
lia_assert_str_or_null(const char *got, const char *want)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
}

int64_t
lia_store_fx_last_change(struct lia_conn *c, struct lia_arena *a)
{
	int64_t after = 0;
	for (;;) {
		struct lia_change *ch;
		size_t n;
		assert_int_equal(c->ops->changes_since(c, a, after, 500, &ch, &n), LIA_STORE_OK);
		if (n == 0)
			return after;
		after = ch[n - 1].seq;
	}
}

void
lia_store_fx_assert_change(const struct lia_change *ch, const char *org_id, const char *entity,
			   const char *entity_id, const char *op, int64_t version)
{
	assert_string_equal(ch->org_id, org_id);
	assert_string_equal(ch->entity, entity);
	assert_string_equal(ch->entity_id, entity_id);
	assert_string_equal(ch->op, op);
	assert_int_equal(ch->version, version);
	assert_true(ch->at > 0);
}

void
lia_store_fx_expect_change(struct lia_conn *c, struct lia_arena *a, int64_t *mark,
			   const char *org_id, const char *entity, const char *entity_id,
			   const char *op, int64_t version)
{
	struct lia_change *ch;
	size_t n;
	assert_int_equal(c->ops->changes_since(c, a, *mark, 1, &ch, &n), LIA_STORE_OK);
	assert_int_equal(n, 1);
	lia_store_fx_assert_change(ch, org_id, entity, entity_id, op, version);
	*mark = ch->seq;
}

void
lia_store_fx_expect_no_change(struct lia_conn *c, struct lia_arena *a, int64_t mark)
{
	struct lia_change *ch;
	size_t n;
	assert_int_equal(c->ops->changes_since(c, a, mark, 1, &ch, &n), LIA_STORE_OK);
	assert_int_equal(n, 0);
}
