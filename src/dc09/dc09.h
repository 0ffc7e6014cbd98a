/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * SIA DC-09 (ANSI/SIA DC-09-2013), the protocol alarm panels and tele-alarm
 * transmitters use to report events to a receiving centre over TCP or UDP.
 * Pure functions, no I/O and no allocation: the receiver (src/alarm/) and the
 * sender used by tests and benchmarks are built on them.
 *
 * A frame on the wire:  LF  CRC  LEN  BODY  CR
 *   CRC  CRC-16/ARC of BODY, 4 hex digits (any case on input, upper case on
 *        output), or 2 raw bytes (big-endian) from some older panels;
 *   LEN  "0" + 3 hex digits: the byte length of BODY;
 *   BODY `"ID"SEQQ[Rrrr]Llll#ACCT[data][X..][Y..]..[_HH:MM:SS,MM-DD-YYYY]`.
 * A `*` before the id ("*SIA-DCS") means everything after `[` of the data block
 * is AES-CBC ciphertext in hex (see ../shared/reference/dc09-vectors.md).
 */
#ifndef LIA_DC09_DC09_H
#define LIA_DC09_DC09_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIA_DC09_MAX_BODY 0xFFF                      /* LEN has 3 hex digits */
#define LIA_DC09_MAX_FRAME (1 + 4 + 4 + LIA_DC09_MAX_BODY + 1)
#define LIA_DC09_MAX_EXTRA 8                         /* extra-data blocks kept */
#define LIA_DC09_TS_BEHIND_US (40LL * 1000000)       /* timestamp window of encrypted */
#define LIA_DC09_TS_AHEAD_US (20LL * 1000000)        /* messages, around our clock */

/* CRC-16/ARC (poly 0x8005 reflected, init 0, no final xor): crc("123456789") = 0xBB3D. */
uint16_t lia_dc09_crc(const void *data, size_t n);

/* ---- framing a byte stream ---- */

enum lia_dc09_scan {
	LIA_DC09_NEED_MORE, /* buf holds the start of a frame (or nothing): read more */
	LIA_DC09_FRAME,     /* a whole frame at buf[0]: see f; drop `consumed` bytes */
	LIA_DC09_SKIP,      /* garbage or an unframeable message: drop `consumed` bytes */
};

struct lia_dc09_frame {
	const unsigned char *body; /* points into buf */
	size_t body_len;
	uint16_t crc;              /* as received */
	bool crc_ok;               /* false: say nothing, record nothing */
	bool binary_crc;           /* the CRC came as 2 raw bytes */
};

/*
 * Looks for one frame at the start of buf[0..n). Bytes before the first LF are
 * garbage (SKIP up to it). From an LF: the CRC form is told by the position of the
 * first '"' (offset 9: hex CRC; offset 7: binary CRC); a LEN that is not "0" + 3
 * hex digits, or a byte other than CR right after LEN bytes of body, makes the LF
 * garbage (SKIP 1 byte, so the scan resynchronises on the next LF). A frame whose
 * CRC does not match is still a FRAME (crc_ok false) so that the caller can drop
 * it whole. NEED_MORE never asks for more than LIA_DC09_MAX_FRAME bytes in all.
 * Always sets *consumed (0 for NEED_MORE).
 */
enum lia_dc09_scan lia_dc09_scan(const unsigned char *buf, size_t n, struct lia_dc09_frame *f,
				 size_t *consumed);

/* ---- the body ---- */

enum lia_dc09_error {
	LIA_DC09_OK = 0,
	LIA_DC09_E_SYNTAX,   /* not a DC-09 body (no id, bad sequence, no account, ...) */
	LIA_DC09_E_KEY,      /* encrypted and no key, or a key of the wrong length */
	LIA_DC09_E_DECRYPT,  /* ciphertext not hex, not a multiple of 16, or no '|' after the pad */
	LIA_DC09_E_TOO_BIG,  /* more than the caller's scratch space */
};

struct lia_dc09_block {
	char tag;            /* 'X', 'Y', 'H', ... (the first byte inside the brackets) */
	const char *value;   /* after the tag, up to the closing ']' (not included) */
	size_t len;
};

struct lia_dc09_msg {
	char id[9];          /* "SIA-DCS", "ADM-CID", "NULL", "ACK", "NAK", "DUH", "RSP" */
	bool encrypted;      /* the id had a leading '*' */
	unsigned seq;        /* 0..9999 */
	char receiver[7];    /* R: 1..6 hex digits; "" when absent */
	char line[7];        /* L: 1..6 hex digits ("0" when absent on input) */
	char account[17];    /* 3..16 hex digits after '#' (empty allowed only for NAK) */
	/* The data block without its brackets, e.g. "#1002|1602 00 001", "|Nri1/CL501",
	 * "" for a link test; for an encrypted message, set by lia_dc09_decrypt(). */
	const char *data;
	size_t data_len;
	struct lia_dc09_block extra[LIA_DC09_MAX_EXTRA];
	size_t nextra;       /* further blocks are accepted and ignored */
	bool has_timestamp;
	int64_t timestamp_us; /* UTC, µs since the epoch */
	/* Encrypted message before lia_dc09_decrypt(): the hex text after '['. */
	const char *cipher_hex;
	size_t cipher_hex_len;
	/* Identifies the event for duplicate detection: the frame's CRC for a clear
	 * message; for an encrypted one, the CRC of the plaintext after the pad (a
	 * sender that re-encrypts a retry with fresh padding sends the same event). */
	uint16_t fingerprint;
};

