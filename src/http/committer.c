/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Group commit in two threads (see committer.h). The commit thread runs a batch and
 * commits it without waiting for the disk (commit_nosync), then hands it to the sync
 * thread and starts the next batch at once. The sync thread flushes the log once for
 * every batch committed so far (one fdatasync for several batches) and only then
 * calls each job's done. Nothing is acknowledged before it is durable; the disk's
 * flush time no longer stalls the next batch.
 */
#include "http/committer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"

#define MAX_BATCH 512
/* The log is checkpointed this often, on its own thread and connection. */
#define CHECKPOINT_EVERY_MS 500
/* Housekeeping runs when the queue has been idle this long, at most this often. */
#define HOUSEKEEPING_EVERY_S 600
/* Expired sessions are kept a day for investigations, then deleted. */
#define SESSION_KEEP_US (24LL * 3600 * 1000000)

struct batch {
	struct lia_job *jobs[MAX_BATCH];
	size_t n;
	unsigned long long retries;
	/* A job marked fails_rarely failed in a run without savepoints: every job
	 * runs in its own savepoint from now on. */
	bool careful;
	/* The audit entries of this attempt, appended in one call at its end: copies
	 * of the jobs' entries (or of their failed versions), and where each came from
	 * (NULL for a failed copy) so that the ids and links go back to the job. */
	struct lia_audit_entry *audit;
	struct lia_audit_entry **origin;
	size_t naudit, audit_cap;
	struct batch *next;       /* in the sync queue */
};

struct lia_committer {
	struct lia_conn *conn;
	struct lia_conn *checkpoint_conn;
	pthread_t thread, sync_thread, checkpoint_thread;
	pthread_mutex_t mu;       /* guards the job queue, stopping, stats */
	pthread_cond_t cond;
	struct lia_job *head, *tail;
	bool stopping;
	bool draining;            /* new jobs are refused (lia_committer_drain) */
	size_t inflight;          /* jobs submitted and not yet done */
	pthread_cond_t drained;   /* with mu: inflight reached 0 while draining */
	int64_t next_housekeeping;
	struct lia_committer_stats stats;
	pthread_mutex_t sync_mu;  /* guards the sync queue */
	pthread_cond_t sync_cond;
	struct batch *sync_head, *sync_tail;
	bool sync_stopping;
	bool has_checkpoint_thread;
	pthread_cond_t checkpoint_cond; /* with mu: wakes the checkpoint thread to stop */
};

static void
finish(struct lia_committer *cm, struct batch *b, int status)
{
	for (size_t i = 0; i < b->n; i++) {
		struct lia_job *job = b->jobs[i];
		job->commit_status = status;
		job->next = NULL;
		job->done(job, job->done_cls);
	}
	pthread_mutex_lock(&cm->mu);
	cm->inflight -= b->n;
	if (cm->inflight == 0)
		pthread_cond_broadcast(&cm->drained);
	pthread_mutex_unlock(&cm->mu);
	free(b->audit);
	free(b->origin);
	free(b);
}

static void *
sync_loop(void *arg)
{
	struct lia_committer *cm = arg;
	for (;;) {
		pthread_mutex_lock(&cm->sync_mu);
		while (!cm->sync_head && !cm->sync_stopping)
			pthread_cond_wait(&cm->sync_cond, &cm->sync_mu);
		struct batch *list = cm->sync_head;
		cm->sync_head = cm->sync_tail = NULL;
		bool stop = cm->sync_stopping;
		pthread_mutex_unlock(&cm->sync_mu);
		if (!list) {
			if (stop)
				break;
			continue;
		}
		/* One flush covers every batch committed before it started. */
		int st = cm->conn->ops->sync(cm->conn);
		if (st != LIA_STORE_OK)
			lia_log(LIA_LOG_ERROR, "commit.sync_failed", "status=%s",
				lia_store_status_name(st));
		pthread_mutex_lock(&cm->mu);
		cm->stats.syncs++;
		pthread_mutex_unlock(&cm->mu);
		while (list) {
			struct batch *next = list->next;
			finish(cm, list, st);
			list = next;
		}
	}
	return NULL;
}

