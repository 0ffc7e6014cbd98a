/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/identity.c: the RNIV status table, name keys (accents,
 * ligatures, apostrophes, hyphens, spaces), the client's search and duplicate keys,
 * and the detection of a strict trait change.
 */
#include "lia_test.h"

#include <string.h>

#include "domain/identity.h"

static int
setup(void **state)
{
	*state = lia_arena_new();
	return 0;
}

static int
teardown(void **state)
{
	lia_arena_free(*state);
	return 0;
}

static void
test_lia_identity_status_table(void **state)
{
	(void)state;
	assert_string_equal(lia_identity_status(false, false), "PROV");
	assert_string_equal(lia_identity_status(true, false), "RECUP");
	assert_string_equal(lia_identity_status(false, true), "VALI");
	assert_string_equal(lia_identity_status(true, true), "QUAL");
}

static void
test_lia_name_key_ascii(void **state)
{
	struct lia_arena *a = *state;
	assert_string_equal(lia_name_key(a, "Dupont"), "DUPONT");
	assert_string_equal(lia_name_key(a, "DUPONT"), "DUPONT");
	assert_string_equal(lia_name_key(a, "dupont"), "DUPONT");
}

static void
test_lia_name_key_accents(void **state)
{
	struct lia_arena *a = *state;
	assert_string_equal(lia_name_key(a, "Lefèvre"), "LEFEVRE");
	assert_string_equal(lia_name_key(a, "Hélène"), "HELENE");
	assert_string_equal(lia_name_key(a, "Noémie"), "NOEMIE");
	assert_string_equal(lia_name_key(a, "éèêë àâä îï ôö ùûü ç ÿ ñ"),
			    "EEEE AAA II OO UUU C Y N");
	assert_string_equal(lia_name_key(a, "ÉÈÊË ÀÂÄ ÎÏ ÔÖ ÙÛÜ Ç Ÿ Ñ"),
			    "EEEE AAA II OO UUU C Y N");
	assert_string_equal(lia_name_key(a, "Müller"), "MULLER");
	assert_string_equal(lia_name_key(a, "Łukasz Wójcik"), "LUKASZ WOJCIK");
	assert_string_equal(lia_name_key(a, "Dvořák"), "DVORAK");
}

static void
test_lia_name_key_ligatures(void **state)
{
	struct lia_arena *a = *state;
	assert_string_equal(lia_name_key(a, "Lætitia"), "LAETITIA");
	assert_string_equal(lia_name_key(a, "Œdipe cœur"), "OEDIPE COEUR");
	assert_string_equal(lia_name_key(a, "Strauß"), "STRAUSS");
	assert_string_equal(lia_name_key(a, "ÆSIR"), "AESIR");
}

static void
test_lia_name_key_separators(void **state)
{
	struct lia_arena *a = *state;
	assert_string_equal(lia_name_key(a, "N'Diaye"), "N DIAYE");
	assert_string_equal(lia_name_key(a, "N’Diaye"), "N DIAYE");
	assert_string_equal(lia_name_key(a, "Jean-Pierre"), "JEAN PIERRE");
	assert_string_equal(lia_name_key(a, "Marie - Thérèse"), "MARIE THERESE");
	assert_string_equal(lia_name_key(a, "  Le   Goff  "), "LE GOFF");
	assert_string_equal(lia_name_key(a, "d'Alembert--Le\tRond"), "D ALEMBERT LE ROND");
	assert_string_equal(lia_name_key(a, "Da\xc2\xa0Silva"), "DA SILVA");
}

static void
test_lia_name_key_drops_others(void **state)
{
	struct lia_arena *a = *state;
	assert_string_equal(lia_name_key(a, "Dupont (2)"), "DUPONT");
	assert_string_equal(lia_name_key(a, "Martin."), "MARTIN");
	/* Decomposed accents (NFD) lose their combining mark. */
	assert_string_equal(lia_name_key(a, "He\xcc\x81le\xcc\x80ne"), "HELENE");
	/* Other scripts, emoji and malformed bytes are dropped, not copied. */
	assert_string_equal(lia_name_key(a, "Ωmega\xf0\x9f\x98\x80"), "MEGA");
	assert_string_equal(lia_name_key(a, "Bad\xff\xc3yte\xe2\x82"), "BADYTE");
	/* Overlong encoding of '/' is malformed. */
	assert_string_equal(lia_name_key(a, "A\xc0\xaf"
					    "B"),
			    "AB");
}

static void
test_lia_name_key_empty(void **state)
{
	struct lia_arena *a = *state;
	assert_string_equal(lia_name_key(a, ""), "");
	assert_string_equal(lia_name_key(a, "   "), "");
	assert_string_equal(lia_name_key(a, "-'’"), "");
	assert_string_equal(lia_name_key(a, NULL), "");
}

