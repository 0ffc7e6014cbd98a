/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Writing DC-09 frames: the receiver's replies (ACK, NAK, DUH) and every message
 * of the sender that tests and benchmarks use. Fields are checked against the
 * same grammar the parser accepts, so that a frame built here always scans and
 * parses back to what was given.
 *
 * Two choices the standard leaves to us, both readable by any receiver:
 *  - a NAK's missing account is written "A0", as in "R0L0A0[]"; every other
 *    message needs one;
 *  - when encrypting, the plaintext carries the payload only (what follows the
 *    first '|' of o->data, or all of it): the account is already in clear, and
 *    a receiver finds the payload after the first '|' that ends the pad.
 */
#include <sodium.h>
#include <string.h>

#include "dc09/dc09_internal.h"

/* Longest plaintext whose hex fits in a body. */
#define MAX_PLAIN (LIA_DC09_MAX_BODY / 2)

/* An appender that stops writing, and remembers it, when full. */
struct w {
	char *p;
	size_t len, cap;
	bool full;
};

static void
put(struct w *w, const void *s, size_t n)
{
	if (w->full || n > w->cap - w->len) {
		w->full = true;
		return;
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
}

static void
put_str(struct w *w, const char *s)
{
	put(w, s, strlen(s));
}

/* s holds lo..hi hex digits: written upper case. */
static bool
put_hex_field(struct w *w, const char *s, size_t lo, size_t hi)
{
	size_t n = strnlen(s, hi + 1);
	if (n < lo || n > hi)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (lia_dc09_hexval((unsigned char)s[i]) < 0)
			return false;
		char c = lia_dc09_upper(s[i]);
		put(w, &c, 1);
	}
	return true;
}

static bool
valid_id(const char *id)
{
	size_t n = strnlen(id, 9);
	if (n < 1 || n > 8 || id[0] == '*')
		return false;
	for (size_t i = 0; i < n; i++)
		if (id[i] < 0x20 || id[i] > 0x7E || id[i] == '"')
			return false;
	return true;
}

/* Text inside a block: no bracket (blocks do not nest) and no CR or LF (some
 * receivers cut frames at them, whatever LEN says). */
static bool
valid_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '[' || s[i] == ']' || s[i] == '\r' || s[i] == '\n')
			return false;
	return true;
}

/* Raw extra blocks: one or more "[..]", each non-empty. */
static bool
valid_extra(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] != '[')
			return false;
		const char *close = memchr(s + i + 1, ']', n - i - 1);
		if (!close)
			return false;
		size_t len = (size_t)(close - (s + i + 1));
		if (len == 0 || !valid_text(s + i + 1, len))
			return false;
		i += len + 2;
	}
	return true;
}

/* pad + "|" + payload + "]" + extra + ts, AES-CBC, in hex into w. */
static bool
put_cipher(struct w *w, const struct lia_dc09_out *o, const char *payload, size_t plen,
	   const char *extra, size_t elen, const char *ts)
{
	unsigned char plain[MAX_PLAIN];
	size_t content = 1 + plen + 1 + elen + LIA_DC09_TS_LEN;
	/* At least one pad byte, up to a whole block, so the length is a multiple of
	 * 16 (the vectors: 10 pad bytes before a 22-byte content). */
	size_t pad = 16 - content % 16;
	size_t total = pad + content;
	if (content > sizeof plain || total > sizeof plain)
		return false;
	randombytes_buf(plain, pad);
	for (size_t i = 0; i < pad; i++) {
		/* SIA DC-09: pad bytes are never '|', '[' or ']'; flipping the top bit
		 * maps them to bytes that are none of the three. */
		if (plain[i] == '|' || plain[i] == '[' || plain[i] == ']')
			plain[i] ^= 0x80;
	}
	size_t k = pad;
	plain[k++] = '|';
	memcpy(plain + k, payload, plen);
	k += plen;
	plain[k++] = ']';
	memcpy(plain + k, extra, elen);
	k += elen;
	memcpy(plain + k, ts, LIA_DC09_TS_LEN);
	if (lia_dc09_aes_cbc(true, o->key, o->key_len, plain, total) != 0)
		return false;
	static const char HEX[] = "0123456789ABCDEF";
	for (size_t i = 0; i < total; i++) {
		char h[2] = {HEX[plain[i] >> 4], HEX[plain[i] & 15]};
		put(w, h, 2);
	}
	sodium_memzero(plain, sizeof plain);
	return true;
}