static void *
checkpoint_loop(void *arg)
{
	struct lia_committer *cm = arg;
	unsigned long long seen = 0;
	pthread_mutex_lock(&cm->mu);
	while (!cm->stopping) {
		struct timespec deadline;
		clock_gettime(CLOCK_REALTIME, &deadline);
		deadline.tv_nsec += CHECKPOINT_EVERY_MS * 1000000L;
		deadline.tv_sec += deadline.tv_nsec / 1000000000L;
		deadline.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&cm->checkpoint_cond, &cm->mu, &deadline);
		unsigned long long batches = cm->stats.batches;
		if (batches == seen || cm->stopping)
			continue;
		seen = batches;
		pthread_mutex_unlock(&cm->mu);
		int st = cm->checkpoint_conn->ops->checkpoint(cm->checkpoint_conn);
		if (st != LIA_STORE_OK)
			lia_log(LIA_LOG_WARN, "checkpoint.failed", "status=%s", lia_store_status_name(st));
		pthread_mutex_lock(&cm->mu);
	}
	pthread_mutex_unlock(&cm->mu);
	return NULL;
}

static void
to_sync(struct lia_committer *cm, struct batch *b)
{
	b->next = NULL;
	pthread_mutex_lock(&cm->sync_mu);
	if (cm->sync_tail)
		cm->sync_tail->next = b;
	else
		cm->sync_head = b;
	cm->sync_tail = b;
	pthread_cond_signal(&cm->sync_cond);
	pthread_mutex_unlock(&cm->sync_mu);
}

/* Queues the job's entries for the batch's append, marked failed (the attempt is
 * still traced) when fn failed. The job's own entries stay as they were, in case
 * the whole batch is retried and the job succeeds then. */
static void
queue_audit(struct batch *b, struct lia_job *job, bool failed)
{
	for (size_t i = 0; i < job->naudit; i++) {
		if (b->naudit == b->audit_cap) {
			b->audit_cap = b->audit_cap ? 2 * b->audit_cap : 64;
			b->audit = lia_xrealloc(b->audit, b->audit_cap * sizeof *b->audit);
			b->origin = lia_xrealloc(b->origin, b->audit_cap * sizeof *b->origin);
		}
		b->audit[b->naudit] = job->audit[i];
		b->origin[b->naudit] = failed ? NULL : &job->audit[i];
		if (failed) {
			b->audit[b->naudit].outcome = "failed";
			b->audit[b->naudit].detail = lia_store_status_name(job->fn_status);
		}
		b->naudit++;
	}
}

static int
run_job(struct lia_conn *c, struct batch *b, struct lia_job *job)
{
	if (job->fails_rarely && !b->careful) {
		job->fn_status = job->fn ? job->fn(c, job->cls) : LIA_STORE_OK;
		if (job->fn_status == LIA_STORE_OK) {
			queue_audit(b, job, false);
			return LIA_STORE_OK;
		}
		/* Its writes cannot be undone alone: undo the batch, run it again with
		 * savepoints. */
		if (job->fn_status != LIA_STORE_RETRY)
			b->careful = true;
		return LIA_STORE_RETRY;
	}
	int st = c->ops->savepoint(c);
	if (st != LIA_STORE_OK)
		return st;
	job->fn_status = job->fn ? job->fn(c, job->cls) : LIA_STORE_OK;
	if (job->fn_status == LIA_STORE_RETRY)
		return LIA_STORE_RETRY; /* the whole batch is retried */
	if (job->fn_status != LIA_STORE_OK) {
		st = c->ops->savepoint_rollback(c);
		if (st != LIA_STORE_OK)
			return st;
		queue_audit(b, job, true);
		return LIA_STORE_OK;
	}
	queue_audit(b, job, false);
	return c->ops->savepoint_release(c);
}

static int
run_batch(struct lia_conn *c, void *cls)
{
	struct batch *b = cls;
	b->naudit = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct lia_job *job = b->jobs[i], *prev = i ? b->jobs[i - 1] : NULL;
		int st = LIA_STORE_OK;
		if (job->prepare && (!prev || prev->prepare != job->prepare ||
				     prev->prepare_cls != job->prepare_cls))
			st = job->prepare(c, job->prepare_cls, i == 0);
		if (st == LIA_STORE_OK)
			st = run_job(c, b, job);
		if (st != LIA_STORE_OK) {
			if (st == LIA_STORE_RETRY)
				b->retries++;
			return st;
		}
	}
	if (!b->naudit)
		return LIA_STORE_OK;
	/* One append for the batch: on PostgreSQL the chain head is a single row, and
	 * moving it once per job made every later read of it in the same transaction
	 * step over all its earlier versions. */
	int st = c->ops->audit_append(c, b->audit, b->naudit);
	if (st != LIA_STORE_OK)
		return st;
	for (size_t i = 0; i < b->naudit; i++)
		if (b->origin[i])
			*b->origin[i] = b->audit[i];
	return LIA_STORE_OK;
}

