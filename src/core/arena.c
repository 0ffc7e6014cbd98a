/* SPDX-License-Identifier: EUPL-1.2 */
/* Arena allocator: a chain of blocks, freed together (see arena.h). */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define BLOCK_SIZE 8192
#define ALIGN 16

struct block {
	struct block *next;
	size_t used;
	size_t cap;
	_Alignas(ALIGN) unsigned char data[];
};

struct lia_arena {
	struct block *head;
	size_t total;
};

struct lia_arena *
lia_arena_new(void)
{
	return lia_xcalloc(1, sizeof(struct lia_arena));
}

void
lia_arena_free(struct lia_arena *a)
{
	if (!a)
		return;
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *
lia_arena_alloc(struct lia_arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need < n)
		abort();
	struct block *b = a->head;
	if (!b || b->cap - b->used < need) {
		size_t cap = need > BLOCK_SIZE ? need : BLOCK_SIZE;
		struct block *nb = lia_xmalloc(sizeof(*nb) + cap);
		nb->used = 0;
		nb->cap = cap;
		/* A big allocation goes behind the current block so that the
		 * current block's free space stays usable. */
		if (b && cap > BLOCK_SIZE) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->total += need;
	memset(p, 0, n);
	return p;
}

char *
lia_arena_strndup(struct lia_arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = lia_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
lia_arena_strdup(struct lia_arena *a, const char *s)
{
	if (!s)
		return NULL;
	return lia_arena_strndup(a, s, strlen(s));
}

char *
lia_arena_vprintf(struct lia_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	char probe[1];
	if (!fmt) /* never in our code; tells the compiler, whose UBSan build warns */
		return lia_arena_strdup(a, "");
	va_copy(ap2, ap);
	int n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return lia_arena_strdup(a, "");
	char *p = lia_arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
lia_arena_printf(struct lia_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = lia_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
lia_arena_used(const struct lia_arena *a)
{
	return a->total;
}
