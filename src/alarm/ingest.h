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

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/sealed.h"
#include "dc09/dc09.h"
#include "store/store.h"

#define LIA_ALARM_DUP_WINDOW_US (3600LL * 1000000) /* a repeat within it is the same event */
#define LIA_ALARM_REPLY_MAX 512

enum lia_ingest_outcome {
	LIA_INGEST_NONE = 0,   /* nothing to say (not run yet) */
	LIA_INGEST_STORED,     /* a new event: ACK */
	LIA_INGEST_DUPLICATE,  /* seen already: ACK again, nothing recorded */
	LIA_INGEST_LINK_TEST,  /* NULL: ACK, the device's last_seen moved */
	LIA_INGEST_UNKNOWN,    /* unknown or inactive account, undecryptable: DUH */
	LIA_INGEST_STALE_TIME, /* encrypted, timestamp outside the window: NAK */
};

struct lia_ingest {
	/* In: the message as framed (body copied; it outlives the transaction). */
	const unsigned char *body;
	size_t body_len;
	uint16_t crc;
	const char *path;      /* the path's name */
	int64_t received_at;   /* µs, wall clock */
	const struct lia_sealing_key *sealing_key;
	/* Out, valid when the job's transaction committed. */
	enum lia_ingest_outcome outcome;
	const char *alarm_type; /* of a stored event; NULL when the code is unknown */
	const char *alert_id;   /* raised by this event, or NULL */
	char reply[LIA_ALARM_REPLY_MAX];
	size_t reply_len;
	struct lia_arena *arena; /* the caller's; a retried run allocates again */
};

/* The committer job function (lia_store_write_fn); cls is a struct lia_ingest. */
int lia_ingest_run(struct lia_conn *c, void *cls);

#endif
