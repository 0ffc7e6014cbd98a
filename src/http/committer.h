/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Group commit. One thread owns the write connection and turns the queue of pending
 * jobs into one transaction: each job runs inside a savepoint (so one job's failure
 * undoes only that job; a job that almost never fails may skip it, see
 * fails_rarely), then the audit entries of all the jobs are appended to the hash
 * chain in one call, and one durable COMMIT covers the whole batch. Only then is
 * each job's `done` called.
 *
 * This is how an audited read costs no disk flush of its own (its entry rides in the
 * next batch), how the audit chain and the change feed get one total order, and how
 * writes pass the one-fsync-per-request ceiling (performance-notes pitfall 3)
 * without acknowledging anything that is not on disk.
 */
#ifndef LIA_HTTP_COMMITTER_H
#define LIA_HTTP_COMMITTER_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

struct lia_job {
	/* Optional write work, run in the batch transaction inside a savepoint. Must set
	 * its own outcome for the caller in cls; returning non-OK undoes its writes. */
	lia_store_write_fn fn;
	void *cls;
	/* Entries appended after fn (outcome kept when fn succeeds; set to "failed"
	 * with the store status as detail when it does not). Owned by the caller; fn
	 * may still set or change them. The entries of every job of a batch are
	 * appended together once all its jobs have run: the chain head is read and
	 * moved once per batch, not once per job. */
	struct lia_audit_entry *audit;
	size_t naudit;
	/* fn almost never fails (a store error, not a client's mistake): it then runs
	 * without a savepoint of its own, and if it does fail the whole batch is undone
	 * and run again with a savepoint per job. Saves two round trips per job on
	 * PostgreSQL. */
	bool fails_rarely;
	/* Optional: runs in the batch transaction before a run of consecutive jobs with
	 * the same prepare and prepare_cls; batch_start is true when no job of this
	 * attempt ran before (the transaction has written nothing yet). The receiver
	 * checks there that what it keeps in memory is still current. Non-OK fails the
	 * batch (RETRY runs it again). */
	int (*prepare)(struct lia_conn *c, void *cls, bool batch_start);
	void *prepare_cls;
	/* Results: fn's status, and the batch commit's. Read them in done. */
	int fn_status;
	int commit_status;
	/* Called on the committer thread after the commit (or its failure). */
	void (*done)(struct lia_job *job, void *done_cls);
	void *done_cls;
	struct lia_job *next;
};

struct lia_committer;

/* Opens its own connection to url and starts the thread. NULL on failure. */
struct lia_committer *lia_committer_start(const char *url);
/* From now on, answers new jobs at once with commit_status LIA_STORE_ERROR, and
 * returns when every job submitted before has been committed and acknowledged. For
 * a clean shutdown: drain, stop the HTTP daemon (no connection left suspended),
 * then stop the committer. */
void lia_committer_drain(struct lia_committer *cm);
/* Runs the queue dry, then stops the threads and closes the connections. */
void lia_committer_stop(struct lia_committer *cm);
/* Queues job; job and what it points to must stay valid until done is called. */
void lia_committer_submit(struct lia_committer *cm, struct lia_job *job);
/* Submits and waits for done (for callers without an event loop). */
void lia_committer_run(struct lia_committer *cm, struct lia_job *job);

/* Counters for /readyz and benchmarks. */
struct lia_committer_stats {
	unsigned long long batches, jobs, retries, failures, syncs;
};
void lia_committer_stats(struct lia_committer *cm, struct lia_committer_stats *out);

#endif
