/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * One antenna bundle run (bundle.h): list the clients of the subtree, render their
 * records and DLUs on worker threads (each with its own connection and arena), reuse
 * unchanged files of the previous bundle on incremental runs, write the index and the
 * signed manifest, audit the export, and only then make the bundle complete with one
 * rename. Everything a run needs lives in its struct run: the server may run one
 * bundle per organisation at the same time as others.
 */
#include "export/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "export/bundle_fs.h"
#include "export/bundle_run.h"
#include "export/dlu_view.h"
#include "export/manifest.h"
#include "export/record_view.h"
#include "pdf/render.h"

void
lia_bundle_fail(struct lia_bundle_run *r, const char *fmt, ...)
{
	pthread_mutex_lock(&r->lock);
	if (!r->error[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->error, sizeof r->error, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&r->lock);
	atomic_store(&r->failed, 1);
}

/* The name a team knows the client by, as printed first: the used name when there
 * is one (upper-case ASCII keys, lia_client_keys). */
static const char *
display_key(const struct lia_client *cl)
{
	return cl->used_name_key ? cl->used_name_key : cl->name_key ? cl->name_key : "";
}

static int
cmp_display(const void *a, const void *b)
{
	const struct lia_bundle_job *x = a, *y = b;
	int c = strcmp(display_key(x->cl), display_key(y->cl));
	return c ? c : strcmp(x->cl->id, y->cl->id);
}

/* "DUPONT JEANNE" + id → "DUPONT-JEANNE-0123456789ab": ASCII only (name_key is
 * already upper-case ASCII), and the id's random tail tells namesakes apart. */
static void
base_name(const struct lia_client *cl, char *out, size_t size)
{
	char name[64];
	size_t n = 0;
	bool dash = false;
	for (const char *p = display_key(cl); *p && n < 48; p++) {
		char ch = *p;
		bool keep = (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    (ch >= 'a' && ch <= 'z');
		if (keep) {
			if (dash && n)
				name[n++] = '-';
			name[n++] = ch;
			dash = false;
		} else {
			dash = true;
		}
	}
	name[n] = '\0';
	size_t idlen = strlen(cl->id);
	const char *tail = idlen > 12 ? cl->id + idlen - 12 : cl->id;
	snprintf(out, size, "%s-%s", n ? name : "CLIENT", tail);
}

/* ---- the run ---- */

static int
cmp_id(const void *a, const void *b)
{
	const struct lia_bundle_job *const *x = a, *const *y = b;
	return strcmp((*x)->cl->id, (*y)->cl->id);
}

struct lia_bundle_job *
lia_bundle_find(struct lia_bundle_run *r, const char *client_id)
{
	if (!client_id)
		return NULL;
	struct lia_client key_cl = {.id = client_id};
	struct lia_bundle_job key = {.cl = &key_cl};
	const struct lia_bundle_job *kp = &key;
	struct lia_bundle_job **hit = bsearch(&kp, r->by_id, r->njobs, sizeof *r->by_id, cmp_id);
	return hit ? *hit : NULL;
}

static int
list_clients(struct lia_bundle_run *r)
{
	const char *scope[1] = {r->org.path};
	size_t cap = 256;
	r->jobs = lia_xcalloc(cap, sizeof *r->jobs);
	const char *after_key = NULL, *after_id = NULL;
	for (;;) {
		struct lia_client_query q = {.scope_paths = scope,
					     .nscope = 1,
					     .after_name_key = after_key,
					     .after_id = after_id,
					     .limit = 200};
		struct lia_client *items = NULL;
		size_t n = 0;
		int st = r->conn->ops->client_search(r->conn, r->arena, &q, &items, &n);
		if (st != LIA_STORE_OK) {
			lia_bundle_fail(r, "cannot list the clients of organisation %s (%s)",
					r->o->org_id, lia_store_status_name(st));
			return -1;
		}
		for (size_t i = 0; i < n; i++) {
			if (r->njobs == cap) {
				cap *= 2;
				r->jobs = lia_xrealloc(r->jobs, cap * sizeof *r->jobs);
			}
			struct lia_bundle_job *j = &r->jobs[r->njobs++];
			memset(j, 0, sizeof *j);
			j->cl = &items[i];
			base_name(j->cl, j->base, sizeof j->base);
		}
		if (n < 200)
			break;
		after_key = items[n - 1].name_key;
		after_id = items[n - 1].id;
	}
	/* The index lists clients by the name printed first (the used name). */
	qsort(r->jobs, r->njobs, sizeof *r->jobs, cmp_display);
	r->by_id = lia_xcalloc(r->njobs + 1, sizeof *r->by_id);
	for (size_t i = 0; i < r->njobs; i++)
		r->by_id[i] = &r->jobs[i];
	qsort(r->by_id, r->njobs, sizeof *r->by_id, cmp_id);
	return 0;
}

/* ---- output folders ---- */

bool
lia_bundle_is_stamp(const char *s)
{
	if (strlen(s) != LIA_BUNDLE_STAMP_LEN || s[8] != 'T' || s[15] != 'Z')
		return false;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* Opens out_dir/<org id>, takes its lock, removes what a crashed run left. */
static int
open_org_dir(struct lia_bundle_run *r)
{
	const char *out = r->o->out_dir;
	if (mkdir(out, 0700) != 0 && errno != EEXIST) {
		lia_bundle_fail(r, "cannot create the output folder %s: %s", out, strerror(errno));
		return -1;
	}
	int outfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (outfd < 0) {
		lia_bundle_fail(r, "cannot use the output folder %s: %s", out, strerror(errno));
		return -1;
	}
	if (mkdirat(outfd, r->o->org_id, 0700) != 0 && errno != EEXIST) {
		lia_bundle_fail(r, "cannot create %s/%s: %s", out, r->o->org_id, strerror(errno));
		close(outfd);
		return -1;
	}
	r->orgfd = openat(outfd, r->o->org_id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int e = errno;
	close(outfd);
	if (r->orgfd < 0) {
		lia_bundle_fail(r, "cannot use %s/%s: %s", out, r->o->org_id, strerror(e));
		return -1;
	}
	snprintf(r->org_path, sizeof r->org_path, "%s/%s", out, r->o->org_id);
	/* One run per organisation at a time: a second one would remove the first one's
	 * partial folder. The lock goes with the process, even on kill -9. */
	r->lockfd = openat(r->orgfd, ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (r->lockfd < 0) {
		lia_bundle_fail(r, "cannot write in %s: %s", r->org_path, strerror(errno));
		return -1;
	}
	if (flock(r->lockfd, LOCK_EX | LOCK_NB) != 0) {
		lia_bundle_fail(r, "another export of organisation %s is running (%s/.lock)",
				r->o->org_id, r->org_path);
		return -1;
	}
	return lia_bundle_sweep(r);
}

/* ---- rendering ---- */

typedef int (*render_fn)(const cJSON *view, bool french, lia_pdf_write_fn w, void *cls);

/* Renders view into dirfd/<sub>/<name>, adds the manifest entry. */
static int
write_pdf(struct lia_bundle_run *r, struct lia_out_file *f, int dirfd, const char *sub,
	  const char *name, render_fn render, const cJSON *view, const char *kind,
	  const char *client_id, cJSON **entry)
{
	char path[256];
	snprintf(path, sizeof path, "%s%s%s", sub, *sub ? "/" : "", name);
	int err = lia_out_open(f, dirfd, name);
	if (err) {
		lia_bundle_fail(r, "cannot write %s/%s: %s", r->part_path, path, strerror(err));
		return -1;
	}
	long nth = atomic_fetch_add(&r->files_started, 1) + 1;
	f->inject_enospc = r->fault_enospc_after > 0 && nth == r->fault_enospc_after;
	if (r->fault_delay_ms > 0)
		usleep((useconds_t)r->fault_delay_ms * 1000);
	int rc = render(view, r->o->french, lia_out_write, f);
	if (rc != LIA_PDF_OK && !f->err) {
		lia_out_abort(f);
		if (client_id)
			lia_bundle_fail(r, "cannot render the %s of client %s (PDF status %d)",
					kind, client_id, rc);
		else
			lia_bundle_fail(r, "cannot render %s (PDF status %d)", path, rc);
		return -1;
	}
	char sha[65];
	err = lia_out_close(f, sha);
	if (err) {
		lia_bundle_fail(r, "cannot write %s/%s: %s", r->part_path, path, strerror(err));
		return -1;
	}
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "path", path);
	cJSON_AddStringToObject(e, "kind", kind);
	if (client_id)
		cJSON_AddStringToObject(e, "client_id", client_id);
	cJSON_AddStringToObject(e, "sha256", sha);
	cJSON_AddNumberToObject(e, "size", (double)f->size);
	cJSON_AddStringToObject(e, "generated_at", r->now_text);
	*entry = e;
	atomic_fetch_add(&r->files, 1);
	atomic_fetch_add(&r->bytes, f->size);
	return 0;
}

/* Copies a file of the previous bundle with its entry. Returns 0, 1 when the previous
 * file is gone or not what its manifest says (render it instead), -1 on failure. */
static int
copy_prev(struct lia_bundle_run *r, struct lia_out_file *f, int dirfd, const cJSON *prev,
	  cJSON **entry)
{
	const char *path = cJSON_GetObjectItemCaseSensitive(prev, "path")->valuestring;
	const char *want = cJSON_GetObjectItemCaseSensitive(prev, "sha256")->valuestring;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int err = lia_out_open(f, dirfd, name);
	if (err) {
		lia_bundle_fail(r, "cannot write %s/%s: %s", r->part_path, path, strerror(err));
		return -1;
	}
	long nth = atomic_fetch_add(&r->files_started, 1) + 1;
	f->inject_enospc = r->fault_enospc_after > 0 && nth == r->fault_enospc_after;
	char sha[65];
	err = lia_out_copy(f, r->prevfd, path, sha);
	if (err == ENOENT || err == ELOOP || (!err && strcmp(sha, want) != 0)) {
		unlinkat(dirfd, name, 0);
		return 1;
	}
	if (err) {
		lia_bundle_fail(r, "cannot write %s/%s: %s", r->part_path, path, strerror(err));
		return -1;
	}
	*entry = cJSON_Duplicate(prev, 1);
	atomic_fetch_add(&r->files, 1);
	atomic_fetch_add(&r->bytes, f->size);
	return 0;
}

static int
do_client(struct lia_bundle_run *r, struct lia_conn *c, struct lia_out_file *f,
	  struct lia_bundle_job *j)
{
	const struct lia_client *cl = j->cl;
	struct lia_arena *a = lia_arena_new();
	struct lia_circle_member *circle = NULL;
	struct lia_consent *consents = NULL;
	size_t ncircle = 0, nconsents = 0;
	cJSON *view = NULL, *dview = NULL;
	int rc = -1;
	int st = c->ops->circle_list(c, a, cl->id, &circle, &ncircle);
	if (st == LIA_STORE_OK)
		st = c->ops->consent_list(c, a, cl->id, &consents, &nconsents);
	struct lia_subject s = {.client_id = cl->id,
				.org_path = cl->org_path,
				.circle = circle,
				.ncircle = ncircle,
				.consents = consents,
				.nconsents = nconsents,
				.today = r->today,
				.now = r->now};
	struct lia_reader rd;
	lia_reader_for_profile(r->o->profile, r->org.path, &s, &rd);
	if (st == LIA_STORE_OK)
		st = lia_record_view(c, a, cl, &s, &rd, r->now, r->tz, &view);
	if (st != LIA_STORE_OK) {
		lia_bundle_fail(r, "cannot read the record of client %s (%s)", cl->id,
				lia_store_status_name(st));
		goto out;
	}
	j->index_row = lia_record_index_row(view);
	char name[128];
	snprintf(name, sizeof name, "%s.pdf", j->base);
	if (j->prev_rec) {
		int cr = copy_prev(r, f, r->clientsfd, j->prev_rec, &j->rec_entry);
		if (cr < 0)
			goto out;
		if (cr == 0 && j->prev_dlu) {
			cr = copy_prev(r, f, r->dlufd, j->prev_dlu, &j->dlu_entry);
			if (cr < 0)
				goto out;
			if (cr > 0) { /* render both: they go together */
				unlinkat(r->clientsfd, name, 0);
				const cJSON *sz =
					cJSON_GetObjectItemCaseSensitive(j->rec_entry, "size");
				atomic_fetch_sub(&r->bytes, (int64_t)cJSON_GetNumberValue(sz));
				cJSON_Delete(j->rec_entry);
				j->rec_entry = NULL;
				atomic_fetch_sub(&r->files, 1);
			}
		}
		if (cr == 0) {
			j->reused = true;
			rc = 0;
			goto out;
		}
	}
	if (write_pdf(r, f, r->clientsfd, "clients", name, lia_pdf_render_record, view, "record",
		      cl->id, &j->rec_entry) != 0)
		goto out;
	struct lia_dlu d;
	st = c->ops->dlu_get(c, a, cl->id, &d);
	if (st == LIA_STORE_OK)
		st = lia_dlu_view(c, a, cl, &s, &rd, NULL, r->now, r->tz, &dview);
	if (st == LIA_STORE_OK) {
		if (write_pdf(r, f, r->dlufd, "dlu", name, lia_pdf_render_dlu, dview, "dlu", cl->id,
			      &j->dlu_entry) != 0)
			goto out;
	} else if (st != LIA_STORE_NOT_FOUND) {
		lia_bundle_fail(r, "cannot read the DLU of client %s (%s)", cl->id,
				lia_store_status_name(st));
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(view);
	cJSON_Delete(dview);
	lia_arena_free(a);
	return rc;
}

static void *
worker(void *cls)
{
	struct lia_bundle_run *r = cls;
	struct lia_conn *c = NULL;
	struct lia_out_file *f = lia_xmalloc(sizeof *f);
	f->fd = -1;
	if (lia_store_connect(r->o->database_url, &c) != LIA_STORE_OK) {
		lia_bundle_fail(r, "a rendering thread cannot open the database");
		free(f);
		return NULL;
	}
	for (;;) {
		size_t i = atomic_fetch_add(&r->next, 1);
		if (i >= r->njobs || atomic_load(&r->failed))
			break;
		if (r->o->cancel && atomic_load(r->o->cancel)) {
			lia_bundle_fail(r, "cancelled: the server is stopping");
			break;
		}
		struct lia_bundle_job *j = &r->jobs[i];
		if (do_client(r, c, f, j) != 0)
			break;
		if (r->progress) {
			atomic_fetch_add(&r->progress->done, 1);
			if (j->reused)
				atomic_fetch_add(&r->progress->reused, 1);
		}
	}
	c->ops->conn_close(c);
	free(f);
	return NULL;
}

static int
render_all(struct lia_bundle_run *r)
{
	int n = r->o->threads;
	pthread_t tids[16];
	int started = 0;
	for (int i = 0; i < n; i++) {
		if (pthread_create(&tids[i], NULL, worker, r) != 0) {
			lia_bundle_fail(r, "cannot start a rendering thread");
			break;
		}
		started++;
	}
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	return atomic_load(&r->failed) ? -1 : 0;
}

static int
write_index(struct lia_bundle_run *r, cJSON *files)
{
	cJSON *idx = cJSON_CreateObject();
	cJSON_AddStringToObject(idx, "organisation", r->org.name);
	cJSON_AddStringToObject(idx, "organisation_id", r->org.id);
	cJSON_AddStringToObject(idx, "generated_at", r->now_text);
	cJSON_AddStringToObject(idx, "profile", r->o->profile);
	cJSON_AddStringToObject(idx, "tz", r->tz);
	cJSON *rows = cJSON_AddArrayToObject(idx, "rows");
	for (size_t i = 0; i < r->njobs; i++) {
		if (r->jobs[i].index_row) {
			cJSON_AddItemToArray(rows, r->jobs[i].index_row);
			r->jobs[i].index_row = NULL; /* owned by rows now */
		}
	}
	struct lia_out_file *f = lia_xmalloc(sizeof *f);
	f->fd = -1;
	cJSON *entry = NULL;
	int rc = write_pdf(r, f, r->partfd, "", "index.pdf", lia_pdf_render_index, idx, "index",
			   NULL, &entry);
	free(f);
	cJSON_Delete(idx);
	if (rc == 0)
		cJSON_AddItemToArray(files, entry);
	return rc;
}

struct index_job {
	struct lia_bundle_run *r;
	cJSON *entries;
	int rc;
};

static void *
index_thread(void *cls)
{
	struct index_job *ij = cls;
	ij->rc = write_index(ij->r, ij->entries);
	return NULL;
}

/* The PDF engine keeps a font map per thread and frees it when the thread ends: the
 * index is drawn on a thread of its own so that the caller's thread (the CLI's main
 * thread, a server thread that lives on) does not keep one. */
static int
index_in_thread(struct lia_bundle_run *r, cJSON *entries)
{
	struct index_job ij = {r, entries, -1};
	pthread_t t;
	if (pthread_create(&t, NULL, index_thread, &ij) != 0) {
		lia_bundle_fail(r, "cannot start the index thread");
		return -1;
	}
	pthread_join(t, NULL);
	return ij.rc;
}

static int
cmp_entry(const void *a, const void *b)
{
	const cJSON *const *x = a, *const *y = b;
	return strcmp(cJSON_GetObjectItemCaseSensitive(*x, "path")->valuestring,
		      cJSON_GetObjectItemCaseSensitive(*y, "path")->valuestring);
}

/* The files array, sorted by path (a manifest reads the same for the same bundle). */
static cJSON *
sorted_files(struct lia_bundle_run *r, cJSON *index_entries)
{
	size_t n = 0, cap = 2 * r->njobs + 2;
	cJSON **all = lia_xcalloc(cap, sizeof *all);
	cJSON *e;
	while ((e = cJSON_DetachItemFromArray(index_entries, 0)) != NULL)
		all[n++] = e;
	for (size_t i = 0; i < r->njobs; i++) {
		if (r->jobs[i].rec_entry)
			all[n++] = r->jobs[i].rec_entry;
		if (r->jobs[i].dlu_entry)
			all[n++] = r->jobs[i].dlu_entry;
		r->jobs[i].rec_entry = r->jobs[i].dlu_entry = NULL;
	}
	qsort(all, n, sizeof *all, cmp_entry);
	cJSON *files = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(files, all[i]);
	free(all);
	return files;
}

static int
write_manifest(struct lia_bundle_run *r, cJSON *files)
{
	char pkhex[2 * crypto_sign_PUBLICKEYBYTES + 1];
	/* libsodium's secret key ends with the public key. */
	lia_hex(r->o->signing_key + crypto_sign_SEEDBYTES, crypto_sign_PUBLICKEYBYTES, pkhex);
	cJSON *m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "format", LIA_MANIFEST_FORMAT);
	cJSON *org = cJSON_AddObjectToObject(m, "org");
	cJSON_AddStringToObject(org, "id", r->org.id);
	cJSON_AddStringToObject(org, "name", r->org.name);
	cJSON_AddStringToObject(m, "profile", r->o->profile);
	cJSON_AddStringToObject(m, "lang", r->o->french ? "fr" : "en");
	cJSON_AddStringToObject(m, "generated_at", r->now_text);
	cJSON_AddNumberToObject(m, "change_seq", (double)r->head);
	cJSON_AddStringToObject(m, "public_key", pkhex);
	cJSON_AddItemToObject(m, "files", files);
	const char *which = NULL;
	int err = lia_manifest_write(r->partfd, m, r->o->signing_key, &which);
	cJSON_Delete(m);
	if (err) {
		lia_bundle_fail(r, "cannot write %s/%s: %s", r->part_path, which, strerror(err));
		return -1;
	}
	return 0;
}

/* out_dir/<org>/<stamp>, cut (never overflowing) when absurdly long. */
static void
bundle_path(char *out, size_t size, const char *org_path, const char *stamp)
{
	size_t n = strlen(org_path);
	if (n + 1 + strlen(stamp) + 1 > size)
		n = 0;
	memcpy(out, org_path, n);
	out[n] = '/';
	memcpy(out + n + 1, stamp, strlen(stamp) + 1);
}

static int
valid_opts(const struct lia_bundle_opts *o, struct lia_bundle_result *res)
{
	const char *why = NULL;
	if (!o->database_url || !o->org_id || !*o->org_id || !o->out_dir || !*o->out_dir)
		why = "database, organisation and output folder are required";
	else if (!o->profile || !lia_export_profile_valid(o->profile))
		why = "the profile must be care or health";
	else if (o->threads < 1 || o->threads > 16)
		why = "threads must be between 1 and 16";
	else if (o->keep < 1)
		why = "keep must be at least 1";
	else if (!o->signing_key)
		why = "no signing key";
	else if (!lia_uuid_valid(o->org_id))
		why = "the organisation must be given by its id";
	if (why)
		snprintf(res->error, sizeof res->error, "%s", why);
	return why ? -1 : 0;
}

int
lia_bundle_run(const struct lia_bundle_opts *o, struct lia_bundle_progress *progress,
	       struct lia_bundle_result *result)
{
	memset(result, 0, sizeof *result);
	if (valid_opts(o, result) != 0)
		return -1;
	int64_t t0 = lia_clock_now_us();
	struct lia_bundle_run *r = lia_xcalloc(1, sizeof *r);
	r->o = o;
	r->progress = progress;
	r->orgfd = r->lockfd = r->partfd = r->clientsfd = r->dlufd = r->prevfd = -1;
	pthread_mutex_init(&r->lock, NULL);
	r->arena = lia_arena_new();
#ifdef LIA_FAULT_INJECTION
	const char *fe = getenv("LIA_FAULT_EXPORT_ENOSPC_AFTER");
	r->fault_enospc_after = fe ? strtol(fe, NULL, 10) : 0;
	fe = getenv("LIA_FAULT_EXPORT_DELAY_MS");
	r->fault_delay_ms = fe ? strtol(fe, NULL, 10) : 0;
	fe = getenv("LIA_FAULT_EXPORT_DAYS_AHEAD");
	r->fault_days_ahead = fe ? strtol(fe, NULL, 10) : 0;
#endif
	if (progress) {
		atomic_store(&progress->started_at, t0);
		atomic_store(&progress->total, 0);
		atomic_store(&progress->done, 0);
		atomic_store(&progress->reused, 0);
		atomic_store(&progress->running, 1);
	}
	int rc = -1;
	int st = lia_store_connect(o->database_url, &r->conn);
	if (st != LIA_STORE_OK) {
		lia_bundle_fail(r, "cannot open the database");
		goto out;
	}
	st = r->conn->ops->org_get(r->conn, r->arena, o->org_id, &r->org);
	if (st != LIA_STORE_OK) {
		lia_bundle_fail(r,
				st == LIA_STORE_NOT_FOUND ? "no organisation %s" :
							    "cannot read organisation %s",
				o->org_id);
		goto out;
	}
	r->tz = r->org.tz && lia_tz_valid(r->org.tz) ? r->org.tz : "Europe/Paris";
	if (open_org_dir(r) != 0)
		goto out;
	/* The head first: whatever changes while we read is after it, and the next
	 * incremental run picks it up. */
	if ((st = r->conn->ops->changes_head(r->conn, &r->head)) != LIA_STORE_OK) {
		lia_bundle_fail(r, "cannot read the change feed (%s)", lia_store_status_name(st));
		goto out;
	}
	/* Test builds may run "tomorrow" to show that yesterday's files are redone. */
	r->now = lia_clock_now_us() + (int64_t)r->fault_days_ahead * 86400 * 1000000;
	lia_time_format(r->now, r->now_text);
	char hhmmss[9];
	lia_local_format(r->tz, r->now, r->today, hhmmss);
	if (list_clients(r) != 0)
		goto out;
	if (progress)
		atomic_store(&progress->total, (int64_t)r->njobs);
	if (o->incremental && lia_bundle_plan_incremental(r) != 0)
		goto out;
	if (lia_bundle_open_partial(r) != 0)
		goto out;
	if (render_all(r) != 0)
		goto out;
	cJSON *index_entries = cJSON_CreateArray();
	if (index_in_thread(r, index_entries) != 0) {
		cJSON_Delete(index_entries);
		goto out;
	}
	cJSON *files = sorted_files(r, index_entries);
	cJSON_Delete(index_entries);
	if (write_manifest(r, files) != 0)
		goto out;
	if (lia_bundle_commit(r) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0 && r->partfd >= 0)
		lia_bundle_drop_partial(r);
	result->clients = (int64_t)r->njobs;
	for (size_t i = 0; i < r->njobs; i++) {
		if (r->jobs[i].reused)
			result->reused++;
		cJSON_Delete(r->jobs[i].index_row);
		cJSON_Delete(r->jobs[i].rec_entry);
		cJSON_Delete(r->jobs[i].dlu_entry);
	}
	result->rendered = rc == 0 ? result->clients - result->reused : 0;
	result->files = atomic_load(&r->files);
	result->bytes = atomic_load(&r->bytes);
	result->change_seq = r->head;
	result->seconds = (double)(lia_clock_now_us() - t0) / 1e6;
	if (rc == 0)
		bundle_path(result->path, sizeof result->path, r->org_path, r->stamp);
	else
		snprintf(result->error, sizeof result->error, "%s",
			 r->error[0] ? r->error : "the export failed");
	lia_bundle_close(r);
	if (progress)
		atomic_store(&progress->running, 0);
	free(r->jobs);
	free(r->by_id);
	cJSON_Delete(r->prev);
	if (r->conn)
		r->conn->ops->conn_close(r->conn);
	lia_arena_free(r->arena);
	pthread_mutex_destroy(&r->lock);
	free(r);
	return rc;
}
