/* SPDX-License-Identifier: EUPL-1.2 */
/* One DC-09 message into the record (see ingest.h). */
#include "alarm/ingest.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "alarm/alert_raise.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"

/* The device's AES key, unsealed; 0 when it has none, -1 when it cannot be read. */
static int
device_key(struct lia_ingest *in, const struct lia_device *d, unsigned char key[32],
	   size_t *len)
{
	*len = 0;
	if (!d->key_sealed)
		return 0;
	size_t slen = strlen(d->key_sealed);
	unsigned char *sealed = lia_arena_alloc(in->arena, slen + 1);
	size_t n = 0;
	if (!in->sealing_key ||
	    sodium_base642bin(sealed, slen, d->key_sealed, slen, NULL, &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	size_t klen = 0;
	unsigned char *k = lia_unseal(in->arena, in->sealing_key, sealed, n, &klen);
	if (!k || (klen != 16 && klen != 24 && klen != 32))
		return -1;
	memcpy(key, k, klen);
	sodium_memzero(k, klen);
	*len = klen;
	return 1;
}

static void
reply(struct lia_ingest *in, enum lia_dc09_reply kind, const struct lia_dc09_msg *m,
      const unsigned char *key, size_t key_len)
{
	in->reply_len = lia_dc09_reply(kind, m, key, key_len, lia_clock_now_us(), in->reply,
				       sizeof in->reply);
}

/* The alert details: what the operator needs to act, no more. */
static const char *
details_json(struct lia_arena *a, const struct lia_device *d, const struct lia_alarm_event *e,
	     const struct lia_alarm_type *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "device_id", d->id);
	cJSON_AddStringToObject(o, "account", d->account);
	cJSON_AddStringToObject(o, "event_id", e->id);
	cJSON_AddStringToObject(o, "message_id", e->message_id);
	if (e->qualifier)
		cJSON_AddStringToObject(o, "qualifier", e->qualifier);
	if (e->code)
		cJSON_AddStringToObject(o, "code", e->code);
	if (e->zone)
		cJSON_AddStringToObject(o, "zone", e->zone);
	cJSON_AddStringToObject(o, "path", e->path);
	if (t)
		cJSON_AddStringToObject(o, "label", t->label_fr);
	if (d->label)
		cJSON_AddStringToObject(o, "device_label", d->label);
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	const char *out = lia_arena_strdup(a, s);
	free(s);
	return out;
}

/* The event's alarm type: a Contact ID restore (qualifier 3) is a restore whatever
 * the code; otherwise the model's table. NOT_FOUND: the code is unknown. */
static int
classify(struct lia_conn *c, struct lia_arena *a, const struct lia_device *d,
	 const struct lia_dc09_event *ev, struct lia_alarm_type *t)
{
	if (ev->protocol == 'C' && ev->qualifier == '3') {
		*t = (struct lia_alarm_type){.type = "restore", .kind = "restore",
					     .severity = "low", .label_fr = "Retour à la normale"};
		return LIA_STORE_OK;
	}
	return c->ops->device_code_lookup(c, a, d->model_id, ev->protocol == 'C' ? "cid" : "sia",
					  ev->code, t);
}

/* Raises what the event calls for: an alarm (escalating), a technical alert (one
 * per device, type and day: a battery reporting low every hour is one alert), or an
 * alert for a code nobody mapped (a person must look at it); nothing for periodic
 * tests and restores. Sets e->alert_id. */
static int
raise_for(struct lia_conn *c, struct lia_ingest *in, const struct lia_device *d,
	  struct lia_alarm_event *e, const struct lia_alarm_type *t)
{
	struct lia_alert al = {
		.org_id = d->org_id, .client_id = d->client_id, .source = "device",
		.source_ref = e->id,
	};
	bool escalate = false;
	if (!t) {
		al.type = "unknown_event";
		al.severity = "high";
		al.dedup_key = lia_arena_printf(in->arena, "alarm:%s", e->id);
	} else if (!strcmp(t->kind, "alarm")) {
		al.type = t->type;
		al.severity = t->severity;
		al.dedup_key = lia_arena_printf(in->arena, "alarm:%s", e->id);
		escalate = t->escalate;
	} else if (!strcmp(t->kind, "technical")) {
		char day[LIA_RFC3339_LEN];
		lia_time_format(in->received_at, day);
		day[10] = '\0';
		al.type = t->type;
		al.severity = t->severity;
		al.dedup_key = lia_arena_printf(in->arena, "device:%s:%s:%s", d->id, t->type, day);
	} else {
		return LIA_STORE_OK;
	}
	al.details = details_json(in->arena, d, e, t);
	int st = lia_alert_raise(c, in->arena, &al, escalate, in->received_at);
	if (st == LIA_STORE_CONFLICT) /* already raised today: the event is kept all the same */
		return LIA_STORE_OK;
	if (st == LIA_STORE_OK)
		e->alert_id = al.id;
	return st;
}

static int
record_event(struct lia_conn *c, struct lia_ingest *in, const struct lia_device *d,
	     const struct lia_dc09_msg *m)
{
	const char *p;
	size_t n;
	lia_dc09_payload(m, &p, &n);
	struct lia_dc09_event ev;
	bool cid = !strcmp(m->id, "ADM-CID");
	bool parsed = (cid ? lia_dc09_cid_parse(p, n, &ev) : lia_dc09_sia_parse(p, n, &ev)) == 0;
	char *eid = lia_arena_alloc(in->arena, LIA_UUID_STRLEN + 1);
	lia_uuid7(eid);
	struct lia_alarm_event e = {
		.id = eid, .org_id = d->org_id, .device_id = d->id, .client_id = d->client_id,
		.seq = m->seq, .fingerprint = m->fingerprint, .path = in->path,
		.message_id = m->id, .event_time = m->has_timestamp ? m->timestamp_us : 0,
		.received_at = in->received_at,
		.body = lia_arena_strndup(in->arena, (const char *)in->body, in->body_len),
	};
	struct lia_alarm_type t;
	int st = LIA_STORE_NOT_FOUND;
	if (parsed) {
		e.qualifier = lia_arena_strndup(in->arena, &ev.qualifier, 1);
		e.code = lia_arena_strdup(in->arena, ev.code);
		e.zone = ev.zone[0] ? lia_arena_strdup(in->arena, ev.zone) : NULL;
		st = classify(c, in->arena, d, &ev, &t);
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
			return st;
		if (st == LIA_STORE_OK)
			e.alarm_type = t.type;
	}
	st = raise_for(c, in, d, &e, e.alarm_type ? &t : NULL);
	if (st == LIA_STORE_OK)
		st = c->ops->alarm_event_insert(c, &e);
	if (st == LIA_STORE_OK)
		st = lia_audit_system(c, d->org_id, "alarm.receive", d->client_id, e.id,
				      e.alarm_type ? e.alarm_type : "unknown_event",
				      in->received_at);
	if (st == LIA_STORE_OK) {
		in->alarm_type = e.alarm_type;
		in->alert_id = e.alert_id;
	}
	return st;
}

int
lia_ingest_run(struct lia_conn *c, void *cls)
{
	struct lia_ingest *in = cls;
	in->outcome = LIA_INGEST_NONE;
	in->reply_len = 0;
	in->alarm_type = in->alert_id = NULL;
	struct lia_dc09_msg m;
	if (lia_dc09_parse(in->body, in->body_len, in->crc, &m) != LIA_DC09_OK)
		return LIA_STORE_OK; /* the receiver parsed it before: cannot happen */
	struct lia_device d;
	int st = c->ops->device_by_account(c, in->arena, m.account, &d);
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
		return st;
	unsigned char key[32];
	size_t key_len = 0;
	int has_key = st == LIA_STORE_OK ? device_key(in, &d, key, &key_len) : -1;
	/* Unknown or retired account, a key we cannot read, or a device that must
	 * encrypt sending in clear: "cannot handle", and the sender must not repeat. */
	if (st == LIA_STORE_NOT_FOUND || !d.active || has_key < 0 ||
	    (has_key == 1 && !m.encrypted && strcmp(m.id, "NULL")) ||
	    (has_key == 0 && m.encrypted)) {
		in->outcome = LIA_INGEST_UNKNOWN;
		reply(in, LIA_DC09_DUH, &m, NULL, 0);
		lia_log(LIA_LOG_WARN, "alarm.unhandled", "account=%s path=%s", m.account, in->path);
		return LIA_STORE_OK;
	}
	if (m.encrypted) {
		size_t cap = m.cipher_hex_len / 2 + 1;
		char *plain = lia_arena_alloc(in->arena, cap);
		if (lia_dc09_decrypt(&m, key, key_len, plain, cap) != LIA_DC09_OK) {
			in->outcome = LIA_INGEST_UNKNOWN;
			reply(in, LIA_DC09_DUH, &m, NULL, 0);
			lia_log(LIA_LOG_WARN, "alarm.undecryptable", "account=%s path=%s", m.account,
				in->path);
			sodium_memzero(key, sizeof key);
			return LIA_STORE_OK;
		}
		if (!lia_dc09_timestamp_ok(&m, lia_clock_now_us())) {
			in->outcome = LIA_INGEST_STALE_TIME;
			reply(in, LIA_DC09_NAK, &m, NULL, 0);
			sodium_memzero(key, sizeof key);
			return LIA_STORE_OK;
		}
	}
	if (!strcmp(m.id, "NULL")) {
		in->outcome = LIA_INGEST_LINK_TEST;
	} else {
		struct lia_alarm_event prev;
		st = c->ops->alarm_event_find(c, in->arena, d.id, m.seq, m.fingerprint,
					      in->received_at - LIA_ALARM_DUP_WINDOW_US, &prev);
		if (st == LIA_STORE_OK) {
			in->outcome = LIA_INGEST_DUPLICATE;
			in->alert_id = prev.alert_id;
		} else if (st == LIA_STORE_NOT_FOUND) {
			st = record_event(c, in, &d, &m);
			if (st != LIA_STORE_OK)
				return st;
			in->outcome = LIA_INGEST_STORED;
		} else {
			return st;
		}
	}
	st = c->ops->device_touch(c, d.id, in->received_at, in->path);
	if (st == LIA_STORE_OK)
		reply(in, LIA_DC09_ACK, &m, key_len ? key : NULL, key_len);
	sodium_memzero(key, sizeof key);
	return st;
}
