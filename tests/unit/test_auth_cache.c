/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the in-memory session cache: when an entry may be used and when not. */
#include "lia_test.h"

#include <string.h>

#include "http/auth_cache.h"

#define H1 "aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233"
#define H2 "bb11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233"

static struct lia_auth_snapshot
snapshot(void)
{
	static struct lia_role roles[] = {{.id = "r1", .account_id = "a1", .org_id = "o1",
					   .org_path = "/o1/", .role = "coordinator"}};
	struct lia_auth_snapshot s = {
		.account = {.id = "a1", .org_id = "o1", .login = "coord", .kind = "staff",
			    .display_name = "Nathalie", .password_hash = "secret-hash"},
		.session_expires_at = 1000 * 1000000LL,
		.roles = roles,
		.nroles = 1,
	};
	return s;
}

static void
test_lia_auth_cache_get_hit_copies_everything_but_the_password_hash(void **state)
{
	(void)state;
	struct lia_auth_snapshot s = snapshot(), out;
	lia_auth_cache_put(H1, lia_auth_cache_epoch(), 100, &s);
	struct lia_arena *a = lia_arena_new();
	assert_true(lia_auth_cache_get(H1, 200, a, &out));
	assert_string_equal(out.account.id, "a1");
	assert_string_equal(out.account.display_name, "Nathalie");
	assert_null(out.account.password_hash);
	assert_int_equal(out.nroles, 1);
	assert_string_equal(out.roles[0].org_path, "/o1/");
	assert_string_equal(out.roles[0].role, "coordinator");
	assert_false(lia_auth_cache_get(H2, 200, a, &out));
	lia_arena_free(a);
	lia_auth_cache_clear();
}

static void
test_lia_auth_cache_invalidate_makes_entries_stale(void **state)
{
	(void)state;
	struct lia_auth_snapshot s = snapshot(), out;
	lia_auth_cache_put(H1, lia_auth_cache_epoch(), 100, &s);
	lia_auth_cache_invalidate();
	struct lia_arena *a = lia_arena_new();
	assert_false(lia_auth_cache_get(H1, 200, a, &out));
	lia_arena_free(a);
	lia_auth_cache_clear();
}

static void
test_lia_auth_cache_put_with_an_epoch_read_before_a_change_is_stale(void **state)
{
	(void)state;
	/* A request read the database, then a sign-out committed, then it fills the
	 * cache: the entry must not be used. */
	uint64_t before = lia_auth_cache_epoch();
	lia_auth_cache_invalidate();
	struct lia_auth_snapshot s = snapshot(), out;
	lia_auth_cache_put(H1, before, 100, &s);
	struct lia_arena *a = lia_arena_new();
	assert_false(lia_auth_cache_get(H1, 200, a, &out));
	lia_arena_free(a);
	lia_auth_cache_clear();
}

static void
test_lia_auth_cache_get_honours_ttl_and_session_expiry(void **state)
{
	(void)state;
	struct lia_auth_snapshot s = snapshot(), out;
	struct lia_arena *a = lia_arena_new();
	lia_auth_cache_put(H1, lia_auth_cache_epoch(), 100, &s);
	assert_true(lia_auth_cache_get(H1, 100 + LIA_AUTH_CACHE_TTL_US - 1, a, &out));
	assert_false(lia_auth_cache_get(H1, 100 + LIA_AUTH_CACHE_TTL_US, a, &out));
	s.session_expires_at = 150;
	lia_auth_cache_put(H1, lia_auth_cache_epoch(), 100, &s);
	assert_true(lia_auth_cache_get(H1, 149, a, &out));
	assert_false(lia_auth_cache_get(H1, 150, a, &out));
	lia_arena_free(a);
	lia_auth_cache_clear();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_auth_cache_get_hit_copies_everything_but_the_password_hash),
		cmocka_unit_test(test_lia_auth_cache_invalidate_makes_entries_stale),
		cmocka_unit_test(test_lia_auth_cache_put_with_an_epoch_read_before_a_change_is_stale),
		cmocka_unit_test(test_lia_auth_cache_get_honours_ttl_and_session_expiry),
	};
	LIA_RUN_GROUP("auth_cache", tests, NULL, NULL);
}
