/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Arena: many small allocations released in one step. Each HTTP request and each
 * store call that returns records owns one; nothing allocated from it is freed
 * piecemeal. Not thread-safe: one arena is used by one thread at a time.
 */
#ifndef LIA_CORE_ARENA_H
#define LIA_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct lia_arena;

struct lia_arena *lia_arena_new(void);
/* Releases every allocation made from the arena. NULL is a no-op. */
void lia_arena_free(struct lia_arena *a);
/* Memory is zeroed and aligned for any type. Aborts on out-of-memory. */
void *lia_arena_alloc(struct lia_arena *a, size_t n);
/* Copies; NULL gives NULL. */
char *lia_arena_strdup(struct lia_arena *a, const char *s);
char *lia_arena_strndup(struct lia_arena *a, const char *s, size_t n);
char *lia_arena_printf(struct lia_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *lia_arena_vprintf(struct lia_arena *a, const char *fmt, va_list ap);
/* Bytes handed out so far (for limits and tests). */
size_t lia_arena_used(const struct lia_arena *a);

#endif
