/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The file side of antenna bundles (bundle.h): a file writer that hashes what it
 * writes and makes it durable, copying a file the same way, syncing and removing
 * folders. Everything is relative to directory descriptors, so that a bundle's paths
 * are resolved once and a run never follows a name swapped under it. Errors are
 * errno values: the caller names the path in its message.
 */
#ifndef LIA_EXPORT_BUNDLE_FS_H
#define LIA_EXPORT_BUNDLE_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#define LIA_OUT_BUF 65536

/* A file being written: bytes are buffered, hashed (SHA-256) and counted. */
struct lia_out_file {
	int fd;
	int err;            /* errno of the first failure, 0 while all is well */
	bool inject_enospc; /* fault injection: every write fails with ENOSPC */
	int64_t size;
	size_t used;
	crypto_hash_sha256_state sha;
	unsigned char buf[LIA_OUT_BUF];
};

/* Creates name in dirfd (it must not exist), mode 0600. Returns 0 or an errno. */
int lia_out_open(struct lia_out_file *f, int dirfd, const char *name);
/* A lia_pdf_write_fn: cls is a struct lia_out_file. Returns 0, or -1 (f->err set). */
int lia_out_write(void *cls, const unsigned char *data, size_t n);
/* Flushes and closes; sha256 receives the hex digest. Returns 0 or an errno (the first
 * error seen while writing, or the flush's or close's). Not synced: the bundle syncs
 * its whole folder once before it is renamed into place (lia_bundle_commit), which
 * costs one flush instead of one per file (5,000 fsyncs were most of a run's time). */
int lia_out_close(struct lia_out_file *f, char sha256[65]);
/* Closes without syncing (the file is about to be removed with its folder). */
void lia_out_abort(struct lia_out_file *f);

/* Copies from_dirfd/from into f (opened by the caller), then closes f as
 * lia_out_close does. Returns 0 or an errno. */
int lia_out_copy(struct lia_out_file *f, int from_dirfd, const char *from, char sha256[65]);

/* Hashes dirfd/name: SHA-256 hex and size. Returns 0 or an errno. */
int lia_file_sha256(int dirfd, const char *name, char sha256[65], int64_t *size);

/* Removes dirfd/name and everything under it (symbolic links are removed, never
 * followed). Returns 0 or an errno; ENOENT counts as done. */
int lia_rmtree_at(int dirfd, const char *name);

/* fsync of a directory descriptor. Returns 0 or an errno. */
int lia_fsync_dir(int dirfd);

/* Reads a whole small file (at most max bytes) into a new NUL-terminated buffer
 * (free()). Returns 0 or an errno (EFBIG when larger). */
int lia_read_small(int dirfd, const char *name, size_t max, char **out, size_t *len);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void lia_hex(const unsigned char *in, size_t n, char *out);

#endif
