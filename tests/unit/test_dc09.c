/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/dc09, the SIA DC-09 protocol library: every vector of
 * /work/shared/reference/dc09-vectors.md (CRC, framing, fields, the ACK of vector 1,
 * the NAK of vector 10 built byte for byte, the bad CRC of vector 11, the encrypted
 * ACKs of vectors 12 and 14), round trips through build → scan → parse → decrypt
 * (clear and encrypted, 16/24/32-byte keys typed in hex and in ASCII, binary CRC),
 * a PKCS#7 trailer after the plaintext (iobroker.sia's encrypted ACK),
 * the replies, scanning a stream cut anywhere or holding garbage, Contact ID and
 * SIA payloads, the timestamp window and key parsing. Expected instants come from
 * libc's timegm(), never from the module itself.
 */
#include "lia_test.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "dc09/dc09.h"

#define SEC_US 1000000LL

/* ---- the reference vectors ---- */

#define V1 "\nB0AC0027\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r"
#define V1_ACK "\nA62A0012\"ACK\"0001L0#7099[]\r"
#define V2 "\n9EC40027\"ADM-CID\"0001L0#1002[#1002|1602 00 001]\r"
#define V4                                                                                         \
	"\n9B6D0059\"SIA-DCS\"0000RC0FFDL1234#080027E62A64[#080027E62A64|NHB0003][E115000]_14:25:" \
	"17,06-22-2015\r"
#define V6 "\n70C4003B\"SIA-DCS\"1707L0#0000[#0000|Nri0/RP0000]_13:36:41,12-22-2021\r"
#define V7 "\nE5D50034\"SIA-DCS\"6002L0#AAA[|Nri1/CL501]_14:12:04,09-25-2019\r"
#define V9 "\nC26E0038\"NULL\"0000RC0FFDL1234#080027E62A64[]_13:40:27,06-22-2015\r"
#define V10 "\n3C830025\"NAK\"0000R0L0A0[]_16:09:09,04-14-2015\r"
#define V11 "\n4E670024\"SIA-DCS\"0001L0#1234[1234|Nri1/BA01]\r"
#define V12                                                                                        \
	"\nE34C0062\"*ACK\"0001R5678L1234#080027E62A64[14F088FF5DCB19D1908069507EAB97C7CDB20F1C6E" \
	"FA550BB59864D54B2DFA1C\r"
#define V14                                                                                        \
	"\n02B70063\"*ACK\"0000RC0FFDL1234#00900B376AB6[5F1BEAF37775DEC5F901894BDD25D9565C122B2BB" \
	"AAD72E84E23B8F75554EF8C\r"

struct vec {
	const char *frame;
	uint16_t crc;
};

/* Vector 11 apart: its CRC is wrong on purpose. */
static const struct vec GOOD[] = {
	{V1, 0xB0AC}, {V2, 0x9EC4},  {V4, 0x9B6D},  {V6, 0x70C4},  {V7, 0xE5D5},
	{V9, 0xC26E}, {V10, 0x3C83}, {V12, 0xE34C}, {V14, 0x02B7}, {V1_ACK, 0xA62A},
};

/* The UTC instant y-mo-d h:mi:s in microseconds, computed by libc. */
static int64_t
utc_us(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900,
			.tm_mon = mo - 1,
			.tm_mday = d,
			.tm_hour = h,
			.tm_min = mi,
			.tm_sec = s};
	return (int64_t)timegm(&tm) * SEC_US;
}

static const unsigned char *
u(const char *s)
{
	return (const unsigned char *)s;
}

/* Scans the whole of s, which must be exactly one frame with a good CRC. */
static struct lia_dc09_frame
scan_one(const char *s, size_t n)
{
	struct lia_dc09_frame f;
	size_t used = 99;
	assert_int_equal(lia_dc09_scan(u(s), n, &f, &used), LIA_DC09_FRAME);
	assert_int_equal(used, n);
	assert_true(f.crc_ok);
	return f;
}

/* Scans and parses the frame s into m. */
static void
parse_frame(const char *s, size_t n, struct lia_dc09_msg *m)
{
	struct lia_dc09_frame f = scan_one(s, n);
	assert_int_equal(lia_dc09_parse(f.body, f.body_len, f.crc, m), LIA_DC09_OK);
}

#define PARSE(lit, m) parse_frame(lit, sizeof lit - 1, m)

static void
assert_data(const struct lia_dc09_msg *m, const char *want)
{
	assert_non_null(m->data);
	if (m->data_len != strlen(want) || memcmp(m->data, want, m->data_len) != 0)
		fail_msg("data \"%.*s\", expected \"%s\"", (int)m->data_len, m->data, want);
}

static void
assert_payload(const struct lia_dc09_msg *m, const char *want)
{
	const char *p;
	size_t n;
	lia_dc09_payload(m, &p, &n);
	if (n != strlen(want) || memcmp(p, want, n) != 0)
		fail_msg("payload \"%.*s\", expected \"%s\"", (int)n, p, want);
}

static void
key_of(const char *text, const char *format, unsigned char key[32], size_t *len)
{
	assert_int_equal(lia_dc09_key_parse(text, format, key, len), 0);
}

/* ---- CRC ---- */

static void
test_lia_dc09_crc_check_value(void **state)
{
	(void)state;
	assert_int_equal(lia_dc09_crc("123456789", 9), 0xBB3D);
	assert_int_equal(lia_dc09_crc("", 0), 0);
}

static void
test_lia_dc09_crc_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
		const char *s = GOOD[i].frame;
		/* body: after LF + 4 + 4, before CR */
		assert_int_equal(lia_dc09_crc(s + 9, strlen(s) - 10), GOOD[i].crc);
	}
	/* Vector 11: what the CRC should have been. */
	assert_int_equal(lia_dc09_crc(&V11[9], sizeof V11 - 1 - 10), 0x405C);
}

/* ---- scanning ---- */

static void
test_lia_dc09_scan_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
		const char *s = GOOD[i].frame;
		struct lia_dc09_frame f = scan_one(s, strlen(s));
		assert_int_equal(f.crc, GOOD[i].crc);
		assert_false(f.binary_crc);
		assert_ptr_equal(f.body, u(s) + 9);
		assert_int_equal(f.body_len, strlen(s) - 10);
		assert_int_equal(f.body[0], '"');
	}
}

