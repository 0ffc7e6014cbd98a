/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target: bytes from a DC-09 peer (a TCP stream or a UDP datagram) through
 * everything the alarm receiver does with them: scanning frames one after the
 * other, parsing each good one, decrypting encrypted ones with fixed keys (those
 * of the reference vectors, a 24-byte and a 32-byte one), the timestamp window, the payload
 * as Contact ID and as SIA, and the replies, which must always scan and parse
 * back. The whole input is also parsed as a bare body, since a fuzzer rarely
 * gets a CRC right.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dc09/dc09.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char KEY12[16] = {0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD,
					0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD};
static const unsigned char KEY14[16] = {0x28, 0x37, 0x6E, 0xF2, 0x6E, 0x78, 0x2E, 0x1A,
					0x4A, 0x16, 0x0E, 0x32, 0x76, 0xE5, 0xFB, 0x93};
static const unsigned char KEY24[24] = "twenty-four characters!!";
static const unsigned char KEY32[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
					11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
					22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

/* A reply or a frame we built must come back whole through scan and parse. */
static void
check_built(const char *out, size_t n, const char *id)
{
	if (n == 0)
		return;
	struct lia_dc09_frame f;
	size_t used = 0;
	struct lia_dc09_msg back;
	if (lia_dc09_scan((const unsigned char *)out, n, &f, &used) != LIA_DC09_FRAME ||
	    used != n || !f.crc_ok)
		abort();
	if (lia_dc09_parse(f.body, f.body_len, f.crc, &back) != LIA_DC09_OK ||
	    strcmp(back.id, id) != 0)
		abort();
}

static void
payloads(const struct lia_dc09_msg *m)
{
	const char *p;
	size_t n;
	lia_dc09_payload(m, &p, &n);
	if (m->data && (p < m->data || p + n != m->data + m->data_len))
		abort();
	struct lia_dc09_event ev;
	if (lia_dc09_cid_parse(p, n, &ev) == 0 && (ev.protocol != 'C' || strlen(ev.code) != 3))
		abort();
	if (lia_dc09_sia_parse(p, n, &ev) == 0 && (ev.protocol != 'S' || strlen(ev.code) != 2))
		abort();
}

static void
body(const unsigned char *b, size_t n, uint16_t crc)
{
	struct lia_dc09_msg m;
	if (lia_dc09_parse(b, n, crc, &m) != LIA_DC09_OK)
		return;
	const unsigned char *key = NULL;
	size_t key_len = 0;
	char plain[LIA_DC09_MAX_BODY / 2 + 1];
	char out[LIA_DC09_MAX_FRAME];
	int64_t now = 1429027749LL * 1000000; /* 2015-04-14 16:09:09 UTC, vector 10 */
	if (m.encrypted) {
		static const struct {
			const unsigned char *k;
			size_t len;
		} keys[] = {{KEY12, 16}, {KEY14, 16}, {KEY24, 24}, {KEY32, 32}};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0] && !key; i++) {
			struct lia_dc09_msg t = m;
			if (lia_dc09_decrypt(&t, keys[i].k, keys[i].len, plain, sizeof plain) ==
			    LIA_DC09_OK) {
				m = t;
				key = keys[i].k;
				key_len = keys[i].len;
			}
		}
		/* too small a scratch space is refused, never overrun */
		struct lia_dc09_msg t = m;
		char tiny[16];
		(void)lia_dc09_decrypt(&t, KEY12, 16, tiny, sizeof tiny);
		if (!key) {
			check_built(out,
				    lia_dc09_reply(LIA_DC09_NAK, &m, NULL, 0, now, out, sizeof out),
				    "NAK");
			return;
		}
		if (m.data < plain || m.data + m.data_len > plain + sizeof plain)
			abort();
	}
	if (m.has_timestamp)
		(void)lia_dc09_timestamp_ok(&m, m.timestamp_us + 30 * 1000000LL);
	(void)lia_dc09_timestamp_ok(&m, now);
	payloads(&m);
	check_built(out, lia_dc09_reply(LIA_DC09_ACK, &m, key, key_len, now, out, sizeof out),
		    "ACK");
	check_built(out, lia_dc09_reply(LIA_DC09_DUH, &m, key, key_len, now, out, sizeof out),
		    "DUH");
	/* Re-send what was received, as the sender would: the builder either refuses
	 * a field or writes a frame that parses. */
	char data[LIA_DC09_MAX_BODY + 1];
	size_t dn = m.data_len < sizeof data - 1 ? m.data_len : sizeof data - 1;
	if (m.data)
		memcpy(data, m.data, dn);
	data[dn] = '\0';
	struct lia_dc09_out o = {.id = m.id,
				 .seq = m.seq,
				 .receiver = m.receiver,
				 .line = m.line,
				 .account = m.account,
				 .data = data,
				 .timestamp_us = m.has_timestamp ? m.timestamp_us : 0,
				 .key = key,
				 .key_len = key_len,
				 .binary_crc = (m.seq & 1) != 0};
	check_built(out, lia_dc09_build(&o, out, sizeof out), m.id);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		if (sodium_init() < 0)
			abort();
		ready = true;
	}
	/* As the receiver reads a stream: each call consumes, or asks for more. */
	size_t off = 0;
	while (off < size) {
		struct lia_dc09_frame f;
		size_t used = 0;
		enum lia_dc09_scan r = lia_dc09_scan(data + off, size - off, &f, &used);
		if (r == LIA_DC09_NEED_MORE) {
			if (used != 0 || size - off >= LIA_DC09_MAX_FRAME)
				abort();
			break;
		}
		if (used == 0 || used > size - off)
			abort();
		if (r == LIA_DC09_FRAME) {
			if (f.body < data + off || f.body + f.body_len > data + off + used)
				abort();
			if (f.crc_ok)
				body(f.body, f.body_len, f.crc);
		}
		off += used;
	}
	body(data, size, 0);

	/* And as an installer's key. */
	char text[80];
	size_t tn = size < sizeof text - 1 ? size : sizeof text - 1;
	if (tn)
		memcpy(text, data, tn);
	text[tn] = '\0';
	unsigned char key[32];
	size_t key_len;
	if (lia_dc09_key_parse(text, "hex", key, &key_len) == 0 && key_len != 16 && key_len != 24 &&
	    key_len != 32)
		abort();
	(void)lia_dc09_key_parse(text, "ascii", key, &key_len);
	return 0;
}
