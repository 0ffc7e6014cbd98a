/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/store/audit_chain.c: linking sets seq and prev_hash, the hash
 * covers every field, NULL differs from "", field boundaries cannot be shifted, and
 * the encoding is frozen (stored journals must keep verifying).
 */
#include "lia_test.h"

#include <stddef.h>
#include <string.h>

#include "store/audit_chain.h"

static void
base_entry(struct lia_audit_entry *e)
{
	memset(e, 0, sizeof *e);
	e->seq = 1;
	e->id = "0190a000-0000-7000-8000-000000000001";
	e->org_id = "org-1";
	e->at = 1700000000000000LL;
	e->actor_id = "acc-1";
	e->actor_role = "nurse";
	e->on_behalf_of = NULL;
	e->action = "client.read";
	e->client_id = "cl-1";
	e->object_id = NULL;
	e->ip = "192.0.2.1";
	e->request_id = "req-1";
	e->outcome = "ok";
	e->detail = NULL;
	memcpy(e->prev_hash, LIA_AUDIT_GENESIS, sizeof e->prev_hash);
}

/* A fully populated entry: no member NULL. */
static void
full_entry(struct lia_audit_entry *e)
{
	base_entry(e);
	e->on_behalf_of = "acc-2";
	e->object_id = "obj-1";
	e->detail = "reason";
}

static void
hash_of(const struct lia_audit_entry *e, char out[LIA_HASH_HEX_LEN + 1])
{
	memset(out, 'X', LIA_HASH_HEX_LEN + 1);
	lia_audit_hash(e, out);
}

static const struct {
	const char *name;
	size_t offset;
} string_fields[] = {
/* clang-format off */
#define F(m) {#m, offsetof(struct lia_audit_entry, m)}
	F(id),        F(org_id),    F(actor_id), F(actor_role), F(on_behalf_of), F(action),
	F(client_id), F(object_id), F(ip),       F(request_id), F(outcome),      F(detail),
#undef F
	/* clang-format on */
};

static const char **
string_field(struct lia_audit_entry *e, size_t i)
{
	return (const char **)(void *)((char *)e + string_fields[i].offset);
}

