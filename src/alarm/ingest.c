/* SPDX-License-Identifier: EUPL-1.2 */
/* One DC-09 message into the record (see ingest.h). */
#include "alarm/ingest.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alarm/alert_raise.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"

/* ---- touches noted ---- */

#define MEMO_SLOTS 4096 /* a power of two; a collision only costs a touch */

struct memo_slot {
	char device_id[LIA_UUID_STRLEN + 1];
	const char *path;
	int64_t at;
};

struct lia_touch_memo {
	pthread_mutex_t lock;
	struct memo_slot slot[MEMO_SLOTS];
};

struct lia_touch_memo *
lia_touch_memo_new(void)
{
	struct lia_touch_memo *m = lia_xcalloc(1, sizeof *m);
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void
lia_touch_memo_free(struct lia_touch_memo *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static struct memo_slot *
memo_slot(struct lia_touch_memo *m, const char *device_id)
{
	uint32_t h = 2166136261u;
	for (const char *p = device_id; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &m->slot[h & (MEMO_SLOTS - 1)];
}

void
lia_touch_memo_note(struct lia_touch_memo *m, const char *device_id, const char *path,
		    int64_t at)
{
	if (!m || strlen(device_id) > LIA_UUID_STRLEN)
		return;
	pthread_mutex_lock(&m->lock);
	struct memo_slot *s = memo_slot(m, device_id);
	if (strcmp(s->device_id, device_id) || s->path != path || s->at < at) {
		memcpy(s->device_id, device_id, strlen(device_id) + 1);
		s->path = path;
		s->at = at;
	}
	pthread_mutex_unlock(&m->lock);
}

/* True when a committed touch by the same path is at most LIA_ALARM_TOUCH_EVERY_US
 * older than at (or newer): writing this one would move last_seen_at by less. */
static bool
touched_lately(struct lia_touch_memo *m, const char *device_id, const char *path, int64_t at)
{
	if (!m)
		return false;
	pthread_mutex_lock(&m->lock);
	struct memo_slot *s = memo_slot(m, device_id);
	bool fresh = !strcmp(s->device_id, device_id) && s->path == path &&
		     s->at >= at - LIA_ALARM_TOUCH_EVERY_US;
	pthread_mutex_unlock(&m->lock);
	return fresh;
}

/* ---- devices, code tables and plans kept ---- */

#define CACHE_SLOTS 4096   /* a power of two */
#define CACHE_MAX 50000    /* entries; beyond, start again (memory stays bounded) */

struct cache_entry {
	struct cache_entry *next;
	const char *key;   /* kind letter + fields */
	int status;        /* LIA_STORE_OK or LIA_STORE_NOT_FOUND */
	union {
		struct lia_device d;
		struct lia_alarm_type t;
		struct lia_escalation_plan p;
	} v;
};

struct lia_ingest_cache {
	struct lia_arena *arena; /* every entry; freed at once when forgotten */
	struct cache_entry *slot[CACHE_SLOTS];
	size_t n;
	int64_t seen;      /* change feed seq checked up to */
	bool primed;       /* seen is meaningful */
	bool fill;         /* this run may add entries */
	bool tainted;      /* this batch changed a device, model or plan (uncommitted) */
};

struct lia_ingest_cache *
lia_ingest_cache_new(void)
{
	struct lia_ingest_cache *k = lia_xcalloc(1, sizeof *k);
	k->arena = lia_arena_new();
	return k;
}

void
lia_ingest_cache_free(struct lia_ingest_cache *k)
{
	if (!k)
		return;
	lia_arena_free(k->arena);
	free(k);
}

static void
forget(struct lia_ingest_cache *k)
{
	lia_arena_free(k->arena);
	k->arena = lia_arena_new();
	memset(k->slot, 0, sizeof k->slot);
	k->n = 0;
}

int
lia_ingest_cache_check(struct lia_conn *c, void *cls, bool batch_start)
{
	struct lia_ingest_cache *k = cls;
	int64_t last = 0;
	bool changed = false;
	/* Not primed: only the feed's end is wanted (nothing is after INT64_MAX). */
	int st = c->ops->alarm_config_since(c, k->primed ? k->seen : INT64_MAX, &last, &changed);
	if (st != LIA_STORE_OK)
		return st;
	if (batch_start)
		k->tainted = false;
	if (changed || !k->primed)
		forget(k);
	/* A change seen after the batch started is this batch's own, not committed yet:
	 * nothing read from here to the end of the batch may be kept. */
	if (changed && !batch_start)
		k->tainted = true;
	k->seen = last;
	k->primed = true;
	k->fill = !k->tainted;
	return LIA_STORE_OK;
}

static uint32_t
key_hash(const char *key)
{
	uint32_t h = 2166136261u;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static struct cache_entry *
cache_find(struct lia_ingest_cache *k, const char *key)
{
	for (struct cache_entry *e = k->slot[key_hash(key) & (CACHE_SLOTS - 1)]; e; e = e->next)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

/* A new entry for key, or NULL when this run must not keep what it reads. */
static struct cache_entry *
cache_add(struct lia_ingest_cache *k, const char *key)
{
	if (!k || !k->fill)
		return NULL;
	if (k->n >= CACHE_MAX)
		forget(k);
	struct cache_entry *e = lia_arena_alloc(k->arena, sizeof *e);
	memset(e, 0, sizeof *e);
	e->key = lia_arena_strdup(k->arena, key);
	uint32_t s = key_hash(key) & (CACHE_SLOTS - 1);
	e->next = k->slot[s];
	k->slot[s] = e;
	k->n++;
	return e;
}

/* Copies handed to a frame live in its arena: the cache may forget before the
 * frame's answer and audit entries are done with them. */
static void
copy_device(struct lia_arena *a, const struct lia_device *s, struct lia_device *d)
{
	*d = *s;
	d->id = lia_arena_strdup(a, s->id);
	d->org_id = lia_arena_strdup(a, s->org_id);
	d->client_id = lia_arena_strdup(a, s->client_id);
	d->account = lia_arena_strdup(a, s->account);
	d->protocol = lia_arena_strdup(a, s->protocol);
	d->model_id = lia_arena_strdup(a, s->model_id);
	d->label = lia_arena_strdup(a, s->label);
	d->key_sealed = lia_arena_strdup(a, s->key_sealed);
	d->key_format = lia_arena_strdup(a, s->key_format);
	d->last_path = lia_arena_strdup(a, s->last_path);
	d->created_by = lia_arena_strdup(a, s->created_by);
}

static void
copy_type(struct lia_arena *a, const struct lia_alarm_type *s, struct lia_alarm_type *d)
{
	*d = *s;
	d->type = lia_arena_strdup(a, s->type);
	d->kind = lia_arena_strdup(a, s->kind);
	d->severity = lia_arena_strdup(a, s->severity);
	d->label_fr = lia_arena_strdup(a, s->label_fr);
	d->label_en = lia_arena_strdup(a, s->label_en);
}

static void
copy_plan(struct lia_arena *a, const struct lia_escalation_plan *s, struct lia_escalation_plan *d)
{
	*d = *s;
	d->client_id = lia_arena_strdup(a, s->client_id);
	d->org_id = lia_arena_strdup(a, s->org_id);
	d->steps = lia_arena_strdup(a, s->steps);
	d->updated_by = lia_arena_strdup(a, s->updated_by);
}

static int
get_device(struct lia_conn *c, struct lia_ingest *in, const char *account, struct lia_device *out)
{
	struct lia_ingest_cache *k = in->cache;
	const char *key = k ? lia_arena_printf(in->arena, "d%s", account) : NULL;
	struct cache_entry *e = k ? cache_find(k, key) : NULL;
	if (!e) {
		e = cache_add(k, key);
		if (!e)
			return c->ops->device_by_account(c, in->arena, account, out);
		e->status = c->ops->device_by_account(c, k->arena, account, &e->v.d);
		if (e->status != LIA_STORE_OK && e->status != LIA_STORE_NOT_FOUND) {
			int st = e->status;
			forget(k); /* never keep a failure */
			return st;
		}
	}
	if (e->status == LIA_STORE_OK)
		copy_device(in->arena, &e->v.d, out);
	return e->status;
}

static int
get_code(struct lia_conn *c, struct lia_ingest *in, const char *model_id, const char *protocol,
	 const char *code, struct lia_alarm_type *out)
{
	struct lia_ingest_cache *k = in->cache;
	const char *key =
		k ? lia_arena_printf(in->arena, "c%s\x1f%s\x1f%s", model_id, protocol, code) : NULL;
	struct cache_entry *e = k ? cache_find(k, key) : NULL;
	if (!e) {
		e = cache_add(k, key);
		if (!e)
			return c->ops->device_code_lookup(c, in->arena, model_id, protocol, code, out);
		e->status = c->ops->device_code_lookup(c, k->arena, model_id, protocol, code,
						       &e->v.t);
		if (e->status != LIA_STORE_OK && e->status != LIA_STORE_NOT_FOUND) {
			int st = e->status;
			forget(k);
			return st;
		}
	}
	if (e->status == LIA_STORE_OK)
		copy_type(in->arena, &e->v.t, out);
	return e->status;
}

static int
get_plan(struct lia_conn *c, struct lia_ingest *in, const char *client_id,
	 struct lia_escalation_plan *out)
{
	struct lia_ingest_cache *k = in->cache;
	const char *key = k ? lia_arena_printf(in->arena, "p%s", client_id) : NULL;
	struct cache_entry *e = k ? cache_find(k, key) : NULL;
	if (!e) {
		e = cache_add(k, key);
		if (!e)
			return c->ops->escalation_plan_get(c, in->arena, client_id, out);
		e->status = c->ops->escalation_plan_get(c, k->arena, client_id, &e->v.p);
		if (e->status != LIA_STORE_OK && e->status != LIA_STORE_NOT_FOUND) {
			int st = e->status;
			forget(k);
			return st;
		}
	}
	if (e->status == LIA_STORE_OK)
		copy_plan(in->arena, &e->v.p, out);
	return e->status;
}

/* ---- one message ---- */

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
classify(struct lia_conn *c, struct lia_ingest *in, const struct lia_device *d,
	 const struct lia_dc09_event *ev, struct lia_alarm_type *t)
{
	if (ev->protocol == 'C' && ev->qualifier == '3') {
		*t = (struct lia_alarm_type){.type = "restore", .kind = "restore",
					     .severity = "low", .label_fr = "Retour à la normale"};
		return LIA_STORE_OK;
	}
	return get_code(c, in, d->model_id, ev->protocol == 'C' ? "cid" : "sia", ev->code, t);
}

/* The alert the event calls for: an alarm (escalating), a technical alert (one per
 * device, type and day: a battery reporting low every hour is one alert), or an
 * alert for a code nobody mapped (a person must look at it); none (*has false) for
 * periodic tests and restores. */
static int
alert_for(struct lia_conn *c, struct lia_ingest *in, const struct lia_device *d,
	  const struct lia_alarm_event *e, const struct lia_alarm_type *t, struct lia_alert *al,
	  bool *has)
{
	*al = (struct lia_alert){
		.org_id = d->org_id, .client_id = d->client_id, .source = "device",
		.source_ref = e->id,
	};
	*has = false;
	bool escalate = false;
	if (!t) {
		al->type = "unknown_event";
		al->severity = "high";
		al->dedup_key = lia_arena_printf(in->arena, "alarm:%s", e->id);
	} else if (!strcmp(t->kind, "alarm")) {
		al->type = t->type;
		al->severity = t->severity;
		al->dedup_key = lia_arena_printf(in->arena, "alarm:%s", e->id);
		escalate = t->escalate;
	} else if (!strcmp(t->kind, "technical")) {
		char day[LIA_RFC3339_LEN];
		lia_time_format(in->received_at, day);
		day[10] = '\0';
		al->type = t->type;
		al->severity = t->severity;
		al->dedup_key = lia_arena_printf(in->arena, "device:%s:%s:%s", d->id, t->type, day);
	} else {
		return LIA_STORE_OK;
	}
	al->details = details_json(in->arena, d, e, t);
	*has = true;
	struct lia_escalation_plan plan;
	int st = LIA_STORE_NOT_FOUND;
	if (escalate && al->client_id) {
		st = get_plan(c, in, al->client_id, &plan);
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
			return st;
	}
	if (!lia_alert_prepare(in->arena, al, escalate, st == LIA_STORE_OK ? &plan : NULL,
			       in->received_at))
		return LIA_STORE_ERROR;
	return LIA_STORE_OK;
}

/* The duplicate check, the event and its alert in one store call (one round trip on
 * PostgreSQL); their audit entries go to in->audit. A repeat (same device, seq and
 * fingerprint within the window: the same event sent again, or by a second path) is
 * recorded once. An alert already raised today (dedup_key) is not raised again; the
 * event is kept all the same. */
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
		st = classify(c, in, d, &ev, &t);
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
			return st;
		if (st == LIA_STORE_OK)
			e.alarm_type = t.type;
	}
	struct lia_alert al;
	bool has_alert = false, dup = false, raised = false;
	st = alert_for(c, in, d, &e, e.alarm_type ? &t : NULL, &al, &has_alert);
	if (st == LIA_STORE_OK)
		st = c->ops->alarm_record(c, in->arena, has_alert ? &al : NULL, &e,
					  in->received_at - LIA_ALARM_DUP_WINDOW_US, &dup, &raised);
	if (st != LIA_STORE_OK)
		return st;
	if (dup) {
		in->outcome = LIA_INGEST_DUPLICATE;
		in->alert_id = e.alert_id;
		return LIA_STORE_OK;
	}
	in->outcome = LIA_INGEST_STORED;
	if (raised)
		lia_audit_system_entry(in->arena, al.org_id, "alert.raise", al.client_id, al.id,
				       al.type, in->received_at, &in->audit[in->naudit++]);
	lia_audit_system_entry(in->arena, d->org_id, "alarm.receive", d->client_id, e.id,
			       e.alarm_type ? e.alarm_type : "unknown_event", in->received_at,
			       &in->audit[in->naudit++]);
	in->alarm_type = e.alarm_type;
	in->alert_id = e.alert_id;
	return LIA_STORE_OK;
}

int
lia_ingest_run(struct lia_conn *c, void *cls)
{
	struct lia_ingest *in = cls;
	in->outcome = LIA_INGEST_NONE;
	in->reply_len = 0;
	in->alarm_type = in->alert_id = in->device_id = NULL;
	in->naudit = 0;
	struct lia_dc09_msg m;
	if (lia_dc09_parse(in->body, in->body_len, in->crc, &m) != LIA_DC09_OK)
		return LIA_STORE_OK; /* the receiver parsed it before: cannot happen */
	struct lia_device d;
	int st = get_device(c, in, m.account, &d);
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
		st = record_event(c, in, &d, &m);
		if (st != LIA_STORE_OK) {
			sodium_memzero(key, sizeof key);
			return st;
		}
	}
	if (!touched_lately(in->touched, d.id, in->path, in->received_at)) {
		st = c->ops->device_touch(c, d.id, in->received_at, in->path);
		in->device_id = d.id;
	}
	if (st == LIA_STORE_OK)
		reply(in, LIA_DC09_ACK, &m, key_len ? key : NULL, key_len);
	sodium_memzero(key, sizeof key);
	return st;
}
