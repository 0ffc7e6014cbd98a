/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A client's emergency liaison file (DLU): GET and PATCH /api/v1/clients/{id}/dlu.
 * Only the DLU's own fields (domain/dlu.h); identity, care circle and prescriptions
 * come from the rest of the record when the DLU is printed (dlu_print.c).
 *
 * Each field belongs to an access category, so one DLU is read by several decisions:
 * GET shows the fields of the categories the caller may read and names the others in
 * "withheld"; every decision is audited. A client without DLU has version 0 and no
 * fields. PATCH is a JSON merge patch (RFC 7396); every field it touches needs the
 * right to write its category (create for the first write, update after), else 403
 * and nothing is written. If-Match is optional for the first write and required
 * afterwards; a patch made against an older version is refused (412) rather than
 * merged into data its author has not seen.
 */
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "domain/dlu.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"

static const enum lia_category dlu_cats[] = {LIA_CAT_ADMIN, LIA_CAT_MEDICAL, LIA_CAT_CARE};
#define NCATS (sizeof dlu_cats / sizeof dlu_cats[0])

static const char *const read_actions[LIA_CAT_COUNT] = {
	[LIA_CAT_ADMIN] = "dlu.admin.read",
	[LIA_CAT_MEDICAL] = "dlu.medical.read",
	[LIA_CAT_CARE] = "dlu.care.read",
};
static const char *const write_actions[LIA_CAT_COUNT] = {
	[LIA_CAT_ADMIN] = "dlu.admin.write",
	[LIA_CAT_MEDICAL] = "dlu.medical.write",
	[LIA_CAT_CARE] = "dlu.care.write",
};

/* Decides and audits `action` on each DLU category (only those in mask); rd gets
 * the decisions. False with the reply set when none of them is allowed (404 when
 * the caller has no relation to the client at all, else 403) or, when all_needed,
 * when any is refused. */
static bool
decide(struct lia_req *r, const struct lia_client *cl, const struct lia_subject *s,
       enum lia_action act, unsigned mask, bool all_needed, struct lia_decision *rd)
{
	bool any = false, refused = false, hide = true;
	for (size_t i = 0; i < NCATS; i++) {
		enum lia_category c = dlu_cats[i];
		memset(&rd[c], 0, sizeof rd[c]);
		if (!(mask & (1u << c)))
			continue;
		lia_req_decide_client(r, s, cl->org_id, c, act,
				      act == LIA_ACT_READ ? read_actions[c] : write_actions[c], &rd[c]);
		any = any || rd[c].allow;
		refused = refused || !rd[c].allow;
		hide = hide && !rd[c].allow && rd[c].hide_existence;
	}
	if (any && !(all_needed && refused))
		return true;
	/* Someone who may read the client's identity learns nothing more from a 403. */
	if (hide) {
		struct lia_decision id;
		lia_access_decide(&r->actor, s, LIA_CAT_ADMIN, LIA_ACT_READ, &id);
		hide = !id.allow;
	}
	lia_reply_error(r, hide ? LIA_P_NOT_FOUND : LIA_P_FORBIDDEN);
	return false;
}

/* {"client_id", "version", "updated_at", "fields", "withheld"} as readable under rd. */
static cJSON *
dlu_json(const char *client_id, const struct lia_dlu *d, const struct lia_decision *rd)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", client_id);
	cJSON_AddNumberToObject(o, "version", d ? (double)d->version : 0);
	if (d)
		lia_json_add_time(o, "updated_at", d->updated_at);
	else
		cJSON_AddNullToObject(o, "updated_at");
	cJSON *all = d ? cJSON_Parse(d->data) : NULL;
	cJSON *fields = cJSON_AddObjectToObject(o, "fields");
	for (cJSON *m = all ? all->child : NULL; m; m = m->next) {
		const struct lia_dlu_field *f = lia_dlu_field_find(m->string);
		if (f && rd[f->category].allow)
			cJSON_AddItemToObject(fields, m->string, cJSON_Duplicate(m, true));
	}
	cJSON_Delete(all);
	cJSON *withheld = cJSON_AddArrayToObject(o, "withheld");
	for (size_t i = 0; i < NCATS; i++)
		if (!rd[dlu_cats[i]].allow)
			cJSON_AddItemToArray(withheld,
					     cJSON_CreateString(lia_category_name(dlu_cats[i])));
	return o;
}

