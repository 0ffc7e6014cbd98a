/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/clients/{id}/dlu.pdf[?transfer=ID]: the emergency liaison file (DLU,
 * HAS model) then the transfer sheet to the emergency department, as PDF: the
 * recorded transfer ?transfer= names, else a sheet to fill in by hand with the last
 * doses given and the treatments in progress already printed.
 *
 * Each data category is decided (and audited) on its own: a section the caller may
 * not read is left out and named as withheld on paper, as in the antenna bundle
 * (export/dlu_view.h builds the same view for both). A transfer is medical data:
 * naming one without the right to read medical data is refused (403).
 *
 * Everything runs on the slow-work pool (lia_req_defer): laying out pages takes
 * milliseconds an HTTP worker should not wait for. The file name names no one.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "export/dlu_view.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"
#include "http/handlers/pdf_reply.h"

static const char *const actions[LIA_CAT_ACCESS_LOG] = {
	[LIA_CAT_ADMIN] = "dlu.admin.read",
	[LIA_CAT_DAILY] = NULL,
	[LIA_CAT_CARE] = "dlu.care.read",
	[LIA_CAT_MEDICAL] = "dlu.medical.read",
};

/* Decides and audits the read of each category the DLU prints. False with the reply
 * set when none is readable. */
static bool
reader_for(struct lia_req *r, const struct lia_client *cl, const struct lia_subject *s,
	   struct lia_reader *rd)
{
	memset(rd, 0, sizeof *rd);
	bool any = false, hide = true;
	for (int c = 0; c < LIA_CAT_ACCESS_LOG; c++) {
		if (!actions[c])
			continue;
		struct lia_decision *d = &rd->cat[c];
		lia_req_decide_client(r, s, cl->org_id, (enum lia_category)c, LIA_ACT_READ,
				      actions[c], d);
		any = any || d->allow;
		hide = hide && d->hide_existence;
	}
	rd->label = r->account.display_name;
	if (!any)
		lia_reply_error(r, hide ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	return any;
}

/* The transfer ?transfer= names, into *t (NULL: none asked). False with the reply
 * set: 400 when malformed, 404 when it is not this client's, 403 without medical
 * read. */
static bool
transfer_for(struct lia_req *r, const struct lia_client *cl, const struct lia_reader *rd,
	     struct lia_transfer **t)
{
	*t = NULL;
	const char *id = lia_uri_param(&r->uri, "transfer");
	if (!id)
		return true;
	if (!lia_uuid_valid(id)) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "transfer", LIA_FE_INVALID_ID);
		p.kind = LIA_P_INVALID_QUERY;
		lia_req_audit_failed(r, "invalid_query");
		lia_reply_problem(r, &p);
		return false;
	}
	if (!rd->cat[LIA_CAT_MEDICAL].allow) {
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return false;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_transfer *tr = lia_arena_alloc(r->arena, sizeof *tr);
	int st = c->ops->transfer_get(c, r->arena, id, tr);
	if (st == LIA_STORE_OK && strcmp(tr->client_id, cl->id) != 0)
		st = LIA_STORE_NOT_FOUND;
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, st == LIA_STORE_NOT_FOUND ? "not_found" : "storage");
		lia_reply_store_error(r, st);
		return false;
	}
	*t = tr;
	return true;
}

static void
dlu_pdf_run(struct lia_req *r)
{
	if (!lia_req_conn(r)) {
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	struct lia_reader rd;
	if (!reader_for(r, &cl, &s, &rd))
		return;
	struct lia_transfer *t;
	if (!transfer_for(r, &cl, &rd, &t))
		return;
	cJSON *view = NULL;
	int st = lia_dlu_view(lia_req_conn(r), r->arena, &cl, &s, &rd, t, lia_clock_now_us(),
			      lia_org_tz(r, cl.org_id), &view);
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return;
	}
	lia_reply_pdf(r, view, lia_pdf_render_dlu, t ? "dlu-transfert.pdf" : "dlu.pdf");
}

void
lia_h_dlu_pdf(struct lia_req *r)
{
	lia_req_defer(r, dlu_pdf_run);
}
