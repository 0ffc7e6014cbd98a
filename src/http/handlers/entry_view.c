/* SPDX-License-Identifier: EUPL-1.2 */
/* Visibility and JSON of notebook entries (see entry_view.h). */
#include "http/handlers/entry_view.h"
#include "http/handlers/handlers.h"

#include <string.h>

void
lia_entry_view_init(struct lia_req *r, const struct lia_subject *s, struct lia_entry_view *v)
{
	for (int c = 0; c < LIA_CAT_ACCESS_LOG; c++)
		lia_access_decide(&r->actor, s, (enum lia_category)c, LIA_ACT_READ, &v->cat[c]);
	v->reader = r->actor.account_id;
}

bool
lia_entry_visible(const struct lia_entry_view *v, const struct lia_entry *e)
{
	int c = lia_category_parse(e->category);
	if (c < 0 || !v->cat[c].allow)
		return false;
	if (!strcmp(e->audience, "health"))
		return v->cat[c].health;
	if (!strcmp(e->audience, "care_team"))
		return v->cat[c].care_team;
	return true;
}

static bool
acked_by(const struct lia_entry_view *v, const char *entry_id, const char *account_id)
{
	for (size_t i = 0; i < v->nacks; i++)
		if (!strcmp(v->acks[i].entry_id, entry_id) &&
		    !strcmp(v->acks[i].account_id, account_id))
			return true;
	return false;
}

bool
lia_entry_unread(const struct lia_entry_view *v, const struct lia_entry *e)
{
	/* What one wrote oneself is never news to one. */
	return strcmp(e->author_id, v->reader) != 0 &&
	       (!v->last_read_id || strcmp(e->id, v->last_read_id) > 0);
}

bool
lia_entry_needs_ack(const struct lia_entry_view *v, const struct lia_entry *e)
{
	int c = lia_category_parse(e->category);
	return e->urgent && !e->superseded_by && c >= 0 && v->cat[c].professional &&
	       strcmp(e->author_id, v->reader) != 0 && !acked_by(v, e->id, v->reader);
}

cJSON *
lia_entry_json_read(struct lia_req *r, struct lia_entry_view *v, const struct lia_entry *e)
{
	struct lia_conn *c = lia_req_conn(r);
	struct lia_attachment *atts = NULL;
	size_t n = 0;
	if (c->ops->attachment_list(c, r->arena, e->id, &atts, &n) != LIA_STORE_OK)
		n = 0; /* the entry still shows; its attachments stay listed by id elsewhere */
	return lia_entry_json(r, v, e, atts, n);
}

cJSON *
lia_entry_json(struct lia_req *r, struct lia_entry_view *v, const struct lia_entry *e,
	       const struct lia_attachment *atts, size_t natts)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", e->id);
	cJSON_AddStringToObject(o, "kind", e->kind);
	cJSON_AddStringToObject(o, "category", e->category);
	cJSON_AddStringToObject(o, "audience", e->audience);
	cJSON_AddBoolToObject(o, "urgent", e->urgent);
	lia_json_add_str(o, "text", e->text);
	lia_json_add_str(o, "target", e->target);
	lia_json_add_str(o, "data", e->data);
	lia_json_add_str(o, "actions", e->actions);
	lia_json_add_str(o, "results", e->results);
	cJSON *author = cJSON_AddObjectToObject(o, "author");
	cJSON_AddStringToObject(author, "id", e->author_id);
	cJSON_AddStringToObject(author, "role", e->author_role);
	lia_json_add_str(author, "display_name", lia_account_name(r, &v->names, e->author_id));
	lia_json_add_time(o, "fact_at", e->fact_at);
	lia_json_add_time(o, "written_at", e->written_at);
	lia_json_add_str(o, "visit_id", e->visit_id);
	lia_json_add_str(o, "reply_to", e->reply_to);
	lia_json_add_str(o, "results_for", e->results_for);
	lia_json_add_str(o, "supersedes", e->supersedes);
	lia_json_add_str(o, "correction_reason", e->correction_reason);
	lia_json_add_str(o, "superseded_by", e->superseded_by);
	cJSON_AddBoolToObject(o, "corrected", e->superseded_by != NULL);
	cJSON *tags = e->tags ? cJSON_Parse(e->tags) : NULL;
	cJSON_AddItemToObject(o, "tags", tags ? tags : cJSON_CreateArray());
	cJSON *acks = cJSON_AddArrayToObject(o, "acknowledgements");
	for (size_t i = 0; i < v->nacks; i++) {
		if (strcmp(v->acks[i].entry_id, e->id) != 0)
			continue;
		cJSON *k = cJSON_CreateObject();
		cJSON_AddStringToObject(k, "account_id", v->acks[i].account_id);
		lia_json_add_str(k, "display_name", lia_account_name(r, &v->names, v->acks[i].account_id));
		cJSON_AddStringToObject(k, "role", v->acks[i].role);
		lia_json_add_time(k, "acked_at", v->acks[i].acked_at);
		cJSON_AddItemToArray(acks, k);
	}
	cJSON *att = cJSON_AddArrayToObject(o, "attachments");
	for (size_t i = 0; i < natts; i++)
		cJSON_AddItemToArray(att, lia_attachment_json(&atts[i]));
	cJSON_AddBoolToObject(o, "unread", lia_entry_unread(v, e));
	cJSON_AddBoolToObject(o, "needs_ack", lia_entry_needs_ack(v, e));
	return o;
}