static void
test_lia_audit_hash_format(void **state)
{
	(void)state;
	struct lia_audit_entry e;
	base_entry(&e);
	char h[LIA_HASH_HEX_LEN + 1];
	hash_of(&e, h);
	assert_int_equal(strlen(h), LIA_HASH_HEX_LEN);
	for (int i = 0; i < LIA_HASH_HEX_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", h[i]));
}

static void
test_lia_audit_hash_deterministic(void **state)
{
	(void)state;
	struct lia_audit_entry e, copy;
	full_entry(&e);
	char h1[LIA_HASH_HEX_LEN + 1], h2[LIA_HASH_HEX_LEN + 1], h3[LIA_HASH_HEX_LEN + 1];
	hash_of(&e, h1);
	hash_of(&e, h2);
	assert_string_equal(h1, h2);
	/* Equal contents in other memory hash the same: pointers do not matter. */
	full_entry(&copy);
	char id[] = "0190a000-0000-7000-8000-000000000001";
	copy.id = id;
	memcpy(copy.hash, "garbage", 8); /* the hash member itself is not an input */
	hash_of(&copy, h3);
	assert_string_equal(h1, h3);
}

static void
test_lia_audit_hash_known_vector(void **state)
{
	(void)state;
	/* Computed independently from the documented canonical form. Changing it makes
	 * every stored journal fail `liaison audit verify`. */
	struct lia_audit_entry e;
	base_entry(&e);
	char h[LIA_HASH_HEX_LEN + 1];
	hash_of(&e, h);
	assert_string_equal(h, "5c90552944e49da2d7e553da63b8bfc11e2f1655253e15d0bf8703c3d605a5d9");
}

static void
test_lia_audit_hash_covers_every_string_field(void **state)
{
	(void)state;
	struct lia_audit_entry e;
	full_entry(&e);
	char ref[LIA_HASH_HEX_LEN + 1];
	hash_of(&e, ref);
	for (size_t i = 0; i < sizeof string_fields / sizeof string_fields[0]; i++) {
		static const char *const variants[] = {"changed", "", NULL};
		for (size_t v = 0; v < 3; v++) {
			struct lia_audit_entry m = e;
			*string_field(&m, i) = variants[v];
			char h[LIA_HASH_HEX_LEN + 1];
			hash_of(&m, h);
			if (strcmp(h, ref) == 0)
				fail_msg("hash ignores %s = %s", string_fields[i].name,
					 variants[v] ? variants[v] : "NULL");
		}
	}
}

static void
test_lia_audit_hash_covers_seq_at_prev_hash(void **state)
{
	(void)state;
	struct lia_audit_entry e;
	full_entry(&e);
	char ref[LIA_HASH_HEX_LEN + 1], h[LIA_HASH_HEX_LEN + 1];
	hash_of(&e, ref);

	struct lia_audit_entry m = e;
	m.seq = 2;
	hash_of(&m, h);
	assert_string_not_equal(h, ref);

	m = e;
	m.at = e.at + 1;
	hash_of(&m, h);
	assert_string_not_equal(h, ref);

	m = e;
	m.prev_hash[LIA_HASH_HEX_LEN - 1] = '1';
	hash_of(&m, h);
	assert_string_not_equal(h, ref);

	m = e;
	m.prev_hash[0] = 'f';
	hash_of(&m, h);
	assert_string_not_equal(h, ref);
}

static void
test_lia_audit_hash_null_differs_from_empty(void **state)
{
	(void)state;
	struct lia_audit_entry e;
	base_entry(&e);
	for (size_t i = 0; i < sizeof string_fields / sizeof string_fields[0]; i++) {
		struct lia_audit_entry a = e, b = e;
		*string_field(&a, i) = NULL;
		*string_field(&b, i) = "";
		char ha[LIA_HASH_HEX_LEN + 1], hb[LIA_HASH_HEX_LEN + 1];
		hash_of(&a, ha);
		hash_of(&b, hb);
		if (strcmp(ha, hb) == 0)
			fail_msg("NULL and \"\" hash alike in %s", string_fields[i].name);
	}
}

static void
test_lia_audit_hash_field_boundaries(void **state)
{
	(void)state;
	struct lia_audit_entry e;
	full_entry(&e);
	/* For each pair of adjacent fields in the struct, moving a character across the
	 * boundary must change the hash. */
	for (size_t i = 0; i + 1 < sizeof string_fields / sizeof string_fields[0]; i++) {
		struct lia_audit_entry a = e, b = e;
		*string_field(&a, i) = "ab";
		*string_field(&a, i + 1) = "c";
		*string_field(&b, i) = "a";
		*string_field(&b, i + 1) = "bc";
		char ha[LIA_HASH_HEX_LEN + 1], hb[LIA_HASH_HEX_LEN + 1];
		hash_of(&a, ha);
		hash_of(&b, hb);
		if (strcmp(ha, hb) == 0)
			fail_msg("boundary between %s and %s is ambiguous", string_fields[i].name,
				 string_fields[i + 1].name);
	}
	/* A string that looks like an encoded empty field next to it. */
	struct lia_audit_entry a = e, b = e;
	a.ip = "x";
	a.request_id = "";
	b.ip = "x0:";
	b.request_id = NULL;
	char ha[LIA_HASH_HEX_LEN + 1], hb[LIA_HASH_HEX_LEN + 1];
	hash_of(&a, ha);
	hash_of(&b, hb);
	assert_string_not_equal(ha, hb);
	/* Swapping two fields' values changes the hash. */
	a = e;
	a.actor_id = e.actor_role;
	a.actor_role = e.actor_id;
	hash_of(&a, ha);
	hash_of(&e, hb);
	assert_string_not_equal(ha, hb);
}

static void
test_lia_audit_link_sets_seq_and_prev_hash(void **state)
{
	(void)state;
	struct lia_audit_entry e;
	base_entry(&e);
	e.seq = 999;
	memset(e.prev_hash, 'z', LIA_HASH_HEX_LEN);
	lia_audit_link(&e, 0, LIA_AUDIT_GENESIS);
	assert_int_equal(e.seq, 1);
	assert_string_equal(e.prev_hash, LIA_AUDIT_GENESIS);
	char h[LIA_HASH_HEX_LEN + 1];
	hash_of(&e, h);
	assert_string_equal(e.hash, h);
	/* The base entry is exactly the first entry of a chain. */
	assert_string_equal(e.hash,
			    "5c90552944e49da2d7e553da63b8bfc11e2f1655253e15d0bf8703c3d605a5d9");

	struct lia_audit_entry next;
	base_entry(&next);
	next.action = "client.update";
	lia_audit_link(&next, 41, e.hash);
	assert_int_equal(next.seq, 42);
	assert_string_equal(next.prev_hash, e.hash);
	hash_of(&next, h);
	assert_string_equal(next.hash, h);
	assert_string_not_equal(next.hash, e.hash);
}

static void
test_lia_audit_link_chain_detects_tampering(void **state)
{
	(void)state;
	struct lia_audit_entry chain[5];
	const char *prev = LIA_AUDIT_GENESIS;
	for (int i = 0; i < 5; i++) {
		base_entry(&chain[i]);
		lia_audit_link(&chain[i], i, prev);
		prev = chain[i].hash;
	}
	for (int i = 0; i < 5; i++) {
		assert_int_equal(chain[i].seq, i + 1);
		if (i)
			assert_string_equal(chain[i].prev_hash, chain[i - 1].hash);
	}
	/* Identical contents at different positions still hash apart. */
	assert_string_not_equal(chain[1].hash, chain[2].hash);
	/* Rewriting an entry breaks its stored hash. */
	chain[2].outcome = "denied";
	char h[LIA_HASH_HEX_LEN + 1];
	hash_of(&chain[2], h);
	assert_string_not_equal(h, chain[2].hash);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_audit_hash_format),
		cmocka_unit_test(test_lia_audit_hash_deterministic),
		cmocka_unit_test(test_lia_audit_hash_known_vector),
		cmocka_unit_test(test_lia_audit_hash_covers_every_string_field),
		cmocka_unit_test(test_lia_audit_hash_covers_seq_at_prev_hash),
		cmocka_unit_test(test_lia_audit_hash_null_differs_from_empty),
		cmocka_unit_test(test_lia_audit_hash_field_boundaries),
		cmocka_unit_test(test_lia_audit_link_sets_seq_and_prev_hash),
		cmocka_unit_test(test_lia_audit_link_chain_detects_tampering),
	};
	LIA_RUN_GROUP("audit_chain", tests, NULL, NULL);
}
