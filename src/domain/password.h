/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Passwords: Argon2id through libsodium's crypto_pwhash_str, with a cost chosen by
 * configuration ("interactive" by default; "min" exists for test suites only).
 */
#ifndef LIA_DOMAIN_PASSWORD_H
#define LIA_DOMAIN_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define LIA_PASSWORD_MIN_LEN 12
#define LIA_PASSWORD_HASH_MAX 128

/* Sets the cost from "interactive", "moderate" or "min"; false when unknown. */
bool lia_password_set_cost(const char *name);
void lia_password_cost(unsigned long long *ops, size_t *mem);
/* Hashes password into out (crypto_pwhash_STRBYTES); false on failure. */
bool lia_password_hash(const char *password, char out[LIA_PASSWORD_HASH_MAX]);
/* Verifies in constant time. hash NULL (unknown login) still spends the same work
 * on a dummy hash and returns false. */
bool lia_password_verify(const char *hash, const char *password);

#endif
