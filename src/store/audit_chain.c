/* SPDX-License-Identifier: EUPL-1.2 */
/* Hash chain of the audit journal (see audit_chain.h). */
#include "store/audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void
put_str(crypto_hash_sha256_state *st, const char *s)
{
	/* A length prefix tells "ab"+"c" from "a"+"bc"; -1 marks NULL apart from "". */
	char len[24];
	int n = snprintf(len, sizeof len, "%lld:", s ? (long long)strlen(s) : -1LL);
	crypto_hash_sha256_update(st, (const unsigned char *)len, (unsigned long long)n);
	if (s)
		crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
}

static void
put_int(crypto_hash_sha256_state *st, int64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)v);
	put_str(st, num);
}

void
lia_audit_hash(const struct lia_audit_entry *e, char out[LIA_HASH_HEX_LEN + 1])
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	put_str(&st, "liaison-audit-v1");
	put_str(&st, e->prev_hash);
	put_int(&st, e->seq);
	put_str(&st, e->id);
	put_str(&st, e->org_id);
	put_int(&st, e->at);
	put_str(&st, e->actor_id);
	put_str(&st, e->actor_role);
	put_str(&st, e->on_behalf_of);
	put_str(&st, e->action);
	put_str(&st, e->client_id);
	put_str(&st, e->object_id);
	put_str(&st, e->ip);
	put_str(&st, e->request_id);
	put_str(&st, e->outcome);
	put_str(&st, e->detail);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, LIA_HASH_HEX_LEN + 1, digest, sizeof digest);
}

void
lia_audit_link(struct lia_audit_entry *e, int64_t prev_seq, const char *prev_hash)
{
	e->seq = prev_seq + 1;
	snprintf(e->prev_hash, sizeof e->prev_hash, "%s", prev_hash);
	lia_audit_hash(e, e->hash);
}
