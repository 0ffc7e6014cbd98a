/* SPDX-License-Identifier: EUPL-1.2 */
/* Attachments at rest: sealing round trips, and any alteration is refused; the key
 * file is made private and a wrong one is refused. Also content sniffing. */
#include "lia_test.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sealed.h"
#include "domain/sniff.h"

static char dir[] = "/tmp/lia-test-sealed-XXXXXX";

static struct lia_sealing_key *
key_at(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return lia_sealing_key_load(path);
}

static void
round_trip(const struct lia_sealing_key *k, size_t n)
{
	struct lia_arena *a = lia_arena_new();
	unsigned char *plain = lia_arena_alloc(a, n + 1);
	randombytes_buf(plain, n);
	size_t sn = 0, pn = 0;
	unsigned char *sealed = lia_seal(a, k, plain, n, &sn);
	assert_true(sn > n);
	if (n >= 32)
		assert_true(memcmp(sealed + 24, plain, 32) != 0); /* not stored in clear */
	unsigned char *back = lia_unseal(a, k, sealed, sn, &pn);
	assert_non_null(back);
	assert_int_equal(pn, n);
	assert_memory_equal(back, plain, n);
	lia_arena_free(a);
}

static void
test_lia_seal_round_trip_sizes(void **state)
{
	(void)state;
	struct lia_sealing_key *k = key_at("k1");
	assert_non_null(k);
	size_t sizes[] = {0, 1, 65535, 65536, 65537, 3 * 65536, 300000};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		round_trip(k, sizes[i]);
	lia_sealing_key_free(k);
}

static void
test_lia_unseal_refuses_any_alteration(void **state)
{
	(void)state;
	struct lia_sealing_key *k = key_at("k1"), *other = key_at("k2");
	struct lia_arena *a = lia_arena_new();
	unsigned char plain[150000];
	randombytes_buf(plain, sizeof plain);
	size_t sn, pn;
	unsigned char *sealed = lia_seal(a, k, plain, sizeof plain, &sn);
	unsigned char *copy = lia_arena_alloc(a, sn + 100);
	/* A flipped bit anywhere. */
	size_t places[] = {0, 23, 24, 1000, 65560, sn - 1};
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
		memcpy(copy, sealed, sn);
		copy[places[i]] ^= 1;
		assert_null(lia_unseal(a, k, copy, sn, &pn));
	}
	/* Truncated at a chunk boundary (no final tag), or with bytes after the end. */
	assert_null(lia_unseal(a, k, sealed, 24 + 65536 + 17, &pn));
	memcpy(copy, sealed, sn);
	memset(copy + sn, 0, 17);
	assert_null(lia_unseal(a, k, copy, sn + 17, &pn));
	assert_null(lia_unseal(a, k, sealed, 10, &pn));
	/* Another key. */
	assert_null(lia_unseal(a, other, sealed, sn, &pn));
	assert_non_null(lia_unseal(a, k, sealed, sn, &pn));
	lia_arena_free(a);
	lia_sealing_key_free(k);
	lia_sealing_key_free(other);
}

static void
test_lia_sealing_key_load_creates_private_and_rejects_wrong_files(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/made", dir);
	struct lia_sealing_key *k = lia_sealing_key_load(path);
	assert_non_null(k);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);
	/* Loaded again, the same key opens what the first sealed. */
	struct lia_sealing_key *again = lia_sealing_key_load(path);
	struct lia_arena *a = lia_arena_new();
	size_t sn, pn;
	unsigned char *s = lia_seal(a, k, (const unsigned char *)"ordonnance", 10, &sn);
	assert_non_null(lia_unseal(a, again, s, sn, &pn));
	lia_arena_free(a);
	lia_sealing_key_free(k);
	lia_sealing_key_free(again);
	snprintf(path, sizeof path, "%s/short", dir);
	FILE *f = fopen(path, "w");
	fputs("not a key", f);
	fclose(f);
	assert_null(lia_sealing_key_load(path));
	assert_null(lia_sealing_key_load("/nonexistent-liaison-dir/k"));
}

static void
test_lia_sniff_type_by_content(void **state)
{
	(void)state;
	unsigned char buf[128] = {0};
	memcpy(buf, "\xFF\xD8\xFF\xE0", 4);
	assert_string_equal(lia_sniff_type(buf, sizeof buf), "image/jpeg");
	memcpy(buf, "\x89PNG\r\n\x1A\n", 8);
	assert_string_equal(lia_sniff_type(buf, sizeof buf), "image/png");
	memcpy(buf, "%PDF-1.7", 8);
	assert_string_equal(lia_sniff_type(buf, sizeof buf), "application/pdf");
	assert_null(lia_sniff_type(buf, 4));            /* too short to tell */
	memcpy(buf, "GIF89a", 6);
	assert_null(lia_sniff_type(buf, sizeof buf));   /* not accepted */
	memcpy(buf, "MZ\x90\x00", 4);
	assert_null(lia_sniff_type(buf, sizeof buf));   /* a program named .pdf */
	assert_null(lia_sniff_type(NULL, 0));
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_seal_round_trip_sizes),
		cmocka_unit_test(test_lia_unseal_refuses_any_alteration),
		cmocka_unit_test(test_lia_sealing_key_load_creates_private_and_rejects_wrong_files),
		cmocka_unit_test(test_lia_sniff_type_by_content),
	};
	LIA_RUN_GROUP("sealed", tests, setup, NULL);
}
