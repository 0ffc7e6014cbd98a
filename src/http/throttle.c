/* SPDX-License-Identifier: EUPL-1.2 */
/* Per-address failed-login counter (see throttle.h). */
#include "http/throttle.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define BUCKETS 4096

struct bucket {
	char key[48];
	int64_t window_start;
	long failures;
};

struct lia_throttle {
	pthread_mutex_t mu;
	long max;
	int64_t window;
	unsigned char hash_key[crypto_shorthash_KEYBYTES];
	struct bucket b[BUCKETS];
};

struct lia_throttle *
lia_throttle_new(long max_failures, int64_t window_us)
{
	struct lia_throttle *t = lia_xcalloc(1, sizeof *t);
	pthread_mutex_init(&t->mu, NULL);
	t->max = max_failures;
	t->window = window_us;
	/* A keyed hash: an attacker cannot aim many addresses at one bucket. */
	crypto_shorthash_keygen(t->hash_key);
	return t;
}

void
lia_throttle_free(struct lia_throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->mu);
	free(t);
}

static struct bucket *
slot(struct lia_throttle *t, const char *key, int64_t now)
{
	unsigned char h[crypto_shorthash_BYTES];
	crypto_shorthash(h, (const unsigned char *)key, strlen(key), t->hash_key);
	size_t i = (size_t)(h[0] | (h[1] << 8)) % BUCKETS;
	struct bucket *b = &t->b[i];
	if (strncmp(b->key, key, sizeof b->key - 1) != 0 || now - b->window_start >= t->window) {
		/* Another address in this bucket, or an expired window: start over. */
		strncpy(b->key, key, sizeof b->key - 1);
		b->key[sizeof b->key - 1] = '\0';
		b->window_start = now;
		b->failures = 0;
	}
	return b;
}

bool
lia_throttle_blocked(struct lia_throttle *t, const char *key, int64_t now, int *retry_after_s)
{
	pthread_mutex_lock(&t->mu);
	struct bucket *b = slot(t, key, now);
	bool blocked = b->failures >= t->max;
	if (blocked)
		*retry_after_s = (int)((b->window_start + t->window - now) / 1000000) + 1;
	pthread_mutex_unlock(&t->mu);
	return blocked;
}

void
lia_throttle_fail(struct lia_throttle *t, const char *key, int64_t now)
{
	pthread_mutex_lock(&t->mu);
	slot(t, key, now)->failures++;
	pthread_mutex_unlock(&t->mu);
}
