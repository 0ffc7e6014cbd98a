/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The printable sheets as PDF:
 *   GET /api/v1/clients/{id}/medication/mar.pdf?month=      the month's MAR;
 *   GET /api/v1/clients/{id}/pill-organisers/sheet.pdf?week= the pill-organiser sheet;
 *   GET /api/v1/me/day-sheet.pdf?date=                      the caller's day sheet;
 *   GET /api/v1/workers/{id}/day-sheet.pdf?date=            a worker's, for a
 *                                                          coordinator or admin.
 *
 * Each builds the very view its JSON twin serves (sheets.h: same checks, same access
 * decision, same audit entries) and renders it (pdf/render.h) in the request's
 * language. Everything runs on the slow-work pool (lia_req_defer): laying out pages
 * takes milliseconds that an HTTP worker should not wait for. The reply is
 * application/pdf, inline, under an ASCII file name that names no one (a file name
 * ends up in download folders and logs; the client's name is inside).
 *
 * A worker's day sheet printed by someone else needs LIA_MANAGE_PLANNING on the
 * worker's organisation node (the coordinator who plans their rounds, an admin);
 * then the printer's own rights decide what each client's entry shows.
 */

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"
#include "http/handlers/sheets.h"
#include "http/handlers/pdf_reply.h"

/* The deferred part runs on another thread: its read connection may fail to open. */
static bool
conn_ok(struct lia_req *r)
{
	if (lia_req_conn(r))
		return true;
	r->naudit = 0;
	lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
	return false;
}

static const char *
str_of(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) ? v->valuestring : "";
}

/* ---- the month's MAR ---- */

static void
mar_run(struct lia_req *r)
{
	if (!conn_ok(r))
		return;
	cJSON *v = lia_mar_build(r);
	if (!v)
		return;
	lia_reply_pdf(r, v, lia_pdf_render_mar,
		  lia_arena_printf(r->arena, "mar-%s.pdf", str_of(v, "month")));
}

void
lia_h_med_mar_pdf(struct lia_req *r)
{
	lia_req_defer(r, mar_run);
}

/* ---- the week's pill-organiser sheet ---- */

static void
organiser_run(struct lia_req *r)
{
	if (!conn_ok(r))
		return;
	cJSON *v = lia_organiser_sheet_build(r);
	if (!v)
		return;
	lia_json_add_time(v, "generated_at", lia_clock_now_us());
	/* Who prepared it, by name: the sheet is signed by people, not account ids. */
	cJSON *prep = cJSON_GetObjectItemCaseSensitive(v, "preparation");
	const char *by = str_of(prep, "prepared_by");
	if (cJSON_IsObject(prep) && lia_uuid_valid(by)) {
		struct lia_conn *c = lia_req_conn(r);
		struct lia_account acc;
		int st = c->ops->account_get(c, r->arena, by, &acc);
		if (st == LIA_STORE_OK)
			lia_json_add_str(prep, "prepared_by_name", acc.display_name);
		else if (st != LIA_STORE_NOT_FOUND) {
			cJSON_Delete(v);
			lia_reply_store_error(r, st);
			return;
		}
	}
	char *name = lia_arena_printf(r->arena, "semainier-%s.pdf", str_of(v, "week_start"));
	lia_reply_pdf(r, v, lia_pdf_render_organiser_sheet, name);
}

void
lia_h_organiser_sheet_pdf(struct lia_req *r)
{
	lia_req_defer(r, organiser_run);
}

/* ---- day sheets ---- */

/* Builds the day of f's worker (display name `name`) and prints it. */
static void
day_sheet(struct lia_req *r, const struct lia_day_for *f, const char *name)
{
	cJSON *v = lia_day_build(r, f);
	if (!v)
		return;
	cJSON *w = cJSON_AddObjectToObject(v, "worker");
	cJSON_AddStringToObject(w, "id", f->worker_id);
	lia_json_add_str(w, "display_name", name);
	lia_json_add_time(v, "generated_at", lia_clock_now_us());
	char *file = lia_arena_printf(r->arena, "feuille-de-route-%s.pdf", str_of(v, "date"));
	lia_reply_pdf(r, v, lia_pdf_render_day_sheet, file);
}

static void
me_day_run(struct lia_req *r)
{
	if (!conn_ok(r))
		return;
	struct lia_day_for f = {.worker_id = r->account.id,
				.tz = lia_org_tz(r, r->account.org_id), .own = true,
				.risks = true};
	day_sheet(r, &f, r->account.display_name);
}

void
lia_h_me_day_sheet_pdf(struct lia_req *r)
{
	lia_req_defer(r, me_day_run);
}

/* The worker r->params[0], when the caller manages their node's planning (audited):
 * an outsider gets 404 and learns nothing; an account holding no field role 409. */
static bool
load_worker(struct lia_req *r, struct lia_account *acc, struct lia_org *org)
{
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	int st = LIA_STORE_OK;
	if (!lia_uuid_valid(id) ||
	    (st = c->ops->account_get(c, r->arena, id, acc)) == LIA_STORE_NOT_FOUND) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	if (st != LIA_STORE_OK ||
	    (st = c->ops->org_get(c, r->arena, acc->org_id, org)) != LIA_STORE_OK) {
		lia_reply_store_error(r, st == LIA_STORE_NOT_FOUND ? LIA_STORE_ERROR : st);
		return false;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, org->path, LIA_MANAGE_PLANNING, &d);
	struct lia_audit_entry *e = lia_req_audit(r, "worker.day_sheet.print", NULL, org->id,
						  d.allow ? "ok" : "denied", d.reason);
	e->actor_role = d.as_role;
	e->object_id = acc->id;
	if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return false;
	}
	struct lia_worker *items;
	size_t n;
	st = c->ops->worker_list(c, r->arena, "/", acc->id, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	if (n == 0) {
		lia_req_audit_failed(r, "not_a_worker");
		lia_reply_error(r, LIA_P_NOT_A_WORKER);
		return false;
	}
	return true;
}

static void
worker_day_run(struct lia_req *r)
{
	if (!conn_ok(r))
		return;
	struct lia_account acc;
	struct lia_org org;
	if (!load_worker(r, &acc, &org))
		return;
	struct lia_day_for f = {.worker_id = acc.id,
				.tz = lia_tz_valid(org.tz) ? org.tz : lia_org_tz(r, org.id),
				.own = false, .risks = true};
	day_sheet(r, &f, acc.display_name);
}

void
lia_h_worker_day_sheet_pdf(struct lia_req *r)
{
	lia_req_defer(r, worker_day_run);
}
