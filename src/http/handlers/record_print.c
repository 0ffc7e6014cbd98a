/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/clients/{id}/record.pdf: the client record printed for the caller
 * (export/record_view.h, pdf/render.h).
 *
 * The caller must be allowed to read the client's identity (admin category): that
 * is the record's first page, and without it there is nothing to print (404 for
 * someone with no relation to the client, as every client endpoint answers). Each
 * other category is asked too, and a refusal only withholds its sections: a nurse
 * and an aide print the same record with different contents. Every one of the four
 * decisions is audited, allowed or not.
 *
 * Building the view and rendering take a few milliseconds to tens of milliseconds:
 * both run on the slow-work pool (lia_req_defer), never on an HTTP worker.
 */
#include <string.h>

#include "core/clock.h"
#include "export/record_view.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"
#include "http/handlers/pdf_reply.h"

struct record_job {
	struct lia_client cl;
	struct lia_subject s;
	struct lia_reader rd;
	const char *tz;
};

/* One audit action per category, so that the journal says what was read. */
static const char *const audit_actions[LIA_CAT_ACCESS_LOG] = {
	[LIA_CAT_ADMIN] = "client.record.print.admin",
	[LIA_CAT_DAILY] = "client.record.print.daily",
	[LIA_CAT_CARE] = "client.record.print.care",
	[LIA_CAT_MEDICAL] = "client.record.print.medical",
};

static void
render(struct lia_req *r)
{
	struct record_job *x = r->ctx;
	struct lia_conn *c = lia_req_conn(r);
	cJSON *view = NULL;
	int st = c ? lia_record_view(c, r->arena, &x->cl, &x->s, &x->rd, lia_clock_now_us(), x->tz,
				     &view) :
		     LIA_STORE_ERROR;
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, "storage_unavailable");
		lia_reply_store_error(r, st == LIA_STORE_NOT_FOUND ? LIA_STORE_ERROR : st);
		return;
	}
	lia_reply_pdf(r, view, lia_pdf_render_record,
		      lia_arena_printf(r->arena, "dossier-%s.pdf", x->cl.id));
}

void
lia_h_client_record_pdf(struct lia_req *r)
{
	struct record_job *x = lia_arena_alloc(r->arena, sizeof *x);
	memset(x, 0, sizeof *x);
	if (!lia_client_load(r, &x->cl, &x->s))
		return;
	/* Identity first: refused, the request ends here (404 or 403) and is audited. */
	if (!lia_req_authorize_client(r, &x->s, x->cl.org_id, LIA_CAT_ADMIN, LIA_ACT_READ,
				      audit_actions[LIA_CAT_ADMIN], &x->rd.cat[LIA_CAT_ADMIN]))
		return;
	for (int k = LIA_CAT_DAILY; k < LIA_CAT_ACCESS_LOG; k++) {
		lia_req_decide_client(r, &x->s, x->cl.org_id, (enum lia_category)k, LIA_ACT_READ,
				      audit_actions[k], &x->rd.cat[k]);
	}
	x->rd.label = r->account.display_name ? r->account.display_name : r->account.login;
	x->tz = lia_org_tz(r, x->cl.org_id);
	r->ctx = x;
	lia_req_defer(r, render);
}
