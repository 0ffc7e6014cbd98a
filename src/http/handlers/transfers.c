/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Transfers to the emergency department: POST and GET /api/v1/clients/{id}/transfers.
 * A transfer records what the transfer sheet says at the time (reason, vital signs,
 * last meal, prostheses, belongings; domain/dlu.h) and is never changed afterwards:
 * it is what left with the client. It is medical data: recording one needs the
 * right to create medical data, listing them the right to read it. Location names
 * the printed sheet (dlu.pdf?transfer=ID), the one place a transfer is shown whole.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/dlu.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define LIST_MAX 50

static cJSON *
transfer_json(const struct lia_transfer *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", t->id);
	cJSON_AddStringToObject(o, "client_id", t->client_id);
	lia_json_add_time(o, "created_at", t->created_at);
	lia_json_add_str(o, "created_by", t->created_by);
	cJSON_AddItemToObject(o, "fields", lia_json_from_text(t->data));
	return o;
}

static int
insert_transfer(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct lia_transfer *t = r->ctx;
	int st = c->ops->transfer_insert(c, t);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, transfer_json(t));
	lia_reply_header(r, "Location",
			 lia_arena_printf(r->arena, "/api/v1/clients/%s/dlu.pdf?transfer=%s",
					  t->client_id, t->id));
	return LIA_STORE_OK;
}

void
lia_h_transfer_create(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_CREATE,
				      "transfer.create", NULL))
		return;
	cJSON *body = lia_req_json(r);
	if (!body) {
		lia_req_audit_failed(r, "bad_request");
		return;
	}
	struct lia_problem p = {0};
	if (!lia_dlu_transfer_check(body, &p)) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_transfer *t = lia_arena_alloc(r->arena, sizeof *t);
	memset(t, 0, sizeof *t);
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	/* Nulls say "not given": they are not kept. */
	cJSON *clean = cJSON_Duplicate(body, true);
	for (cJSON *m = clean->child, *next; m; m = next) {
		next = m->next;
		if (cJSON_IsNull(m))
			cJSON_Delete(cJSON_DetachItemViaPointer(clean, m));
	}
	char *text = cJSON_PrintUnformatted(clean);
	cJSON_Delete(clean);
	t->data = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	t->id = id;
	t->client_id = cl.id;
	t->org_id = cl.org_id;
	t->created_at = lia_clock_now_us();
	t->created_by = r->account.id;
	struct lia_audit_entry *e = r->audit ? &r->audit[r->naudit - 1] : NULL;
	if (e)
		e->object_id = id;
	r->ctx = t;
	lia_req_write(r, insert_transfer);
}

void
lia_h_transfer_list(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_MEDICAL, LIA_ACT_READ,
				      "transfer.list", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_transfer *items = NULL;
	size_t n = 0;
	int st = c->ops->transfer_list(c, r->arena, cl.id, LIST_MAX, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, transfer_json(&items[i]));
	lia_reply_json(r, 200, o);
}
