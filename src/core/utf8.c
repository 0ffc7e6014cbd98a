/* SPDX-License-Identifier: EUPL-1.2 */
/* UTF-8 validation (RFC 3629 table 4 of well-formed byte sequences). */
#include "core/utf8.h"

#include <stdint.h>

bool
lia_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0; /* overlong */
			else if (c == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F; /* above U+10FFFF */
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

size_t
lia_utf8_length(const char *str)
{
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)str; *s; s++)
		if ((*s & 0xC0) != 0x80)
			n++;
	return n;
}