static void
test_lia_client_keys_birth_name_only(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client cl = {
		.birth_name = "Lefèvre",
		.birth_given_names = "Marie-Thérèse Jeanne",
		.birth_date = "1938-04-12",
		.sex = "F",
	};
	lia_client_keys(a, &cl);
	assert_string_equal(cl.first_given_name, "Marie-Thérèse");
	assert_string_equal(cl.name_key, "LEFEVRE MARIE THERESE");
	assert_null(cl.used_name_key);
	assert_string_equal(cl.identity_key, "LEFEVRE|MARIE THERESE|1938-04-12|F");
}

static void
test_lia_client_keys_used_name(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client cl = {
		.birth_name = "N'Diaye",
		.birth_given_names = "  Aïssata Fatou",
		.birth_date = "1950-11-02",
		.sex = "F",
		.used_name = "Le Goff",
	};
	lia_client_keys(a, &cl);
	assert_string_equal(cl.first_given_name, "Aïssata");
	assert_string_equal(cl.name_key, "N DIAYE AISSATA");
	assert_string_equal(cl.used_name_key, "LE GOFF AISSATA");
	assert_string_equal(cl.identity_key, "N DIAYE|AISSATA|1950-11-02|F");

	cl.used_given_name = "Fatou";
	lia_client_keys(a, &cl);
	assert_string_equal(cl.used_name_key, "LE GOFF FATOU");

	/* A used name with nothing left after folding is no used name. */
	cl.used_name = "--";
	lia_client_keys(a, &cl);
	assert_null(cl.used_name_key);
}

static void
test_lia_client_keys_same_person_same_key(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client x = {.birth_name = "Lefèvre",
			       .birth_given_names = "Hélène",
			       .birth_date = "1931-01-05",
			       .sex = "F"};
	struct lia_client y = {.birth_name = "LEFEVRE",
			       .birth_given_names = "HELENE MARIE",
			       .birth_date = "1931-01-05",
			       .sex = "F"};
	lia_client_keys(a, &x);
	lia_client_keys(a, &y);
	assert_string_equal(x.identity_key, y.identity_key);
	y.sex = "M";
	lia_client_keys(a, &y);
	assert_string_not_equal(x.identity_key, y.identity_key);
}

static void
test_lia_client_keys_missing_traits(void **state)
{
	struct lia_arena *a = *state;
	struct lia_client cl = {.birth_name = "Martin"};
	lia_client_keys(a, &cl);
	assert_string_equal(cl.first_given_name, "");
	assert_string_equal(cl.name_key, "MARTIN");
	assert_string_equal(cl.identity_key, "MARTIN|||");
}

static void
test_lia_strict_traits_changed_none(void **state)
{
	(void)state;
	struct lia_client x = {.birth_name = "Martin",
			       .birth_given_names = "Paul",
			       .sex = "M",
			       .birth_date = "1940-02-03",
			       .birth_place_code = "75111",
			       .used_name = "A",
			       .phone = "1"};
	struct lia_client y = x;
	y.used_name = "B";
	y.phone = "2";
	y.address_line = "3 rue de Belleville";
	y.gir = 4;
	assert_false(lia_strict_traits_changed(&x, &y));
	x.birth_place_code = y.birth_place_code = NULL;
	assert_false(lia_strict_traits_changed(&x, &y));
}

static void
test_lia_strict_traits_changed_each(void **state)
{
	(void)state;
	struct lia_client x = {.birth_name = "Martin",
			       .birth_given_names = "Paul",
			       .sex = "M",
			       .birth_date = "1940-02-03",
			       .birth_place_code = "75111"};
	struct lia_client y;

	y = x, y.birth_name = "Martine";
	assert_true(lia_strict_traits_changed(&x, &y));
	y = x, y.birth_given_names = "Paul Henri";
	assert_true(lia_strict_traits_changed(&x, &y));
	y = x, y.sex = "F";
	assert_true(lia_strict_traits_changed(&x, &y));
	y = x, y.birth_date = "1940-02-04";
	assert_true(lia_strict_traits_changed(&x, &y));
	y = x, y.birth_place_code = "75112";
	assert_true(lia_strict_traits_changed(&x, &y));
	y = x, y.birth_place_code = NULL;
	assert_true(lia_strict_traits_changed(&x, &y));
	assert_true(lia_strict_traits_changed(&y, &x));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_identity_status_table),
		cmocka_unit_test(test_lia_name_key_ascii),
		cmocka_unit_test(test_lia_name_key_accents),
		cmocka_unit_test(test_lia_name_key_ligatures),
		cmocka_unit_test(test_lia_name_key_separators),
		cmocka_unit_test(test_lia_name_key_drops_others),
		cmocka_unit_test(test_lia_name_key_empty),
		cmocka_unit_test(test_lia_client_keys_birth_name_only),
		cmocka_unit_test(test_lia_client_keys_used_name),
		cmocka_unit_test(test_lia_client_keys_same_person_same_key),
		cmocka_unit_test(test_lia_client_keys_missing_traits),
		cmocka_unit_test(test_lia_strict_traits_changed_none),
		cmocka_unit_test(test_lia_strict_traits_changed_each),
	};
	LIA_RUN_GROUP("identity", tests, setup, teardown);
}
