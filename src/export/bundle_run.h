/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The state of one bundle run, shared by the files that make it (bundle.c: listing and
 * rendering; bundle_incremental.c: what can be reused; bundle_commit.c: folders,
 * audit and the atomic rename). Internal to src/export: the API is bundle.h.
 */
#ifndef LIA_EXPORT_BUNDLE_RUN_H
#define LIA_EXPORT_BUNDLE_RUN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/clock.h"
#include "export/bundle.h"
#include "store/store.h"

#define LIA_BUNDLE_STAMP_LEN 16 /* 20261122T130501Z */

/* One client of the bundle. */
struct lia_bundle_job {
	const struct lia_client *cl; /* in the run's arena */
	char base[96];               /* file name without ".pdf" */
	const cJSON *prev_rec;       /* entries of the previous manifest to copy, or NULL */
	const cJSON *prev_dlu;
	bool touched;                 /* changed since the previous bundle */
	bool reused;                  /* copied, not rendered */
	cJSON *index_row;             /* owned until the index takes it */
	cJSON *rec_entry, *dlu_entry; /* manifest entries, owned until the manifest takes them */
};

struct lia_bundle_run {
	const struct lia_bundle_opts *o;
	struct lia_bundle_progress *progress;
	struct lia_conn *conn;   /* the run's own (listing, feed, audit) */
	struct lia_arena *arena; /* the org and the client list */
	struct lia_org org;
	const char *tz;
	int64_t head; /* change feed head read before anything else */
	int64_t now;
	char now_text[LIA_RFC3339_LEN];
	char today[11]; /* local date in tz */
	char stamp[LIA_BUNDLE_STAMP_LEN + 1];
	char org_path[1024];  /* out_dir/<org id> */
	char part_path[1100]; /* out_dir/<org id>/.partial-<stamp> */
	int orgfd, lockfd, partfd, clientsfd, dlufd, prevfd;
	cJSON *prev;                   /* the previous bundle's manifest (incremental) */
	struct lia_bundle_job *jobs;   /* in name order */
	struct lia_bundle_job **by_id; /* sorted by client id */
	size_t njobs;
	_Atomic size_t next; /* next job for a worker */
	_Atomic int failed;
	_Atomic long files_started;
	_Atomic int64_t files, bytes;
	long fault_enospc_after; /* LIA_FAULT_INJECTION builds only */
	long fault_delay_ms;
	long fault_days_ahead;         /* the run's date moved forward (tests) */
	pthread_mutex_t lock; /* guards error */
	char error[512];
};

/* Records the first failure (later ones are consequences) and stops the workers. */
void lia_bundle_fail(struct lia_bundle_run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The job of a client, or NULL when the client is not in the bundle. */
struct lia_bundle_job *lia_bundle_find(struct lia_bundle_run *r, const char *client_id);
bool lia_bundle_is_stamp(const char *s);

/* bundle_incremental.c: reads latest/manifest.json and the change feed, and sets
 * prev_rec/prev_dlu of the jobs that can be copied. A previous bundle that is absent,
 * unsigned or for other options is no failure: the run is then a full one. */
int lia_bundle_plan_incremental(struct lia_bundle_run *r);

/* bundle_commit.c */
/* Removes partial folders and temporary links a crashed run left. */
int lia_bundle_sweep(struct lia_bundle_run *r);
/* Picks the stamp and creates .partial-<stamp>/{clients,dlu}. */
int lia_bundle_open_partial(struct lia_bundle_run *r);
/* Syncs, audits, renames into place, moves `latest`, removes old bundles. */
int lia_bundle_commit(struct lia_bundle_run *r);
/* Removes the partial folder after a failure. */
void lia_bundle_drop_partial(struct lia_bundle_run *r);
/* Closes every descriptor (releases the lock). */
void lia_bundle_close(struct lia_bundle_run *r);

#endif
