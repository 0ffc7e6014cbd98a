/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Antenna bundles inside the server: one thread that writes the bundles of the
 * organisations listed in export-schedule every N minutes, and those an operator asks
 * for (POST /api/v1/orgs/{id}/exports), one bundle at a time, and keeps each
 * organisation's status (the run in progress, the last complete bundle, the last
 * error) for GET /api/v1/exports.
 *
 * An organisation's next run is due `minutes` after its last run started. Runs are
 * incremental (export/bundle.h) from the newest complete bundle, found on disk at
 * start if there is one: they copy the records that did not change. On
 * shutdown a run in progress is given a grace period to finish, then cancelled: the
 * bundle engine stops before its next file and removes its .partial folder, so no
 * bundle is ever reported complete that is not.
 */
#ifndef LIA_EXPORT_SCHEDULE_H
#define LIA_EXPORT_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/config.h"
#include "export/bundle.h"

struct lia_export_schedule;

/* One organisation's state, copied out of the scheduler. */
struct lia_export_status {
	char org_id[40];
	char org_name[201];
	char org_path[1024];       /* for scoping listings (domain/policy.h) */
	long interval_minutes;     /* 0: not scheduled (runs only when asked) */
	char profile[8];           /* "care" or "health" */
	int64_t next_run_at;       /* µs since epoch; 0 when not scheduled */
	bool queued;               /* asked for, waiting for the thread */
	bool running;
	int64_t started_at, total, done, reused; /* the run in progress */
	bool has_last;             /* a complete bundle exists (written, or found at start) */
	struct lia_bundle_result last;
	int64_t last_finished_at;
	char last_error[512];      /* why the latest run failed; "" after a success */
	int64_t last_error_at;
};

/* Reads the export-* keys of cfg (export-schedule already checked by
 * lia_config_load), resolves each scheduled organisation (id or exact name) in the
 * database at database_url, loads (or makes) the signing key, creates the export
 * folder and starts the thread, which starts the due runs at once. Returns NULL with
 * the reason in err (unknown or ambiguous organisation, unreadable key...). */
struct lia_export_schedule *lia_export_schedule_new(const struct lia_config *cfg,
						    const char *database_url, char *err,
						    size_t errsize);

/* Stops the thread and frees s (NULL is a no-op). A run in progress may finish within
 * a grace period (20 s); past it, it is cancelled and leaves no bundle. */
void lia_export_schedule_free(struct lia_export_schedule *s);

/* Every organisation scheduled or run since the start, in *out (allocated in a), in
 * schedule order then order of first request. Returns the count. */
size_t lia_export_schedule_list(struct lia_export_schedule *s, struct lia_arena *a,
				struct lia_export_status **out);

enum lia_export_trigger {
	LIA_EXPORT_QUEUED,   /* the run is queued (st filled) */
	LIA_EXPORT_BUSY,     /* one is already queued or running for the organisation */
	LIA_EXPORT_STOPPING, /* the server is shutting down */
};

/* Asks for a run of the organisation (org_path its path in the tree) now. st, when
 * not NULL, receives the organisation's status after the request. */
enum lia_export_trigger lia_export_schedule_trigger(struct lia_export_schedule *s,
						    const char *org_id, const char *org_name,
						    const char *org_path,
						    struct lia_export_status *st);

/* The public half of the key that signs manifests. */
const unsigned char *lia_export_schedule_public_key(const struct lia_export_schedule *s);

#endif
