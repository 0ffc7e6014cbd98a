/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Who a session token belongs to, cached in memory: saves the three queries
 * (session, account, roles/links) that every authenticated request would
 * otherwise make. An entry is used only while
 *   - it is younger than LIA_AUTH_CACHE_TTL_US,
 *   - the session has not expired,
 *   - and no sign-out or permission change has committed in this process since the
 *     entry was read (a global epoch, bumped after such commits).
 * A change made by another process sharing the database (a second server on the same
 * PostgreSQL, or `liaison` on the command line) is seen within the TTL.
 */
#ifndef LIA_HTTP_AUTH_CACHE_H
#define LIA_HTTP_AUTH_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/records.h"

#define LIA_AUTH_CACHE_TTL_US (5 * 1000000LL)

struct lia_auth_snapshot {
	struct lia_account account;
	int64_t session_expires_at;
	struct lia_role *roles;
	size_t nroles;
	struct lia_person_link *links;
	size_t nlinks;
};

/* The epoch to pass to lia_auth_cache_put; read it BEFORE reading the database, so
 * that a change committed meanwhile makes the entry stale at once. */
uint64_t lia_auth_cache_epoch(void);
/* Copies a valid entry into out (strings in arena a). False on a miss. */
bool lia_auth_cache_get(const char *token_hash, int64_t now, struct lia_arena *a,
			struct lia_auth_snapshot *out);
void lia_auth_cache_put(const char *token_hash, uint64_t epoch, int64_t now,
			const struct lia_auth_snapshot *s);
/* Call after a sign-out or a change of roles, links or account state has committed. */
void lia_auth_cache_invalidate(void);
/* Frees every entry (server stop, tests). */
void lia_auth_cache_clear(void);

#endif
