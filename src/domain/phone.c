/* SPDX-License-Identifier: EUPL-1.2 */
/* Phone numbers as written on a care record (see phone.h). */
#include "domain/phone.h"

#include <string.h>

enum lia_field_error
lia_phone_error(const char *s, size_t min_digits)
{
	size_t len = strlen(s), digits = 0;
	if (len < min_digits)
		return LIA_FE_TOO_SHORT;
	if (len > LIA_PHONE_MAX)
		return LIA_FE_TOO_LONG;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (!(s[i] == ' ' || s[i] == '.' || (s[i] == '+' && i == 0)))
			return LIA_FE_INVALID_FORMAT;
	}
	return digits >= min_digits ? LIA_FE_COUNT : LIA_FE_INVALID_FORMAT;
}
