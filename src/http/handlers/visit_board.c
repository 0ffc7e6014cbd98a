/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/visits?org=&from=&to=&worker=&unassigned=&status=&limit=&cursor=
 * The planning board of coordinators: the visits of the clients whose planning the
 * caller may read (lia_access_scope, category daily), optionally narrowed to one
 * node of that scope, over at most 62 days, in (planned_start, id) order.
 *
 * from and to are RFC 3339 instants or dates (local midnight in the node's zone;
 * `to` is exclusive: from=2026-03-02&to=2026-03-03 is one day). Default: today and
 * the 7 days after. The cursor is opaque to clients ("<planned_start us>_<id>").
 *
 * The rows name clients by id only; the read is audited once for the board.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/localtime.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define MAX_SCOPES 32
#define MAX_DAYS 62
#define DEFAULT_DAYS 7
#define MAX_ZONES 16

static const char *const statuses[] = {"planned",   "in_progress", "done",
				       "cancelled", "suspended",   NULL};

static bool
parse_bound(const char *s, const char *tz, int64_t *us)
{
	if (lia_date_valid(s))
		return lia_local_midnight(tz, s, us);
	return lia_time_parse(s, us);
}

/* The id of the last node of a path ("/a/b/" gives "b"). */
static const char *
path_node(struct lia_arena *a, const char *path)
{
	size_t len = strlen(path);
	if (len < 2)
		return NULL;
	size_t end = len - 1, start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return lia_arena_strndup(a, path + start, end - start);
}

/* The zones of the visits' organisations, read once each. */
struct zones {
	const char *org[MAX_ZONES];
	const char *tz[MAX_ZONES];
	size_t n;
};

static const char *
zone_of(struct lia_req *r, struct zones *z, const char *org_id)
{
	for (size_t i = 0; i < z->n; i++)
		if (!strcmp(z->org[i], org_id))
			return z->tz[i];
	const char *tz = lia_org_tz(r, org_id);
	if (z->n < MAX_ZONES) {
		z->org[z->n] = org_id;
		z->tz[z->n++] = tz;
	}
	return tz;
}

void
lia_h_visit_board(struct lia_req *r)
{
	const char *scope[MAX_SCOPES];
	size_t nscope = lia_access_scope(&r->actor, LIA_CAT_DAILY, LIA_ACT_READ, scope, MAX_SCOPES);
	if (nscope == 0) {
		lia_req_audit(r, "visit.board.read", NULL, NULL, "denied", "no_scope");
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_problem p = {0};
	const char *org_id = lia_uri_param(&r->uri, "org");
	struct lia_org org;
	const char *node_id = NULL;
	if (org_id) {
		bool inside = false;
		int st = LIA_STORE_NOT_FOUND;
		if (lia_uuid_valid(org_id))
			st = c->ops->org_get(c, r->arena, org_id, &org);
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND) {
			lia_reply_store_error(r, st);
			return;
		}
		for (size_t i = 0; st == LIA_STORE_OK && i < nscope && !inside; i++)
			inside = !strncmp(org.path, scope[i], strlen(scope[i]));
		if (!inside) {
			lia_req_audit(r, "visit.board.read", NULL, NULL, "denied", "out_of_scope");
			lia_reply_error(r, LIA_P_NOT_FOUND);
			return;
		}
		scope[0] = org.path;
		nscope = 1;
		node_id = org.id;
	} else {
		node_id = path_node(r->arena, scope[0]);
	}
	const char *tz = lia_org_tz(r, node_id);

	int64_t now = lia_clock_now_us(), today_days, from = 0, to = 0;
	if (!lia_local_days(tz, now, &today_days) ||
	    !lia_local_days_to_utc(tz, today_days, 0, &from) ||
	    !lia_local_days_to_utc(tz, today_days + DEFAULT_DAYS, 0, &to)) {
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	const char *qf = lia_uri_param(&r->uri, "from"), *qt = lia_uri_param(&r->uri, "to");
	if (qf && !parse_bound(qf, tz, &from))
		lia_problem_field(&p, "from", LIA_FE_INVALID_FORMAT);
	if (qt && !parse_bound(qt, tz, &to))
		lia_problem_field(&p, "to", LIA_FE_INVALID_FORMAT);
	else if (qf && !qt && p.kind == LIA_P_NONE) {
		int64_t fdays;
		if (lia_local_days(tz, from, &fdays))
			lia_local_days_to_utc(tz, fdays + DEFAULT_DAYS, 0, &to);
	}
	if (p.kind == LIA_P_NONE && to <= from)
		lia_problem_field(&p, "to", LIA_FE_END_BEFORE_START);
	else if (p.kind == LIA_P_NONE && to - from > MAX_DAYS * LIA_DAY_US + 3600LL * 1000000)
		lia_problem_field(&p, "to", LIA_FE_OUT_OF_RANGE); /* (an hour for DST) */

	struct lia_visit_query q = {
		.scope_paths = scope, .nscope = (int)nscope, .from = from, .to = to};
	const char *worker = lia_uri_param(&r->uri, "worker");
	if (worker && !lia_uuid_valid(worker))
		lia_problem_field(&p, "worker", LIA_FE_INVALID_ID);
	q.worker_id = worker;
	const char *unassigned = lia_uri_param(&r->uri, "unassigned");
	if (unassigned && strcmp(unassigned, "true") && strcmp(unassigned, "false"))
		lia_problem_field(&p, "unassigned", LIA_FE_INVALID_VALUE);
	q.unassigned = unassigned && !strcmp(unassigned, "true");
	const char *status = lia_uri_param(&r->uri, "status");
	bool status_ok = !status;
	for (size_t i = 0; status && statuses[i] && !status_ok; i++)
		status_ok = !strcmp(status, statuses[i]);
	if (!status_ok)
		lia_problem_field(&p, "status", LIA_FE_INVALID_VALUE);
	q.status = status;
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (cursor && !lia_visit_cursor_parse(cursor, &q.after_start, &q.after_id))
		lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
	int64_t limit = 200;
	struct lia_problem lp = {0};
	if (!lia_uri_int(&r->uri, "limit", 1, 500, 200, &limit, &lp))
		for (size_t i = 0; i < lp.nfields; i++)
			lia_problem_field(&p, lp.fields[i].field, lp.fields[i].code);
	q.limit = (int)limit;
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}

	struct lia_visit *items;
	size_t n;
	int st = c->ops->visit_list(c, r->arena, &q, &items, &n);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	struct lia_audit_entry *e =
		lia_req_audit(r, "visit.board.read", NULL, org_id ? org.id : NULL, "ok", NULL);
	e->object_id = org_id ? org.id : NULL;
	struct zones z = {.n = 0};
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr,
				     lia_visit_json(&items[i], zone_of(r, &z, items[i].org_id)));
	if (n == (size_t)q.limit)
		cJSON_AddStringToObject(o, "next_cursor",
					lia_visit_cursor(r->arena, &items[n - 1]));
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
}
