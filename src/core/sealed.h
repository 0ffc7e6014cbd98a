/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Files stored encrypted at rest: libsodium's secretstream (XChaCha20-Poly1305) in
 * chunks of 64 KiB, the last one tagged final, so that a truncated, reordered or
 * altered ciphertext is refused. The key lives in a file of the data directory
 * (created 0600 on first use) and in locked memory while the server runs.
 */
#ifndef LIA_CORE_SEALED_H
#define LIA_CORE_SEALED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct lia_sealing_key;

/* Reads the 32-byte key from path, or creates it (mode 0600) when absent. NULL with a
 * logged reason when the file exists but is not a key, or cannot be read or made. */
struct lia_sealing_key *lia_sealing_key_load(const char *path);
/* Wipes and frees. NULL is a no-op. */
void lia_sealing_key_free(struct lia_sealing_key *k);

/* Encrypts plain[0..n) into an arena buffer; *out_len receives its length. */
unsigned char *lia_seal(struct lia_arena *a, const struct lia_sealing_key *k,
			const unsigned char *plain, size_t n, size_t *out_len);
/* Decrypts; NULL when the ciphertext is not intact under this key. */
unsigned char *lia_unseal(struct lia_arena *a, const struct lia_sealing_key *k,
			  const unsigned char *sealed, size_t n, size_t *out_len);

#endif
