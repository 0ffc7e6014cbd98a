/* SPDX-License-Identifier: EUPL-1.2 */
/* In-memory cache of authenticated sessions (see auth_cache.h). */
#include "http/auth_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define SLOTS 1024   /* power of two; a slot is chosen by the token hash */
#define STRIPES 16

struct entry {
	char token_hash[65];
	uint64_t epoch;
	int64_t cached_at;
	struct lia_arena *arena;          /* owns the snapshot's strings */
	struct lia_auth_snapshot snap;
};

static struct entry slots[SLOTS];
static pthread_mutex_t stripes[STRIPES] = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER};
static _Atomic uint64_t epoch = 1;

static size_t
slot_of(const char *token_hash)
{
	/* The token hash is already uniformly random hex. */
	size_t h = 0;
	for (int i = 0; i < 8 && token_hash[i]; i++)
		h = h * 16 + (size_t)(token_hash[i] <= '9' ? token_hash[i] - '0' : token_hash[i] - 'a' + 10);
	return h & (SLOTS - 1);
}

static void
copy_snapshot(struct lia_arena *a, const struct lia_auth_snapshot *in, struct lia_auth_snapshot *out)
{
	const struct lia_account *s = &in->account;
	*out = *in;
	out->account = (struct lia_account){
		.id = lia_arena_strdup(a, s->id),
		.org_id = lia_arena_strdup(a, s->org_id),
		.login = lia_arena_strdup(a, s->login),
		.kind = lia_arena_strdup(a, s->kind),
		.display_name = lia_arena_strdup(a, s->display_name),
		.disabled = s->disabled,
		.version = s->version,
		.created_at = s->created_at,
	}; /* the password hash is not kept */
	out->roles = in->nroles ? lia_arena_alloc(a, in->nroles * sizeof *out->roles) : NULL;
	for (size_t i = 0; i < in->nroles; i++) {
		const struct lia_role *r = &in->roles[i];
		out->roles[i] = (struct lia_role){
			.id = lia_arena_strdup(a, r->id),
			.account_id = lia_arena_strdup(a, r->account_id),
			.org_id = lia_arena_strdup(a, r->org_id),
			.org_path = lia_arena_strdup(a, r->org_path),
			.role = lia_arena_strdup(a, r->role),
			.created_at = r->created_at,
		};
	}
	out->links = in->nlinks ? lia_arena_alloc(a, in->nlinks * sizeof *out->links) : NULL;
	for (size_t i = 0; i < in->nlinks; i++) {
		const struct lia_person_link *l = &in->links[i];
		out->links[i] = (struct lia_person_link){
			.id = lia_arena_strdup(a, l->id),
			.org_id = lia_arena_strdup(a, l->org_id),
			.account_id = lia_arena_strdup(a, l->account_id),
			.client_id = lia_arena_strdup(a, l->client_id),
			.relation = lia_arena_strdup(a, l->relation),
			.created_at = l->created_at,
		};
	}
}

uint64_t
lia_auth_cache_epoch(void)
{
	return atomic_load(&epoch);
}

bool
lia_auth_cache_get(const char *token_hash, int64_t now, struct lia_arena *a,
		   struct lia_auth_snapshot *out)
{
	size_t i = slot_of(token_hash);
	pthread_mutex_t *mu = &stripes[i % STRIPES];
	bool hit = false;
	pthread_mutex_lock(mu);
	struct entry *e = &slots[i];
	if (e->arena && strcmp(e->token_hash, token_hash) == 0 &&
	    e->epoch == atomic_load(&epoch) && now - e->cached_at < LIA_AUTH_CACHE_TTL_US &&
	    now < e->snap.session_expires_at) {
		copy_snapshot(a, &e->snap, out);
		hit = true;
	}
	pthread_mutex_unlock(mu);
	return hit;
}

void
lia_auth_cache_put(const char *token_hash, uint64_t at_epoch, int64_t now,
		   const struct lia_auth_snapshot *s)
{
	struct lia_arena *a = lia_arena_new();
	struct lia_auth_snapshot copy;
	copy_snapshot(a, s, &copy);
	size_t i = slot_of(token_hash);
	pthread_mutex_t *mu = &stripes[i % STRIPES];
	pthread_mutex_lock(mu);
	struct entry *e = &slots[i];
	struct lia_arena *old = e->arena;
	memcpy(e->token_hash, token_hash, sizeof e->token_hash - 1);
	e->token_hash[sizeof e->token_hash - 1] = '\0';
	e->epoch = at_epoch;
	e->cached_at = now;
	e->arena = a;
	e->snap = copy;
	pthread_mutex_unlock(mu);
	lia_arena_free(old);
}

void
lia_auth_cache_invalidate(void)
{
	atomic_fetch_add(&epoch, 1);
}

void
lia_auth_cache_clear(void)
{
	for (size_t i = 0; i < SLOTS; i++) {
		pthread_mutex_lock(&stripes[i % STRIPES]);
		lia_arena_free(slots[i].arena);
		memset(&slots[i], 0, sizeof slots[i]);
		pthread_mutex_unlock(&stripes[i % STRIPES]);
	}
}