static void
test_lia_dc09_scan_vector11_bad_crc(void **state)
{
	(void)state;
	struct lia_dc09_frame f;
	size_t used = 0;
	assert_int_equal(lia_dc09_scan(u(V11), sizeof V11 - 1, &f, &used), LIA_DC09_FRAME);
	assert_int_equal(used, sizeof V11 - 1); /* dropped whole */
	assert_false(f.crc_ok);
	assert_int_equal(f.crc, 0x4E67);
}

static void
test_lia_dc09_scan_partial_every_cut(void **state)
{
	(void)state;
	const char *frames[] = {V1, V4, V10, V12};
	for (size_t k = 0; k < 4; k++) {
		size_t n = strlen(frames[k]);
		for (size_t cut = 0; cut < n; cut++) {
			struct lia_dc09_frame f;
			size_t used = 99;
			if (lia_dc09_scan(u(frames[k]), cut, &f, &used) != LIA_DC09_NEED_MORE)
				fail_msg("frame %zu cut at %zu: not NEED_MORE", k, cut);
			assert_int_equal(used, 0);
		}
	}
}

static void
test_lia_dc09_scan_two_frames(void **state)
{
	(void)state;
	const char two[] = V2 V6;
	struct lia_dc09_frame f;
	size_t used = 0;
	assert_int_equal(lia_dc09_scan(u(two), sizeof two - 1, &f, &used), LIA_DC09_FRAME);
	assert_int_equal(used, sizeof V2 - 1);
	assert_int_equal(f.crc, 0x9EC4);
	assert_int_equal(lia_dc09_scan(u(two) + used, sizeof two - 1 - used, &f, &used),
			 LIA_DC09_FRAME);
	assert_int_equal(used, sizeof V6 - 1);
	assert_int_equal(f.crc, 0x70C4);
}

/* Runs the scanner over s like the receiver does: returns the number of good
 * frames, their CRCs in crcs. */
static size_t
scan_all(const char *s, size_t n, uint16_t *crcs, size_t max)
{
	size_t off = 0, count = 0;
	for (int guard = 0; guard < 10000; guard++) {
		struct lia_dc09_frame f;
		size_t used = 0;
		enum lia_dc09_scan r = lia_dc09_scan(u(s) + off, n - off, &f, &used);
		if (r == LIA_DC09_NEED_MORE)
			return count;
		assert_true(used > 0 && used <= n - off);
		if (r == LIA_DC09_FRAME && f.crc_ok && count < max)
			crcs[count++] = f.crc;
		off += used;
	}
	fail_msg("scan does not end");
	return 0;
}

