/* SPDX-License-Identifier: EUPL-1.2 */
/* UTF-8 validation for outside input (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
#ifndef LIA_CORE_UTF8_H
#define LIA_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 without NUL bytes. */
bool lia_utf8_valid(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t lia_utf8_length(const char *s);

#endif
