/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The installation's export signing key (bundle.h: lia_signing_key_load): an Ed25519
 * seed of 32 bytes in a file of mode 0600, created on first use like the attachments
 * key (core/sealed.c). Only the seed is stored: the key pair is derived from it, so
 * a file cannot hold a public key that does not belong to its secret.
 */
#include "export/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"

static int
read_seed(int fd, unsigned char seed[crypto_sign_SEEDBYTES])
{
	size_t got = 0;
	while (got < crypto_sign_SEEDBYTES) {
		ssize_t r = read(fd, seed + got, crypto_sign_SEEDBYTES - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	/* The file must hold exactly a seed: one byte more is not ours. */
	unsigned char extra;
	return read(fd, &extra, 1) == 0 ? 0 : -1;
}

static int
create_seed(const char *path, unsigned char seed[crypto_sign_SEEDBYTES])
{
	/* The keys folder, as `serve` makes it for the attachments key. */
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	char *parent = dirname(dir);
	if (mkdir(parent, 0700) != 0 && errno != EEXIST)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	randombytes_buf(seed, crypto_sign_SEEDBYTES);
	bool ok = write(fd, seed, crypto_sign_SEEDBYTES) == (ssize_t)crypto_sign_SEEDBYTES &&
		  fsync(fd) == 0;
	int e = errno;
	close(fd);
	if (!ok) {
		unlink(path);
		errno = e;
		return -1;
	}
	return 0;
}

int
lia_signing_key_load(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES],
		     unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *err, size_t errsize)
{
	unsigned char *seed = sodium_malloc(crypto_sign_SEEDBYTES);
	if (!seed) {
		snprintf(err, errsize, "out of secure memory");
		return -1;
	}
	int rc = -1;
	for (int attempt = 0; attempt < 2 && rc != 0; attempt++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			int bad = read_seed(fd, seed);
			close(fd);
			if (bad) {
				snprintf(err, errsize,
					 "%s is not an export signing key (it must hold exactly %d "
					 "bytes)",
					 path, crypto_sign_SEEDBYTES);
				break;
			}
			rc = 0;
		} else if (errno == ENOENT) {
			if (create_seed(path, seed) == 0) {
				lia_log(LIA_LOG_INFO, "export.key_created", "path=%s", path);
				rc = 0;
			} else if (errno != EEXIST) { /* EEXIST: another process made it: read it */
				snprintf(err, errsize,
					 "cannot create the export signing key %s: %s", path,
					 strerror(errno));
				break;
			}
		} else {
			snprintf(err, errsize, "cannot read the export signing key %s: %s", path,
				 strerror(errno));
			break;
		}
	}
	if (rc == 0)
		crypto_sign_seed_keypair(pk, sk, seed);
	sodium_free(seed); /* wipes */
	return rc;
}
