/* SPDX-License-Identifier: EUPL-1.2 */
/* The in-server bundle scheduler (see schedule.h). */
#include "export/schedule.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "export/manifest.h"
#include "store/store.h"

/* Organisations followed at once: the scheduled ones and those asked for since. */
#define MAX_TRACKED 256
/* How long shutdown waits for a run in progress before cancelling it (below the 30 s
 * a service manager usually allows between SIGTERM and SIGKILL). */
#define STOP_GRACE_S 20

struct org_state {
	char id[40];
	char name[201];
	char path[1024];
	long minutes;
	char profile[8];
	int64_t next_run_at;
	int64_t queued_at;          /* 0: not queued */
	bool running;
	bool had_bundle;            /* a complete bundle exists: later runs reuse it */
	struct lia_bundle_progress progress; /* written by the run without the lock */
	bool has_last;
	struct lia_bundle_result last;
	int64_t last_finished_at;
	char last_error[512];
	int64_t last_error_at;
};

struct lia_export_schedule {
	pthread_mutex_t lock;
	pthread_cond_t wake;        /* work queued, or stop */
	pthread_cond_t idle;        /* a run ended */
	pthread_t thread;
	bool stopping;
	bool busy;
	_Atomic int cancel;         /* set past the stop grace: the run in progress gives up */
	char *url;
	char *out_dir;
	char default_profile[8];
	int threads, keep;
	unsigned char *sk;          /* sodium_malloc: seed + public key */
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	struct org_state *orgs[MAX_TRACKED]; /* each stays put: runs hold its progress */
	size_t norgs;
};

static void
copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* Resolves an organisation named by id or exact name. */
static int
resolve_org(struct lia_conn *c, struct lia_arena *a, const char *id_or_name, struct lia_org *out,
	    char *err, size_t errsize)
{
	int st = lia_store_org_find(c, a, id_or_name, out);
	if (st == LIA_STORE_OK)
		return 0;
	snprintf(err, errsize, "export-schedule: \"%s\": %s", id_or_name,
		 st == LIA_STORE_CONFLICT    ? "several organisations have this name: use its id"
		 : st == LIA_STORE_NOT_FOUND ? "no organisation has this id or name"
					     : lia_store_status_name(st));
	return -1;
}

static struct org_state *
add_org(struct lia_export_schedule *s, const char *id, const char *name, const char *path)
{
	if (s->norgs == MAX_TRACKED)
		return NULL;
	struct org_state *o = lia_xcalloc(1, sizeof *o);
	copy_str(o->id, sizeof o->id, id);
	copy_str(o->name, sizeof o->name, name);
	copy_str(o->path, sizeof o->path, path);
	copy_str(o->profile, sizeof o->profile, s->default_profile);
	s->orgs[s->norgs++] = o;
	return o;
}

static struct org_state *
find_org(struct lia_export_schedule *s, const char *id)
{
	for (size_t i = 0; i < s->norgs; i++)
		if (!strcmp(s->orgs[i]->id, id))
			return s->orgs[i];
	return NULL;
}

/* The newest complete bundle already on disk (a restart): shown as the last one, its
 * run's figures unknown (seconds -1), and the next run is incremental from it. A
 * bundle whose manifest does not verify is ignored (the next run is a full one). */
static void
read_last(struct lia_export_schedule *s, struct org_state *o)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/%s/latest", s->out_dir, o->id);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	char why[256];
	cJSON *m = lia_manifest_load(fd, s->pk, why, sizeof why);
	close(fd);
	if (!m)
		return;
	struct lia_bundle_result *b = &o->last;
	memset(b, 0, sizeof *b);
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(m, "files"))
	{
		const cJSON *kind = cJSON_GetObjectItemCaseSensitive(f, "kind");
		b->files++;
		b->bytes += (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(f, "size"));
		b->clients += cJSON_IsString(kind) && !strcmp(kind->valuestring, "record");
	}
	b->seconds = -1;
	if (!realpath(dir, b->path))
		copy_str(b->path, sizeof b->path, dir);
	const char *at = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "generated_at"));
	int64_t us = 0;
	if (at && lia_time_parse(at, &us)) {
		o->last_finished_at = us;
		o->has_last = true;
		o->had_bundle = true;
	}
	cJSON_Delete(m);
}

