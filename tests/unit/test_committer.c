/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/http/committer.c on a real SQLite file in a temporary directory:
 * a job's writes and audit entries commit together; a failing job is undone but its
 * attempt stays in the journal; jobs from many threads are grouped into batches,
 * each `done` runs once; stopping drains the queue.
 */
#include "lia_test.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "http/committer.h"
#include "store/audit_chain.h"
#include "store/store.h"

#define ID_LEN (LIA_UUID_STRLEN + 1)

struct fx {
	char dir[256];
	char url[320];
	struct lia_conn *c; /* the test's own connection, for reads */
	struct lia_arena *a;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/lia-committer-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->url, sizeof f->url, "%s/liaison.db", f->dir);
	int applied = 0;
	if (lia_store_connect(f->url, &f->c) != LIA_STORE_OK ||
	    f->c->ops->migrate(f->c, &applied) != LIA_STORE_OK || applied < 1) {
		free(f);
		return -1;
	}
	f->a = lia_arena_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	f->c->ops->conn_close(f->c);
	lia_arena_free(f->a);
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		char path[400];
		snprintf(path, sizeof path, "%s%s", f->url, suffixes[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* ---- fixtures ---- */

struct audit_fx {
	char id[ID_LEN];
	struct lia_audit_entry e;
};

static void
audit_init(struct audit_fx *x, const char *action, const char *object_id)
{
	memset(x, 0, sizeof *x);
	lia_uuid7(x->id);
	x->e.id = x->id;
	x->e.at = lia_clock_now_us();
	x->e.actor_role = "system";
	x->e.action = action;
	x->e.object_id = object_id;
	x->e.request_id = "req-test";
	x->e.outcome = "ok";
}

/* A job that inserts one organisation, then returns `ret`. */
struct org_job {
	char id[ID_LEN];
	char path[ID_LEN + 2];
	struct lia_org org;
	int ret;
	atomic_int runs;
	struct audit_fx audit[2];
	struct lia_job job;
};

static int
insert_org(struct lia_conn *c, void *cls)
{
	struct org_job *o = cls;
	atomic_fetch_add(&o->runs, 1);
	int st = c->ops->org_insert(c, &o->org);
	if (st != LIA_STORE_OK)
		return st;
	return o->ret;
}

static void
org_job_init(struct org_job *o, const char *name, int ret, size_t naudit)
{
	memset(o, 0, sizeof *o);
	lia_uuid7(o->id);
	snprintf(o->path, sizeof o->path, "/%s/", o->id);
	o->org = (struct lia_org){.id = o->id,
				  .parent_id = NULL,
				  .kind = "national",
				  .name = name,
				  .tz = "Europe/Paris",
				  .path = o->path,
				  .version = 1,
				  .created_at = lia_clock_now_us()};
	o->ret = ret;
	for (size_t i = 0; i < naudit; i++)
		audit_init(&o->audit[i], "org.create", o->id);
	o->job = (struct lia_job){.fn = insert_org, .cls = o, .naudit = naudit};
	o->job.audit = &o->audit[0].e;
}

static int64_t
head_seq(struct fx *f)
{
	int64_t seq = -1;
	char hash[LIA_HASH_HEX_LEN + 1];
	assert_int_equal(f->c->ops->audit_head(f->c, &seq, hash), LIA_STORE_OK);
	return seq;
}

/* Checks the whole chain from seq 1: contiguous, linked, every hash recomputes. */
struct verify {
	int64_t n;
	char prev[LIA_HASH_HEX_LEN + 1];
	int bad;
	struct lia_arena *a;
	struct lia_audit_entry last;
};

static int
verify_cb(const struct lia_audit_entry *e, void *cls)
{
	struct verify *v = cls;
	char h[LIA_HASH_HEX_LEN + 1];
	lia_audit_hash(e, h);
	if (e->seq != v->n + 1 || strcmp(e->prev_hash, v->prev) != 0 || strcmp(h, e->hash) != 0)
		v->bad++;
	v->n++;
	memcpy(v->prev, e->hash, sizeof v->prev);
	v->last = *e;
	v->last.outcome = lia_arena_strdup(v->a, e->outcome);
	v->last.detail = lia_arena_strdup(v->a, e->detail);
	v->last.action = lia_arena_strdup(v->a, e->action);
	return 0;
}

static struct verify
verify_chain(struct fx *f)
{
	struct verify v = {.n = 0, .bad = 0, .a = f->a};
	memcpy(v.prev, LIA_AUDIT_GENESIS, sizeof v.prev);
	assert_int_equal(f->c->ops->audit_scan(f->c, 0, verify_cb, &v), LIA_STORE_OK);
	assert_int_equal(v.bad, 0);
	return v;
}

/* The journal's outcomes and details, in order (first 8 entries). */
struct outcomes {
	struct lia_arena *a;
	int n;
	const char *outcome[8];
	const char *detail[8];
};

static int
outcomes_cb(const struct lia_audit_entry *e, void *cls)
{
	struct outcomes *o = cls;
	if (o->n < 8) {
		o->outcome[o->n] = lia_arena_strdup(o->a, e->outcome);
		o->detail[o->n] = lia_arena_strdup(o->a, e->detail);
	}
	o->n++;
	return 0;
}

/* ---- tests ---- */

static void
test_lia_committer_start_bad_url(void **state)
{
	(void)state;
	assert_null(lia_committer_start("/nonexistent-liaison-dir/sub/liaison.db"));
}

static void
test_lia_committer_run_commits_write_and_audit(void **state)
{
	struct fx *f = *state;
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	struct org_job o;
	org_job_init(&o, "Liaison national", LIA_STORE_OK, 1);
	o.job.fn_status = -1;
	o.job.commit_status = -1;
	lia_committer_run(cm, &o.job);
	assert_int_equal(o.job.fn_status, LIA_STORE_OK);
	assert_int_equal(o.job.commit_status, LIA_STORE_OK);
	assert_true(atomic_load(&o.runs) >= 1);

	/* Visible to another connection: committed, not just written. */
	struct lia_org got;
	assert_int_equal(f->c->ops->org_get(f->c, f->a, o.id, &got), LIA_STORE_OK);
	assert_string_equal(got.name, "Liaison national");
	assert_string_equal(got.path, o.path);

	int64_t seq;
	char hash[LIA_HASH_HEX_LEN + 1];
	assert_int_equal(f->c->ops->audit_head(f->c, &seq, hash), LIA_STORE_OK);
	assert_int_equal(seq, 1);
	/* The caller's entry was linked in place. */
	assert_int_equal(o.audit[0].e.seq, 1);
	assert_string_equal(o.audit[0].e.hash, hash);
	struct verify v = verify_chain(f);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.last.outcome, "ok");
	assert_string_equal(v.last.action, "org.create");

	struct lia_committer_stats st;
	lia_committer_stats(cm, &st);
	assert_int_equal(st.jobs, 1);
	assert_int_equal(st.batches, 1);
	assert_int_equal(st.failures, 0);
	lia_committer_stop(cm);
}

static void
test_lia_committer_run_failed_job_rolled_back_but_audited(void **state)
{
	struct fx *f = *state;
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	struct org_job o;
	org_job_init(&o, "Doomed", LIA_STORE_CONFLICT, 1);
	/* Two entries, contiguous in memory. */
	struct lia_audit_entry entries[2] = {o.audit[0].e, o.audit[0].e};
	char id2[ID_LEN];
	lia_uuid7(id2);
	entries[1].id = id2;
	entries[1].action = "org.read";
	o.job.audit = entries;
	o.job.naudit = 2;
	lia_committer_run(cm, &o.job);
	assert_int_equal(o.job.fn_status, LIA_STORE_CONFLICT);
	assert_int_equal(o.job.commit_status, LIA_STORE_OK);

	/* The insert made before the failure was undone. */
	struct lia_org got;
	assert_int_equal(f->c->ops->org_get(f->c, f->a, o.id, &got), LIA_STORE_NOT_FOUND);

	/* The attempt is in the journal, marked failed with the status as detail. */
	assert_int_equal(head_seq(f), 2);
	struct verify v = verify_chain(f);
	assert_int_equal(v.n, 2);
	assert_string_equal(v.last.outcome, "failed");
	assert_string_equal(v.last.detail, "conflict");
	assert_string_equal(v.last.action, "org.read");
	/* The job's own entry is left as given: were the batch retried and the job
	 * to succeed then, it would be recorded as it happened. */
	assert_string_equal(entries[0].outcome, "ok");
	lia_committer_stop(cm);
}

struct counter {
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int done;
};

static void
count_done(struct lia_job *job, void *cls)
{
	(void)job;
	struct counter *k = cls;
	pthread_mutex_lock(&k->mu);
	k->done++;
	pthread_cond_broadcast(&k->cond);
	pthread_mutex_unlock(&k->mu);
}

/* Waits until k->done reaches n, or fails after a minute. */
static void
wait_done(struct counter *k, int n)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 60;
	pthread_mutex_lock(&k->mu);
	while (k->done < n) {
		if (pthread_cond_timedwait(&k->cond, &k->mu, &until) == ETIMEDOUT)
			break;
	}
	int got = k->done;
	pthread_mutex_unlock(&k->mu);
	if (got < n)
		fail_msg("only %d of %d jobs done after 60 s", got, n);
}

