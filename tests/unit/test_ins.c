/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/ins.c: the matricule's shape and key with the vectors of
 * shared/reference/ins.md, Corsica's 2A/2B substitution, coherence with the strict
 * traits, and the OIDs.
 */
#include "lia_test.h"

#include <string.h>

#include "domain/ins.h"

static void
test_lia_ins_check_valid_vectors(void **state)
{
	(void)state;
	assert_int_equal(lia_ins_check("295109912611193"), LIA_INS_OK);
	assert_int_equal(lia_ins_check("279035121518989"), LIA_INS_OK);
	assert_int_equal(lia_ins_check("277076322082910"), LIA_INS_OK);
}

static void
test_lia_ins_check_bad_key(void **state)
{
	(void)state;
	assert_int_equal(lia_ins_check("295109912611199"), LIA_INS_BAD_KEY);
	/* Appears in official example files: reported, not a crash. */
	assert_int_equal(lia_ins_check("147720425367411"), LIA_INS_BAD_KEY);
	/* Key 00 can never be right: keys run 01..97. */
	assert_int_equal(lia_ins_check("295109912611100"), LIA_INS_BAD_KEY);
	assert_int_equal(lia_ins_check("295109912611198"), LIA_INS_BAD_KEY);
}

static void
test_lia_ins_check_bad_format(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"253072C07300443", /* 2C is no département */
		"",
		"29510991261119",   /* 14 characters */
		"2951099126111930", /* 16 characters */
		"095109912611193",  /* sex digit 0 */
		"995109912611193",  /* sex digit 9 */
		"2951099126111 3",  /* space in the key */
		"29510991261119A",  /* letter in the key */
		"2X5109912611193",  /* letter in the year */
		"2951X9912611193",  /* letter in the month */
		"29510A912611193",  /* A without the 2 of Corsica */
		"295102a12611193",  /* lower-case Corsica letter */
		"2951099126X1193",  /* letter in the commune */
		"29510991261X193",  /* letter in the order */
		" 95109912611193",
		"2951099126111\xc3\xa9",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(lia_ins_check(bad[i]), LIA_INS_BAD_FORMAT);
}

static void
test_lia_ins_check_null(void **state)
{
	(void)state;
	assert_int_equal(lia_ins_check(NULL), LIA_INS_BAD_FORMAT);
}

static void
test_lia_ins_check_accepts_nia_and_odd_months(void **state)
{
	(void)state;
	/* NIA sex digits and months above 12 are valid shapes; only the key decides. */
	char m[16];
	char key[3];
	static const char *const bodies[] = {"7551399350012", "8403299139007", "1450099127001",
					     "2459912345678"};
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		assert_true(lia_ins_key(bodies[i], key));
		memcpy(m, bodies[i], 13);
		memcpy(m + 13, key, 3);
		assert_int_equal(lia_ins_check(m), LIA_INS_OK);
	}
}

static void
test_lia_ins_key_corsica(void **state)
{
	(void)state;
	char key[3];
	/* 2A -> 19: 1550519004123 mod 97 = 26, key 71. */
	assert_true(lia_ins_key("155052A004123", key));
	assert_string_equal(key, "71");
	assert_int_equal(lia_ins_check("155052A00412371"), LIA_INS_OK);
	/* 2B -> 18: key 13. */
	assert_true(lia_ins_key("260072B033045", key));
	assert_string_equal(key, "13");
	assert_int_equal(lia_ins_check("260072B03304513"), LIA_INS_OK);
	/* Swapping 2A and 2B breaks the key. */
	assert_int_equal(lia_ins_check("155052B00412371"), LIA_INS_BAD_KEY);
	assert_int_equal(lia_ins_check("260072A03304513"), LIA_INS_BAD_KEY);
}

static void
test_lia_ins_key_vectors(void **state)
{
	(void)state;
	char key[3];
	assert_true(lia_ins_key("2951099126111", key));
	assert_string_equal(key, "93");
	assert_true(lia_ins_key("2790351215189", key));
	assert_string_equal(key, "89");
	/* Keys below 10 keep their leading zero. */
	assert_true(lia_ins_key("2770763220829", key));
	assert_string_equal(key, "10");
}

static void
test_lia_ins_key_malformed(void **state)
{
	(void)state;
	char key[3] = "xx";
	assert_false(lia_ins_key(NULL, key));
	assert_false(lia_ins_key("", key));
	assert_false(lia_ins_key("295109912611", key));
	assert_false(lia_ins_key("29510991261119", key));
	assert_false(lia_ins_key("2530720C07300", key));
	assert_false(lia_ins_key("0951099126111", key));
	assert_string_equal(key, "xx");
}