size_t
lia_dc09_build(const struct lia_dc09_out *o, char *out, size_t cap)
{
	bool enc = o->key != NULL;
	if (!o->id || !valid_id(o->id) || o->seq > 9999)
		return 0;
	if (enc && o->key_len != 16 && o->key_len != 24 && o->key_len != 32)
		return 0;
	char ts[LIA_DC09_TS_LEN + 1] = "";
	if (o->timestamp_us != 0 && !lia_dc09_ts_format(o->timestamp_us, ts))
		return 0;
	if (enc && ts[0] == '\0')
		return 0; /* an encrypted message is only valid with its timestamp */
	const char *data = o->data ? o->data : "";
	size_t dlen = strnlen(data, LIA_DC09_MAX_BODY + 1);
	const char *extra = o->extra ? o->extra : "";
	size_t elen = strnlen(extra, LIA_DC09_MAX_BODY + 1);
	if (dlen > LIA_DC09_MAX_BODY || elen > LIA_DC09_MAX_BODY || !valid_text(data, dlen) ||
	    !valid_extra(extra, elen))
		return 0;

	char body[LIA_DC09_MAX_BODY];
	struct w w = {body, 0, sizeof body, false};
	put(&w, enc ? "\"*" : "\"", enc ? 2 : 1);
	put_str(&w, o->id);
	char seq[4] = {(char)('0' + o->seq / 1000), (char)('0' + o->seq / 100 % 10),
		       (char)('0' + o->seq / 10 % 10), (char)('0' + o->seq % 10)};
	put(&w, "\"", 1);
	put(&w, seq, 4);
	if (o->receiver && o->receiver[0]) {
		put(&w, "R", 1);
		if (!put_hex_field(&w, o->receiver, 1, 6))
			return 0;
	}
	put(&w, "L", 1);
	if (!put_hex_field(&w, o->line && o->line[0] ? o->line : "0", 1, 6))
		return 0;
	if (o->account && o->account[0]) {
		put(&w, "#", 1);
		if (!put_hex_field(&w, o->account, 3, 16))
			return 0;
	} else if (strcmp(o->id, "NAK") == 0) {
		put(&w, "A0", 2);
	} else {
		return 0; /* only a NAK goes without an account */
	}
	put(&w, "[", 1);
	if (enc) {
		const char *bar = memchr(data, '|', dlen);
		const char *payload = bar ? bar + 1 : data;
		size_t plen = dlen - (size_t)(payload - data);
		if (!put_cipher(&w, o, payload, plen, extra, elen, ts))
			return 0;
	} else {
		put(&w, data, dlen);
		put(&w, "]", 1);
		put(&w, extra, elen);
		put_str(&w, ts);
	}
	if (w.full)
		return 0;

	size_t hdr = o->binary_crc ? 7 : 9;
	size_t total = hdr + w.len + 1;
	if (total > cap)
		return 0;
	static const char HEX[] = "0123456789ABCDEF";
	uint16_t crc = lia_dc09_crc(body, w.len);
	size_t k = 0;
	out[k++] = '\n';
	if (o->binary_crc) {
		out[k++] = (char)(crc >> 8);
		out[k++] = (char)(crc & 0xFF);
	} else {
		for (int s = 12; s >= 0; s -= 4)
			out[k++] = HEX[(crc >> s) & 15];
	}
	out[k++] = '0';
	for (int s = 8; s >= 0; s -= 4)
		out[k++] = HEX[(w.len >> s) & 15];
	memcpy(out + k, body, w.len);
	k += w.len;
	out[k++] = '\r';
	if (k < cap)
		out[k] = '\0';
	return k;
}

size_t
lia_dc09_reply(enum lia_dc09_reply kind, const struct lia_dc09_msg *m, const unsigned char *key,
	       size_t key_len, int64_t now_us, char *out, size_t cap)
{
	struct lia_dc09_out o = {0};
	switch (kind) {
	case LIA_DC09_NAK:
		/* Nothing of the refused message is echoed: its fields may be forged. */
		o.id = "NAK";
		o.receiver = "0";
		o.line = "0";
		o.timestamp_us = now_us;
		break;
	case LIA_DC09_ACK:
	case LIA_DC09_DUH:
		o.id = kind == LIA_DC09_ACK ? "ACK" : "DUH";
		o.seq = m->seq;
		o.receiver = m->receiver;
		o.line = m->line;
		o.account = m->account;
		if (kind == LIA_DC09_ACK && m->encrypted) {
			if (!key)
				return 0;
			o.key = key;
			o.key_len = key_len;
			o.timestamp_us = now_us;
		}
		break;
	default:
		return 0;
	}
	return lia_dc09_build(&o, out, cap);
}
