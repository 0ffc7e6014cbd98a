/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A client's home: GET and PUT /api/v1/clients/{id}/home. Coordinates (for the
 * geofence check at clock-in and travel distances), access notes (door code, key
 * box), the NFC tags and the QR code placed there. Part of the administrative
 * record (category admin). The first PUT creates it (201, If-Match optional); later
 * ones replace it at the version read (If-Match required).
 */
#include <math.h>
#include <string.h>

#include "core/clock.h"
#include "http/handlers/client_load.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"

#define MAX_NOTES 2000
#define MAX_TAGS 10
#define MAX_TAG_LEN 64
#define MAX_QR 128

static cJSON *
home_json(const struct lia_home *h)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "client_id", h->client_id);
	if (h->has_coords) {
		cJSON_AddNumberToObject(o, "latitude", h->latitude);
		cJSON_AddNumberToObject(o, "longitude", h->longitude);
	} else {
		cJSON_AddNullToObject(o, "latitude");
		cJSON_AddNullToObject(o, "longitude");
	}
	lia_json_add_str(o, "access_notes", h->access_notes);
	cJSON *tags = lia_json_from_text(h->nfc_tags);
	if (!cJSON_IsArray(tags)) {
		cJSON_Delete(tags);
		tags = cJSON_CreateArray();
	}
	cJSON_AddItemToObject(o, "nfc_tags", tags);
	lia_json_add_str(o, "qr_code", h->qr_code);
	cJSON_AddNumberToObject(o, "version", (double)h->version);
	lia_json_add_time(o, "updated_at", h->updated_at);
	return o;
}

void
lia_h_home_get(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s) ||
	    !lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_ADMIN, LIA_ACT_READ,
				      "client.home.read", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_home h;
	int st = c->ops->home_get(c, r->arena, cl.id, &h);
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return;
	}
	lia_reply_json(r, 200, home_json(&h));
	lia_reply_etag(r, h.version);
}

struct home_write {
	struct lia_home h;
	int64_t expected;
};

static int
put_home(struct lia_conn *c, void *cls)
{
	struct lia_req *r = cls;
	struct home_write *hw = r->ctx;
	int st = c->ops->home_put(c, &hw->h, hw->expected);
	if (st == LIA_STORE_CONFLICT)
		st = LIA_STORE_STALE; /* created meanwhile: the caller's view is stale */
	if (st != LIA_STORE_OK) {
		lia_reply_store_error(r, st);
		return st;
	}
	hw->h.version = hw->expected + 1;
	lia_reply_json(r, hw->expected ? 200 : 201, home_json(&hw->h));
	lia_reply_etag(r, hw->h.version);
	return LIA_STORE_OK;
}

/* Takes a number member out of obj (so that the field spec, which has no number
 * type, does not see it) and checks it: NULL when absent or null. The caller puts
 * it back with cJSON_AddItemToObject, so that the request still owns it. */
static cJSON *
take_number(cJSON *obj, const char *name, double min, double max, bool *present, double *out,
	    struct lia_problem *p)
{
	cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(obj, name);
	*present = false;
	if (!v || cJSON_IsNull(v))
		return v;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		lia_problem_field(p, name, LIA_FE_INVALID_TYPE);
	else if (v->valuedouble < min || v->valuedouble > max)
		lia_problem_field(p, name, LIA_FE_OUT_OF_RANGE);
	else {
		*present = true;
		*out = v->valuedouble;
	}
	return v;
}

void
lia_h_home_put(struct lia_req *r)
{
	struct lia_client cl;
	struct lia_subject s;
	if (!lia_client_load(r, &cl, &s))
		return;
	cJSON *body = lia_req_json(r);
	if (!body)
		return;
	struct home_write *hw = lia_arena_alloc(r->arena, sizeof *hw);
	memset(hw, 0, sizeof *hw);
	struct lia_problem p = {0};
	bool has_lat, has_lon;
	cJSON *lat = take_number(body, "latitude", -90, 90, &has_lat, &hw->h.latitude, &p);
	cJSON *lon = take_number(body, "longitude", -180, 180, &has_lon, &hw->h.longitude, &p);
	const char *access_notes = NULL, *qr_code = NULL;
	const cJSON *nfc_tags = NULL;
	struct lia_json_field spec[] = {
		{"access_notes", LIA_JSON_STRING, LIA_JSON_NULLABLE, MAX_NOTES, 0, 0, NULL,
		 &access_notes, NULL},
		{"nfc_tags", LIA_JSON_ARRAY, LIA_JSON_NULLABLE, MAX_TAGS, 0, 0, NULL, &nfc_tags,
		 NULL},
		{"qr_code", LIA_JSON_STRING, LIA_JSON_NULLABLE, MAX_QR, 0, 0, NULL, &qr_code, NULL},
	};
	lia_json_decode(r->arena, body, spec, 3, "", &p); /* errors are in p */
	hw->h.nfc_tags = lia_string_list_text(r, nfc_tags, MAX_TAGS, MAX_TAG_LEN, "nfc_tags", &p);
	if (lat)
		cJSON_AddItemToObject(body, "latitude", lat);
	if (lon)
		cJSON_AddItemToObject(body, "longitude", lon);
	/* Both or neither (a member already refused is not reported twice). */
	bool lat_given = lat && !cJSON_IsNull(lat), lon_given = lon && !cJSON_IsNull(lon);
	if (lat_given != lon_given)
		lia_problem_field(&p, lat_given ? "longitude" : "latitude", LIA_FE_REQUIRED);
	if (p.kind != LIA_P_NONE) {
		lia_reply_problem(r, &p);
		return;
	}
	if (!lia_req_authorize_client(r, &s, cl.org_id, LIA_CAT_ADMIN, LIA_ACT_UPDATE,
				      "client.home.update", NULL))
		return;
	struct lia_conn *c = lia_req_conn(r);
	struct lia_home cur;
	/* The first write creates it: If-Match optional ("0" accepted). */
	if (!lia_req_if_match_put(r, c->ops->home_get(c, r->arena, cl.id, &cur), &hw->expected))
		return;
	hw->h.client_id = cl.id;
	hw->h.org_id = cl.org_id;
	hw->h.has_coords = has_lat && has_lon;
	if (!hw->h.has_coords)
		hw->h.latitude = hw->h.longitude = 0;
	hw->h.access_notes = access_notes && *access_notes ? access_notes : NULL;
	hw->h.qr_code = qr_code && *qr_code ? qr_code : NULL;
	hw->h.updated_at = lia_clock_now_us();
	r->ctx = hw;
	lia_req_write(r, put_home);
}
