/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the receiver does with one well-framed DC-09 message, inside the group
 * committer's transaction: find the device by account, decrypt, check the
 * timestamp window, recognise a duplicate (same device, sequence and fingerprint
 * within an hour: the same event sent again, or sent by a second path), record the
 * event, map its code to an alarm type with the device model's table, raise the
 * alert (with escalation) and audit, then prepare the answer. The answer is sent
 * only once the transaction is durable (receiver.c): an ACK means "stored".
 */
#ifndef LIA_ALARM_INGEST_H
#define LIA_ALARM_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/sealed.h"
#include "dc09/dc09.h"
#include "store/store.h"

#define LIA_ALARM_DUP_WINDOW_US (3600LL * 1000000) /* a repeat within it is the same event */
/* last_seen_at is written at most this often per device and path (it is exact to
 * within this): a device sending bursts costs one row update, not one per frame. */
#define LIA_ALARM_TOUCH_EVERY_US 1000000LL
#define LIA_ALARM_REPLY_MAX 512

enum lia_ingest_outcome {
	LIA_INGEST_NONE = 0,   /* nothing to say (not run yet) */
	LIA_INGEST_STORED,     /* a new event: ACK */
	LIA_INGEST_DUPLICATE,  /* seen already: ACK again, nothing recorded */
	LIA_INGEST_LINK_TEST,  /* NULL: ACK, the device's last_seen moved */
	LIA_INGEST_UNKNOWN,    /* unknown or inactive account, undecryptable: DUH */
	LIA_INGEST_STALE_TIME, /* encrypted, timestamp outside the window: NAK */
};

/* The last committed touch of each device by this server, so that the ingest can
 * skip a touch that would change almost nothing. The receiver notes touches once
 * their batch is durable; the ingest reads on the committer thread (a lock). A
 * miss (evicted, another server) only costs a touch. */
struct lia_touch_memo;
struct lia_touch_memo *lia_touch_memo_new(void);
void lia_touch_memo_free(struct lia_touch_memo *m);
/* path: the path's name, compared by address (the receiver's, stable). */
void lia_touch_memo_note(struct lia_touch_memo *m, const char *device_id, const char *path,
			 int64_t at);

/* What every frame would otherwise read again: devices by account, the models'
 * code tables, the clients' escalation plans. Used on the committer thread only.
 * Before each run of frames in a batch, lia_ingest_cache_check (the job's prepare)
 * asks the change feed whether a device, model or plan changed since, and forgets
 * everything if so; it fills only with what the batch read before writing anything
 * but frames (committed state), so a batch that rolls back cannot leave an
 * uncommitted version in memory. Other servers' writes reach the same feed. */
struct lia_ingest_cache;
struct lia_ingest_cache *lia_ingest_cache_new(void);
void lia_ingest_cache_free(struct lia_ingest_cache *k);
/* The committer job's prepare (committer.h); cls is the cache. */
int lia_ingest_cache_check(struct lia_conn *c, void *cls, bool batch_start);

struct lia_ingest {
	/* In: the message as framed (body copied; it outlives the transaction). */
	const unsigned char *body;
	size_t body_len;
	uint16_t crc;
	const char *path;      /* the path's name */
	int64_t received_at;   /* µs, wall clock */
	const struct lia_sealing_key *sealing_key;
	struct lia_touch_memo *touched; /* borrowed; NULL: touch every frame */
	struct lia_ingest_cache *cache;  /* borrowed; NULL: read every time */
	/* Out, valid when the job's transaction committed. */
	enum lia_ingest_outcome outcome;
	const char *alarm_type; /* of a stored event; NULL when the code is unknown */
	const char *alert_id;   /* raised by this event, or NULL */
	char reply[LIA_ALARM_REPLY_MAX];
	size_t reply_len;
	const char *device_id;  /* the device whose last_seen_at this run moved, or NULL */
	/* The run's audit entries (alert raised, event received), to be appended by
	 * the caller in the same transaction (the committer's job entries). */
	struct lia_audit_entry audit[2];
	size_t naudit;
	struct lia_arena *arena; /* the caller's; a retried run allocates again */
};

/* The committer job function (lia_store_write_fn); cls is a struct lia_ingest. The
 * audit entries in in->audit are not appended here: the caller must append them
 * in the same transaction when it returns OK. */
int lia_ingest_run(struct lia_conn *c, void *cls);

#endif
