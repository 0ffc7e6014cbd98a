/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/orgs/{id}/esppadom?funder=apa&month=2026-11&format=xml|csv: the month's
 * done visits of the node's clients (its subtree) funded by one funder, as the
 * ESPPADOM DELIVERY file the provider sends to that funder (XML), or the same lines
 * for a spreadsheet (CSV). The files themselves are domain/esppadom.h's; this handler
 * gathers the visits, clients, grants and workers' names.
 *
 * Rules:
 *   - LIA_MANAGE_PLANNING on the node (coordinator, admin): a bulk read of clients'
 *     planning, audited once for the export ("export.esppadom", with the funder, the
 *     month and the number of visits) and once per client included
 *     ("client.export.esppadom").
 *   - funder: apa, pch, caisse_retraite or other; "private" is refused (the client
 *     pays: nothing to declare). month: required, not after the current local month.
 *   - A line is a visit with status done, the funder asked, and a retained period
 *     (retained_end > retained_start): a failed meal delivery has none and is left
 *     out. A done visit without a worker cannot be declared (ESPPADOM names the
 *     intervenant): it is left out and counted in X-Liaison-Skipped-Visits.
 *   - The grant of a line is the client's grant of that funder in force on the
 *     visit's local date (the latest starting one when several are); the file's
 *     funder id and name come from the first line whose grant has them. An XML file
 *     needs the funder's id: without any, 422 (field funder, unknown_reference).
 *   - An XML file holds at least one line: an empty month is a 404. An empty CSV is
 *     its header row.
 *
 * The provider is the node: its id and name. There is no SIRET column yet; the
 * domain module requires 14 digits, so the file carries the placeholder
 * NO_SIRET below until organisations get a SIRET. Fix that before sending a file to
 * a funder.
 *
 * The reply carries X-Liaison-Total-Minutes: the sum of the lines' retained minutes.
 * The work runs on the slow-work pool (lia_req_defer): a month of an association is
 * thousands of rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "domain/esppadom.h"
#include "domain/hours.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

/* Placeholder SIRET (14 digits, not a valid one: its Luhn key fails) until the
 * organisation record has one. */
#define NO_SIRET "00000000000000"
#define PAGE 5000

static const char *const funders[] = {"apa", "pch", "caisse_retraite", "other", NULL};

struct export_job {
	struct lia_org org;
	const char *funder;
	const char *month;
	bool csv;
	const char *tz;
	int64_t from, to;
	struct lia_audit_entry *entry;
};

