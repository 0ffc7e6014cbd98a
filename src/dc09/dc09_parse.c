/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Parsing a SIA DC-09 body: `"ID"SEQQ[Rrrr]Llll#ACCT[data][X..]..[ts]`.
 * The body comes from the network, so every field has a fixed maximum length,
 * every loop advances through body[0..n) and nothing is copied except into the
 * fixed-size arrays of struct lia_dc09_msg. Anything the grammar does not allow
 * is E_SYNTAX: the receiver then says nothing rather than guess.
 */
#include <string.h>

#include "dc09/dc09_internal.h"

/* lo..hi hex digits at s[*i..n) into out (upper case, NUL-terminated). */
static bool
hex_field(const char *s, size_t n, size_t *i, size_t lo, size_t hi, char *out)
{
	size_t k = 0;
	while (*i < n && lia_dc09_hexval((unsigned char)s[*i]) >= 0) {
		if (k == hi)
			return false;
		out[k++] = lia_dc09_upper(s[*i]);
		(*i)++;
	}
	out[k] = '\0';
	return k >= lo;
}

enum lia_dc09_error
lia_dc09_tail_parse(const char *p, size_t n, struct lia_dc09_msg *m)
{
	m->nextra = 0;
	m->has_timestamp = false;
	m->timestamp_us = 0;
	size_t i = 0;
	/* SIA DC-09 extra data blocks: keep the first few, skip the rest. */
	while (i < n && p[i] == '[') {
		const char *close = memchr(p + i + 1, ']', n - i - 1);
		if (!close)
			return LIA_DC09_E_SYNTAX;
		size_t len = (size_t)(close - (p + i + 1));
		if (len > 0 && m->nextra < LIA_DC09_MAX_EXTRA) {
			struct lia_dc09_block *b = &m->extra[m->nextra++];
			b->tag = p[i + 1];
			b->value = p + i + 2;
			b->len = len - 1;
		}
		i = (size_t)(close - p) + 1;
	}
	if (i == n)
		return LIA_DC09_OK;
	if (n - i != LIA_DC09_TS_LEN || !lia_dc09_ts_parse(p + i, &m->timestamp_us))
		return LIA_DC09_E_SYNTAX;
	m->has_timestamp = true;
	return LIA_DC09_OK;
}

enum lia_dc09_error
lia_dc09_parse(const unsigned char *body, size_t n, uint16_t crc, struct lia_dc09_msg *m)
{
	memset(m, 0, sizeof *m);
	m->fingerprint = crc;
	const char *s = (const char *)body;
	size_t i = 0;

	/* "ID" or "*ID": 1..8 printable characters. Unknown ids parse (the receiver
	 * answers DUH to them). */
	if (n < 1 || s[0] != '"')
		return LIA_DC09_E_SYNTAX;
	i = 1;
	if (i < n && s[i] == '*') {
		m->encrypted = true;
		i++;
	}
	size_t id0 = i;
	while (i < n && s[i] != '"') {
		if (i - id0 == sizeof m->id - 1 || s[i] < 0x20 || s[i] > 0x7E)
			return LIA_DC09_E_SYNTAX;
		m->id[i - id0] = s[i];
		i++;
	}
	if (i >= n || i == id0)
		return LIA_DC09_E_SYNTAX;
	i++;

	/* Sequence: exactly 4 decimal digits. */
	if (n - i < 4)
		return LIA_DC09_E_SYNTAX;
	for (size_t k = 0; k < 4; k++, i++) {
		if (s[i] < '0' || s[i] > '9')
			return LIA_DC09_E_SYNTAX;
		m->seq = m->seq * 10 + (unsigned)(s[i] - '0');
	}

	if (i < n && s[i] == 'R') {
		i++;
		if (!hex_field(s, n, &i, 1, sizeof m->receiver - 1, m->receiver))
			return LIA_DC09_E_SYNTAX;
	}
	bool had_line = i < n && s[i] == 'L';
	if (had_line) {
		i++;
		if (!hex_field(s, n, &i, 1, sizeof m->line - 1, m->line))
			return LIA_DC09_E_SYNTAX;
	} else {
		m->line[0] = '0';
	}

	if (i < n && s[i] == '#') {
		i++;
		if (!hex_field(s, n, &i, 3, sizeof m->account - 1, m->account))
			return LIA_DC09_E_SYNTAX;
	} else if (strcmp(m->id, "NAK") == 0) {
		/* A NAK carries no account, written "A0" as in "R0L0A0[]". 'A' being a
		 * hex digit, the field before took it: cut that field at its last 'A'. */
		char *before = had_line ? m->line : m->receiver;
		char *a = before[0] ? strrchr(before + 1, 'A') : NULL;
		if (a) {
			*a = '\0';
		} else if (i < n && s[i] == 'A') {
			char skip[17];
			i++;
			if (!hex_field(s, n, &i, 1, sizeof skip - 1, skip))
				return LIA_DC09_E_SYNTAX;
		}
	} else {
		return LIA_DC09_E_SYNTAX;
	}

	if (i >= n || s[i] != '[')
		return LIA_DC09_E_SYNTAX;
	i++;
	if (m->encrypted) {
		/* The rest, ']' and timestamp included, is ciphertext: see
		 * lia_dc09_decrypt(). */
		m->cipher_hex = s + i;
		m->cipher_hex_len = n - i;
		return LIA_DC09_OK;
	}
	/* The data block runs to the first ']' (blocks do not nest). */
	const char *close = memchr(s + i, ']', n - i);
	if (!close)
		return LIA_DC09_E_SYNTAX;
	m->data = s + i;
	m->data_len = (size_t)(close - (s + i));
	i = (size_t)(close - s) + 1;
	return lia_dc09_tail_parse(s + i, n - i, m);
}