static int
purge_sessions(struct lia_conn *c, void *cls)
{
	int64_t *deleted = cls;
	return c->ops->session_purge(c, lia_clock_now_us() - SESSION_KEEP_US, deleted);
}

/* Runs on the committer thread, which owns the write connection. */
static void
housekeeping(struct lia_committer *cm)
{
	int64_t deleted = 0;
	int st = lia_store_write(cm->conn, purge_sessions, &deleted);
	if (st != LIA_STORE_OK)
		lia_log(LIA_LOG_WARN, "housekeeping.failed", "status=%s", lia_store_status_name(st));
	else if (deleted)
		lia_log(LIA_LOG_INFO, "housekeeping.sessions_purged", "count=%lld", (long long)deleted);
}

/* Waits for work; false when it timed out with the queue empty (time for housekeeping). */
static bool
wait_for_jobs(struct lia_committer *cm)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += HOUSEKEEPING_EVERY_S;
	while (!cm->head && !cm->stopping)
		if (pthread_cond_timedwait(&cm->cond, &cm->mu, &deadline) != 0)
			return cm->head != NULL || cm->stopping;
	return true;
}

static void *
loop(void *arg)
{
	struct lia_committer *cm = arg;
	for (;;) {
		pthread_mutex_lock(&cm->mu);
		if (!wait_for_jobs(cm) || lia_clock_now_us() >= cm->next_housekeeping) {
			cm->next_housekeeping = lia_clock_now_us() + HOUSEKEEPING_EVERY_S * 1000000LL;
			pthread_mutex_unlock(&cm->mu);
			housekeeping(cm);
			continue;
		}
		if (!cm->head && cm->stopping) {
			pthread_mutex_unlock(&cm->mu);
			break;
		}
		struct batch *b = lia_xcalloc(1, sizeof *b);
		while (cm->head && b->n < MAX_BATCH) {
			b->jobs[b->n++] = cm->head;
			cm->head = cm->head->next;
		}
		if (!cm->head)
			cm->tail = NULL;
		pthread_mutex_unlock(&cm->mu);

		int st = lia_store_write_nosync(cm->conn, run_batch, b);
		if (st != LIA_STORE_OK)
			lia_log(LIA_LOG_ERROR, "commit.failed", "status=%s jobs=%zu",
				lia_store_status_name(st), b->n);
		pthread_mutex_lock(&cm->mu);
		cm->stats.batches++;
		cm->stats.jobs += b->n;
		cm->stats.retries += b->retries;
		cm->stats.failures += st != LIA_STORE_OK;
		pthread_mutex_unlock(&cm->mu);
		if (st == LIA_STORE_OK)
			to_sync(cm, b);
		else
			finish(cm, b, st); /* nothing was committed: nothing to wait for */
	}
	return NULL;
}