static void
test_lia_committer_submit_failure_isolated_in_batch(void **state)
{
	struct fx *f = *state;
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	struct counter k = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
	static struct org_job jobs[3];
	org_job_init(&jobs[0], "Good A", LIA_STORE_OK, 1);
	org_job_init(&jobs[1], "Bad B", LIA_STORE_ERROR, 1);
	org_job_init(&jobs[2], "Good C", LIA_STORE_OK, 1);
	for (int i = 0; i < 3; i++) {
		jobs[i].job.done = count_done;
		jobs[i].job.done_cls = &k;
		lia_committer_submit(cm, &jobs[i].job);
	}
	wait_done(&k, 3);
	struct lia_org got;
	assert_int_equal(jobs[0].job.commit_status, LIA_STORE_OK);
	assert_int_equal(jobs[2].job.commit_status, LIA_STORE_OK);
	assert_int_equal(jobs[1].job.fn_status, LIA_STORE_ERROR);
	assert_int_equal(f->c->ops->org_get(f->c, f->a, jobs[0].id, &got), LIA_STORE_OK);
	assert_int_equal(f->c->ops->org_get(f->c, f->a, jobs[1].id, &got), LIA_STORE_NOT_FOUND);
	assert_int_equal(f->c->ops->org_get(f->c, f->a, jobs[2].id, &got), LIA_STORE_OK);
	assert_int_equal(head_seq(f), 3);
	struct outcomes o = {.a = f->a};
	assert_int_equal(f->c->ops->audit_scan(f->c, 0, outcomes_cb, &o), LIA_STORE_OK);
	assert_int_equal(o.n, 3);
	assert_string_equal(o.outcome[0], "ok");
	assert_string_equal(o.outcome[1], "failed");
	assert_string_equal(o.detail[1], "error");
	assert_string_equal(o.outcome[2], "ok");
	verify_chain(f);
	lia_committer_stop(cm);
}