static void
test_lia_dc09_scan_garbage_before(void **state)
{
	(void)state;
	struct lia_dc09_frame f;
	size_t used = 0;
	const char g[] = "hello" V1;
	assert_int_equal(lia_dc09_scan(u(g), sizeof g - 1, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 5);
	/* Garbage without any LF goes whole. */
	assert_int_equal(lia_dc09_scan(u("abc"), 3, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 3);
	/* An LF that starts no frame is skipped alone, then the frame is found. */
	const char lf[] = "\n\nZZ\n1234" V9;
	uint16_t crcs[4];
	assert_int_equal(scan_all(lf, sizeof lf - 1, crcs, 4), 1);
	assert_int_equal(crcs[0], 0xC26E);
}

static void
test_lia_dc09_scan_bad_len(void **state)
{
	(void)state;
	struct lia_dc09_frame f;
	size_t used = 0;
	/* LEN not starting with "0", LEN with a non-hex digit. */
	const char a[] = "\nB0AC1027\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r";
	assert_int_equal(lia_dc09_scan(u(a), sizeof a - 1, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	const char b[] = "\nB0AC00G7\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r";
	assert_int_equal(lia_dc09_scan(u(b), sizeof b - 1, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	/* LEN one too short or too long: no CR where it should be. */
	const char c[] = "\nB0AC0026\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r";
	assert_int_equal(lia_dc09_scan(u(c), sizeof c - 1, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	const char d[] = "\nB0AC0028\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r\n";
	assert_int_equal(lia_dc09_scan(u(d), sizeof d - 1, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	/* No '"' after the header. */
	const char e[] = "\nB0AC0027XADM-CID\"0001L0#7099[#7099|1628 01 000]\r";
	assert_int_equal(lia_dc09_scan(u(e), sizeof e - 1, &f, &used), LIA_DC09_SKIP);
	/* Lower-case hex is accepted. */
	const char lc[] = "\nb0ac0027\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r";
	assert_int_equal(lia_dc09_scan(u(lc), sizeof lc - 1, &f, &used), LIA_DC09_FRAME);
	assert_true(f.crc_ok);
}

static void
test_lia_dc09_scan_missing_cr(void **state)
{
	(void)state;
	struct lia_dc09_frame f;
	size_t used = 0;
	/* The frame without its CR, followed by the next frame: skipped, and the
	 * next one is still found. */
	const char s[] = "\nB0AC0027\"ADM-CID\"0001L0#7099[#7099|1628 01 000]" V2;
	assert_int_equal(lia_dc09_scan(u(s), sizeof s - 1, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	uint16_t crcs[4];
	assert_int_equal(scan_all(s, sizeof s - 1, crcs, 4), 1);
	assert_int_equal(crcs[0], 0x9EC4);
	/* Without CR and nothing after: wait for it. */
	assert_int_equal(lia_dc09_scan(u(V1), sizeof V1 - 2, &f, &used), LIA_DC09_NEED_MORE);
}

static void
test_lia_dc09_scan_oversize(void **state)
{
	(void)state;
	static char big[LIA_DC09_MAX_FRAME + 100];
	struct lia_dc09_frame f;
	size_t used = 0;
	/* LEN 0FFF: waits for exactly one maximal frame, no more. */
	memset(big, 'x', sizeof big);
	memcpy(big, "\n00000FFF\"", 10);
	assert_int_equal(lia_dc09_scan(u(big), LIA_DC09_MAX_FRAME - 1, &f, &used),
			 LIA_DC09_NEED_MORE);
	assert_int_equal(lia_dc09_scan(u(big), sizeof big, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	big[LIA_DC09_MAX_FRAME - 1] = '\r';
	assert_int_equal(lia_dc09_scan(u(big), sizeof big, &f, &used), LIA_DC09_FRAME);
	assert_int_equal(used, LIA_DC09_MAX_FRAME);
	assert_int_equal(f.body_len, LIA_DC09_MAX_BODY);
	assert_false(f.crc_ok);
	/* A LEN of 4 significant digits cannot be: skipped at once. */
	memcpy(big, "\n00001000\"", 10);
	assert_int_equal(lia_dc09_scan(u(big), 12, &f, &used), LIA_DC09_SKIP);
	assert_int_equal(used, 1);
	/* A body of LEN 0 cannot hold the '"'. */
	assert_int_equal(lia_dc09_scan(u("\n00000000\"\r"), 11, &f, &used), LIA_DC09_SKIP);
}

static void
test_lia_dc09_scan_binary_crc(void **state)
{
	(void)state;
	/* Vector 1 with its CRC 0xB0AC as two raw bytes. */
	const char s[] = "\n\xB0\xAC"
			 "0027\"ADM-CID\"0001L0#7099[#7099|1628 01 000]\r";
	struct lia_dc09_frame f;
	size_t used = 0;
	assert_int_equal(lia_dc09_scan(u(s), sizeof s - 1, &f, &used), LIA_DC09_FRAME);
	assert_int_equal(used, sizeof s - 1);
	assert_true(f.binary_crc);
	assert_true(f.crc_ok);
	assert_int_equal(f.crc, 0xB0AC);
	for (size_t cut = 0; cut < sizeof s - 1; cut++)
		assert_int_equal(lia_dc09_scan(u(s), cut, &f, &used), LIA_DC09_NEED_MORE);
	/* A raw CRC byte that is '"' does not confuse the forms. */
	const char q[] = "\n\"\x22"
			 "0003\"X\"\r";
	assert_int_equal(lia_dc09_scan(u(q), sizeof q - 1, &f, &used), LIA_DC09_FRAME);
	assert_true(f.binary_crc);
	assert_int_equal(f.body_len, 3);
}

/* ---- parsing ---- */

static void
test_lia_dc09_parse_vector1(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	PARSE(V1, &m);
	assert_string_equal(m.id, "ADM-CID");
	assert_false(m.encrypted);
	assert_int_equal(m.seq, 1);
	assert_string_equal(m.receiver, "");
	assert_string_equal(m.line, "0");
	assert_string_equal(m.account, "7099");
	assert_data(&m, "#7099|1628 01 000");
	assert_payload(&m, "1628 01 000");
	assert_int_equal(m.nextra, 0);
	assert_false(m.has_timestamp);
	assert_int_equal(m.fingerprint, 0xB0AC);
}

static void
test_lia_dc09_parse_vector4(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	PARSE(V4, &m);
	assert_string_equal(m.id, "SIA-DCS");
	assert_int_equal(m.seq, 0);
	assert_string_equal(m.receiver, "C0FFD");
	assert_string_equal(m.line, "1234");
	assert_string_equal(m.account, "080027E62A64");
	assert_data(&m, "#080027E62A64|NHB0003");
	assert_int_equal(m.nextra, 1);
	assert_int_equal(m.extra[0].tag, 'E');
	assert_int_equal(m.extra[0].len, 6);
	assert_memory_equal(m.extra[0].value, "115000", 6);
	assert_true(m.has_timestamp);
	assert_int_equal(m.timestamp_us, utc_us(2015, 6, 22, 14, 25, 17));
}

static void
test_lia_dc09_parse_vectors_6_7_9_10(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	PARSE(V6, &m);
	assert_int_equal(m.seq, 1707);
	assert_string_equal(m.account, "0000");
	assert_payload(&m, "Nri0/RP0000");
	assert_int_equal(m.timestamp_us, utc_us(2021, 12, 22, 13, 36, 41));

	PARSE(V7, &m);
	assert_int_equal(m.seq, 6002);
	assert_string_equal(m.account, "AAA");
	assert_data(&m, "|Nri1/CL501");
	assert_payload(&m, "Nri1/CL501");
	assert_int_equal(m.timestamp_us, utc_us(2019, 9, 25, 14, 12, 4));

	PARSE(V9, &m);
	assert_string_equal(m.id, "NULL");
	assert_string_equal(m.receiver, "C0FFD");
	assert_data(&m, "");
	assert_payload(&m, "");
	assert_int_equal(m.timestamp_us, utc_us(2015, 6, 22, 13, 40, 27));

	PARSE(V10, &m);
	assert_string_equal(m.id, "NAK");
	assert_string_equal(m.receiver, "0");
	assert_string_equal(m.line, "0");
	assert_string_equal(m.account, "");
	assert_int_equal(m.timestamp_us, utc_us(2015, 4, 14, 16, 9, 9));
}

static void
test_lia_dc09_parse_vector11_payload(void **state)
{
	(void)state;
	/* Its body is well formed (only its CRC is wrong); "1234|..." has no '#'. */
	struct lia_dc09_frame f;
	size_t used;
	struct lia_dc09_msg m;
	assert_int_equal(lia_dc09_scan(u(V11), sizeof V11 - 1, &f, &used), LIA_DC09_FRAME);
	assert_int_equal(lia_dc09_parse(f.body, f.body_len, f.crc, &m), LIA_DC09_OK);
	assert_payload(&m, "Nri1/BA01");
}

static void
test_lia_dc09_parse_fields(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	/* lower case in, upper case kept; L absent means "0"; unknown id parses */
	const char *ok = "\"FOO\"9999Rab#c0ffee[x]";
	assert_int_equal(lia_dc09_parse(u(ok), strlen(ok), 7, &m), LIA_DC09_OK);
	assert_string_equal(m.id, "FOO");
	assert_int_equal(m.seq, 9999);
	assert_string_equal(m.receiver, "AB");
	assert_string_equal(m.line, "0");
	assert_string_equal(m.account, "C0FFEE");
	assert_payload(&m, "x");
	/* several extra blocks, more than are kept */
	const char *many = "\"SIA-DCS\"0001L0#123[]"
			   "[A1][B2][C3][D4][E5][F6][G7][H8][I9][]_00:00:00,01-01-1970";
	assert_int_equal(lia_dc09_parse(u(many), strlen(many), 0, &m), LIA_DC09_OK);
	assert_int_equal(m.nextra, LIA_DC09_MAX_EXTRA);
	assert_int_equal(m.extra[7].tag, 'H');
	assert_true(m.has_timestamp);
	assert_int_equal(m.timestamp_us, 0);
	/* 16-digit account and 6-digit R and L */
	const char *wide = "\"NULL\"0000R123456L654321#0123456789ABCDEF[]";
	assert_int_equal(lia_dc09_parse(u(wide), strlen(wide), 0, &m), LIA_DC09_OK);
	assert_string_equal(m.account, "0123456789ABCDEF");
	assert_string_equal(m.receiver, "123456");
	assert_string_equal(m.line, "654321");
	/* encrypted: the clear part only */
	const char *enc = "\"*SIA-DCS\"0002L0#1234[ABCD";
	assert_int_equal(lia_dc09_parse(u(enc), strlen(enc), 0x1111, &m), LIA_DC09_OK);
	assert_true(m.encrypted);
	assert_string_equal(m.id, "SIA-DCS");
	assert_null(m.data);
	assert_int_equal(m.cipher_hex_len, 4);
	assert_memory_equal(m.cipher_hex, "ABCD", 4);
}

static void
test_lia_dc09_parse_refusals(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"\"",
		"\"\"0001L0#123[]",                   /* empty id */
		"\"ADM-CID0001L0#123[]",              /* id not closed */
		"\"123456789\"0001L0#123[]",          /* id of 9 */
		"\"A\x01\"0001L0#123[]",              /* id not printable */
		"\"NULL\"001L0#123[]",                /* seq of 3 */
		"\"NULL\"00a1L0#123[]",               /* seq not decimal */
		"\"NULL\"0001",                       /* nothing after seq */
		"\"NULL\"0001R#123[]",                /* empty R */
		"\"NULL\"0001R1234567L0#123[]",       /* R of 7 */
		"\"NULL\"0001L#123[]",                /* empty L */
		"\"NULL\"0001L1234567#123[]",         /* L of 7 */
		"\"NULL\"0001L0#12[]",                /* account of 2 */
		"\"NULL\"0001L0#0123456789ABCDEF0[]", /* account of 17 */
		"\"NULL\"0001L0#12G4[]",              /* account not hex */
		"\"NULL\"0001L0[]",                   /* no account */
		"\"NULL\"0001L0A0[]",                 /* "A0" is for a NAK only */
		"\"NULL\"0001L0#123",                 /* no data block */
		"\"NULL\"0001L0#123[",                /* data block not closed */
		"\"NULL\"0001L0#123[]x",              /* trailing bytes */
		"\"NULL\"0001L0#123[][X1",            /* extra block not closed */
		"\"NULL\"0001L0#123[]_12:00:00,01-01-2020x",
		"\"NULL\"0001L0#123[]_12:00:00,02-30-2020", /* no 30 February */
		"\"NULL\"0001L0#123[]_24:00:00,01-01-2020",
		"\"NULL\"0001L0#123[]_12:60:00,01-01-2020",
		"\"NULL\"0001L0#123[]_12:00:00,13-01-2020",
		"\"NULL\"0001L0#123[]_12:00:00,01-01-20a0",
		"\"NULL\"0001L0#123[]_12-00:00,01-01-2020",
		"\"NULL\"0001L0#123[]12:00:00,01-01-2020",
		"\"NULL\"0001L0#123[]_12:00:00,01-01-202",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct lia_dc09_msg m;
		if (lia_dc09_parse(u(bad[i]), strlen(bad[i]), 0, &m) != LIA_DC09_E_SYNTAX)
			fail_msg("accepted: %s", bad[i]);
	}
	/* 29 February of a leap year is a day */
	struct lia_dc09_msg m;
	const char *leap = "\"NULL\"0001L0#123[]_23:59:59,02-29-2024";
	assert_int_equal(lia_dc09_parse(u(leap), strlen(leap), 0, &m), LIA_DC09_OK);
	assert_int_equal(m.timestamp_us, utc_us(2024, 2, 29, 23, 59, 59));
}

/* ---- decryption: the reference vectors ---- */

static void
check_encrypted_vector(const char *frame, size_t n, const char *key_hex, const char *after_pad,
		       int64_t ts)
{
	struct lia_dc09_msg m;
	unsigned char key[32];
	size_t klen = 0;
	char plain[256];
	parse_frame(frame, n, &m);
	assert_true(m.encrypted);
	assert_string_equal(m.id, "ACK");
	key_of(key_hex, "hex", key, &klen);
	assert_int_equal(klen, 16);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, sizeof plain), LIA_DC09_OK);
	/* 10 pad bytes, then the documented text */
	assert_memory_equal(plain + 10, after_pad, strlen(after_pad));
	assert_ptr_equal(m.data, plain + 10);
	assert_data(&m, "|");
	assert_payload(&m, "");
	assert_true(m.has_timestamp);
	assert_int_equal(m.timestamp_us, ts);
	assert_int_equal(m.fingerprint, lia_dc09_crc(after_pad, strlen(after_pad)));
}

static void
test_lia_dc09_decrypt_vector12(void **state)
{
	(void)state;
	check_encrypted_vector(V12, sizeof V12 - 1, "ABCDABCDABCDABCDABCDABCDABCDABCD",
			       "|]_16:08:12,04-14-2015", utc_us(2015, 4, 14, 16, 8, 12));
}

static void
test_lia_dc09_decrypt_vector14(void **state)
{
	(void)state;
	check_encrypted_vector(V14, sizeof V14 - 1, "28376ef26e782e1a4a160e3276e5fb93",
			       "|]_08:06:26,04-27-2015", utc_us(2015, 4, 27, 8, 6, 26));
}

static void
test_lia_dc09_decrypt_refusals(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	unsigned char key[32];
	size_t klen;
	char plain[256];
	key_of("ABCDABCDABCDABCDABCDABCDABCDABCD", "hex", key, &klen);
	PARSE(V12, &m);
	assert_int_equal(lia_dc09_decrypt(&m, NULL, 0, plain, sizeof plain), LIA_DC09_E_KEY);
	assert_int_equal(lia_dc09_decrypt(&m, key, 15, plain, sizeof plain), LIA_DC09_E_KEY);
	assert_int_equal(lia_dc09_decrypt(&m, key, 20, plain, sizeof plain), LIA_DC09_E_KEY);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, 31), LIA_DC09_E_TOO_BIG);
	/* The wrong key: the plaintext is noise. */
	unsigned char wrong[16] = {1};
	assert_int_not_equal(lia_dc09_decrypt(&m, wrong, 16, plain, sizeof plain), LIA_DC09_OK);
	/* Ciphertext not hex, or not whole blocks. */
	const char *nothex = "\"*ACK\"0001L0#123[14F088FF5DCB19D1908069507EAB97CZ";
	assert_int_equal(lia_dc09_parse(u(nothex), strlen(nothex), 0, &m), LIA_DC09_OK);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, sizeof plain), LIA_DC09_E_DECRYPT);
	const char *odd = "\"*ACK\"0001L0#123[14F088FF5DCB19D1908069507EAB97";
	assert_int_equal(lia_dc09_parse(u(odd), strlen(odd), 0, &m), LIA_DC09_OK);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, sizeof plain), LIA_DC09_E_DECRYPT);
	const char *empty = "\"*ACK\"0001L0#123[";
	assert_int_equal(lia_dc09_parse(u(empty), strlen(empty), 0, &m), LIA_DC09_OK);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, sizeof plain), LIA_DC09_E_DECRYPT);
	/* A clear message has nothing to decrypt. */
	PARSE(V1, &m);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, sizeof plain), LIA_DC09_OK);
	assert_payload(&m, "1628 01 000");
}

static void
test_lia_dc09_decrypt_pkcs7_trailer(void **state)
{
	(void)state;
	/* Key of vector 12; plaintexts encrypted with Python's cryptography:
	 * 10 zero pad bytes + "|]_16:08:12,04-14-2015" + a PKCS#7 block of 16 x 0x10
	 * (as iobroker.sia's *ACK), then 9 pad bytes + the same + 0x01, then + 0x02
	 * alone (not PKCS#7: refused). */
	static const char *const hex[] = {
		("F0EE15BCA9DEDB2485CCEE21E02790E51C780CA1CC9102D53A32B6874F2A688AAF889E7EAB40671"
		 "1E9FB822DD4E252B1"),
		"A8F403A8859605B116657A08CE7BAE59C07C5EB6FF54A6A08166B1D201603B9B",
		"A8F403A8859605B116657A08CE7BAE597A80677B95469BBFCF0B92D5868767BE",
	};
	unsigned char key[32];
	size_t klen;
	key_of("ABCDABCDABCDABCDABCDABCDABCDABCD", "hex", key, &klen);
	for (size_t i = 0; i < 3; i++) {
		char body[160], plain[64];
		snprintf(body, sizeof body, "\"*ACK\"0001L0#123[%s", hex[i]);
		struct lia_dc09_msg m;
		assert_int_equal(lia_dc09_parse(u(body), strlen(body), 0, &m), LIA_DC09_OK);
		enum lia_dc09_error e = lia_dc09_decrypt(&m, key, klen, plain, sizeof plain);
		if (i == 2) {
			assert_int_equal(e, LIA_DC09_E_SYNTAX);
			continue;
		}
		assert_int_equal(e, LIA_DC09_OK);
		assert_data(&m, "|");
		assert_int_equal(m.timestamp_us, utc_us(2015, 4, 14, 16, 8, 12));
		assert_int_equal(m.fingerprint, lia_dc09_crc("|]_16:08:12,04-14-2015", 22));
	}
}

/* ---- building ---- */

static void
test_lia_dc09_build_vector10_nak(void **state)
{
	(void)state;
	char out[128];
	struct lia_dc09_out o = {.id = "NAK",
				 .seq = 0,
				 .receiver = "0",
				 .line = "0",
				 .timestamp_us = utc_us(2015, 4, 14, 16, 9, 9)};
	size_t n = lia_dc09_build(&o, out, sizeof out);
	assert_int_equal(n, sizeof V10 - 1);
	assert_memory_equal(out, V10, n);
	/* The same from the reply, whatever the refused message said. */
	struct lia_dc09_msg m;
	PARSE(V4, &m);
	n = lia_dc09_reply(LIA_DC09_NAK, &m, NULL, 0, utc_us(2015, 4, 14, 16, 9, 9), out,
			   sizeof out);
	assert_int_equal(n, sizeof V10 - 1);
	assert_memory_equal(out, V10, n);
}

static void
test_lia_dc09_build_refusals(void **state)
{
	(void)state;
	char out[LIA_DC09_MAX_FRAME];
	unsigned char key[16] = {0};
	struct lia_dc09_out good = {.id = "SIA-DCS", .seq = 1, .account = "1234", .data = "|NRP"};
	assert_true(lia_dc09_build(&good, out, sizeof out) > 0);
	struct lia_dc09_out o;
#define REFUSED(field, value)                                             \
	do {                                                              \
		o = good;                                                 \
		o.field = value;                                          \
		assert_int_equal(lia_dc09_build(&o, out, sizeof out), 0); \
	} while (0)
	REFUSED(id, NULL);
	REFUSED(id, "");
	REFUSED(id, "TOOLONGID");
	REFUSED(id, "A\"B");
	REFUSED(id, "*ACK");
	REFUSED(seq, 10000);
	REFUSED(receiver, "1234567");
	REFUSED(receiver, "XY");
	REFUSED(line, "G");
	REFUSED(account, NULL); /* only a NAK has none */
	REFUSED(account, "");
	REFUSED(account, "12");
	REFUSED(account, "0123456789ABCDEF0");
	REFUSED(data, "a]b");
	REFUSED(data, "a[b");
	REFUSED(data, "a\rb");
	REFUSED(extra, "X12");
	REFUSED(extra, "[X12");
	REFUSED(extra, "[]");
	REFUSED(extra, "[X1]]");
	REFUSED(timestamp_us, -1);
	o = good; /* encrypted without a timestamp */
	o.key = key;
	o.key_len = sizeof key;
	assert_int_equal(lia_dc09_build(&o, out, sizeof out), 0);
	o = good;
	o.key = key;
	o.key_len = 17;
	o.timestamp_us = SEC_US;
	assert_int_equal(lia_dc09_build(&o, out, sizeof out), 0);
#undef REFUSED
	/* Too small an output: nothing, and nothing written past cap. */
	size_t n = lia_dc09_build(&good, out, sizeof out);
	char small[64];
	memset(small, 'Z', sizeof small);
	assert_int_equal(lia_dc09_build(&good, small, n - 1), 0);
	assert_int_equal(lia_dc09_build(&good, small, n), n);
	assert_int_equal(small[n], 'Z');
	/* A body longer than LEN can say. */
	static char huge[LIA_DC09_MAX_BODY + 1];
	memset(huge, 'a', sizeof huge - 1);
	o = good;
	o.data = huge;
	assert_int_equal(lia_dc09_build(&o, out, sizeof out), 0);
}

/* Builds o, scans and parses it; with key, decrypts into plain. */
static void
round_trip(const struct lia_dc09_out *o, struct lia_dc09_msg *m, char *plain, size_t cap)
{
	char out[LIA_DC09_MAX_FRAME];
	size_t n = lia_dc09_build(o, out, sizeof out);
	assert_true(n > 0);
	struct lia_dc09_frame f = scan_one(out, n);
	assert_int_equal(f.binary_crc, o->binary_crc);
	assert_int_equal(lia_dc09_parse(f.body, f.body_len, f.crc, m), LIA_DC09_OK);
	assert_int_equal(m->encrypted, o->key != NULL);
	if (o->key)
		assert_int_equal(lia_dc09_decrypt(m, o->key, o->key_len, plain, cap), LIA_DC09_OK);
	assert_string_equal(m->id, o->id);
	assert_int_equal(m->seq, o->seq);
}

static void
test_lia_dc09_round_trip_clear(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	int64_t ts = utc_us(2031, 12, 31, 23, 59, 58);
	for (int binary = 0; binary < 2; binary++) {
		struct lia_dc09_out o = {.id = "SIA-DCS",
					 .seq = 42,
					 .receiver = "c0ffd",
					 .line = "12",
					 .account = "abc123",
					 .data = "#abc123|Nri1/MA001",
					 .extra = "[X2E1234][Y48N1234]",
					 .timestamp_us = ts,
					 .binary_crc = binary};
		round_trip(&o, &m, NULL, 0);
		assert_string_equal(m.receiver, "C0FFD");
		assert_string_equal(m.line, "12");
		assert_string_equal(m.account, "ABC123");
		assert_data(&m, "#abc123|Nri1/MA001");
		assert_int_equal(m.nextra, 2);
		assert_int_equal(m.extra[1].tag, 'Y');
		assert_memory_equal(m.extra[1].value, "48N1234", 7);
		assert_true(m.has_timestamp);
		assert_int_equal(m.timestamp_us, ts);
	}
	/* The smallest: a link test without R, L or timestamp. */
	struct lia_dc09_out o = {.id = "NULL", .seq = 9999, .account = "123"};
	round_trip(&o, &m, NULL, 0);
	assert_string_equal(m.line, "0");
	assert_data(&m, "");
	assert_false(m.has_timestamp);
}

static void
test_lia_dc09_round_trip_encrypted(void **state)
{
	(void)state;
	static const struct {
		const char *text, *format;
		size_t len;
	} keys[] = {
		{"000102030405060708090A0B0C0D0E0F", "hex", 16},
		{"000102030405060708090a0b0c0d0e0f1011121314151617", "hex", 24},
		{"000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "hex", 32},
		{"sixteen chars ok", "ascii", 16},
		{"twenty-four characters!!", "ascii", 24},
		{"thirty-two characters, exactly!!", "ascii", 32},
	};
	int64_t ts = utc_us(2026, 3, 1, 0, 0, 1);
	/* Payload lengths around a block boundary: content 1 + p + 1 + 20. */
	static const char *const payloads[] = {"", "NRP0000", "Nri1/MA0010", "1101 01 0010123",
					       "Nid12/ti10:30/QA000123456789"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		unsigned char key[32];
		size_t klen = 0;
		key_of(keys[k].text, keys[k].format, key, &klen);
		assert_int_equal(klen, keys[k].len);
		for (size_t p = 0; p < sizeof payloads / sizeof payloads[0]; p++) {
			char data[64];
			snprintf(data, sizeof data, "#1234|%s", payloads[p]);
			struct lia_dc09_out o = {.id = "SIA-DCS",
						 .seq = (unsigned)(k * 10 + p),
						 .receiver = "1",
						 .account = "1234",
						 .data = data,
						 .extra = p % 2 ? "[X1]" : NULL,
						 .timestamp_us = ts,
						 .key = key,
						 .key_len = klen,
						 .binary_crc = k % 2 == 1};
			struct lia_dc09_msg m;
			char plain[512];
			round_trip(&o, &m, plain, sizeof plain);
			assert_string_equal(m.account, "1234");
			assert_payload(&m, payloads[p]);
			assert_int_equal(m.nextra, p % 2 ? 1 : 0);
			assert_true(m.has_timestamp);
			assert_int_equal(m.timestamp_us, ts);
			/* at least one pad byte, none of them '|', '[' or ']' */
			size_t pad = (size_t)(m.data - plain);
			assert_true(pad >= 1 && pad <= 16);
			assert_int_equal(
				(pad + 1 + strlen(payloads[p]) + 1 + (p % 2 ? 4 : 0) + 20) % 16, 0);
			for (size_t i = 0; i < pad; i++)
				assert_true(plain[i] != '|' && plain[i] != '[' && plain[i] != ']');
			/* A retry re-encrypted with a fresh pad is the same event. */
			uint16_t fp = m.fingerprint;
			round_trip(&o, &m, plain, sizeof plain);
			assert_int_equal(m.fingerprint, fp);
		}
	}
}

/* ---- replies ---- */

static void
test_lia_dc09_reply_vector1_ack(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	char out[128];
	PARSE(V1, &m);
	size_t n = lia_dc09_reply(LIA_DC09_ACK, &m, NULL, 0, 123 * SEC_US, out, sizeof out);
	assert_int_equal(n, sizeof V1_ACK - 1);
	assert_memory_equal(out, V1_ACK, n);
	/* Too small: nothing. */
	assert_int_equal(lia_dc09_reply(LIA_DC09_ACK, &m, NULL, 0, 0, out, n - 1), 0);
}

static void
test_lia_dc09_reply_duh_and_ack_echo(void **state)
{
	(void)state;
	struct lia_dc09_msg m, r;
	char out[256];
	PARSE(V4, &m);
	size_t n = lia_dc09_reply(LIA_DC09_DUH, &m, NULL, 0, 0, out, sizeof out);
	const char want[] = "\"DUH\"0000RC0FFDL1234#080027E62A64[]";
	struct lia_dc09_frame f = scan_one(out, n);
	assert_int_equal(f.body_len, sizeof want - 1);
	assert_memory_equal(f.body, want, f.body_len);
	assert_int_equal(lia_dc09_parse(f.body, f.body_len, f.crc, &r), LIA_DC09_OK);
	assert_false(r.has_timestamp);
	/* ACK of a clear message: the same with "ACK". */
	n = lia_dc09_reply(LIA_DC09_ACK, &m, NULL, 0, 0, out, sizeof out);
	f = scan_one(out, n);
	assert_memory_equal(f.body, "\"ACK\"0000RC0FFDL1234#080027E62A64[]", f.body_len);
}

static void
test_lia_dc09_reply_encrypted(void **state)
{
	(void)state;
	unsigned char key[32];
	size_t klen;
	key_of("ABCDABCDABCDABCDABCDABCDABCDABCD", "hex", key, &klen);
	struct lia_dc09_msg m, r;
	char plain[256], out[256];
	PARSE(V12, &m);
	assert_int_equal(lia_dc09_decrypt(&m, key, klen, plain, sizeof plain), LIA_DC09_OK);
	int64_t now = utc_us(2015, 4, 14, 16, 8, 30);
	size_t n = lia_dc09_reply(LIA_DC09_ACK, &m, key, klen, now, out, sizeof out);
	struct lia_dc09_frame f = scan_one(out, n);
	assert_int_equal(lia_dc09_parse(f.body, f.body_len, f.crc, &r), LIA_DC09_OK);
	assert_true(r.encrypted);
	assert_string_equal(r.id, "ACK");
	assert_int_equal(r.seq, 1);
	assert_string_equal(r.receiver, "5678");
	assert_string_equal(r.line, "1234");
	assert_string_equal(r.account, "080027E62A64");
	assert_int_equal(lia_dc09_decrypt(&r, key, klen, plain, sizeof plain), LIA_DC09_OK);
	assert_data(&r, "|");
	assert_true(r.has_timestamp);
	assert_int_equal(r.timestamp_us, now);
	/* the same shape as vector 12: 10 pad bytes + "|]" + timestamp */
	assert_int_equal(r.cipher_hex_len, 64);
	assert_memory_equal(plain + 10, "|]_16:08:30,04-14-2015", 22);
	/* No key, no encrypted ACK. */
	assert_int_equal(lia_dc09_reply(LIA_DC09_ACK, &m, NULL, 0, now, out, sizeof out), 0);
	/* DUH and NAK are never encrypted. */
	n = lia_dc09_reply(LIA_DC09_DUH, &m, key, klen, now, out, sizeof out);
	f = scan_one(out, n);
	assert_memory_equal(f.body, "\"DUH\"0001R5678L1234#080027E62A64[]", f.body_len);
	n = lia_dc09_reply(LIA_DC09_NAK, &m, key, klen, now, out, sizeof out);
	f = scan_one(out, n);
	assert_memory_equal(f.body, "\"NAK\"0000R0L0A0[]_16:08:30,04-14-2015", f.body_len);
}

/* ---- payloads ---- */

static void
test_lia_dc09_cid_parse_vectors(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	struct lia_dc09_event ev;
	const char *p;
	size_t n;
	PARSE(V1, &m);
	lia_dc09_payload(&m, &p, &n);
	assert_int_equal(lia_dc09_cid_parse(p, n, &ev), 0);
	assert_int_equal(ev.protocol, 'C');
	assert_int_equal(ev.qualifier, '1');
	assert_string_equal(ev.code, "628");
	assert_string_equal(ev.group, "01");
	assert_string_equal(ev.zone, "000");
	assert_string_equal(ev.user, "");
	PARSE(V2, &m);
	lia_dc09_payload(&m, &p, &n);
	assert_int_equal(lia_dc09_cid_parse(p, n, &ev), 0);
	assert_string_equal(ev.code, "602");
	assert_string_equal(ev.group, "00");
	assert_string_equal(ev.zone, "001");
	/* spaces optional, restore, lower-case hex digits */
	assert_int_equal(lia_dc09_cid_parse("3301010c5", 9, &ev), 0);
	assert_int_equal(ev.qualifier, '3');
	assert_string_equal(ev.code, "301");
	assert_string_equal(ev.group, "01");
	assert_string_equal(ev.zone, "0C5");
	assert_int_equal(lia_dc09_cid_parse("1102 01 001", 11, &ev), 0); /* fall, vendor */
	assert_string_equal(ev.code, "102");
	static const char *const bad[] = {
		"",           "2602 00 001", "1602 00 00",   "1602 00 0011", "1602  00 001",
		"160 00 001", "1602 0G 001", " 1602 00 001", "1602 00 001 "};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (lia_dc09_cid_parse(bad[i], strlen(bad[i]), &ev) != -1)
			fail_msg("accepted: \"%s\"", bad[i]);
}

static void
test_lia_dc09_sia_parse_vectors(void **state)
{
	(void)state;
	struct lia_dc09_msg m;
	struct lia_dc09_event ev;
	const char *p;
	size_t n;
	PARSE(V4, &m);
	lia_dc09_payload(&m, &p, &n);
	assert_int_equal(lia_dc09_sia_parse(p, n, &ev), 0);
	assert_int_equal(ev.protocol, 'S');
	assert_int_equal(ev.qualifier, 'N');
	assert_string_equal(ev.code, "HB");
	assert_string_equal(ev.group, "");
	assert_string_equal(ev.zone, "0003");
	PARSE(V6, &m);
	lia_dc09_payload(&m, &p, &n);
	assert_int_equal(lia_dc09_sia_parse(p, n, &ev), 0);
	assert_string_equal(ev.code, "RP");
	assert_string_equal(ev.group, "0");
	assert_string_equal(ev.zone, "0000");
	PARSE(V7, &m);
	lia_dc09_payload(&m, &p, &n);
	assert_int_equal(lia_dc09_sia_parse(p, n, &ev), 0);
	assert_string_equal(ev.code, "CL");
	assert_string_equal(ev.group, "1");
	assert_string_equal(ev.zone, "501");
	assert_string_equal(ev.user, "");
	/* every modifier, then a second event that is not read */
	const char *all = "Nri12/id7/ti08:15/MA12/NRP0000";
	assert_int_equal(lia_dc09_sia_parse(all, strlen(all), &ev), 0);
	assert_string_equal(ev.group, "12");
	assert_string_equal(ev.user, "7");
	assert_string_equal(ev.code, "MA");
	assert_string_equal(ev.zone, "12");
	assert_int_equal(lia_dc09_sia_parse("NYT", 3, &ev), 0);
	assert_string_equal(ev.zone, "");
	static const char *const bad[] = {"",
					  "N",
					  "RP0000",
					  "Nrp0000",
					  "Nri1RP0000",
					  "Nri/RP0000",
					  "Nri12345/RP",
					  "Nti8:15/RP",
					  "NR",
					  "NRP00-1",
					  "NRP123456789",
					  "Nri1/",
					  "Nid123456789/RP"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (lia_dc09_sia_parse(bad[i], strlen(bad[i]), &ev) != -1)
			fail_msg("accepted: \"%s\"", bad[i]);
}

static void
test_lia_dc09_payload_forms(void **state)
{
	(void)state;
	struct lia_dc09_msg m = {0};
	const char *p;
	size_t n;
	static const char *const forms[][2] = {
		{"#1234|NRP0000", "NRP0000"},
		{"1234|NRP0000", "NRP0000"},
		{"|NRP0000", "NRP0000"},
		{"NRP0000", "NRP0000"},
		{"", ""},
		{"#1234|", ""},
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		m.data = forms[i][0];
		m.data_len = strlen(forms[i][0]);
		assert_payload(&m, forms[i][1]);
	}
	m.data = NULL;
	m.data_len = 0;
	lia_dc09_payload(&m, &p, &n);
	assert_non_null(p);
	assert_int_equal(n, 0);
}

/* ---- timestamp window and keys ---- */

static void
test_lia_dc09_timestamp_window(void **state)
{
	(void)state;
	int64_t now = utc_us(2026, 5, 1, 12, 0, 0);
	struct lia_dc09_msg m = {.has_timestamp = true};
	m.timestamp_us = now - 40 * SEC_US;
	assert_true(lia_dc09_timestamp_ok(&m, now));
	m.timestamp_us = now - 41 * SEC_US;
	assert_false(lia_dc09_timestamp_ok(&m, now));
	m.timestamp_us = now + 20 * SEC_US;
	assert_true(lia_dc09_timestamp_ok(&m, now));
	m.timestamp_us = now + 21 * SEC_US;
	assert_false(lia_dc09_timestamp_ok(&m, now));
	m.timestamp_us = now;
	assert_true(lia_dc09_timestamp_ok(&m, now));
	m.has_timestamp = false;
	assert_false(lia_dc09_timestamp_ok(&m, now));
	/* no overflow at the ends of the clock */
	m.has_timestamp = true;
	m.timestamp_us = INT64_MAX;
	assert_false(lia_dc09_timestamp_ok(&m, INT64_MIN));
	m.timestamp_us = INT64_MIN;
	assert_false(lia_dc09_timestamp_ok(&m, INT64_MAX));
}

static void
test_lia_dc09_key_parse(void **state)
{
	(void)state;
	unsigned char key[32];
	size_t len = 0;
	assert_int_equal(lia_dc09_key_parse("ABCDABCDABCDABCDABCDABCDABCDABCD", "hex", key, &len),
			 0);
	assert_int_equal(len, 16);
	assert_int_equal(key[0], 0xAB);
	assert_int_equal(key[15], 0xCD);
	assert_int_equal(lia_dc09_key_parse("0123456789abcdef", "ascii", key, &len), 0);
	assert_int_equal(len, 16);
	assert_memory_equal(key, "0123456789abcdef", 16);
	static const char *const bad_hex[] = {
		"",
		"ABCD",
		"ABCDABCDABCDABCDABCDABCDABCDABC",
		"ABCDABCDABCDABCDABCDABCDABCDABCDA",
		"ABCDABCDABCDABCDABCDABCDABCDABCG",
		"000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F00"};
	for (size_t i = 0; i < sizeof bad_hex / sizeof bad_hex[0]; i++)
		if (lia_dc09_key_parse(bad_hex[i], "hex", key, &len) != -1)
			fail_msg("hex accepted: %s", bad_hex[i]);
	static const char *const bad_ascii[] = {"", "fifteen chars!!", "seventeen chars!!",
						"with a tab\there.",
						"thirty-three characters, exactly!"};
	for (size_t i = 0; i < sizeof bad_ascii / sizeof bad_ascii[0]; i++)
		if (lia_dc09_key_parse(bad_ascii[i], "ascii", key, &len) != -1)
			fail_msg("ascii accepted: %s", bad_ascii[i]);
	assert_int_equal(lia_dc09_key_parse("0123456789abcdef", "base64", key, &len), -1);
	assert_int_equal(lia_dc09_key_parse("0123456789abcdef", NULL, key, &len), -1);
	assert_int_equal(lia_dc09_key_parse(NULL, "hex", key, &len), -1);
}

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_dc09_crc_check_value),
		cmocka_unit_test(test_lia_dc09_crc_vectors),
		cmocka_unit_test(test_lia_dc09_scan_vectors),
		cmocka_unit_test(test_lia_dc09_scan_vector11_bad_crc),
		cmocka_unit_test(test_lia_dc09_scan_partial_every_cut),
		cmocka_unit_test(test_lia_dc09_scan_two_frames),
		cmocka_unit_test(test_lia_dc09_scan_garbage_before),
		cmocka_unit_test(test_lia_dc09_scan_bad_len),
		cmocka_unit_test(test_lia_dc09_scan_missing_cr),
		cmocka_unit_test(test_lia_dc09_scan_oversize),
		cmocka_unit_test(test_lia_dc09_scan_binary_crc),
		cmocka_unit_test(test_lia_dc09_parse_vector1),
		cmocka_unit_test(test_lia_dc09_parse_vector4),
		cmocka_unit_test(test_lia_dc09_parse_vectors_6_7_9_10),
		cmocka_unit_test(test_lia_dc09_parse_vector11_payload),
		cmocka_unit_test(test_lia_dc09_parse_fields),
		cmocka_unit_test(test_lia_dc09_parse_refusals),
		cmocka_unit_test(test_lia_dc09_decrypt_vector12),
		cmocka_unit_test(test_lia_dc09_decrypt_vector14),
		cmocka_unit_test(test_lia_dc09_decrypt_refusals),
		cmocka_unit_test(test_lia_dc09_decrypt_pkcs7_trailer),
		cmocka_unit_test(test_lia_dc09_build_vector10_nak),
		cmocka_unit_test(test_lia_dc09_build_refusals),
		cmocka_unit_test(test_lia_dc09_round_trip_clear),
		cmocka_unit_test(test_lia_dc09_round_trip_encrypted),
		cmocka_unit_test(test_lia_dc09_reply_vector1_ack),
		cmocka_unit_test(test_lia_dc09_reply_duh_and_ack_echo),
		cmocka_unit_test(test_lia_dc09_reply_encrypted),
		cmocka_unit_test(test_lia_dc09_cid_parse_vectors),
		cmocka_unit_test(test_lia_dc09_sia_parse_vectors),
		cmocka_unit_test(test_lia_dc09_payload_forms),
		cmocka_unit_test(test_lia_dc09_timestamp_window),
		cmocka_unit_test(test_lia_dc09_key_parse),
	};
	LIA_RUN_GROUP("dc09", tests, setup, NULL);
}
