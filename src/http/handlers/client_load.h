/* SPDX-License-Identifier: EUPL-1.2 */
/* Loading the client named in the path ({id}) with what relates people to it. */
#ifndef LIA_HTTP_CLIENT_LOAD_H
#define LIA_HTTP_CLIENT_LOAD_H

#include "http/request.h"

/* Reads client r->params[0] and its subject (care circle, consents, the actor's
 * break-the-glass accesses). False with the reply set (404 for a malformed or unknown
 * id, 503) otherwise. */
bool lia_client_load(struct lia_req *r, struct lia_client *cl, struct lia_subject *s);

#endif
