/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Demo data: an organisation tree, one account per role, and N synthetic clients with
 * French names, real commune INSEE codes, and INS matricules with valid keys.
 * Deterministic for a given seed: the same seed gives the same names, traits and INS.
 * Used by `liaison demo`, by `make run` on first start, by tests and by benchmarks.
 */
#ifndef LIA_DOMAIN_DEMO_H
#define LIA_DOMAIN_DEMO_H

#include <stdint.h>

#include "store/store.h"

struct lia_demo_options {
	uint64_t seed;          /* default 42 */
	long clients;           /* number of clients to create */
	const char *password;   /* password of every demo account */
	/* crypto_pwhash limits for the demo accounts' hashes */
	unsigned long long pwhash_ops;
	size_t pwhash_mem;
};

struct lia_demo_account {
	const char *login;
	const char *role;       /* role name, or "person:self" / "person:caregiver" ... */
	const char *org_name;
};

struct lia_demo_result {
	long clients_created;
	const char *root_org_id;    /* static storage inside the generator's result */
	/* The demo logins, in a fixed order, for the README and `make run`. */
	const struct lia_demo_account *accounts;
	int naccounts;
};

/* Loads the demo data through the store contract in a few large write
 * transactions, each audited (actor "system"). Refuses (LIA_STORE_CONFLICT) when the
 * database already holds organisations. */
int lia_demo_load(struct lia_conn *c, const struct lia_demo_options *opt,
		  struct lia_demo_result *res);

/* The fixed list of demo accounts (login, role, organisation), for help texts. */
const struct lia_demo_account *lia_demo_accounts(int *n);

#endif