static void
test_lia_ins_matches_traits_match(void **state)
{
	(void)state;
	/* ins.md public test identity: female, born 1979-03-28. */
	assert_true(lia_ins_matches_traits("279035121518989", "F", "1979-03-28"));
	assert_true(lia_ins_matches_traits("295109912611193", "F", "1995-10-01"));
	/* A wrong key is lia_ins_check's concern, not this one's. */
	assert_true(lia_ins_matches_traits("295109912611199", "F", "1995-10-01"));
}

static void
test_lia_ins_matches_traits_mismatch(void **state)
{
	(void)state;
	assert_false(lia_ins_matches_traits("279035121518989", "M", "1979-03-28"));
	assert_false(lia_ins_matches_traits("279035121518989", "I", "1979-03-28"));
	assert_false(lia_ins_matches_traits("279035121518989", "F", "1978-03-28"));
	assert_false(lia_ins_matches_traits("279035121518989", "F", "2079-04-28"));
	assert_false(lia_ins_matches_traits("147720425367411", "F", "1977-12-04"));
	assert_false(lia_ins_matches_traits("279035121518989", "X", "1979-03-28"));
}

static void
test_lia_ins_matches_traits_unchecked_parts(void **state)
{
	(void)state;
	char m[16] = "7790351215189";
	char key[3];
	/* A NIA digit says nothing about sex. */
	assert_true(lia_ins_key(m, key));
	memcpy(m + 13, key, 3);
	assert_true(lia_ins_matches_traits(m, "M", "1979-03-28"));
	assert_true(lia_ins_matches_traits(m, "I", "1979-03-28"));
	/* Month 99 (unknown) is not compared, the year still is. */
	memcpy(m, "2799951215189", 14);
	assert_true(lia_ins_key(m, key));
	memcpy(m + 13, key, 3);
	assert_true(lia_ins_matches_traits(m, "F", "1979-06-00"));
	assert_false(lia_ins_matches_traits(m, "F", "1980-06-00"));
}

static void
test_lia_ins_matches_traits_malformed(void **state)
{
	(void)state;
	assert_false(lia_ins_matches_traits(NULL, "F", "1979-03-28"));
	assert_false(lia_ins_matches_traits("279035121518989", NULL, "1979-03-28"));
	assert_false(lia_ins_matches_traits("279035121518989", "F", NULL));
	assert_false(lia_ins_matches_traits("253072C07300443", "F", "1953-07-01"));
	assert_false(lia_ins_matches_traits("279035121518989", "F", "28/03/1979"));
	assert_false(lia_ins_matches_traits("279035121518989", "F", "1979-03-2"));
	assert_false(lia_ins_matches_traits("279035121518989", "F", ""));
}

static void
test_lia_ins_oid_known_all(void **state)
{
	(void)state;
	assert_true(lia_ins_oid_known("1.2.250.1.213.1.4.8"));
	assert_true(lia_ins_oid_known("1.2.250.1.213.1.4.9"));
	assert_true(lia_ins_oid_known("1.2.250.1.213.1.4.10"));
	assert_true(lia_ins_oid_known("1.2.250.1.213.1.4.11"));
	/* NIR as social-security number is not an INS. */
	assert_false(lia_ins_oid_known("1.2.250.1.213.1.4.13"));
	assert_false(lia_ins_oid_known("1.2.250.1.213.1.4.1"));
	assert_false(lia_ins_oid_known(""));
	assert_false(lia_ins_oid_known(NULL));
}

static void
test_lia_ins_oid_is_test_all(void **state)
{
	(void)state;
	assert_false(lia_ins_oid_is_test(LIA_OID_INS_NIR));
	assert_false(lia_ins_oid_is_test(LIA_OID_INS_NIA));
	assert_true(lia_ins_oid_is_test(LIA_OID_INS_NIR_TEST));
	assert_true(lia_ins_oid_is_test(LIA_OID_INS_NIR_DEMO));
	assert_false(lia_ins_oid_is_test(NULL));
	assert_false(lia_ins_oid_is_test("1.2.250.1.213.1.4.100"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_ins_check_valid_vectors),
		cmocka_unit_test(test_lia_ins_check_bad_key),
		cmocka_unit_test(test_lia_ins_check_bad_format),
		cmocka_unit_test(test_lia_ins_check_null),
		cmocka_unit_test(test_lia_ins_check_accepts_nia_and_odd_months),
		cmocka_unit_test(test_lia_ins_key_corsica),
		cmocka_unit_test(test_lia_ins_key_vectors),
		cmocka_unit_test(test_lia_ins_key_malformed),
		cmocka_unit_test(test_lia_ins_matches_traits_match),
		cmocka_unit_test(test_lia_ins_matches_traits_mismatch),
		cmocka_unit_test(test_lia_ins_matches_traits_unchecked_parts),
		cmocka_unit_test(test_lia_ins_matches_traits_malformed),
		cmocka_unit_test(test_lia_ins_oid_known_all),
		cmocka_unit_test(test_lia_ins_oid_is_test_all),
	};
	LIA_RUN_GROUP("ins", tests, NULL, NULL);
}
