/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Attachments: POST /api/v1/clients/{id}/attachments?category=care (the raw file as
 * the body) and GET /api/v1/clients/{id}/attachments/{attachment_id}. The type is told
 * by the content (domain/sniff.h), the file is stored sealed (core/sealed.h) with the
 * SHA-256 of its content, and it is served only through the access decision of its
 * category. A notebook entry takes attachments by id ("attachments": [...]).
 */
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "domain/sniff.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/server.h"

cJSON *
lia_attachment_json(const struct lia_attachment *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", t->id);
	cJSON_AddStringToObject(o, "category", t->category);
	cJSON_AddStringToObject(o, "content_type", t->content_type);
	cJSON_AddNumberToObject(o, "size", (double)t->size);
	cJSON_AddStringToObject(o, "sha256", t->sha256);
	lia_json_add_str(o, "entry_id", t->entry_id);
	lia_json_add_time(o, "created_at", t->created_at);
	return o;
}

static int
insert_attachment(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct lia_attachment *t = r->ctx;
	int st = c->ops->attachment_insert(c, t);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	lia_reply_json(r, 201, lia_attachment_json(t));
	lia_reply_header(r, "Location", lia_arena_printf(r->arena, "/api/v1/clients/%s/attachments/%s",
							 t->client_id, t->id));
	return LIA_STORE_OK;
}

/* The media type without parameters ("image/jpeg; x=y" -> "image/jpeg"). */
static const char *
declared_type(struct lia_req *r)
{
	const char *ct = r->h_content_type;
	if (!ct)
		return NULL;
	size_t n = strcspn(ct, "; ");
	return lia_arena_strndup(r->arena, ct, n);
}

void
lia_h_attachment_upload(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	struct lia_problem p = {0};
	const char *category = lia_uri_param(&r->uri, "category");
	int cat = category ? lia_category_parse(category) : -1;
	if (cat < 0) {
		lia_problem_set(&p, LIA_P_INVALID_QUERY, NULL, NULL);
		lia_problem_field(&p, "category", category ? LIA_FE_INVALID_VALUE : LIA_FE_REQUIRED);
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, (enum lia_category)cat, LIA_ACT_CREATE,
				      "attachment.upload", NULL))
		return;
	const unsigned char *data = (const unsigned char *)r->body;
	const char *sniffed = lia_sniff_type(data, r->body_len);
	const char *declared = declared_type(r);
	if (r->body_len > (size_t)r->srv->cfg->attachment_max_kb * 1024) {
		lia_req_audit_failed(r, "too_large");
		lia_reply_error(r, LIA_P_BODY_TOO_LARGE);
		return;
	}
	if (!sniffed || !declared || strcasecmp(sniffed, declared) != 0) {
		lia_req_audit_failed(r, "type_refused");
		lia_problem_set(&p, LIA_P_UNSUPPORTED_MEDIA_TYPE,
				"Send a JPEG, PNG or PDF file, with its own Content-Type",
				"Envoyez un fichier JPEG, PNG ou PDF, avec son Content-Type");
		lia_reply_problem(r, &p);
		return;
	}
	struct lia_attachment *t = lia_arena_alloc(r->arena, sizeof *t);
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, data, r->body_len);
	char *hex = lia_arena_alloc(r->arena, 2 * sizeof digest + 1);
	sodium_bin2hex(hex, 2 * sizeof digest + 1, digest, sizeof digest);
	char *id = lia_arena_alloc(r->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	*t = (struct lia_attachment){
		.id = id, .org_id = cl.org_id, .client_id = cl.id, .category = category,
		.content_type = sniffed, .size = (int64_t)r->body_len, .sha256 = hex,
		.created_by = r->actor.account_id, .created_at = s.now,
	};
	t->ciphertext = lia_seal(r->arena, r->srv->sealing_key, data, r->body_len,
				 &t->ciphertext_len);
	r->audit[r->naudit - 1].object_id = id;
	r->ctx = t;
	lia_req_write(r, insert_attachment);
}

void
lia_h_attachment_get(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	struct lia_attachment t;
	struct lia_conn *c = lia_req_conn(r);
	if (!lia_uuid_valid(r->params[1]) ||
	    c->ops->attachment_get(c, r->arena, r->params[1], &t) != LIA_STORE_OK ||
	    strcmp(t.client_id, cl.id) != 0) {
		lia_reply_error(r, LIA_P_NOT_FOUND);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, lia_category_parse(t.category),
				      LIA_ACT_READ, "attachment.read", NULL))
		return;
	r->audit[r->naudit - 1].object_id = t.id;
	size_t n = 0;
	unsigned char *plain = lia_unseal(r->arena, r->srv->sealing_key, t.ciphertext,
					  t.ciphertext_len, &n);
	if (!plain) {
		/* Altered at rest, or sealed with another key: our bug or an attack. */
		LIA_BUG("attachment.unseal_failed", "attachment=%s", t.id);
		lia_req_audit_failed(r, "unseal_failed");
		lia_reply_error(r, LIA_P_INTERNAL_ERROR);
		return;
	}
	lia_reply_bytes(r, 200, t.content_type, plain, n);
	lia_reply_header(r, "Digest", lia_arena_printf(r->arena, "sha-256-hex=%s", t.sha256));
	lia_reply_header(r, "Content-Disposition", "inline");
}
