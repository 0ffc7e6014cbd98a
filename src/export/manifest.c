/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Writing, signing, loading and verifying a bundle's manifest (manifest.h), and
 * lia_bundle_verify (bundle.h): what a team runs on a bundle received by USB key or
 * copied from a remote site, before trusting it.
 */
#include "export/manifest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "export/bundle.h"
#include "export/bundle_fs.h"

#define SIG_HEX (2 * crypto_sign_BYTES)

static int
write_bytes(int dirfd, const char *name, const void *data, size_t n)
{
	struct lia_out_file *f = lia_xmalloc(sizeof *f);
	char sha[65];
	int err = lia_out_open(f, dirfd, name);
	if (!err) {
		f->inject_enospc = false;
		lia_out_write(f, data, n);
		err = lia_out_close(f, sha);
	}
	free(f);
	return err;
}

int
lia_manifest_write(int dirfd, const cJSON *m, const unsigned char *sk, const char **which)
{
	char *text = cJSON_Print(m);
	if (!text) {
		*which = LIA_MANIFEST_NAME;
		return ENOMEM;
	}
	size_t n = strlen(text);
	unsigned char sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, n, sk);
	char sighex[SIG_HEX + 2];
	lia_hex(sig, sizeof sig, sighex);
	sighex[SIG_HEX] = '\n';
	sighex[SIG_HEX + 1] = '\0';
	*which = LIA_MANIFEST_NAME;
	int err = write_bytes(dirfd, LIA_MANIFEST_NAME, text, n);
	cJSON_free(text);
	if (!err) {
		*which = LIA_MANIFEST_SIG_NAME;
		err = write_bytes(dirfd, LIA_MANIFEST_SIG_NAME, sighex, SIG_HEX + 1);
	}
	return err;
}

int
lia_public_key_parse(const char *hex, unsigned char pk[crypto_sign_PUBLICKEYBYTES])
{
	size_t bin_len = 0;
	if (!hex || strlen(hex) != 2 * crypto_sign_PUBLICKEYBYTES)
		return -1;
	if (sodium_hex2bin(pk, crypto_sign_PUBLICKEYBYTES, hex, strlen(hex), NULL, &bin_len,
			   NULL) != 0 ||
	    bin_len != crypto_sign_PUBLICKEYBYTES)
		return -1;
	return 0;
}

/* Checks the signature of text with pk. 0 when valid. */
static int
check_signature(int dirfd, const char *text, size_t n,
		const unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *why, size_t whysize)
{
	char *sig_text = NULL;
	size_t sig_len = 0;
	int err = lia_read_small(dirfd, LIA_MANIFEST_SIG_NAME, 4096, &sig_text, &sig_len);
	if (err) {
		snprintf(why, whysize, "manifest.sig cannot be read (%s)", strerror(err));
		return -1;
	}
	while (sig_len && (sig_text[sig_len - 1] == '\n' || sig_text[sig_len - 1] == '\r' ||
			   sig_text[sig_len - 1] == ' '))
		sig_text[--sig_len] = '\0';
	unsigned char sig[crypto_sign_BYTES];
	size_t bin_len = 0;
	int rc = -1;
	if (sig_len != SIG_HEX ||
	    sodium_hex2bin(sig, sizeof sig, sig_text, sig_len, NULL, &bin_len, NULL) != 0 ||
	    bin_len != sizeof sig) {
		snprintf(why, whysize, "manifest.sig is not a hex Ed25519 signature");
	} else if (crypto_sign_verify_detached(sig, (const unsigned char *)text, n, pk) != 0) {
		char pkhex[2 * crypto_sign_PUBLICKEYBYTES + 1];
		lia_hex(pk, crypto_sign_PUBLICKEYBYTES, pkhex);
		snprintf(why, whysize,
			 "manifest.json does not match manifest.sig under the public key %.16s... "
			 "(the manifest was changed, or signed by another installation)",
			 pkhex);
	} else {
		rc = 0;
	}
	free(sig_text);
	return rc;
}

cJSON *
lia_manifest_load(int dirfd, const unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *why,
		  size_t whysize)
{
	char *text = NULL;
	size_t n = 0;
	int err = lia_read_small(dirfd, LIA_MANIFEST_NAME, LIA_MANIFEST_MAX, &text, &n);
	if (err) {
		snprintf(why, whysize, "manifest.json cannot be read (%s)", strerror(err));
		return NULL;
	}
	cJSON *m = NULL;
	if (check_signature(dirfd, text, n, pk, why, whysize) == 0) {
		m = cJSON_ParseWithLength(text, n);
		const cJSON *fmt = m ? cJSON_GetObjectItemCaseSensitive(m, "format") : NULL;
		if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, LIA_MANIFEST_FORMAT) != 0 ||
		    !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(m, "files"))) {
			snprintf(why, whysize, "manifest.json is not a %s manifest",
				 LIA_MANIFEST_FORMAT);
			cJSON_Delete(m);
			m = NULL;
		}
	}
	free(text);
	return m;
}

int
lia_manifest_path_ok(const char *path)
{
	if (!path || !*path || strlen(path) > 512)
		return 0;
	const char *p = path;
	while (*p) {
		/* Each component: not empty, not hidden (".", "..", ".partial"). */
		if (*p == '/' || *p == '.')
			return 0;
		while (*p && *p != '/') {
			if (*p < 0x21 || *p > 0x7e || *p == '\\')
				return 0;
			p++;
		}
		if (*p == '/')
			p++;
		if (!*p && p[-1] == '/')
			return 0;
	}
	return 1;
}

