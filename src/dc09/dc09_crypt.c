/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * SIA DC-09 encryption: AES-CBC with an IV of 16 zero bytes, the ciphertext
 * written in hex after the data block's '['. The plaintext is random pad bytes,
 * '|', the payload, ']', extra data blocks and the timestamp; since the pad holds
 * no '|', the first '|' ends it. nettle does the AES (libsodium has no CBC).
 */
#include <nettle/aes.h>
#include <nettle/cbc.h>
#include <sodium.h>
#include <string.h>

#include "dc09/dc09_internal.h"

/* nettle_cipher_func wrappers: calling aesNNN_* through a cast function pointer
 * would be undefined behaviour, calling these is not. */
#define WRAP(bits)                                                                         \
	static void enc##bits(const void *ctx, size_t n, uint8_t *dst, const uint8_t *src) \
	{                                                                                  \
		aes##bits##_encrypt(ctx, n, dst, src);                                     \
	}                                                                                  \
	static void dec##bits(const void *ctx, size_t n, uint8_t *dst, const uint8_t *src) \
	{                                                                                  \
		aes##bits##_decrypt(ctx, n, dst, src);                                     \
	}
WRAP(128)
WRAP(192)
WRAP(256)

int
lia_dc09_aes_cbc(bool encrypt, const unsigned char *key, size_t key_len, unsigned char *buf,
		 size_t len)
{
	if (len % AES_BLOCK_SIZE != 0)
		return -1;
	union {
		struct aes128_ctx a128;
		struct aes192_ctx a192;
		struct aes256_ctx a256;
	} ctx;
	nettle_cipher_func *f;
	uint8_t iv[AES_BLOCK_SIZE] = {0};
	switch (key_len) {
	case AES128_KEY_SIZE:
		if (encrypt)
			aes128_set_encrypt_key(&ctx.a128, key);
		else
			aes128_set_decrypt_key(&ctx.a128, key);
		f = encrypt ? enc128 : dec128;
		break;
	case AES192_KEY_SIZE:
		if (encrypt)
			aes192_set_encrypt_key(&ctx.a192, key);
		else
			aes192_set_decrypt_key(&ctx.a192, key);
		f = encrypt ? enc192 : dec192;
		break;
	case AES256_KEY_SIZE:
		if (encrypt)
			aes256_set_encrypt_key(&ctx.a256, key);
		else
			aes256_set_decrypt_key(&ctx.a256, key);
		f = encrypt ? enc256 : dec256;
		break;
	default:
		return -1;
	}
	/* nettle's CBC works in place (dst == src). */
	if (encrypt)
		cbc_encrypt(&ctx, f, AES_BLOCK_SIZE, iv, len, buf, buf);
	else
		cbc_decrypt(&ctx, f, AES_BLOCK_SIZE, iv, len, buf, buf);
	sodium_memzero(&ctx, sizeof ctx); /* the expanded key */
	return 0;
}

enum lia_dc09_error
lia_dc09_decrypt(struct lia_dc09_msg *m, const unsigned char *key, size_t key_len, char *plain,
		 size_t cap)
{
	/* A clear message has nothing to decrypt: its data block is already parsed. */
	if (!m->encrypted)
		return LIA_DC09_OK;
	if (!key || (key_len != 16 && key_len != 24 && key_len != 32))
		return LIA_DC09_E_KEY;
	size_t hn = m->cipher_hex_len;
	if (!m->cipher_hex || hn == 0 || hn % (2 * AES_BLOCK_SIZE) != 0)
		return LIA_DC09_E_DECRYPT;
	size_t len = hn / 2;
	if (len > cap)
		return LIA_DC09_E_TOO_BIG;
	unsigned char *buf = (unsigned char *)plain;
	for (size_t i = 0; i < len; i++) {
		int hi = lia_dc09_hexval((unsigned char)m->cipher_hex[2 * i]);
		int lo = lia_dc09_hexval((unsigned char)m->cipher_hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return LIA_DC09_E_DECRYPT;
		buf[i] = (unsigned char)(hi << 4 | lo);
	}
	if (lia_dc09_aes_cbc(false, key, key_len, buf, len) != 0)
		return LIA_DC09_E_DECRYPT;
	/* Senders built on OpenSSL's defaults (iobroker.sia among them) also add
	 * PKCS#7 padding at the end. A DC-09 plaintext ends with a digit or ']',
	 * never with bytes 1..16, so such a trailer is recognised without doubt. */
	unsigned char last = buf[len - 1];
	if (last >= 1 && last <= AES_BLOCK_SIZE) {
		size_t k = 1;
		while (k < last && buf[len - 1 - k] == last)
			k++;
		if (k == last)
			len -= last;
	}
	if (cap > len)
		plain[len] = '\0';

	/* A wrong key gives random bytes: most of the time no '|' then ']' appear. */
	const char *bar = memchr(plain, '|', len);
	if (!bar)
		return LIA_DC09_E_DECRYPT;
	size_t start = (size_t)(bar - plain);
	const char *close = memchr(bar, ']', len - start);
	if (!close)
		return LIA_DC09_E_DECRYPT;
	size_t end = (size_t)(close - plain);
	enum lia_dc09_error e = lia_dc09_tail_parse(close + 1, len - end - 1, m);
	if (e != LIA_DC09_OK)
		return e;
	m->data = bar;
	m->data_len = end - start;
	m->fingerprint = lia_dc09_crc(bar, len - start);
	return LIA_DC09_OK;
}
