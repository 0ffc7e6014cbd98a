/* SPDX-License-Identifier: EUPL-1.2 */
/* Loading the client named in the path ({id}) with what relates people to it. */
#ifndef LIA_HTTP_CLIENT_LOAD_H
#define LIA_HTTP_CLIENT_LOAD_H

#include "http/request.h"

/* Reads client r->params[0] and its subject (care circle, consents, the actor's
 * break-the-glass accesses). False with the reply set (404 for a malformed or unknown
 * id, 503) otherwise. */
bool lia_client_load(struct lia_req *r, struct lia_client *cl, struct lia_subject *s);

/* Checks that exactly one of account_id and org_id is given (neither: `required` on
 * account_field; both: `invalid_value` on each) and that it names an existing account or
 * organisation (`unknown_reference`). Adds the field errors to p. */
void lia_check_account_or_org(struct lia_req *r, const char *account_id, const char *org_id,
			      const char *account_field, const char *org_field,
			      struct lia_problem *p);

#endif