static bool
month_format_ok(const char *m)
{
	if (strlen(m) != 7 || m[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (m[i] < '0' || m[i] > '9'))
			return false;
	return true;
}

/* Small caches of what several lines share. Growing a cache copies it into a new
 * arena block and leaves the old one in place, so pointers to earlier entries (the
 * lines' clients) stay valid. */
struct client_info {
	struct lia_client client;
	struct lia_grant *grants;
	size_t ngrants;
};

struct worker_info {
	const char *id;
	const char *name;
};

struct gather {
	struct lia_req *r;
	struct lia_conn *c;
	struct client_info *clients;
	size_t nclients, capclients;
	struct worker_info *workers;
	size_t nworkers, capworkers;
};

static void *
grow(struct lia_arena *a, void *old, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return old;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = lia_arena_alloc(a, ncap * size);
	if (n)
		memcpy(p, old, n * size);
	*cap = ncap;
	return p;
}

static int
client_of(struct gather *g, const char *id, struct client_info **out)
{
	for (size_t i = 0; i < g->nclients; i++)
		if (!strcmp(g->clients[i].client.id, id)) {
			*out = &g->clients[i];
			return LIA_STORE_OK;
		}
	g->clients = grow(g->r->arena, g->clients, g->nclients, &g->capclients, sizeof *g->clients);
	struct client_info *ci = &g->clients[g->nclients];
	int st = g->c->ops->client_get(g->c, g->r->arena, id, &ci->client);
	if (st == LIA_STORE_OK)
		st = g->c->ops->grant_list(g->c, g->r->arena, id, &ci->grants, &ci->ngrants);
	if (st != LIA_STORE_OK)
		return st;
	g->nclients++;
	*out = ci;
	return LIA_STORE_OK;
}

static int
worker_name(struct gather *g, const char *id, const char **name)
{
	for (size_t i = 0; i < g->nworkers; i++)
		if (!strcmp(g->workers[i].id, id)) {
			*name = g->workers[i].name;
			return LIA_STORE_OK;
		}
	struct lia_account acc;
	int st = g->c->ops->account_get(g->c, g->r->arena, id, &acc);
	if (st == LIA_STORE_NOT_FOUND)
		acc.display_name = NULL;
	else if (st != LIA_STORE_OK)
		return st;
	g->workers = grow(g->r->arena, g->workers, g->nworkers, &g->capworkers, sizeof *g->workers);
	g->workers[g->nworkers].id = id;
	g->workers[g->nworkers].name = acc.display_name;
	g->nworkers++;
	*name = acc.display_name;
	return LIA_STORE_OK;
}

/* The client's grant of `funder` in force on local date `date`, or NULL. */
static const struct lia_grant *
grant_on(const struct client_info *ci, const char *funder, const char *date)
{
	const struct lia_grant *best = NULL;
	for (size_t i = 0; i < ci->ngrants; i++) {
		const struct lia_grant *g = &ci->grants[i];
		if (strcmp(g->funder, funder) != 0 || strcmp(g->starts_on, date) > 0 ||
		    (g->ends_on && strcmp(g->ends_on, date) < 0))
			continue;
		if (!best || strcmp(g->starts_on, best->starts_on) >= 0)
			best = g;
	}
	return best;
}

static void
export_reply(struct lia_req *r, const struct lia_esppadom_batch *b, size_t skipped)
{
	const struct export_job *x = r->ctx;
	char *out = NULL;
	size_t len = 0, bad = 0;
	enum lia_esppadom_status es = x->csv ? lia_esppadom_csv(b, &out, &len, &bad) :
					       lia_esppadom_xml(b, &out, &len, &bad);
	if (es != LIA_ESPPADOM_OK) {
		free(out);
		if (es == LIA_ESPPADOM_NO_LINES) {
			struct lia_problem p = {0};
			lia_problem_set(&p, LIA_P_NOT_FOUND,
					"No delivered visit to declare for this funder and month",
					"Aucune intervention réalisée à déclarer pour ce financeur "
					"et ce mois");
			lia_req_audit_failed(r, "no_lines");
			lia_reply_problem(r, &p);
			return;
		}
		/* Ids and a line index only: never health data in logs. */
		LIA_BUG("esppadom.export_failed", "org=%s status=%s line=%zu", x->org.id,
			lia_esppadom_status_code(es), bad);
		lia_req_audit_failed(r, lia_esppadom_status_code(es));
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	lia_reply_bytes(r, 200,
			x->csv ? "text/csv; charset=utf-8" : "application/xml; charset=utf-8",
			(const unsigned char *)out, len);
	free(out);
	lia_reply_header(r, "Content-Disposition",
			 lia_arena_printf(r->arena, "attachment; filename=\"esppadom-%s-%s.%s\"",
					  x->funder, x->month, x->csv ? "csv" : "xml"));
	lia_reply_header(
		r, "X-Liaison-Total-Minutes",
		lia_arena_printf(r->arena, "%lld",
				 (long long)lia_esppadom_total_minutes(b->lines, b->nlines)));
	lia_reply_header(r, "X-Liaison-Skipped-Visits", lia_arena_printf(r->arena, "%zu", skipped));
}

/* On the slow-work pool: gather, audit per client, write the file. */
static void
export_run(struct lia_req *r)
{
	struct export_job *x = r->ctx;
	struct gather g = {.r = r, .c = lia_req_conn(r)};
	if (!g.c) {
		lia_req_audit_failed(r, "storage_unavailable");
		lia_reply_error(r, LIA_P_STORAGE_UNAVAILABLE);
		return;
	}
	const char *scope[1] = {x->org.path};
	struct lia_visit_query q = {.scope_paths = scope,
				    .nscope = 1,
				    .status = "done",
				    .from = x->from,
				    .to = x->to,
				    .limit = PAGE};
	struct lia_esppadom_line *lines = NULL;
	size_t nlines = 0, caplines = 0, skipped = 0;
	const char *funder_id = NULL, *funder_name = NULL;
	int st = LIA_STORE_OK;
	for (;;) {
		struct lia_visit *page = NULL;
		size_t n = 0;
		st = g.c->ops->visit_list(g.c, r->arena, &q, &page, &n);
		if (st != LIA_STORE_OK)
			break;
		for (size_t i = 0; i < n && st == LIA_STORE_OK; i++) {
			const struct lia_visit *v = &page[i];
			if (!v->funder || strcmp(v->funder, x->funder) != 0 ||
			    v->retained_end <= v->retained_start)
				continue;
			if (!v->worker_id) {
				skipped++;
				continue;
			}
			struct client_info *ci;
			st = client_of(&g, v->client_id, &ci);
			const char *wname = NULL;
			if (st == LIA_STORE_OK)
				st = worker_name(&g, v->worker_id, &wname);
			if (st != LIA_STORE_OK)
				break;
			char date[11], hms[9];
			if (!lia_local_format(x->tz, v->planned_start, date, hms))
				lia_date_of(v->planned_start, date);
			const struct lia_grant *gr = grant_on(ci, x->funder, date);
			if (gr && !funder_id && gr->funder_id && *gr->funder_id) {
				funder_id = gr->funder_id;
				funder_name = gr->funder_name;
			}
			lines = grow(r->arena, lines, nlines, &caplines, sizeof *lines);
			lines[nlines++] = (struct lia_esppadom_line){
				.visit = v,
				.client = &ci->client,
				.grant = gr,
				.worker_id = NULL,
				.worker_name = wname,
			};
		}
		if (st != LIA_STORE_OK || n < (size_t)q.limit)
			break;
		q.after_start = page[n - 1].planned_start;
		q.after_id = page[n - 1].id;
	}
	if (st != LIA_STORE_OK) {
		lia_req_audit_failed(r, lia_store_status_name(st));
		lia_reply_store_error(r, st);
		return;
	}
	if (!funder_id && !x->csv && nlines) {
		struct lia_problem p = {0};
		lia_problem_set(&p, LIA_P_VALIDATION_FAILED,
				"No grant of this funder gives the funder's identifier (funder_id)",
				"Aucune prise en charge de ce financeur ne donne son identifiant "
				"(funder_id)");
		lia_problem_field(&p, "funder", LIA_FE_UNKNOWN_REFERENCE);
		lia_req_audit_failed(r, "no_funder_id");
		lia_reply_problem(r, &p);
		return;
	}
	/* Set before the per-client entries: lia_req_audit may move the array (the
	 * arena keeps the old copy, so x->entry must not be written after). */
	x->entry->detail =
		lia_arena_printf(r->arena, "%s %s %zu visits", x->funder, x->month, nlines);
	const char *role = x->entry->actor_role;
	for (size_t k = 0; k < g.nclients; k++) {
		struct lia_audit_entry *e = lia_req_audit(r, "client.export.esppadom",
							  g.clients[k].client.id,
							  g.clients[k].client.org_id, "ok", NULL);
		e->actor_role = role;
		e->object_id = x->org.id;
	}

	char transaction_id[LIA_UUID_STRLEN + 1];
	lia_uuid7(transaction_id);
	struct lia_esppadom_batch b = {
		.provider = {.id = x->org.id, .name = x->org.name, .siret = NO_SIRET},
		.funder = {.code = x->funder,
			   .id = funder_id ? funder_id : lia_esppadom_product_code(x->funder),
			   .name = funder_name && *funder_name ?
					   funder_name :
					   lia_esppadom_product_code(x->funder)},
		.month = x->month,
		.tz = x->tz,
		.generated_at = lia_clock_now_us(),
		.transaction_id = transaction_id,
		.lines = lines,
		.nlines = nlines,
	};
	export_reply(r, &b, skipped);
}

void
lia_h_esppadom_export(struct lia_req *r)
{
	const char *id = r->params[0];
	struct lia_conn *c = lia_req_conn(r);
	struct export_job *x = lia_arena_alloc(r->arena, sizeof *x);
	int st = lia_uuid_valid(id) ? c->ops->org_get(c, r->arena, id, &x->org) :
				      LIA_STORE_NOT_FOUND;
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	struct lia_problem p = {0};
	x->funder = lia_uri_param(&r->uri, "funder");
	x->month = lia_uri_param(&r->uri, "month");
	const char *format = lia_uri_param(&r->uri, "format");
	x->tz = lia_org_tz(r, x->org.id);
	if (!x->funder) {
		lia_problem_field(&p, "funder", LIA_FE_REQUIRED);
	} else {
		bool known = false;
		for (size_t i = 0; funders[i] && !known; i++)
			known = !strcmp(funders[i], x->funder);
		if (!known)
			lia_problem_field(&p, "funder", LIA_FE_INVALID_VALUE);
	}
	if (!x->month) {
		lia_problem_field(&p, "month", LIA_FE_REQUIRED);
	} else if (!month_format_ok(x->month) ||
		   !lia_hours_month_bounds(x->month, x->tz, &x->from, &x->to)) {
		lia_problem_field(&p, "month", LIA_FE_INVALID_FORMAT);
	} else {
		char today[11], hms[9];
		if (!lia_local_format(x->tz, lia_clock_now_us(), today, hms))
			lia_date_of(lia_clock_now_us(), today);
		if (strncmp(x->month, today, 7) > 0)
			lia_problem_field(&p, "month", LIA_FE_IN_THE_FUTURE);
	}
	if (format && strcmp(format, "xml") != 0 && strcmp(format, "csv") != 0)
		lia_problem_field(&p, "format", LIA_FE_INVALID_VALUE);
	x->csv = format && !strcmp(format, "csv");
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_decision d;
	lia_access_manage(&r->actor, x->org.path, LIA_MANAGE_PLANNING, &d);
	x->entry = lia_req_audit(r, "export.esppadom", NULL, x->org.id, d.allow ? "ok" : "denied",
				 d.reason);
	x->entry->actor_role = d.as_role;
	x->entry->object_id = x->org.id;
	if (!d.allow) {
		lia_reply_error(r, d.hide_existence ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
		return;
	}
	r->ctx = x;
	lia_req_defer(r, export_run);
}
