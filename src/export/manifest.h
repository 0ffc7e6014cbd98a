/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The manifest of an antenna bundle (bundle.h) and its signature. manifest.json lists
 * every file of the bundle with its SHA-256, size and generation time; manifest.sig
 * holds the detached Ed25519 signature (libsodium crypto_sign_detached) of the exact
 * bytes of manifest.json, in hex. The public key in the manifest is informative only:
 * a reader checks the signature with the key it trusts, never with the one the file
 * brings along.
 */
#ifndef LIA_EXPORT_MANIFEST_H
#define LIA_EXPORT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#define LIA_MANIFEST_FORMAT "liaison-bundle/1"
#define LIA_MANIFEST_NAME "manifest.json"
#define LIA_MANIFEST_SIG_NAME "manifest.sig"
/* A manifest larger than this is not ours (5,000 clients take about 2 MB). */
#define LIA_MANIFEST_MAX (64u * 1024 * 1024)

/* Serialises m, writes manifest.json and manifest.sig (signed with sk) into dirfd,
 * both synced. Returns 0 or an errno; *which names the file that failed. */
int lia_manifest_write(int dirfd, const cJSON *m, const unsigned char *sk, const char **which);

/* Reads dirfd's manifest.json, checks manifest.sig against pk and the format.
 * Returns the parsed manifest (cJSON_Delete), or NULL with the reason in why. */
cJSON *lia_manifest_load(int dirfd, const unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *why,
			 size_t whysize);

/* True when path is a relative path a bundle may hold: no "..", no leading '/', no
 * empty or hidden component, printable ASCII. */
int lia_manifest_path_ok(const char *path);

/* Parses 64 hex digits into a public key. Returns 0, or -1 when malformed. */
int lia_public_key_parse(const char *hex, unsigned char pk[crypto_sign_PUBLICKEYBYTES]);

#endif
