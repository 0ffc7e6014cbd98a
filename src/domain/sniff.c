/* SPDX-License-Identifier: EUPL-1.2 */
/* Content sniffing of uploads by their magic numbers (see sniff.h). */
#include "domain/sniff.h"

#include <string.h>

static const struct {
	const char *type;
	const unsigned char *magic;
	size_t len;
	size_t min_total; /* shorter files cannot be a real file of this type */
} kinds[] = {
	/* JPEG: SOI marker then another marker (JFIF, Exif, raw). */
	{"image/jpeg", (const unsigned char *)"\xFF\xD8\xFF", 3, 64},
	/* PNG: the 8-byte signature (RFC 2083 section 12.11). */
	{"image/png", (const unsigned char *)"\x89PNG\r\n\x1A\n", 8, 64},
	/* PDF: the header "%PDF-" (ISO 32000-1 section 7.5.2). */
	{"application/pdf", (const unsigned char *)"%PDF-", 5, 32},
};

const char *
lia_sniff_type(const unsigned char *data, size_t len)
{
	for (size_t i = 0; data && i < sizeof kinds / sizeof kinds[0]; i++)
		if (len >= kinds[i].min_total && memcmp(data, kinds[i].magic, kinds[i].len) == 0)
			return kinds[i].type;
	return NULL;
}
