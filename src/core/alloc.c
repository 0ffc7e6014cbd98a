/* SPDX-License-Identifier: EUPL-1.2 */
/* Allocation wrappers that abort on out-of-memory (see alloc.h for why). */
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
	fprintf(stderr, "level=fatal event=out_of_memory bytes=%zu\n", n);
	abort();
}

void *
lia_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *
lia_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		oom(count * size);
	return p;
}

void *
lia_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *
lia_xstrdup(const char *s)
{
	if (!s)
		return NULL;
	return lia_xstrndup(s, strlen(s));
}

char *
lia_xstrndup(const char *s, size_t n)
{
	char *p = lia_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
