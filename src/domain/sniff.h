/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The type of an uploaded file told by its content, not by its name or by what the
 * sender declares: a prescription photographed at the client's home (JPEG, PNG) or a
 * scanned document (PDF). Anything else is refused.
 */
#ifndef LIA_DOMAIN_SNIFF_H
#define LIA_DOMAIN_SNIFF_H

#include <stddef.h>

/* "image/jpeg", "image/png", "application/pdf", or NULL when the content is none of
 * them (or too short to tell). */
const char *lia_sniff_type(const unsigned char *data, size_t len);

#endif