struct lia_committer *
lia_committer_start(const char *url)
{
	struct lia_committer *cm = lia_xcalloc(1, sizeof *cm);
	if (lia_store_connect(url, &cm->conn) != LIA_STORE_OK) {
		free(cm);
		return NULL;
	}
	if (lia_store_connect(url, &cm->checkpoint_conn) != LIA_STORE_OK) {
		cm->conn->ops->conn_close(cm->conn);
		free(cm);
		return NULL;
	}
	pthread_mutex_init(&cm->mu, NULL);
	pthread_cond_init(&cm->cond, NULL);
	pthread_mutex_init(&cm->sync_mu, NULL);
	pthread_cond_init(&cm->sync_cond, NULL);
	pthread_cond_init(&cm->checkpoint_cond, NULL);
	pthread_cond_init(&cm->drained, NULL);
	if (pthread_create(&cm->sync_thread, NULL, sync_loop, cm) != 0) {
		cm->conn->ops->conn_close(cm->conn);
		cm->checkpoint_conn->ops->conn_close(cm->checkpoint_conn);
		free(cm);
		return NULL;
	}
	if (pthread_create(&cm->thread, NULL, loop, cm) != 0) {
		pthread_mutex_lock(&cm->sync_mu);
		cm->sync_stopping = true;
		pthread_cond_signal(&cm->sync_cond);
		pthread_mutex_unlock(&cm->sync_mu);
		pthread_join(cm->sync_thread, NULL);
		cm->conn->ops->conn_close(cm->conn);
		cm->checkpoint_conn->ops->conn_close(cm->checkpoint_conn);
		free(cm);
		return NULL;
	}
	if (pthread_create(&cm->checkpoint_thread, NULL, checkpoint_loop, cm) != 0)
		lia_log(LIA_LOG_WARN, "checkpoint.no_thread", "hint=\"the log is checkpointed by commands only\"");
	else
		cm->has_checkpoint_thread = true;
	return cm;
}

void
lia_committer_stop(struct lia_committer *cm)
{
	if (!cm)
		return;
	pthread_mutex_lock(&cm->mu);
	cm->stopping = true;
	pthread_cond_signal(&cm->cond);
	pthread_cond_signal(&cm->checkpoint_cond);
	pthread_mutex_unlock(&cm->mu);
	pthread_join(cm->thread, NULL);
	if (cm->has_checkpoint_thread)
		pthread_join(cm->checkpoint_thread, NULL);
	/* The commit thread has handed over its last batch: flush and acknowledge it. */
	pthread_mutex_lock(&cm->sync_mu);
	cm->sync_stopping = true;
	pthread_cond_signal(&cm->sync_cond);
	pthread_mutex_unlock(&cm->sync_mu);
	pthread_join(cm->sync_thread, NULL);
	cm->conn->ops->conn_close(cm->conn);
	cm->checkpoint_conn->ops->conn_close(cm->checkpoint_conn);
	pthread_mutex_destroy(&cm->mu);
	pthread_cond_destroy(&cm->cond);
	pthread_mutex_destroy(&cm->sync_mu);
	pthread_cond_destroy(&cm->sync_cond);
	pthread_cond_destroy(&cm->checkpoint_cond);
	pthread_cond_destroy(&cm->drained);
	free(cm);
}

void
lia_committer_drain(struct lia_committer *cm)
{
	pthread_mutex_lock(&cm->mu);
	cm->draining = true;
	while (cm->inflight > 0)
		pthread_cond_wait(&cm->drained, &cm->mu);
	pthread_mutex_unlock(&cm->mu);
}

void
lia_committer_submit(struct lia_committer *cm, struct lia_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&cm->mu);
	if (cm->draining || cm->stopping) {
		pthread_mutex_unlock(&cm->mu);
		job->fn_status = LIA_STORE_ERROR;
		job->commit_status = LIA_STORE_ERROR;
		job->done(job, job->done_cls);
		return;
	}
	cm->inflight++;
	if (cm->tail)
		cm->tail->next = job;
	else
		cm->head = job;
	cm->tail = job;
	pthread_cond_signal(&cm->cond);
	pthread_mutex_unlock(&cm->mu);
}

struct waiter {
	pthread_mutex_t mu;
	pthread_cond_t cond;
	bool done;
};

static void
wake(struct lia_job *job, void *cls)
{
	(void)job;
	struct waiter *w = cls;
	pthread_mutex_lock(&w->mu);
	w->done = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->mu);
}

void
lia_committer_run(struct lia_committer *cm, struct lia_job *job)
{
	struct waiter w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false};
	job->done = wake;
	/* w outlives the job: this function returns only after wake() ran. */
	// cppcheck-suppress autoVariables
	job->done_cls = &w;
	lia_committer_submit(cm, job);
	pthread_mutex_lock(&w.mu);
	while (!w.done)
		pthread_cond_wait(&w.cond, &w.mu);
	pthread_mutex_unlock(&w.mu);
}

void
lia_committer_stats(struct lia_committer *cm, struct lia_committer_stats *out)
{
	pthread_mutex_lock(&cm->mu);
	*out = cm->stats;
	pthread_mutex_unlock(&cm->mu);
}
