/* SPDX-License-Identifier: EUPL-1.2 */
/* A phone number as people write it on a care record: "+33 6 12 34 56 78",
 * "03.20.00.00.00", "15". */
#ifndef LIA_DOMAIN_PHONE_H
#define LIA_DOMAIN_PHONE_H

#include <stddef.h>

#include "core/errors.h"

#define LIA_PHONE_MAX 20 /* characters */

/* LIA_FE_COUNT when s is a phone number of at least min_digits digits (and as many
 * characters), at most LIA_PHONE_MAX characters, made of digits, spaces and dots
 * with an optional leading '+'; else the field error (too_short, too_long,
 * invalid_format). */
enum lia_field_error lia_phone_error(const char *s, size_t min_digits);

#endif