static int
load_schedule(struct lia_export_schedule *s, const struct lia_config *cfg, char *err,
	      size_t errsize)
{
	struct lia_export_sched_entry *e = lia_xcalloc(LIA_EXPORT_MAX_ORGS, sizeof *e);
	size_t n = 0;
	int rc = lia_config_export_schedule_parse(cfg->export_schedule, e, &n, err, errsize);
	if (rc != 0 || n == 0)
		goto out;
	struct lia_conn *c = NULL;
	int st = lia_store_connect(s->url, &c);
	if (st != LIA_STORE_OK) {
		snprintf(err, errsize, "export-schedule: cannot open the database: %s",
			 lia_store_status_name(st));
		rc = -1;
		goto out;
	}
	struct lia_arena *a = lia_arena_new();
	int64_t now = lia_clock_now_us();
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct lia_org org;
		if (resolve_org(c, a, e[i].org, &org, err, errsize) != 0) {
			rc = -1;
		} else if (find_org(s, org.id)) {
			snprintf(err, errsize, "export-schedule: %s is listed twice", e[i].org);
			rc = -1;
		} else {
			struct org_state *o = add_org(s, org.id, org.name, org.path);
			o->minutes = e[i].minutes;
			if (e[i].profile[0])
				copy_str(o->profile, sizeof o->profile, e[i].profile);
			o->next_run_at = now; /* when its last run started is not known: now */
			read_last(s, o);
		}
	}
	lia_arena_free(a);
	c->ops->conn_close(c);
out:
	free(e);
	return rc;
}

/* DATA_DIR/<leaf> unless the key names a path; made with its parent folder. */
static char *
default_path(const char *value, const char *data_dir, const char *leaf)
{
	if (value && *value)
		return lia_xstrdup(value);
	size_t n = strlen(data_dir) + strlen(leaf) + 2;
	char *p = lia_xmalloc(n);
	snprintf(p, n, "%s/%s", data_dir, leaf);
	return p;
}

