/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Antenna bundles: every client record of an organisation's subtree as PDF, an index
 * PDF (the page a team prints first), the DLU of every client that has one, and a
 * manifest (file, SHA-256, size, generation time) signed with the installation's
 * Ed25519 key, so that teams keep working when servers or telecoms fail.
 *
 * Layout of out_dir:
 *   <org id>/<stamp>/            a complete bundle (stamp: UTC YYYYMMDDTHHMMSSZ)
 *       index.pdf, clients/<file>.pdf, dlu/<file>.pdf, manifest.json, manifest.sig
 *   <org id>/.partial-<stamp>/   a bundle being written: never reported complete
 *   <org id>/latest              symlink to the newest complete bundle
 * A bundle is written in its .partial folder, every file and the folder synced, then
 * renamed into place in one step: a crash or a kill never leaves a half-written bundle
 * looking complete, and the previous bundles stay untouched. The last `keep` complete
 * bundles are kept.
 *
 * Incremental runs read the change feed from the sequence the previous complete bundle
 * recorded, regenerate the records that changed (and those generated before today, as
 * "the next 7 days" moves with the date), and copy the others from the previous bundle.
 */
#ifndef LIA_EXPORT_BUNDLE_H
#define LIA_EXPORT_BUNDLE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <sodium.h>

struct lia_bundle_opts {
	const char *database_url;
	const char *org_id;         /* the antenna: clients whose home org is in its subtree */
	const char *out_dir;
	const char *profile;        /* "care" or "health" (export/record_view.h) */
	int threads;                /* rendering threads, 1..16 */
	int keep;                   /* complete bundles kept, >= 1 */
	bool incremental;           /* reuse the unchanged records of the latest bundle */
	bool french;
	/* Ed25519 secret key (libsodium layout: seed + public key). */
	const unsigned char *signing_key;
	/* Non-NULL: once *cancel is non-zero the run stops before its next file and fails
	 * ("cancelled"), leaving no bundle (a server that stops does not wait for it). */
	const _Atomic int *cancel;
};

/* Live progress, written by the run and read by other threads (the API, the terminal
 * bar) without locks. */
struct lia_bundle_progress {
	_Atomic int64_t started_at;  /* µs since epoch; 0 before the run starts */
	_Atomic int64_t total;       /* clients to write (known once listed) */
	_Atomic int64_t done;        /* clients written (rendered or reused) */
	_Atomic int64_t reused;      /* of which copied from the previous bundle */
	_Atomic int running;         /* 1 while the run is in progress */
};

struct lia_bundle_result {
	char path[1024];             /* the complete bundle's folder */
	int64_t clients, rendered, reused, files, bytes;
	int64_t change_seq;          /* the change feed position the bundle reflects */
	double seconds;
	char error[512];             /* why it failed, for the operator */
};

/* Writes one bundle. Returns 0 on success (result filled), -1 on failure with
 * result->error set; the previous bundles are intact either way. progress may be
 * NULL. */
int lia_bundle_run(const struct lia_bundle_opts *o, struct lia_bundle_progress *progress,
		   struct lia_bundle_result *result);

/* Checks the bundle in dir: the signature of manifest.json with public_key, then every
 * listed file (present, size, SHA-256), and that no file is there unlisted. Prints
 * each problem to report (missing, altered, extra, bad signature) and returns the
 * number of problems (0: the bundle is complete and untouched), -1 when dir is not a
 * bundle at all. */
int lia_bundle_verify(const char *dir, const unsigned char public_key[crypto_sign_PUBLICKEYBYTES],
		      FILE *report);

/* Loads the installation's signing key from path, creating it (mode 0600) on first
 * use. Returns 0, or -1 with the reason in err. */
int lia_signing_key_load(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES],
			 unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *err, size_t errsize);

#endif
