/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * INS (Identité Nationale de Santé): the matricule (NIR or NIA), its key, its OIDs,
 * and the coherence of the matricule with the strict traits.
 * Source: ANS "Référentiel INS" and RNIV; facts in shared/reference/ins.md.
 */
#ifndef LIA_DOMAIN_INS_H
#define LIA_DOMAIN_INS_H

#include <stdbool.h>

#define LIA_INS_LEN 15

/* FHIR / CDA identifier systems (ins.md). */
#define LIA_OID_INS_NIR      "1.2.250.1.213.1.4.8"
#define LIA_OID_INS_NIA      "1.2.250.1.213.1.4.9"
#define LIA_OID_INS_NIR_TEST "1.2.250.1.213.1.4.10"
#define LIA_OID_INS_NIR_DEMO "1.2.250.1.213.1.4.11"

enum lia_ins_check {
	LIA_INS_OK = 0,
	LIA_INS_BAD_FORMAT,  /* not 15 characters of the expected shape */
	LIA_INS_BAD_KEY,     /* key != 97 - (body mod 97) */
};

/* Checks a matricule (exactly 15 characters, NUL-terminated; s may be NULL).
 * Handles Corsica (2A -> 19, 2B -> 18 before the key computation). */
enum lia_ins_check lia_ins_check(const char *s);

/* Computes the 2-digit key of a 13-character body into key[3]. False when the body
 * is malformed. Used by the demo generator and tests. */
bool lia_ins_key(const char *body13, char key[3]);

/* True when the matricule's sex digit (1 male, 2 female; other digits such as NIA's
 * are not checked), birth year (2 digits) and month (01-12; other values mean unknown
 * and are not checked) agree with sex ("M"/"F"/"I") and birth_date "YYYY-MM-DD". */
bool lia_ins_matches_traits(const char *matricule, const char *sex, const char *birth_date);

/* True for one of the four OIDs above. */
bool lia_ins_oid_known(const char *oid);
/* True for the test and demo OIDs, which must never reach production data. */
bool lia_ins_oid_is_test(const char *oid);

#endif
