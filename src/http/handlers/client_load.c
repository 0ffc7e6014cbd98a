/* SPDX-License-Identifier: EUPL-1.2 */
/* Loading the client named in the path (see client_load.h). */
#include "http/handlers/client_load.h"

#include "core/uuid.h"

bool
lia_client_load(struct lia_req *r, struct lia_client *cl, struct lia_subject *s)
{
	const char *id = r->params[0];
	if (!lia_uuid_valid(id)) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	struct lia_conn *c = lia_req_conn(r);
	int st = c->ops->client_get(c, r->arena, id, cl);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	return lia_req_subject(r, cl, true, s);
}
