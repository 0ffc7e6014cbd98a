/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What every store contract program (test_store_*.c) shares: the database it runs on
 * (LIAISON_TEST_DATABASE_URL, else a fresh SQLite file in a temporary directory that
 * is removed afterwards), a per-test arena, and assertions on the change feed.
 */
#ifndef LIA_TESTS_STORE_FIXTURE_H
#define LIA_TESTS_STORE_FIXTURE_H

#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

/* Connects *c to the test database; name names the temporary SQLite file. 0 on
 * success (a cmocka group setup result). */
int lia_store_fx_open(const char *name, struct lia_conn **c);
/* The URL lia_store_fx_open connected to (for a second connection). */
const char *lia_store_fx_url(void);
/* Closes c (NULL is fine) and removes the temporary database if one was made. */
void lia_store_fx_close(struct lia_conn *c);

/* cmocka per-test setup and teardown: *state is a fresh arena. */
int lia_store_fx_arena_setup(void **state);
int lia_store_fx_arena_teardown(void **state);

/* got equals want, both NULL included. */
void lia_assert_str_or_null(const char *got, const char *want);

/* The seq of the latest change-feed row (0 when none). */
int64_t lia_store_fx_last_change(struct lia_conn *c, struct lia_arena *a);
/* Asserts that one change-feed row is the one described. */
void lia_store_fx_assert_change(const struct lia_change *ch, const char *org_id,
				const char *entity, const char *entity_id, const char *op,
				int64_t version);
/* Asserts that the change-feed row after *mark is the one described; moves *mark. */
void lia_store_fx_expect_change(struct lia_conn *c, struct lia_arena *a, int64_t *mark,
				const char *org_id, const char *entity, const char *entity_id,
				const char *op, int64_t version);
/* Asserts that no change-feed row follows mark. */
void lia_store_fx_expect_no_change(struct lia_conn *c, struct lia_arena *a, int64_t mark);

#endif
