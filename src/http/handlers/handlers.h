/* SPDX-License-Identifier: EUPL-1.2 */
/* Every endpoint's handler; the route table (routes.c) is the only caller. */
#ifndef LIA_HTTP_HANDLERS_H
#define LIA_HTTP_HANDLERS_H

#include "http/request.h"

void lia_h_healthz(struct lia_req *r);
void lia_h_readyz(struct lia_req *r);

void lia_h_session_create(struct lia_req *r);
void lia_h_session_delete(struct lia_req *r);
void lia_h_me(struct lia_req *r);

void lia_h_org_list(struct lia_req *r);
void lia_h_org_create(struct lia_req *r);

void lia_h_account_create(struct lia_req *r);
void lia_h_account_get(struct lia_req *r);
void lia_h_role_grant(struct lia_req *r);
void lia_h_role_revoke(struct lia_req *r);

void lia_h_client_create(struct lia_req *r);
void lia_h_client_get(struct lia_req *r);
void lia_h_client_update(struct lia_req *r);
void lia_h_client_search(struct lia_req *r);
void lia_h_client_access_log(struct lia_req *r);

void lia_h_circle_list(struct lia_req *r);
void lia_h_circle_add(struct lia_req *r);
void lia_h_circle_end(struct lia_req *r);
void lia_h_consent_list(struct lia_req *r);
void lia_h_consent_add(struct lia_req *r);
void lia_h_consent_revoke(struct lia_req *r);
void lia_h_break_glass_open(struct lia_req *r);
void lia_h_break_glass_list(struct lia_req *r);
void lia_h_entry_list(struct lia_req *r);
void lia_h_entry_get(struct lia_req *r);
void lia_h_entry_create(struct lia_req *r);
void lia_h_entry_ack(struct lia_req *r);
void lia_h_attachment_upload(struct lia_req *r);
void lia_h_attachment_get(struct lia_req *r);

/* Shared by the notebook: the JSON shape of an attachment (without its content). */
cJSON *lia_attachment_json(const struct lia_attachment *t);

#endif