/* Parses body[0..n) into m (pointers into body). For an encrypted message only the
 * clear part is parsed: id, seq, R, L, account and cipher_hex. `crc` is the frame's
 * CRC (becomes m->fingerprint for a clear message). */
enum lia_dc09_error lia_dc09_parse(const unsigned char *body, size_t n, uint16_t crc,
				   struct lia_dc09_msg *m);

/* Decrypts an encrypted message with key (16, 24 or 32 bytes) into plain[0..cap)
 * and parses the plaintext's data block, extra blocks and timestamp into m
 * (pointers into plain). */
enum lia_dc09_error lia_dc09_decrypt(struct lia_dc09_msg *m, const unsigned char *key,
				     size_t key_len, char *plain, size_t cap);

/* True when an encrypted message's timestamp is within 40 s behind .. 20 s ahead
 * of now. A message without one is outside. */
bool lia_dc09_timestamp_ok(const struct lia_dc09_msg *m, int64_t now_us);

/* A key as products let installers enter it: format "hex" (32, 48 or 64 hex
 * digits) or "ascii" (16, 24 or 32 printable characters). 0 and *len set, or -1. */
int lia_dc09_key_parse(const char *text, const char *format, unsigned char key[32],
		       size_t *len);

/* ---- payloads ---- */

struct lia_dc09_event {
	char protocol;       /* 'C' Contact ID, 'S' SIA */
	char qualifier;      /* Contact ID: '1' new, '3' restore, '6' status; SIA: 'N' */
	char code[5];        /* Contact ID "602"; SIA "RP" */
	char group[5];       /* Contact ID partition "00"; SIA area after "ri" ("" if none) */
	char zone[9];        /* Contact ID "001"; SIA zone or user number ("" if none) */
	char user[9];        /* SIA "id" user ("" if none) */
};

/* The payload of the data block: after the '|' (account, "#account" or nothing
 * before it) or the whole block when it has no '|'. */
void lia_dc09_payload(const struct lia_dc09_msg *m, const char **p, size_t *n);

/* Contact ID `QEEE GG ZZZ` (spaces optional): 0 and ev set, or -1. */
int lia_dc09_cid_parse(const char *p, size_t n, struct lia_dc09_event *ev);

/* SIA-DCS `N[ri<area>/][id<user>/][ti<hh:mm>/]CCzzzz[/...]`: the first event; 0 and
 * ev set, or -1. */
int lia_dc09_sia_parse(const char *p, size_t n, struct lia_dc09_event *ev);

/* ---- building frames (replies, and the sender of tests and benchmarks) ---- */

struct lia_dc09_out {
	const char *id;          /* "SIA-DCS", "ADM-CID", "NULL", "ACK", "NAK", "DUH" */
	unsigned seq;
	const char *receiver;    /* NULL or "": no R field */
	const char *line;        /* NULL: "0" */
	const char *account;     /* NULL or "": no '#' field (NAK) */
	const char *data;        /* inside the data block, e.g. "#1234|NRP0000"; NULL: "" */
	const char *extra;       /* raw extra blocks, e.g. "[X2E1234][Y48N1234]"; NULL: none */
	int64_t timestamp_us;    /* 0: no timestamp (an encrypted frame always has one) */
	const unsigned char *key; /* non-NULL: encrypt (id gets '*'), random pad */
	size_t key_len;
	bool binary_crc;
};

/* Writes the frame into out[0..cap); returns its length, 0 when it does not fit or
 * a field is invalid. */
size_t lia_dc09_build(const struct lia_dc09_out *o, char *out, size_t cap);

enum lia_dc09_reply { LIA_DC09_ACK, LIA_DC09_NAK, LIA_DC09_DUH };

/* The receiver's answer to m: ACK echoes seq, R, L and account with an empty data
 * block (encrypted with key when m was, then with our timestamp); DUH the same with
 * id "DUH", never encrypted; NAK is `"NAK"0000R0L0A0[]` + our timestamp, never
 * encrypted. Returns the length written into out, 0 when it does not fit. */
size_t lia_dc09_reply(enum lia_dc09_reply kind, const struct lia_dc09_msg *m,
		      const unsigned char *key, size_t key_len, int64_t now_us, char *out,
		      size_t cap);

#endif
