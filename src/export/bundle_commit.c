/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Making a bundle complete in one step (bundle.h): it is written under
 * .partial-<stamp>, every file and folder synced, the export audited, then renamed to
 * <stamp> and `latest` replaced by a rename of a fresh link. A crash at any point
 * leaves either no new bundle or a complete one, and the previous ones untouched.
 */
#define _GNU_SOURCE /* syncfs */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/uuid.h"
#include "export/bundle_fs.h"
#include "export/bundle_run.h"

#define PARTIAL ".partial-"
#define LATEST_TMP ".latest-"
#define AUDIT_BATCH 500

int
lia_bundle_sweep(struct lia_bundle_run *r)
{
	int fd = dup(r->orgfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	/* A dup shares the offset of the original: start from the top. */
	if (d)
		rewinddir(d);
	if (!d) {
		if (fd >= 0)
			close(fd);
		lia_bundle_fail(r, "cannot read %s: %s", r->org_path, strerror(errno));
		return -1;
	}
	int err = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		/* We hold the lock: these are a crashed run's. */
		if (!strncmp(de->d_name, PARTIAL, strlen(PARTIAL)) ||
		    !strncmp(de->d_name, LATEST_TMP, strlen(LATEST_TMP))) {
			int e = lia_rmtree_at(r->orgfd, de->d_name);
			if (e) {
				err = e;
				lia_bundle_fail(r, "cannot remove the unfinished %s/%s: %s",
						r->org_path, de->d_name, strerror(e));
				break;
			}
			lia_log(LIA_LOG_INFO, "export.partial_removed", "org=%s name=%s",
				r->o->org_id, de->d_name);
		}
	}
	closedir(d);
	return err ? -1 : 0;
}

