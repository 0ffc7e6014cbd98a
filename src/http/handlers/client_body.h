/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The JSON shape of a client record, both ways: lia_client_json() for replies, and
 * lia_client_apply() which decodes a POST or PATCH body onto a record and checks
 * the identity rules (INS key and coherence, OIDs, RNIV evidence and status).
 */
#ifndef LIA_HTTP_CLIENT_BODY_H
#define LIA_HTTP_CLIENT_BODY_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "core/errors.h"
#include "http/request.h"
#include "store/records.h"

/* Reply shape of a client. */
cJSON *lia_client_json(const struct lia_client *cl);

/* Decodes body onto cl (for a create, cl starts zeroed; for a PATCH, it holds the
 * stored record) and validates the result. A change of a strict trait clears the
 * identity evidence unless the same body brings new evidence (RNIV). Sets keys and
 * identity_status. *org_id receives the body's org_id (create only). Returns false
 * with p filled on any error. */
bool lia_client_apply(struct lia_req *r, const cJSON *body, bool create, struct lia_client *cl,
		      const char **org_id, struct lia_problem *p);

#endif
