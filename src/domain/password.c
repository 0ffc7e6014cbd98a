/* SPDX-License-Identifier: EUPL-1.2 */
/* Argon2id password hashing (see password.h). */
#include "domain/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

static unsigned long long cost_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t cost_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

bool
lia_password_set_cost(const char *name)
{
	if (!strcmp(name, "interactive")) {
		cost_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		cost_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	} else if (!strcmp(name, "moderate")) {
		cost_ops = crypto_pwhash_OPSLIMIT_MODERATE;
		cost_mem = crypto_pwhash_MEMLIMIT_MODERATE;
	} else if (!strcmp(name, "min")) {
		cost_ops = crypto_pwhash_OPSLIMIT_MIN;
		cost_mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		return false;
	}
	return true;
}

void
lia_password_cost(unsigned long long *ops, size_t *mem)
{
	*ops = cost_ops;
	*mem = cost_mem;
}

bool
lia_password_hash(const char *password, char out[LIA_PASSWORD_HASH_MAX])
{
	_Static_assert(crypto_pwhash_STRBYTES <= LIA_PASSWORD_HASH_MAX, "hash buffer");
	return crypto_pwhash_str(out, password, strlen(password), cost_ops, cost_mem) == 0;
}

static void
make_dummy(void)
{
	unsigned char pw[16];
	randombytes_buf(pw, sizeof pw);
	if (crypto_pwhash_str(dummy, (const char *)pw, sizeof pw, cost_ops, cost_mem) != 0)
		dummy[0] = '\0';
}

bool
lia_password_verify(const char *hash, const char *password)
{
	if (!hash) {
		pthread_once(&dummy_once, make_dummy);
		/* Same work as a real check; the answer is false whatever it says. */
		if (dummy[0] && crypto_pwhash_str_verify(dummy, password, strlen(password)) == 0)
			return false;
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