/* ---- many threads ---- */

#define THREADS 4
#define PER_THREAD 125
#define TOTAL (THREADS * PER_THREAD)

struct audit_job {
	struct audit_fx audit;
	struct lia_job job;
	atomic_int done_calls;
};

struct submitter {
	struct lia_committer *cm;
	struct audit_job *jobs;
	struct counter *k;
	pthread_barrier_t *start;
};

static void
audit_job_done(struct lia_job *job, void *cls)
{
	struct audit_job *j =
		(struct audit_job *)(void *)((char *)job - offsetof(struct audit_job, job));
	atomic_fetch_add(&j->done_calls, 1);
	count_done(job, cls);
}

static void *
submit_main(void *cls)
{
	struct submitter *s = cls;
	pthread_barrier_wait(s->start);
	for (int i = 0; i < PER_THREAD; i++)
		lia_committer_submit(s->cm, &s->jobs[i].job);
	return NULL;
}

static void
audit_jobs_init(struct audit_job *jobs, size_t n, struct counter *k)
{
	for (size_t i = 0; i < n; i++) {
		audit_init(&jobs[i].audit, "client.read", NULL);
		jobs[i].job = (struct lia_job){.audit = &jobs[i].audit.e,
					       .naudit = 1,
					       .fn_status = -1,
					       .commit_status = -1,
					       .done = audit_job_done,
					       .done_cls = k};
		atomic_init(&jobs[i].done_calls, 0);
	}
}

