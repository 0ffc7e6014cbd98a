/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Finding SIA DC-09 frames (LF, CRC, LEN, body, CR) in a byte stream (TCP) or a
 * datagram (UDP). The input is whatever the network sent, so this file only ever
 * looks at buf[0..n), decides from a fixed-size header, and never asks for more
 * than one maximal frame: a peer cannot make the receiver buffer more.
 */
#include <string.h>

#include "dc09/dc09_internal.h"

/* Offsets from the LF: hex CRC "\nCCCC0LLL\"" and binary CRC "\ncc0LLL\"". */
#define HEX_HDR 9
#define BIN_HDR 7

enum form { MISMATCH, PARTIAL, HEADER };

/* Checks buf[0..n) against the header of one CRC form: crc_len bytes of CRC (hex
 * digits when crc_len is 4), "0" + 3 hex digits, then the '"' that opens the
 * body. HEADER sets *body_len. */
static enum form
header(const unsigned char *buf, size_t n, size_t crc_len, size_t *body_len)
{
	size_t hdr = 1 + crc_len + 4;
	size_t len = 0;
	for (size_t i = 1; i <= hdr; i++) {
		if (i >= n)
			return PARTIAL;
		unsigned char c = buf[i];
		if (i <= crc_len) {
			if (crc_len == 4 && lia_dc09_hexval(c) < 0)
				return MISMATCH;
		} else if (i == crc_len + 1) {
			if (c != '0')
				return MISMATCH;
		} else if (i < hdr) {
			int v = lia_dc09_hexval(c);
			if (v < 0)
				return MISMATCH;
			len = len * 16 + (size_t)v;
		} else if (c != '"') {
			return MISMATCH;
		}
	}
	*body_len = len;
	return HEADER;
}

static uint16_t
crc_field(const unsigned char *buf, bool binary)
{
	if (binary)
		return (uint16_t)(buf[1] << 8 | buf[2]);
	uint16_t v = 0;
	for (int i = 1; i <= 4; i++)
		v = (uint16_t)(v << 4 | lia_dc09_hexval(buf[i]));
	return v;
}

enum lia_dc09_scan
lia_dc09_scan(const unsigned char *buf, size_t n, struct lia_dc09_frame *f, size_t *consumed)
{
	*consumed = 0;
	memset(f, 0, sizeof *f);
	if (n == 0)
		return LIA_DC09_NEED_MORE;
	if (buf[0] != '\n') {
		const unsigned char *lf = memchr(buf, '\n', n);
		*consumed = lf ? (size_t)(lf - buf) : n;
		return LIA_DC09_SKIP;
	}

	/* The two forms exclude each other once the '"' is seen: at offset 7 the hex
	 * form has a LEN digit. A binary CRC byte that happens to be '"' is why the
	 * position is checked, not searched for. */
	size_t hex_len = 0, bin_len = 0;
	enum form hex = header(buf, n, 4, &hex_len);
	enum form bin = header(buf, n, 2, &bin_len);
	bool binary;
	size_t hdr, body_len;
	if (hex == HEADER) {
		binary = false;
		hdr = HEX_HDR;
		body_len = hex_len;
	} else if (bin == HEADER) {
		binary = true;
		hdr = BIN_HDR;
		body_len = bin_len;
	} else if (hex == PARTIAL || bin == PARTIAL) {
		return LIA_DC09_NEED_MORE;
	} else {
		*consumed = 1;
		return LIA_DC09_SKIP;
	}

	/* body_len <= 0xFFF, so total <= LIA_DC09_MAX_FRAME. */
	size_t total = hdr + body_len + 1;
	if (n < total)
		return LIA_DC09_NEED_MORE;
	if (buf[total - 1] != '\r') {
		*consumed = 1;
		return LIA_DC09_SKIP;
	}
	f->body = buf + hdr;
	f->body_len = body_len;
	f->binary_crc = binary;
	f->crc = crc_field(buf, binary);
	f->crc_ok = lia_dc09_crc(f->body, body_len) == f->crc;
	*consumed = total;
	return LIA_DC09_FRAME;
}
