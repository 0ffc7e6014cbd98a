/* SPDX-License-Identifier: EUPL-1.2 */
/* Display names of accounts named in a reply (authors, actors), looked up once each. */
#ifndef LIA_HTTP_NAMES_H
#define LIA_HTTP_NAMES_H

#include "http/request.h"

#define LIA_NAMES_MAX 64

struct lia_names {
	const char *id[LIA_NAMES_MAX];
	const char *name[LIA_NAMES_MAX];
	size_t n;
};

/* The account's display name ("Liaison (système)" for NULL, NULL when unknown). */
const char *lia_account_name(struct lia_req *r, struct lia_names *cache, const char *id);

#endif