int
lia_bundle_open_partial(struct lia_bundle_run *r)
{
	char part[64];
	/* Two runs in the same second would share a stamp: wait for the next one. */
	for (int tries = 0; tries < 5; tries++) {
		int64_t now = lia_clock_now_us();
		char t[LIA_RFC3339_LEN];
		lia_time_format(now, t);
		snprintf(r->stamp, sizeof r->stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", t, t + 5, t + 8,
			 t + 11, t + 14, t + 17);
		struct stat st;
		if (fstatat(r->orgfd, r->stamp, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
			break;
		usleep((useconds_t)(1000000 - now % 1000000) + 1000);
	}
	snprintf(part, sizeof part, PARTIAL "%s", r->stamp);
	snprintf(r->part_path, sizeof r->part_path, "%s/%s", r->org_path, part);
	if (mkdirat(r->orgfd, part, 0700) != 0) {
		lia_bundle_fail(r, "cannot create %s: %s", r->part_path, strerror(errno));
		return -1;
	}
	r->partfd = openat(r->orgfd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (r->partfd < 0) {
		lia_bundle_fail(r, "cannot open %s: %s", r->part_path, strerror(errno));
		return -1;
	}
	const char *subs[2] = {"clients", "dlu"};
	int *fds[2] = {&r->clientsfd, &r->dlufd};
	for (int i = 0; i < 2; i++) {
		if (mkdirat(r->partfd, subs[i], 0700) != 0 ||
		    (*fds[i] = openat(r->partfd, subs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC)) <
			    0) {
			lia_bundle_fail(r, "cannot create %s/%s: %s", r->part_path, subs[i],
					strerror(errno));
			return -1;
		}
	}
	return 0;
}

void
lia_bundle_drop_partial(struct lia_bundle_run *r)
{
	char part[64];
	snprintf(part, sizeof part, PARTIAL "%s", r->stamp);
	int e = lia_rmtree_at(r->orgfd, part);
	if (e)
		lia_log(LIA_LOG_WARN, "export.partial_left", "path=%s errno=%d", r->part_path, e);
	else
		lia_fsync_dir(r->orgfd);
}

void
lia_bundle_close(struct lia_bundle_run *r)
{
	int *fds[] = {&r->clientsfd, &r->dlufd, &r->partfd, &r->prevfd, &r->orgfd, &r->lockfd};
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}

/* ---- audit: one entry per client exported ---- */

struct audit_batch {
	struct lia_audit_entry *e;
	size_t n;
};

static int
append(struct lia_conn *c, void *cls)
{
	struct audit_batch *b = cls;
	return c->ops->audit_append(c, b->e, b->n);
}

/* Before the rename: a bundle is never complete without its audit entries on disk. */
static int
audit(struct lia_bundle_run *r)
{
	struct lia_arena *a = lia_arena_new();
	const char *detail = lia_arena_printf(a, "org=%s profile=%s bundle=%s", r->org.id,
					      r->o->profile, r->stamp);
	int64_t at = lia_clock_now_us();
	int st = LIA_STORE_OK;
	for (size_t i = 0; i < r->njobs && st == LIA_STORE_OK; i += AUDIT_BATCH) {
		size_t n = r->njobs - i < AUDIT_BATCH ? r->njobs - i : AUDIT_BATCH;
		struct lia_audit_entry *e = lia_arena_alloc(a, n * sizeof *e);
		for (size_t k = 0; k < n; k++) {
			const struct lia_client *cl = r->jobs[i + k].cl;
			char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
			lia_uuid7(id);
			e[k] = (struct lia_audit_entry){.id = id,
							.org_id = cl->org_id,
							.at = at,
							.actor_role = "system:export",
							.action = "client.export",
							.client_id = cl->id,
							.outcome = "ok",
							.detail = detail};
		}
		struct audit_batch b = {e, n};
		st = lia_store_write(r->conn, append, &b);
	}
	lia_arena_free(a);
	if (st != LIA_STORE_OK) {
		lia_bundle_fail(r, "cannot write the audit entries of the export (%s)",
				lia_store_status_name(st));
		return -1;
	}
	return 0;
}

/* ---- retention ---- */

static int
cmp_desc(const void *a, const void *b)
{
	return -strcmp(*(char *const *)a, *(char *const *)b);
}

static void
prune(struct lia_bundle_run *r)
{
	int fd = dup(r->orgfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	/* A dup shares the offset of the original: start from the top. */
	if (d)
		rewinddir(d);
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	size_t n = 0, cap = 16;
	char **names = lia_xcalloc(cap, sizeof *names);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!lia_bundle_is_stamp(de->d_name))
			continue;
		if (n == cap) {
			cap *= 2;
			names = lia_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = lia_xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_desc);
	for (size_t i = 0; i < n; i++) {
		/* Stamps sort by time; ours is the newest and always kept. */
		if (i >= (size_t)r->o->keep && strcmp(names[i], r->stamp) != 0) {
			int e = lia_rmtree_at(r->orgfd, names[i]);
			if (e)
				lia_log(LIA_LOG_WARN, "export.prune_failed", "path=%s/%s errno=%d",
					r->org_path, names[i], e);
		}
		free(names[i]);
	}
	free(names);
	lia_fsync_dir(r->orgfd);
}

int
lia_bundle_commit(struct lia_bundle_run *r)
{
	int e = 0;
	/* Every file's data and the folders' entries reach the disk in one flush of the
	 * file system (syncfs reports write-back errors, a full disk among them), then the
	 * folders are synced so that their entries are known to be there. */
	const char *which = "(file system)";
	if (syncfs(r->partfd) != 0)
		e = errno;
	else if (which = "clients", !(e = lia_fsync_dir(r->clientsfd))) {
		which = "dlu";
		if (!(e = lia_fsync_dir(r->dlufd))) {
			which = ".";
			e = lia_fsync_dir(r->partfd);
		}
	}
	if (e) {
		lia_bundle_fail(r, "cannot sync %s/%s: %s", r->part_path, which, strerror(e));
		return -1;
	}
	if (audit(r) != 0)
		return -1;
	char part[64];
	snprintf(part, sizeof part, PARTIAL "%s", r->stamp);
	if (renameat(r->orgfd, part, r->orgfd, r->stamp) != 0) {
		lia_bundle_fail(r, "cannot rename %s to %s/%s: %s", r->part_path, r->org_path,
				r->stamp, strerror(errno));
		return -1;
	}
	/* From here the bundle is complete: the partial folder no longer exists. */
	close(r->clientsfd);
	close(r->dlufd);
	close(r->partfd);
	r->clientsfd = r->dlufd = r->partfd = -1;
	if ((e = lia_fsync_dir(r->orgfd)) != 0) {
		lia_bundle_fail(r, "cannot sync %s: %s", r->org_path, strerror(e));
		return -1;
	}
	char tmp[64];
	snprintf(tmp, sizeof tmp, LATEST_TMP "%s", r->stamp);
	unlinkat(r->orgfd, tmp, 0);
	if (symlinkat(r->stamp, r->orgfd, tmp) != 0 ||
	    renameat(r->orgfd, tmp, r->orgfd, "latest") != 0) {
		e = errno;
		unlinkat(r->orgfd, tmp, 0);
		lia_bundle_fail(r,
				"the bundle %s/%s is complete but %s/latest cannot point to it: %s",
				r->org_path, r->stamp, r->org_path, strerror(e));
		return -1;
	}
	lia_fsync_dir(r->orgfd);
	prune(r);
	return 0;
}
