/* SPDX-License-Identifier: EUPL-1.2 */
/* Durable, hashed file writes and folder handling for antenna bundles (bundle_fs.h). */
#include "export/bundle_fs.h"

#include "core/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
lia_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int
lia_out_open(struct lia_out_file *f, int dirfd, const char *name)
{
	f->err = 0;
	f->size = 0;
	f->used = 0;
	f->fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (f->fd < 0)
		return errno;
	crypto_hash_sha256_init(&f->sha);
	return 0;
}

static int
flush(struct lia_out_file *f)
{
	size_t off = 0;
	if (f->used && f->inject_enospc) {
		f->err = ENOSPC;
		return -1;
	}
	while (off < f->used) {
		ssize_t w = write(f->fd, f->buf + off, f->used - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			/* A write of 0 bytes on a regular file means no room. */
			f->err = w < 0 ? errno : ENOSPC;
			return -1;
		}
		off += (size_t)w;
	}
	f->used = 0;
	return 0;
}

int
lia_out_write(void *cls, const unsigned char *data, size_t n)
{
	struct lia_out_file *f = cls;
	if (f->err)
		return -1;
	crypto_hash_sha256_update(&f->sha, data, n);
	f->size += (int64_t)n;
	while (n) {
		size_t room = LIA_OUT_BUF - f->used;
		size_t take = n < room ? n : room;
		memcpy(f->buf + f->used, data, take);
		f->used += take;
		data += take;
		n -= take;
		if (f->used == LIA_OUT_BUF && flush(f) != 0)
			return -1;
	}
	return 0;
}

int
lia_out_close(struct lia_out_file *f, char sha256[65])
{
	int err = f->err;
	if (!err && flush(f) != 0)
		err = f->err;
	if (close(f->fd) != 0 && !err)
		err = errno;
	f->fd = -1;
	if (!err) {
		unsigned char h[crypto_hash_sha256_BYTES];
		crypto_hash_sha256_final(&f->sha, h);
		lia_hex(h, sizeof h, sha256);
	}
	return err;
}

void
lia_out_abort(struct lia_out_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

int
lia_out_copy(struct lia_out_file *f, int from_dirfd, const char *from, char sha256[65])
{
	int in = openat(from_dirfd, from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (in < 0) {
		int e = errno;
		lia_out_abort(f);
		return e;
	}
	unsigned char chunk[16384];
	int err = 0;
	for (;;) {
		ssize_t r = read(in, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			break;
		}
		if (r == 0)
			break;
		if (lia_out_write(f, chunk, (size_t)r) != 0)
			break;
	}
	close(in);
	if (err) {
		lia_out_abort(f);
		return err;
	}
	return lia_out_close(f, sha256);
}

int
lia_file_sha256(int dirfd, const char *name, char sha256[65], int64_t *size)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char chunk[16384];
	int64_t total = 0;
	int err = 0;
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			break;
		}
		if (r == 0)
			break;
		crypto_hash_sha256_update(&st, chunk, (size_t)r);
		total += r;
	}
	close(fd);
	if (err)
		return err;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, h);
	lia_hex(h, sizeof h, sha256);
	*size = total;
	return 0;
}

int
lia_rmtree_at(int dirfd, const char *name)
{
	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return errno;
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return e;
	}
	int err = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		int e = lia_rmtree_at(fd, de->d_name);
		if (e && !err)
			err = e;
	}
	closedir(d);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT && !err)
		err = errno;
	return err;
}

int
lia_fsync_dir(int dirfd)
{
	return fsync(dirfd) == 0 ? 0 : errno;
}

int
lia_read_small(int dirfd, const char *name, size_t max, char **out, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	char *buf = lia_xmalloc(max + 1);
	size_t got = 0;
	int err = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, max + 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			break;
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got > max) {
			err = EFBIG;
			break;
		}
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}
