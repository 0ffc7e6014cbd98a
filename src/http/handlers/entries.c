/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The liaison notebook: POST and GET /api/v1/clients/{id}/notebook,
 * GET /api/v1/clients/{id}/notebook/{entry_id}, POST .../{entry_id}/ack.
 * Entries are never edited or deleted: a correction is a new entry that supersedes the
 * old one, which stays readable to those entitled and is marked corrected. Reading is
 * filtered per entry by the access decision of its category and by its audience.
 */
#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "http/handlers/client_load.h"
#include "http/handlers/entry_view.h"
#include "http/handlers/handlers.h"

#define PAGE_MAX 100
#define SCAN_BATCH 200
#define SCAN_ROUNDS 10
#define UNREAD_MAX 500
#define TEXT_MAX 10000

static const char *const kinds[] = {"note", "targeted", "results", NULL};
static const char *const categories[] = {"admin", "daily", "care", "medical", NULL};
static const char *const audiences[] = {"all", "care_team", "health", NULL};

/* Who may be addressed per category: medical notes only to health professionals,
 * care and paperwork at most to the care team, daily life to everyone entitled. */
static bool
audience_allowed(const char *category, const char *audience)
{
	if (!strcmp(category, "medical"))
		return !strcmp(audience, "health");
	if (!strcmp(category, "care") || !strcmp(category, "admin"))
		return strcmp(audience, "all") != 0;
	return true;
}

#define MAX_ATTACHMENTS 10

struct new_entry {
	struct lia_entry e;
	const char *attachments[MAX_ATTACHMENTS];
	size_t nattachments;
};

static int
insert_entry(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct new_entry *n = r->ctx;
	int st = c->ops->entry_insert(c, &n->e);
	if (st == LIA_STORE_CONFLICT && n->e.supersedes) {
		struct lia_problem p = {0};
		lia_problem_field(&p, "supersedes", LIA_FE_ALREADY_CORRECTED);
		p.kind = LIA_P_ALREADY_EXISTS;
		lia_reply_problem(r, &p);
		return st;
	}
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	for (size_t i = 0; i < n->nattachments; i++) {
		st = c->ops->attachment_link(c, n->attachments[i], n->e.client_id, n->e.id);
		if (st == LIA_STORE_NOT_FOUND) {
			/* Another client's, already attached, or unknown: nothing is written. */
			struct lia_problem p = {0};
			lia_problem_field(&p, "attachments", LIA_FE_UNKNOWN_REFERENCE);
			lia_reply_problem(r, &p);
		}
		if (st != LIA_STORE_OK) {
			if (st != LIA_STORE_NOT_FOUND)
				lia_reply_store_error(r, st);
			return st;
		}
	}
	struct lia_attachment *atts = NULL;
	size_t natts = 0;
	if (n->nattachments &&
	    (st = c->ops->attachment_list(c, r->arena, n->e.id, &atts, &natts)) != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	struct lia_entry_view *v = lia_arena_alloc(r->arena, sizeof *v);
	v->reader = r->actor.account_id;
	v->last_read_id = n->e.id; /* the author has read what they wrote */
	lia_reply_json(r, 201, lia_entry_json(r, v, &n->e, atts, natts));
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/clients/%s/notebook/%s",
							 n->e.client_id, n->e.id));
	return LIA_STORE_OK;
}

/* An entry referred to by the body must be one of this client's. */
static const struct lia_entry *
referred(struct lia_req *r, const char *id, const char *client_id, const char *field,
	 struct lia_problem *p)
{
	if (!id)
		return NULL;
	struct lia_entry *e = lia_arena_alloc(r->arena, sizeof *e);
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(id) || c->ops->entry_get(c, r->arena, id, e) != LIA_STORE_OK ||
	    strcmp(e->client_id, client_id) != 0) {
		lia_problem_field(p, field, LIA_FE_UNKNOWN_REFERENCE);
		return NULL;
	}
	return e;
}