static void
test_lia_committer_submit_many_threads_grouped(void **state)
{
	struct fx *f = *state;
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	struct audit_job *jobs = calloc(TOTAL, sizeof *jobs);
	assert_non_null(jobs);
	struct counter k = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
	audit_jobs_init(jobs, TOTAL, &k);

	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, THREADS);
	pthread_t t[THREADS];
	struct submitter s[THREADS];
	for (int i = 0; i < THREADS; i++) {
		s[i] = (struct submitter){cm, jobs + i * PER_THREAD, &k, &start};
		assert_int_equal(pthread_create(&t[i], NULL, submit_main, &s[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	wait_done(&k, TOTAL);

	for (int i = 0; i < TOTAL; i++) {
		assert_int_equal(atomic_load(&jobs[i].done_calls), 1);
		assert_int_equal(jobs[i].job.commit_status, LIA_STORE_OK);
		assert_int_equal(jobs[i].job.fn_status, LIA_STORE_OK);
		assert_true(jobs[i].audit.e.seq >= 1 && jobs[i].audit.e.seq <= TOTAL);
	}
	assert_int_equal(head_seq(f), TOTAL);
	struct verify v = verify_chain(f);
	assert_int_equal(v.n, TOTAL);

	struct lia_committer_stats st;
	lia_committer_stats(cm, &st);
	assert_int_equal(st.jobs, TOTAL);
	assert_true(st.batches >= 1);
	assert_true(st.batches <= st.jobs);
	assert_int_equal(st.failures, 0);
	print_message("%d jobs in %llu batches\n", TOTAL, st.batches);
	lia_committer_stop(cm);
	/* No done after the counts were read: still exactly once each. */
	for (int i = 0; i < TOTAL; i++)
		assert_int_equal(atomic_load(&jobs[i].done_calls), 1);
	pthread_barrier_destroy(&start);
	free(jobs);
}

static void
test_lia_committer_stop_drains_queue(void **state)
{
	struct fx *f = *state;
	enum { N = 300 };
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	struct audit_job *jobs = calloc(N, sizeof *jobs);
	assert_non_null(jobs);
	struct counter k = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
	audit_jobs_init(jobs, N, &k);
	for (int i = 0; i < N; i++)
		lia_committer_submit(cm, &jobs[i].job);
	lia_committer_stop(cm);
	/* Every job was finished before stop returned: no waiting here. */
	pthread_mutex_lock(&k.mu);
	int done = k.done;
	pthread_mutex_unlock(&k.mu);
	assert_int_equal(done, N);
	for (int i = 0; i < N; i++) {
		assert_int_equal(atomic_load(&jobs[i].done_calls), 1);
		assert_int_equal(jobs[i].job.commit_status, LIA_STORE_OK);
	}
	assert_int_equal(head_seq(f), N);
	free(jobs);
}

static void
test_lia_committer_drain_finishes_queued_and_refuses_later_jobs(void **state)
{
	struct fx *f = *state;
	enum { N = 200 };
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	struct audit_job *jobs = calloc(N + 1, sizeof *jobs);
	assert_non_null(jobs);
	struct counter k = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
	audit_jobs_init(jobs, N + 1, &k);
	for (int i = 0; i < N; i++)
		lia_committer_submit(cm, &jobs[i].job);
	lia_committer_drain(cm);
	/* Everything queued before the drain is committed and acknowledged... */
	pthread_mutex_lock(&k.mu);
	int done = k.done;
	pthread_mutex_unlock(&k.mu);
	assert_int_equal(done, N);
	for (int i = 0; i < N; i++)
		assert_int_equal(jobs[i].job.commit_status, LIA_STORE_OK);
	/* ...and a job that comes after is answered at once, without being written,
	 * so that the HTTP daemon can stop with no connection left waiting. */
	lia_committer_submit(cm, &jobs[N].job);
	assert_int_equal(atomic_load(&jobs[N].done_calls), 1);
	assert_int_not_equal(jobs[N].job.commit_status, LIA_STORE_OK);
	lia_committer_stop(cm);
	assert_int_equal(head_seq(f), N);
	free(jobs);
}

static void
test_lia_committer_stop_idle_and_null(void **state)
{
	struct fx *f = *state;
	lia_committer_stop(NULL);
	struct lia_committer *cm = lia_committer_start(f->url);
	assert_non_null(cm);
	lia_committer_stop(cm); /* nothing queued: returns promptly */
	assert_int_equal(head_seq(f), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		cmocka_unit_test(test_lia_committer_start_bad_url),
		T(test_lia_committer_run_commits_write_and_audit),
		T(test_lia_committer_run_failed_job_rolled_back_but_audited),
		T(test_lia_committer_submit_failure_isolated_in_batch),
		T(test_lia_committer_submit_many_threads_grouped),
		T(test_lia_committer_stop_drains_queue),
		T(test_lia_committer_drain_finishes_queued_and_refuses_later_jobs),
		T(test_lia_committer_stop_idle_and_null),
#undef T
	};
	LIA_RUN_GROUP("committer", tests, NULL, NULL);
}
