/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Page cursors: base64url (no padding) of a short text naming the last item of a
 * page, e.g. "<raised_at>\n<id>". Opaque to clients; each list handler decides what
 * the text holds and checks it after decoding.
 */
#ifndef LIA_HTTP_HANDLERS_CURSOR_H
#define LIA_HTTP_HANDLERS_CURSOR_H

#include <stdbool.h>

#include "core/arena.h"

const char *lia_cursor_encode(struct lia_arena *a, const char *text);
/* The cursor's text; NULL when it is not base64url of a text without NUL. */
const char *lia_cursor_decode(struct lia_arena *a, const char *cursor);
/* Decodes a two-part cursor "<first>\n<second>"; false when malformed. */
bool lia_cursor_decode2(struct lia_arena *a, const char *cursor, const char **first,
			const char **second);

#endif
