/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Reading an AES key as installers type it into panels and transmitters: some
 * products take hex digits, others the key's bytes as ASCII characters. Both are
 * accepted, but only when told which: "30313233..." is a valid key either way.
 */
#include <sodium.h>
#include <string.h>

#include "dc09/dc09_internal.h"

int
lia_dc09_key_parse(const char *text, const char *format, unsigned char key[32], size_t *len)
{
	if (!text || !format)
		return -1;
	size_t n = strnlen(text, 65);
	if (strcmp(format, "hex") == 0) {
		if (n != 32 && n != 48 && n != 64)
			return -1;
		unsigned char tmp[32];
		for (size_t i = 0; i < n / 2; i++) {
			int hi = lia_dc09_hexval((unsigned char)text[2 * i]);
			int lo = lia_dc09_hexval((unsigned char)text[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				sodium_memzero(tmp, sizeof tmp);
				return -1;
			}
			tmp[i] = (unsigned char)(hi << 4 | lo);
		}
		memcpy(key, tmp, n / 2);
		sodium_memzero(tmp, sizeof tmp);
		*len = n / 2;
		return 0;
	}
	if (strcmp(format, "ascii") == 0) {
		if (n != 16 && n != 24 && n != 32)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (text[i] < 0x20 || text[i] > 0x7E)
				return -1;
		memcpy(key, text, n);
		*len = n;
		return 0;
	}
	return -1;
}