static bool
nonempty(const char *s)
{
	if (!s)
		return false;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

static void
check_shape(const struct lia_entry *e, struct lia_problem *p)
{
	if (!strcmp(e->kind, "note") && !nonempty(e->text))
		lia_problem_field(p, "text", LIA_FE_REQUIRED);
	if (!strcmp(e->kind, "targeted")) {
		if (!nonempty(e->target))
			lia_problem_field(p, "target", LIA_FE_REQUIRED);
		if (!nonempty(e->data) && !nonempty(e->actions) && !nonempty(e->results))
			lia_problem_field(p, "data", LIA_FE_REQUIRED);
	}
	if (!strcmp(e->kind, "results")) {
		if (!nonempty(e->results))
			lia_problem_field(p, "results", LIA_FE_REQUIRED);
		if (!e->results_for)
			lia_problem_field(p, "results_for", LIA_FE_REQUIRED);
	}
	if (!audience_allowed(e->category, e->audience))
		lia_problem_field(p, "audience", LIA_FE_AUDIENCE_TOO_WIDE);
	if (e->supersedes && !nonempty(e->correction_reason))
		lia_problem_field(p, "correction_reason", LIA_FE_REQUIRED);
}

static const char *
tags_text(struct lia_req *r, const cJSON *tags, struct lia_problem *p)
{
	if (!tags)
		return NULL;
	for (const cJSON *t = tags->child; t; t = t->next)
		if (!cJSON_IsString(t) || !nonempty(t->valuestring) || strlen(t->valuestring) > 50) {
			lia_problem_field(p, "tags", LIA_FE_INVALID_VALUE);
			return NULL;
		}
	char *text = cJSON_PrintUnformatted(tags);
	const char *copy = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	return copy;
}

void
lia_h_entry_create(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct new_entry *n = lia_arena_alloc(r->arena, sizeof *n);
	struct lia_entry *e = &n->e;
	const char *fact_at = NULL;
	const cJSON *tags = NULL, *attachments = NULL;
	bool urgent = false;
	struct lia_json_field spec[] = {
		{"kind", LIA_JSON_STRING, 0, 10, 0, 0, kinds, &e->kind, NULL},
		{"category", LIA_JSON_STRING, LIA_JSON_REQUIRED, 10, 0, 0, categories, &e->category, NULL},
		{"audience", LIA_JSON_STRING, 0, 10, 0, 0, audiences, &e->audience, NULL},
		{"urgent", LIA_JSON_BOOL, 0, 0, 0, 0, NULL, &urgent, NULL},
		{"text", LIA_JSON_STRING, 0, TEXT_MAX, 0, 0, NULL, &e->text, NULL},
		{"target", LIA_JSON_STRING, 0, 200, 0, 0, NULL, &e->target, NULL},
		{"data", LIA_JSON_STRING, 0, TEXT_MAX, 0, 0, NULL, &e->data, NULL},
		{"actions", LIA_JSON_STRING, 0, TEXT_MAX, 0, 0, NULL, &e->actions, NULL},
		{"results", LIA_JSON_STRING, 0, TEXT_MAX, 0, 0, NULL, &e->results, NULL},
		{"fact_at", LIA_JSON_STRING, 0, 40, 0, 0, NULL, &fact_at, NULL},
		{"visit_id", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &e->visit_id, NULL},
		{"reply_to", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &e->reply_to, NULL},
		{"results_for", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &e->results_for, NULL},
		{"supersedes", LIA_JSON_STRING, 0, 36, 0, 0, NULL, &e->supersedes, NULL},
		{"correction_reason", LIA_JSON_STRING, 0, 500, 0, 0, NULL, &e->correction_reason, NULL},
		{"tags", LIA_JSON_ARRAY, 0, 10, 0, 0, NULL, &tags, NULL},
		{"attachments", LIA_JSON_ARRAY, 0, MAX_ATTACHMENTS, 0, 0, NULL, &attachments, NULL},
	};
	struct lia_problem p = {0};
	if (!lia_json_decode(r->arena, body, spec, sizeof spec / sizeof spec[0], "", &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	e->urgent = urgent;
	if (!e->kind)
		e->kind = "note";
	if (!e->audience)
		e->audience = !strcmp(e->category, "medical") ? "health"
			      : !strcmp(e->category, "daily") ? "all" : "care_team";
	e->written_at = s.now;
	e->fact_at = s.now;
	if (fact_at && !lia_time_parse(fact_at, &e->fact_at))
		lia_problem_field(&p, "fact_at", LIA_FE_INVALID_TIME);
	else if (e->fact_at > s.now + 5 * 60 * 1000000LL) /* clocks drift a little */
		lia_problem_field(&p, "fact_at", LIA_FE_IN_THE_FUTURE);
	if (e->visit_id && !lia_uuid_valid(e->visit_id))
		lia_problem_field(&p, "visit_id", LIA_FE_INVALID_ID);
	e->tags = tags_text(r, tags, &p);
	for (const cJSON *t = attachments ? attachments->child : NULL; t; t = t->next) {
		if (!cJSON_IsString(t) || !lia_uuid_valid(t->valuestring)) {
			lia_problem_field(&p, "attachments", LIA_FE_INVALID_ID);
			break;
		}
		n->attachments[n->nattachments++] = lia_arena_strdup(r->arena, t->valuestring);
	}
	check_shape(e, &p);
	referred(r, e->reply_to, cl.id, "reply_to", &p);
	const struct lia_entry *rf = referred(r, e->results_for, cl.id, "results_for", &p);
	if (rf && strcmp(rf->kind, "targeted") != 0)
		lia_problem_field(&p, "results_for", LIA_FE_INVALID_VALUE);
	const struct lia_entry *old = referred(r, e->supersedes, cl.id, "supersedes", &p);
	if (old && strcmp(old->author_id, r->actor.account_id) != 0)
		lia_problem_field(&p, "supersedes", LIA_FE_NOT_AUTHOR);
	else if (old && old->superseded_by)
		lia_problem_field(&p, "supersedes", LIA_FE_ALREADY_CORRECTED);
	else if (old && strcmp(old->category, e->category) != 0)
		lia_problem_field(&p, "category", LIA_FE_INVALID_VALUE);

	/* The decision first: a stranger learns nothing from validation errors. */
	struct lia_decision d;
	if (!lia_req_authorize_client(r, &s, cl.org_id, lia_category_parse(e->category),
				      LIA_ACT_CREATE, "notebook.write", &d))
		return;
	if (p.kind != LIA_P_NONE) {
		lia_req_audit_failed(r, "invalid_body");
		lia_reply_problem(r, &p);
		return;
	}
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	e->id = id;
	e->org_id = cl.org_id;
	e->client_id = cl.id;
	e->author_id = r->actor.account_id;
	e->author_role = d.as_role;
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = n;
	lia_req_write(r, insert_entry);
}

struct listing {
	struct lia_entry_view view;
	struct lia_entry **items;
	size_t n;
	const char *newest;
	struct lia_subject subject;
	const char *client_id;
	const char *org_id;
};

static int
move_marker(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct listing *l = r->ctx;
	/* The reply is already made; only the reader's marker moves. */
	return c->ops->read_marker_set(c, r->actor.account_id, l->client_id, l->org_id, l->newest,
				       lia_clock_now_us());
}

/* Visible entries matching q, up to want, scanning a bounded number of batches. */
static int
collect(struct lia_req *r, struct lia_entry_view *v, struct lia_entry_query q, size_t want,
	struct lia_entry ***out, size_t *nout, bool *more)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_entry **keep = lia_arena_alloc(r->arena, (want ? want : 1) * sizeof *keep);
	size_t n = 0;
	*more = false;
	for (int round = 0; round < SCAN_ROUNDS && n < want; round++) {
		struct lia_entry *batch;
		size_t got;
		/* Most readers see most entries: ask for what is wanted first, more after. */
		q.limit = round == 0 && want + 8 < SCAN_BATCH ? (int)want + 8 : SCAN_BATCH;
		int st = c->ops->entry_list(c, r->arena, &q, &batch, &got);
		if (st != LIA_STORE_OK)
			return st;
		for (size_t i = 0; i < got && n < want; i++)
			if (lia_entry_visible(v, &batch[i]))
				keep[n++] = &batch[i];
		if (got < (size_t)q.limit)
			break;
		q.before_id = batch[got - 1].id;
		if (round == SCAN_ROUNDS - 1 || n == want)
			*more = true;
	}
	if (n == want)
		*more = true;
	*out = keep;
	*nout = n;
	return LIA_STORE_OK;
}

static bool
any_readable(const struct lia_entry_view *v)
{
	for (int c = 0; c < LIA_CAT_ACCESS_LOG; c++)
		if (v->cat[c].allow)
			return true;
	return false;
}

/* Audits the reading under the first category the reader may read (or the refusal). */
static bool
authorize_reading(struct lia_req *r, struct listing *l, const struct lia_client *cl, int only)
{
	int cat = only >= 0 ? only : LIA_CAT_DAILY;
	for (int c = 0; only < 0 && c < LIA_CAT_ACCESS_LOG; c++)
		if (l->view.cat[c].allow) {
			cat = c;
			break;
		}
	return lia_req_authorize_client(r, &l->subject, cl->org_id, (enum lia_category)cat,
					LIA_ACT_READ, "notebook.read", NULL);
}

void
lia_h_entry_list(struct lia_req *r)
{
	struct lia_client cl;
	struct listing *l = lia_arena_alloc(r->arena, sizeof *l);
	if (!lia_client_load(r, &cl, &l->subject))
		return;
	struct lia_problem p = {0};
	struct lia_entry_query q = {.client_id = cl.id, .urgent = -1};
	int64_t limit;
	if (!lia_uri_int(&r->uri, "limit", 1, PAGE_MAX, 50, &limit, &p)) {
		lia_reply_problem(r, &p);
		return;
	}
	q.category = lia_uri_param(&r->uri, "category");
	q.author_role = lia_uri_param(&r->uri, "author_role");
	const char *urgent = lia_uri_param(&r->uri, "urgent");
	const char *since = lia_uri_param(&r->uri, "since");
	const char *cursor = lia_uri_param(&r->uri, "cursor");
	if (q.category && lia_category_parse(q.category) < 0)
		lia_problem_field(&p, "category", LIA_FE_INVALID_VALUE);
	if (urgent && strcmp(urgent, "true") && strcmp(urgent, "false"))
		lia_problem_field(&p, "urgent", LIA_FE_INVALID_VALUE);
	if (since && !lia_time_parse(since, &q.since))
		lia_problem_field(&p, "since", LIA_FE_INVALID_TIME);
	if (cursor && !lia_uuid_valid(cursor))
		lia_problem_field(&p, "cursor", LIA_FE_INVALID_FORMAT);
	if (p.kind != LIA_P_NONE) {
		p.kind = LIA_P_INVALID_QUERY;
		lia_reply_problem(r, &p);
		return;
	}
	q.urgent = urgent ? !strcmp(urgent, "true") : -1;
	q.before_id = cursor;
	lia_entry_view_init(r, &l->subject, &l->view);
	int only = q.category ? lia_category_parse(q.category) : -1;
	if (!any_readable(&l->view) || (only >= 0 && !l->view.cat[only].allow)) {
		authorize_reading(r, l, &cl, only);
		return;
	}
	struct lia_conn *c = lia_req_conn(r);
	struct lia_ack *acks = NULL;
	int st = c->ops->read_marker_get(c, r->arena, r->actor.account_id, cl.id,
					 &l->view.last_read_id);
	if (st == LIA_STORE_OK || st == LIA_STORE_NOT_FOUND)
		st = c->ops->ack_list(c, r->arena, cl.id, &acks, &l->view.nacks);
	l->view.acks = acks;
	bool more = false;
	if (st == LIA_STORE_OK)
		st = collect(r, &l->view, q, (size_t)limit, &l->items, &l->n, &more);
	/* Unread and unacknowledged across the whole notebook, not just this page. */
	struct lia_entry **unread = NULL;
	size_t nunread = 0;
	bool unread_more = false;
	struct lia_entry_query uq = {.client_id = cl.id, .urgent = -1,
				     .after_id = l->view.last_read_id};
	if (st == LIA_STORE_OK)
		st = collect(r, &l->view, uq, UNREAD_MAX, &unread, &nunread, &unread_more);
	/* Urgent entries still to acknowledge, read or not, over the whole notebook. */
	struct lia_entry **urgents = NULL;
	size_t nurgent = 0;
	bool urgent_more = false;
	struct lia_entry_query gq = {.client_id = cl.id, .urgent = 1};
	if (st == LIA_STORE_OK)
		st = collect(r, &l->view, gq, UNREAD_MAX, &urgents, &nurgent, &urgent_more);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	/* The page's attachments in one query (ids are time-ordered). */
	struct lia_attachment *atts = NULL;
	size_t natts = 0;
	if (l->n && (st = c->ops->attachment_list_range(c, r->arena, cl.id, l->items[l->n - 1]->id,
							l->items[0]->id, &atts, &natts)) !=
			    LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	if (!authorize_reading(r, l, &cl, only))
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < l->n; i++) {
		size_t first = 0, count = 0;
		while (first < natts && strcmp(atts[first].entry_id, l->items[i]->id) != 0)
			first++;
		while (first + count < natts && !strcmp(atts[first + count].entry_id, l->items[i]->id))
			count++;
		cJSON_AddItemToArray(arr, lia_entry_json(r, &l->view, l->items[i], atts + first, count));
	}
	size_t count = 0;
	for (size_t i = 0; i < nunread; i++)
		count += lia_entry_unread(&l->view, unread[i]);
	cJSON_AddNumberToObject(o, "unread_count", (double)count);
	cJSON_AddBoolToObject(o, "unread_count_capped", unread_more);
	cJSON *pending = cJSON_AddArrayToObject(o, "urgent_unacknowledged");
	for (size_t i = 0; i < nurgent; i++)
		if (lia_entry_needs_ack(&l->view, urgents[i]))
			cJSON_AddItemToArray(pending, cJSON_CreateString(urgents[i]->id));
	if (more && l->n)
		cJSON_AddStringToObject(o, "next_cursor", l->items[l->n - 1]->id);
	else
		cJSON_AddNullToObject(o, "next_cursor");
	lia_reply_json(r, 200, o);
	/* Opening the whole notebook reads what is new: the marker moves to the newest
	 * entry. A filtered view (one category, urgent only...) shows only part of it. */
	bool filtered = q.category || q.author_role || urgent || since || cursor;
	if (nunread && !filtered) {
		l->newest = unread[0]->id;
		l->client_id = cl.id;
		l->org_id = cl.org_id;
		r->ctx = l;
		lia_req_write(r, move_marker);
	}
}

/* Loads the entry of the path and checks the reader may see it (404 otherwise). */
static bool
load_entry(struct lia_req *r, struct lia_client *cl, struct lia_entry_view *v, struct lia_entry *e)
{
	struct lia_subject *s = lia_arena_alloc(r->arena, sizeof *s);
	if (!lia_client_load(r, cl, s))
		return false;
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(r->params[1]) || c->ops->entry_get(c, r->arena, r->params[1], e) != LIA_STORE_OK ||
	    strcmp(e->client_id, cl->id) != 0) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	lia_entry_view_init(r, s, v);
	struct lia_ack *acks = NULL;
	int st = c->ops->read_marker_get(c, r->arena, r->actor.account_id, cl->id, &v->last_read_id);
	if (st == LIA_STORE_OK || st == LIA_STORE_NOT_FOUND)
		st = c->ops->ack_list(c, r->arena, cl->id, &acks, &v->nacks);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return false;
	}
	v->acks = acks;
	int cat = lia_category_parse(e->category);
	if (!lia_req_authorize_client(r, s, cl->org_id, (enum lia_category)cat, LIA_ACT_READ,
				      "notebook.read", NULL))
		return false;
	r->audit[r->naudit - 1].object_id = e->id;
	if (!lia_entry_visible(v, e)) {
		/* Allowed the category, but the entry is addressed to others. */
		lia_req_audit_failed(r, "audience");
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return false;
	}
	return true;
}