#define ALL_CATS ((1u << LIA_CAT_ADMIN) | (1u << LIA_CAT_MEDICAL) | (1u << LIA_CAT_CARE))

void
lia_h_dlu_get(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	struct lia_decision rd[LIA_CAT_COUNT];
	if (!decide(r, &cl, &s, LIA_ACT_READ, ALL_CATS, false, rd))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_dlu d;
	int st = c->ops->dlu_get(c, r->arena, cl.id, &d);
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND) {
		lia_req_audit_failed(r, "storage");
		lia_reply_store_error(r, st);
		return;
	}
	bool have = st == LIA_STORE_OK;
	lia_reply_json(r, 200, dlu_json(cl.id, have ? &d : NULL, rd));
	lia_reply_etag(r, have ? d.version : 0);
}

struct dlu_write {
	struct lia_dlu dlu;
	int64_t expected; /* 0: the client's first DLU */
	struct lia_decision read[LIA_CAT_COUNT];
};

static int
put_dlu(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct dlu_write *w = r->ctx;
	int st = c->ops->dlu_put(c, &w->dlu, w->expected);
	if (st == LIA_STORE_CONFLICT)
		st = LIA_STORE_STALE; /* created meanwhile: the caller's view is stale */
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	w->dlu.version = w->expected + 1;
	lia_reply_json(r, w->expected ? 200 : 201, dlu_json(w->dlu.client_id, &w->dlu, w->read));
	lia_reply_etag(r, w->dlu.version);
	return LIA_STORE_OK;
}

void
lia_h_dlu_patch(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	/* RFC 7396 names its own media type; the body is JSON all the same. */
	const char *ct = r->h_content_type;
	if (ct && !strncasecmp(ct, "application/merge-patch+json", 28))
		r->h_content_type = "application/json";
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct dlu_write *w = lia_arena_alloc(r->arena, sizeof *w);
	memset(w, 0, sizeof *w);
	struct lia_dlu cur;
	int get = c->ops->dlu_get(c, r->arena, cl.id, &cur);
	if (get != LIA_STORE_OK && get != LIA_STORE_NOT_FOUND) {
		lia_reply_store_error(r, get);
		return;
	}
	/* A patch of unknown fields only is judged as any write would be, so that its
	 * 422 tells nothing to someone who may not write this record. */
	unsigned mask = lia_dlu_patch_categories(body);
	struct lia_decision wd[LIA_CAT_COUNT];
	enum lia_action act = get == LIA_STORE_OK ? LIA_ACT_UPDATE : LIA_ACT_CREATE;
	if (!decide(r, &cl, &s, act, mask ? mask : ALL_CATS, mask != 0, wd))
		return;
	if (!lia_req_if_match_put(r, get, &w->expected))
		return;
	if (get == LIA_STORE_OK && w->expected != cur.version) {
		lia_req_audit_failed(r, "stale");
		lia_reply_store_error(r, LIA_STORE_STALE);
		return;
	}
	struct lia_problem p = {0};
	cJSON *base = get == LIA_STORE_OK ? cJSON_Parse(cur.data) : NULL;
	cJSON *merged = NULL;
	bool ok = lia_dlu_merge(base, body, &merged, &p);
	cJSON_Delete(base);
	if (!ok) {
		lia_req_audit_failed(r, "validation_failed");
		lia_reply_problem(r, &p);
		return;
	}
	char *text = cJSON_PrintUnformatted(merged);
	cJSON_Delete(merged);
	w->dlu.data = lia_arena_strdup(r->arena, text);
	cJSON_free(text);
	/* The answer shows what the writer may read (which they may not have written). */
	for (size_t i = 0; i < NCATS; i++)
		lia_access_decide(&r->actor, &s, dlu_cats[i], LIA_ACT_READ, &w->read[dlu_cats[i]]);
	w->dlu.client_id = cl.id;
	w->dlu.org_id = cl.org_id;
	w->dlu.updated_at = lia_clock_now_us();
	w->dlu.updated_by = r->account.id;
	r->ctx = w;
	lia_req_write(r, put_dlu);
}
