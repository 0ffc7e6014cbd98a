/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: an uploaded file through content sniffing, sealing and unsealing, and
 * arbitrary bytes presented as a sealed file (which must be refused, never crash). */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sealed.h"
#include "domain/sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lia_sealing_key *key;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!key) {
		if (sodium_init() < 0)
			abort();
		char path[] = "/tmp/lia-fuzz-upload-key-XXXXXX";
		int fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
		unlink(path); /* load creates it afresh */
		key = lia_sealing_key_load(path);
		unlink(path);
		if (!key)
			abort();
	}
	struct lia_arena *a = lia_arena_new();
	(void)lia_sniff_type(data, size);
	size_t sn = 0, pn = 0;
	unsigned char *sealed = lia_seal(a, key, data, size, &sn);
	unsigned char *back = lia_unseal(a, key, sealed, sn, &pn);
	if (!back || pn != size || (size && memcmp(back, data, size) != 0))
		abort(); /* a round trip must give back the file */
	(void)lia_unseal(a, key, data, size, &pn);
	lia_arena_free(a);
	return 0;
}