void
lia_h_entry_get(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_entry_view *v = lia_arena_alloc(r->arena, sizeof *v);
	struct lia_entry e;
	if (load_entry(r, &cl, v, &e))
		lia_reply_json(r, 200, lia_entry_json_read(r, v, &e));
}

static int
insert_ack(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct lia_ack *k = r->ctx;
	int st = c->ops->ack_insert(c, k);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "entry_id", k->entry_id);
	cJSON_AddStringToObject(o, "account_id", k->account_id);
	cJSON_AddStringToObject(o, "role", k->role);
	lia_json_add_time(o, "acked_at", k->acked_at);
	lia_reply_json(r, 201, o);
	return LIA_STORE_OK;
}

void
lia_h_entry_ack(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_entry_view *v = lia_arena_alloc(r->arena, sizeof *v);
	struct lia_entry e;
	if (!load_entry(r, &cl, v, &e))
		return;
	int cat = lia_category_parse(e.category);
	struct lia_audit_entry *a = &r->audit[r->naudit - 1];
	a->action = "notebook.ack";
	if (!e.urgent || !v->cat[cat].professional) {
		struct lia_problem p = {0};
		lia_req_audit_failed(r, "not_acknowledgeable");
		if (!e.urgent) {
			lia_problem_field(&p, "urgent", LIA_FE_INVALID_VALUE);
			lia_reply_problem(r, &p);
		} else {
			lia_reply_error(r, LIA_P_FORBIDDEN);
		}
		return;
	}
	struct lia_ack *k = lia_arena_alloc(r->arena, sizeof *k);
	*k = (struct lia_ack){.entry_id = e.id, .account_id = r->actor.account_id,
			      .org_id = cl.org_id, .client_id = cl.id, .role = a->actor_role,
			      .acked_at = lia_clock_now_us()};
	r->ctx = k;
	lia_req_write(r, insert_ack);
}
