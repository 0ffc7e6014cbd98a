/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Helpers shared by the files of src/dc09/ and nothing else: hex digits, the
 * DC-09 timestamp text, the part of a body after the data block (which a clear
 * and a decrypted message share), and AES-CBC with the zero IV of DC-09.
 */
#ifndef LIA_DC09_INTERNAL_H
#define LIA_DC09_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dc09/dc09.h"

/* "_HH:MM:SS,MM-DD-YYYY" */
#define LIA_DC09_TS_LEN 20

static inline int
lia_dc09_hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static inline char
lia_dc09_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* The 20 bytes at s are a valid timestamp (real calendar date): *us set. */
bool lia_dc09_ts_parse(const char *s, int64_t *us);
/* Writes the 20 characters of the timestamp of us (and a NUL): false when us is
 * before 1970 or after 9999. */
bool lia_dc09_ts_format(int64_t us, char out[LIA_DC09_TS_LEN + 1]);

/* Parses what follows the data block's ']': zero or more "[..]" blocks, then an
 * optional timestamp, then nothing. Sets m->extra, nextra, has_timestamp and
 * timestamp_us. LIA_DC09_OK or LIA_DC09_E_SYNTAX. */
enum lia_dc09_error lia_dc09_tail_parse(const char *p, size_t n, struct lia_dc09_msg *m);

/* AES-CBC, IV of 16 zero bytes, in place over buf[0..len), len a multiple of 16.
 * key_len 16, 24 or 32 (else -1). */
int lia_dc09_aes_cbc(bool encrypt, const unsigned char *key, size_t key_len, unsigned char *buf,
		     size_t len);

#endif
