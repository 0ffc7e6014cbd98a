/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Allocation wrappers. Out-of-memory is decided once, here: we abort. In exchange
 * every outside input is bounded (body size per route, string and array lengths),
 * so a request can never ask for an unbounded amount of memory.
 */
#ifndef LIA_CORE_ALLOC_H
#define LIA_CORE_ALLOC_H

#include <stddef.h>

void *lia_xmalloc(size_t n);
void *lia_xcalloc(size_t count, size_t size);
void *lia_xrealloc(void *p, size_t n);
/* Returns a heap copy of s (NULL gives NULL); the caller frees it. */
char *lia_xstrdup(const char *s);
char *lia_xstrndup(const char *s, size_t n);

#endif
