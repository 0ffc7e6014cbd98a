/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The INS matricule (NIR or NIA): its shape, its control key, its coherence with the
 * strict traits, and the identifier systems (OIDs) it is published under. Pure
 * functions over NUL-terminated strings, safe on any input (the fuzz target
 * tests/fuzz/fuzz_ins.c feeds them arbitrary bytes). Facts in shared/reference/ins.md.
 */
#include "domain/ins.h"

#include <stdint.h>
#include <string.h>

#define INS_BODY_LEN 13

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/*
 * Référentiel INS: the 13-character body is sex (1), year (2), month (2),
 * département (2), commune or country (3), order (3). Only the shape is checked:
 * month values above 12 and sex digits other than 1/2 exist (NIA, unknown dates),
 * so any digit pair is accepted there, and any sex digit from 1 to 8.
 * On success *value receives the body as a number, Corsica substituted.
 */
static bool
body_value(const char *b, uint64_t *value)
{
	if (b[0] < '1' || b[0] > '8')
		return false;
	if (!digits(b + 1, 4))
		return false;

	/* Référentiel INS: Corsica writes 2A / 2B; the key is computed with 19 / 18. */
	char dep[2];
	if (b[5] == '2' && b[6] == 'A') {
		dep[0] = '1';
		dep[1] = '9';
	} else if (b[5] == '2' && b[6] == 'B') {
		dep[0] = '1';
		dep[1] = '8';
	} else if (digits(b + 5, 2)) {
		dep[0] = b[5];
		dep[1] = b[6];
	} else {
		return false;
	}
	if (!digits(b + 7, 6))
		return false;

	/* 13 decimal digits exceed 32 bits but fit easily in 64. */
	uint64_t v = 0;
	for (int i = 0; i < INS_BODY_LEN; i++) {
		char c = i == 5 ? dep[0] : i == 6 ? dep[1] : b[i];
		v = v * 10 + (uint64_t)(c - '0');
	}
	*value = v;
	return true;
}

static unsigned
key_of(uint64_t body)
{
	/* Référentiel INS: key = 97 - (body mod 97), so 1..97. */
	return 97u - (unsigned)(body % 97u);
}

enum lia_ins_check
lia_ins_check(const char *s)
{
	if (!s)
		return LIA_INS_BAD_FORMAT;
	/* strnlen: never read past the 16th byte of a long or unterminated-looking input. */
	if (strnlen(s, LIA_INS_LEN + 1) != LIA_INS_LEN)
		return LIA_INS_BAD_FORMAT;
	uint64_t body;
	if (!body_value(s, &body) || !digits(s + INS_BODY_LEN, 2))
		return LIA_INS_BAD_FORMAT;
	unsigned key = (unsigned)(s[13] - '0') * 10u + (unsigned)(s[14] - '0');
	return key == key_of(body) ? LIA_INS_OK : LIA_INS_BAD_KEY;
}

bool
lia_ins_key(const char *body13, char key[3])
{
	uint64_t body;
	if (!body13 || strnlen(body13, INS_BODY_LEN + 1) != INS_BODY_LEN ||
	    !body_value(body13, &body))
		return false;
	unsigned k = key_of(body);
	key[0] = (char)('0' + k / 10);
	key[1] = (char)('0' + k % 10);
	key[2] = '\0';
	return true;
}

/* "YYYY-MM-DD" by shape only: RNIV allows dates that are not real calendar days
 * (unknown day or month recorded as 00), and those must still be compared. */
static bool
date_shape(const char *d)
{
	return strnlen(d, 11) == 10 && digits(d, 4) && d[4] == '-' && digits(d + 5, 2) &&
	       d[7] == '-' && digits(d + 8, 2);
}

bool
lia_ins_matches_traits(const char *matricule, const char *sex, const char *birth_date)
{
	/* The key is lia_ins_check's business; here only the shape must hold so that the
	 * fields below are where we read them. */
	if (!matricule || !sex || !birth_date)
		return false;
	if (lia_ins_check(matricule) == LIA_INS_BAD_FORMAT || !date_shape(birth_date))
		return false;

	/* Référentiel INS: 1 male, 2 female; NIA and other leading digits say nothing
	 * about sex. An indeterminate sex ("I") does not agree with 1 or 2. */
	if (matricule[0] == '1' && strcmp(sex, "M") != 0)
		return false;
	if (matricule[0] == '2' && strcmp(sex, "F") != 0)
		return false;
	if (strcmp(sex, "M") != 0 && strcmp(sex, "F") != 0 && strcmp(sex, "I") != 0)
		return false;

	if (matricule[1] != birth_date[2] || matricule[2] != birth_date[3])
		return false;

	/* Référentiel INS: months 01-12 are real; 00, 20+ and others stand for an
	 * unknown or special birth month and cannot be compared. */
	int month = (matricule[3] - '0') * 10 + (matricule[4] - '0');
	if (month >= 1 && month <= 12 &&
	    (matricule[3] != birth_date[5] || matricule[4] != birth_date[6]))
		return false;
	return true;
}

static const char *const known_oids[] = {
	LIA_OID_INS_NIR,
	LIA_OID_INS_NIA,
	LIA_OID_INS_NIR_TEST,
	LIA_OID_INS_NIR_DEMO,
};

bool
lia_ins_oid_known(const char *oid)
{
	if (!oid)
		return false;
	for (size_t i = 0; i < sizeof known_oids / sizeof known_oids[0]; i++)
		if (strcmp(oid, known_oids[i]) == 0)
			return true;
	return false;
}

bool
lia_ins_oid_is_test(const char *oid)
{
	/* ins.md: test and demo identities must never reach production data. */
	return oid &&
	       (strcmp(oid, LIA_OID_INS_NIR_TEST) == 0 || strcmp(oid, LIA_OID_INS_NIR_DEMO) == 0);
}
