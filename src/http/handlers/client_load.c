/* SPDX-License-Identifier: EUPL-1.2 */
/* Loading the client named in the path (see client_load.h). */
#include "http/handlers/client_load.h"

#include "core/uuid.h"

void
lia_check_account_or_org(struct lia_req *r, const char *account_id, const char *org_id,
			 const char *account_field, const char *org_field, struct lia_problem *p)
{
	if (!account_id && !org_id) {
		lia_problem_field(p, account_field, LIA_FE_REQUIRED);
		return;
	}
	if (account_id && org_id) {
		lia_problem_field(p, account_field, LIA_FE_INVALID_VALUE);
		lia_problem_field(p, org_field, LIA_FE_INVALID_VALUE);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_account acc;
	struct lia_org org;
	if (account_id && (!lia_uuid_valid(account_id) ||
			   c->ops->account_get(c, r->arena, account_id, &acc) != LIA_STORE_OK))
		lia_problem_field(p, account_field, LIA_FE_UNKNOWN_REFERENCE);
	if (org_id && (!lia_uuid_valid(org_id) ||
		       c->ops->org_get(c, r->arena, org_id, &org) != LIA_STORE_OK))
		lia_problem_field(p, org_field, LIA_FE_UNKNOWN_REFERENCE);
}

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