static int
make_dir(const char *path)
{
	return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* The next organisation to run, or NULL: the longest queued first, then the most
 * overdue scheduled one. *wait_until gets the next due time (0: none). */
static struct org_state *
next_due(struct lia_export_schedule *s, int64_t now, int64_t *wait_until)
{
	struct org_state *pick = NULL;
	*wait_until = 0;
	for (size_t i = 0; i < s->norgs; i++) {
		struct org_state *o = s->orgs[i];
		if (o->queued_at && (!pick || !pick->queued_at || o->queued_at < pick->queued_at))
			pick = o;
	}
	if (pick)
		return pick;
	for (size_t i = 0; i < s->norgs; i++) {
		struct org_state *o = s->orgs[i];
		if (!o->minutes)
			continue;
		if (o->next_run_at <= now && (!pick || o->next_run_at < pick->next_run_at))
			pick = o;
		if (!*wait_until || o->next_run_at < *wait_until)
			*wait_until = o->next_run_at;
	}
	return pick;
}

/* One bundle, run without the lock (the caller holds it on entry and exit). */
static void
run_one(struct lia_export_schedule *s, struct org_state *o)
{
	int64_t now = lia_clock_now_us();
	o->queued_at = 0;
	o->running = true;
	s->busy = true;
	if (o->minutes)
		o->next_run_at = now + (int64_t)o->minutes * 60 * 1000000;
	atomic_store(&o->progress.started_at, now);
	atomic_store(&o->progress.total, 0);
	atomic_store(&o->progress.done, 0);
	atomic_store(&o->progress.reused, 0);
	atomic_store(&o->progress.running, 1);
	struct lia_bundle_opts opts = {
		.database_url = s->url,
		.org_id = o->id,
		.out_dir = s->out_dir,
		.profile = o->profile,
		.threads = s->threads,
		.keep = s->keep,
		.incremental = o->had_bundle,
		.french = true,
		.signing_key = s->sk,
		.cancel = &s->cancel,
	};
	pthread_mutex_unlock(&s->lock);

	lia_log(LIA_LOG_INFO, "export.started", "org=%s incremental=%d profile=%s", o->id,
		opts.incremental, opts.profile);
	struct lia_bundle_result *res = lia_xcalloc(1, sizeof *res);
	int rc = lia_bundle_run(&opts, &o->progress, res);
	if (rc == 0)
		lia_log(LIA_LOG_INFO, "export.finished",
			"org=%s clients=%lld rendered=%lld reused=%lld seconds=%.1f", o->id,
			(long long)res->clients, (long long)res->rendered, (long long)res->reused,
			res->seconds);
	else
		lia_log(LIA_LOG_WARN, "export.failed", "org=%s error=\"%s\"", o->id, res->error);

	pthread_mutex_lock(&s->lock);
	atomic_store(&o->progress.running, 0);
	o->running = false;
	s->busy = false;
	if (rc == 0) {
		o->last = *res;
		o->has_last = true;
		o->had_bundle = true;
		o->last_finished_at = lia_clock_now_us();
		o->last_error[0] = '\0';
		o->last_error_at = 0;
	} else {
		copy_str(o->last_error, sizeof o->last_error,
			 res->error[0] ? res->error : "the bundle could not be written");
		o->last_error_at = lia_clock_now_us();
	}
	free(res);
	pthread_cond_broadcast(&s->idle);
}

static void *
loop(void *arg)
{
	struct lia_export_schedule *s = arg;
	pthread_mutex_lock(&s->lock);
	while (!s->stopping) {
		int64_t now = lia_clock_now_us(), until_us;
		struct org_state *o = next_due(s, now, &until_us);
		if (o) {
			run_one(s, o);
			continue;
		}
		if (!until_us) {
			pthread_cond_wait(&s->wake, &s->lock);
			continue;
		}
		/* The clock may be offset (tests): wait for the difference, not the time. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		int64_t d = until_us - now;
		ts.tv_sec += (time_t)(d / 1000000);
		ts.tv_nsec += (long)(d % 1000000) * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->wake, &s->lock, &ts);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static void
destroy(struct lia_export_schedule *s)
{
	for (size_t i = 0; i < s->norgs; i++)
		free(s->orgs[i]);
	if (s->sk)
		sodium_free(s->sk);
	free(s->url);
	free(s->out_dir);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->wake);
	pthread_cond_destroy(&s->idle);
	free(s);
}

struct lia_export_schedule *
lia_export_schedule_new(const struct lia_config *cfg, const char *database_url, char *err,
			size_t errsize)
{
	struct lia_export_schedule *s = lia_xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	pthread_cond_init(&s->idle, NULL);
	s->url = lia_xstrdup(database_url);
	s->out_dir = default_path(cfg->export_dir, cfg->data_dir, "exports");
	copy_str(s->default_profile, sizeof s->default_profile, cfg->export_profile);
	s->threads = (int)cfg->export_threads;
	s->keep = (int)cfg->export_keep;
	char *key_path = default_path(cfg->export_signing_key, cfg->data_dir,
				      "keys/export-signing.key");
	s->sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
	int rc = s->sk ? 0 : -1;
	if (!s->sk)
		snprintf(err, errsize, "no secure memory for the signing key");
	if (rc == 0 && !(cfg->export_signing_key && *cfg->export_signing_key)) {
		char dir[4200];
		snprintf(dir, sizeof dir, "%s/keys", cfg->data_dir);
		if (make_dir(cfg->data_dir) != 0 || make_dir(dir) != 0) {
			snprintf(err, errsize, "cannot create %s: %s", dir, strerror(errno));
			rc = -1;
		}
	}
	if (rc == 0) {
		char why[400] = "";
		if (lia_signing_key_load(key_path, s->sk, s->pk, why, sizeof why) != 0) {
			snprintf(err, errsize, "export-signing-key %s: %s", key_path, why);
			rc = -1;
		}
	}
	free(key_path);
	if (rc == 0)
		rc = load_schedule(s, cfg, err, errsize);
	/* Without a schedule the folder is made by the first asked-for run, which
	 * reports a failure through the API rather than stopping the server. */
	if (rc == 0 && s->norgs && make_dir(s->out_dir) != 0) {
		snprintf(err, errsize, "export-dir %s: %s", s->out_dir, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && pthread_create(&s->thread, NULL, loop, s) != 0) {
		snprintf(err, errsize, "cannot start the export thread");
		rc = -1;
	}
	if (rc != 0) {
		destroy(s);
		return NULL;
	}
	return s;
}

void
lia_export_schedule_free(struct lia_export_schedule *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stopping = true;
	pthread_cond_signal(&s->wake);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += STOP_GRACE_S;
	while (s->busy && pthread_cond_timedwait(&s->idle, &s->lock, &until) != ETIMEDOUT)
		;
	if (s->busy) {
		/* Past the grace the run is cancelled: it stops before its next file and
		 * removes its .partial folder, so no bundle is left half-written. */
		lia_log(LIA_LOG_WARN, "export.cancelled", "grace_s=%d", STOP_GRACE_S);
		atomic_store(&s->cancel, 1);
	}
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	destroy(s);
}

static void
status_of(const struct org_state *o, struct lia_export_status *st)
{
	memset(st, 0, sizeof *st);
	copy_str(st->org_id, sizeof st->org_id, o->id);
	copy_str(st->org_name, sizeof st->org_name, o->name);
	copy_str(st->org_path, sizeof st->org_path, o->path);
	st->interval_minutes = o->minutes;
	copy_str(st->profile, sizeof st->profile, o->profile);
	st->next_run_at = o->minutes ? o->next_run_at : 0;
	st->queued = o->queued_at != 0;
	st->running = o->running;
	if (o->running) {
		st->started_at = atomic_load(&o->progress.started_at);
		st->total = atomic_load(&o->progress.total);
		st->done = atomic_load(&o->progress.done);
		st->reused = atomic_load(&o->progress.reused);
	}
	st->has_last = o->has_last;
	if (o->has_last) {
		st->last = o->last;
		st->last_finished_at = o->last_finished_at;
	}
	copy_str(st->last_error, sizeof st->last_error, o->last_error);
	st->last_error_at = o->last_error_at;
}

size_t
lia_export_schedule_list(struct lia_export_schedule *s, struct lia_arena *a,
			 struct lia_export_status **out)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->norgs;
	*out = lia_arena_alloc(a, (n ? n : 1) * sizeof **out);
	for (size_t i = 0; i < n; i++)
		status_of(s->orgs[i], &(*out)[i]);
	pthread_mutex_unlock(&s->lock);
	return n;
}

enum lia_export_trigger
lia_export_schedule_trigger(struct lia_export_schedule *s, const char *org_id,
			    const char *org_name, const char *org_path,
			    struct lia_export_status *st)
{
	enum lia_export_trigger rc = LIA_EXPORT_QUEUED;
	pthread_mutex_lock(&s->lock);
	struct org_state *o = find_org(s, org_id);
	if (s->stopping) {
		rc = LIA_EXPORT_STOPPING;
	} else if (!o && !(o = add_org(s, org_id, org_name, org_path))) {
		rc = LIA_EXPORT_BUSY; /* as many organisations as we follow are followed */
	} else if (o->queued_at || o->running) {
		rc = LIA_EXPORT_BUSY;
	} else {
		o->queued_at = lia_clock_now_us();
		pthread_cond_signal(&s->wake);
	}
	if (st && o)
		status_of(o, st);
	else if (st)
		memset(st, 0, sizeof *st);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

const unsigned char *
lia_export_schedule_public_key(const struct lia_export_schedule *s)
{
	return s->pk;
}
