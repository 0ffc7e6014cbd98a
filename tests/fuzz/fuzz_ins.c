/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the INS checks (src/domain/ins.c): any bytes, as a matricule, a sex
 * and a birth date, must give an answer and never read out of bounds. The input is
 * split at the first two '|' so that all three arguments are exercised.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ins.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Matricules are 15 bytes; anything much longer only costs time. */
	if (size > 4096)
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';

	enum lia_ins_check r = lia_ins_check(buf);
	if (r != LIA_INS_OK && r != LIA_INS_BAD_FORMAT && r != LIA_INS_BAD_KEY)
		abort();
	char key[3];
	if (lia_ins_key(buf, key) && (key[2] != '\0' || key[0] < '0' || key[0] > '9'))
		abort();

	char *sex = strchr(buf, '|');
	char *date = NULL;
	if (sex) {
		*sex++ = '\0';
		date = strchr(sex, '|');
		if (date)
			*date++ = '\0';
	}
	(void)lia_ins_matches_traits(buf, sex ? sex : "F", date ? date : "1979-03-28");
	(void)lia_ins_oid_known(buf);
	free(buf);
	return 0;
}