/* ---- verify ---- */

struct verify {
	FILE *report;
	int problems;
	char **listed; /* sorted */
	size_t nlisted;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_listed(const struct verify *v, const char *path)
{
	return bsearch(&path, v->listed, v->nlisted, sizeof *v->listed, cmp_str) != NULL;
}

/* Reports every file under dirfd (prefix: its path in the bundle) that the manifest
 * does not list. */
static void
find_extra(struct verify *v, int dirfd, const char *prefix, int depth)
{
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	/* A dup shares the offset of the original: start from the top. */
	if (d)
		rewinddir(d);
	if (!d) {
		if (fd >= 0)
			close(fd);
		fprintf(v->report, "unreadable: %s (%s)\n", *prefix ? prefix : ".",
			strerror(errno));
		v->problems++;
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s%s", prefix, de->d_name);
		if (!*prefix && (!strcmp(de->d_name, LIA_MANIFEST_NAME) ||
				 !strcmp(de->d_name, LIA_MANIFEST_SIG_NAME)))
			continue;
		struct stat st;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < 8) {
			int sub = openat(dirfd, de->d_name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				char sub_prefix[sizeof path + 2];
				snprintf(sub_prefix, sizeof sub_prefix, "%s/", path);
				find_extra(v, sub, sub_prefix, depth + 1);
				close(sub);
			}
			continue;
		}
		if (!is_listed(v, path)) {
			fprintf(v->report, "extra: %s (not listed in the manifest)\n", path);
			v->problems++;
		}
	}
	closedir(d);
}

static void
check_file(struct verify *v, int dirfd, const cJSON *f)
{
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(f, "path");
	const cJSON *sha = cJSON_GetObjectItemCaseSensitive(f, "sha256");
	const cJSON *size = cJSON_GetObjectItemCaseSensitive(f, "size");
	if (!cJSON_IsString(path) || !lia_manifest_path_ok(path->valuestring) ||
	    !cJSON_IsString(sha) || !cJSON_IsNumber(size)) {
		fprintf(v->report, "bad manifest: an entry has no valid path, sha256 or size\n");
		v->problems++;
		return;
	}
	const char *p = path->valuestring;
	char got[65];
	int64_t got_size = 0;
	int err = lia_file_sha256(dirfd, p, got, &got_size);
	if (err == ENOENT) {
		fprintf(v->report, "missing: %s\n", p);
		v->problems++;
	} else if (err) {
		fprintf(v->report, "altered: %s (cannot be read: %s)\n", p, strerror(err));
		v->problems++;
	} else if (got_size != (int64_t)size->valuedouble) {
		fprintf(v->report, "altered: %s (size %lld, manifest says %lld)\n", p,
			(long long)got_size, (long long)size->valuedouble);
		v->problems++;
	} else if (strcmp(got, sha->valuestring) != 0) {
		fprintf(v->report, "altered: %s (SHA-256 differs from the manifest)\n", p);
		v->problems++;
	}
}

int
lia_bundle_verify(const char *dir, const unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
		  FILE *report)
{
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		fprintf(report, "not a bundle: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char *text = NULL;
	size_t n = 0;
	int err = lia_read_small(dirfd, LIA_MANIFEST_NAME, LIA_MANIFEST_MAX, &text, &n);
	if (err) {
		fprintf(report, "not a bundle: %s/%s: %s\n", dir, LIA_MANIFEST_NAME, strerror(err));
		close(dirfd);
		return -1;
	}
	struct verify v = {.report = report};
	char why[256];
	if (check_signature(dirfd, text, n, public_key, why, sizeof why) != 0) {
		fprintf(report, "bad signature: %s\n", why);
		v.problems++;
	}
	cJSON *m = cJSON_ParseWithLength(text, n);
	free(text);
	const cJSON *files = m ? cJSON_GetObjectItemCaseSensitive(m, "files") : NULL;
	const cJSON *fmt = m ? cJSON_GetObjectItemCaseSensitive(m, "format") : NULL;
	if (!cJSON_IsArray(files) || !cJSON_IsString(fmt) ||
	    strcmp(fmt->valuestring, LIA_MANIFEST_FORMAT) != 0) {
		fprintf(report, "not a bundle: %s/%s is not a %s manifest\n", dir,
			LIA_MANIFEST_NAME, LIA_MANIFEST_FORMAT);
		cJSON_Delete(m);
		close(dirfd);
		return -1;
	}
	size_t count = (size_t)cJSON_GetArraySize(files);
	v.listed = lia_xcalloc(count + 1, sizeof *v.listed);
	const cJSON *f;
	cJSON_ArrayForEach(f, files)
	{
		check_file(&v, dirfd, f);
		const cJSON *path = cJSON_GetObjectItemCaseSensitive(f, "path");
		if (cJSON_IsString(path))
			v.listed[v.nlisted++] = path->valuestring;
	}
	qsort(v.listed, v.nlisted, sizeof *v.listed, cmp_str);
	find_extra(&v, dirfd, "", 0);
	free(v.listed);
	cJSON_Delete(m);
	close(dirfd);
	return v.problems;
}
