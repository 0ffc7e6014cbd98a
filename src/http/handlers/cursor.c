/* SPDX-License-Identifier: EUPL-1.2 */
/* Page cursors (see cursor.h). */
#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "http/handlers/cursor.h"

#define VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

const char *
lia_cursor_encode(struct lia_arena *a, const char *text)
{
	size_t n = strlen(text);
	size_t cap = sodium_base64_ENCODED_LEN(n, VARIANT);
	char *out = lia_arena_alloc(a, cap);
	sodium_bin2base64(out, cap, (const unsigned char *)text, n, VARIANT);
	return out;
}

const char *
lia_cursor_decode(struct lia_arena *a, const char *cursor)
{
	size_t len = strlen(cursor);
	unsigned char *bin = lia_arena_alloc(a, len + 1);
	size_t n = 0;
	if (sodium_base642bin(bin, len, cursor, len, NULL, &n, NULL, VARIANT) != 0)
		return NULL;
	bin[n] = '\0';
	return strlen((char *)bin) == n ? (const char *)bin : NULL;
}

bool
lia_cursor_decode2(struct lia_arena *a, const char *cursor, const char **first,
		   const char **second)
{
	char *text = lia_arena_strdup(a, lia_cursor_decode(a, cursor));
	char *nl = text ? strchr(text, '\n') : NULL;
	if (!nl)
		return false;
	*nl = '\0';
	*first = text;
	*second = nl + 1;
	return true;
}
