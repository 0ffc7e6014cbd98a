/* SPDX-License-Identifier: EUPL-1.2 */
/* Encryption at rest with libsodium secretstream (see sealed.h). */
#include "core/sealed.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"

#define CHUNK 65536
#define HEADER crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define KEYBYTES crypto_secretstream_xchacha20poly1305_KEYBYTES

struct lia_sealing_key {
	unsigned char key[KEYBYTES];
};

static bool
read_all(int fd, unsigned char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	/* The file must hold exactly a key: one byte more is not ours. */
	unsigned char extra;
	return read(fd, &extra, 1) == 0;
}

static bool
create_key(const char *path, unsigned char *key)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	crypto_secretstream_xchacha20poly1305_keygen(key);
	bool ok = write(fd, key, KEYBYTES) == (ssize_t)KEYBYTES && fsync(fd) == 0;
	close(fd);
	if (!ok)
		unlink(path);
	return ok;
}

struct lia_sealing_key *
lia_sealing_key_load(const char *path)
{
	struct lia_sealing_key *k = sodium_malloc(sizeof *k);
	if (!k)
		return NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok;
	if (fd >= 0) {
		ok = read_all(fd, k->key, KEYBYTES);
		close(fd);
		if (!ok)
			lia_log(LIA_LOG_ERROR, "sealing.key_invalid",
				"path=%s hint=\"the file must hold exactly 32 bytes\"", path);
	} else if (errno == ENOENT) {
		ok = create_key(path, k->key);
		if (ok)
			lia_log(LIA_LOG_INFO, "sealing.key_created", "path=%s", path);
		else
			lia_log(LIA_LOG_ERROR, "sealing.key_create_failed", "path=%s errno=%d", path,
				errno);
	} else {
		lia_log(LIA_LOG_ERROR, "sealing.key_unreadable", "path=%s errno=%d", path, errno);
		ok = false;
	}
	if (!ok) {
		sodium_free(k);
		return NULL;
	}
	sodium_mprotect_readonly(k);
	return k;
}

void
lia_sealing_key_free(struct lia_sealing_key *k)
{
	if (k)
		sodium_free(k); /* sodium_free wipes before releasing */
}

unsigned char *
lia_seal(struct lia_arena *a, const struct lia_sealing_key *k, const unsigned char *plain,
	 size_t n, size_t *out_len)
{
	size_t chunks = n / CHUNK + 1; /* the last chunk may be empty: it carries FINAL */
	size_t cap = HEADER + n + chunks * ABYTES;
	unsigned char *out = lia_arena_alloc(a, cap);
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_init_push(&st, out, k->key);
	size_t o = HEADER;
	for (size_t off = 0;; off += CHUNK) {
		size_t len = n - off < CHUNK ? n - off : CHUNK;
		bool last = off + len == n;
		unsigned long long clen;
		crypto_secretstream_xchacha20poly1305_push(
			&st, out + o, &clen, plain + off, len, NULL, 0,
			last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		o += (size_t)clen;
		if (last)
			break;
	}
	sodium_memzero(&st, sizeof st);
	*out_len = o;
	return out;
}

unsigned char *
lia_unseal(struct lia_arena *a, const struct lia_sealing_key *k, const unsigned char *sealed,
	   size_t n, size_t *out_len)
{
	if (n < HEADER + ABYTES)
		return NULL;
	unsigned char *out = lia_arena_alloc(a, n - HEADER);
	crypto_secretstream_xchacha20poly1305_state st;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, sealed, k->key) != 0)
		return NULL;
	size_t i = HEADER, o = 0;
	unsigned char tag = 0;
	while (i < n && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
		size_t len = n - i < CHUNK + ABYTES ? n - i : CHUNK + ABYTES;
		unsigned long long mlen;
		if (crypto_secretstream_xchacha20poly1305_pull(&st, out + o, &mlen, &tag, sealed + i,
							       len, NULL, 0) != 0)
			return NULL;
		i += len;
		o += (size_t)mlen;
	}
	sodium_memzero(&st, sizeof st);
	/* Intact means: ended by FINAL, with nothing after it. */
	if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL || i != n)
		return NULL;
	*out_len = o;
	return out;
}
