/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The live alert stream (Server-Sent Events, GET /api/v1/alerts/stream).
 *
 * Events are the rows of the alert log (alert_events, written by the store with
 * every alert insert and update, in commit order), so the event id is the log's
 * seq and a client that reconnects with Last-Event-ID gets exactly what it missed.
 * A stream with nothing to send suspends its connection (no thread is held); one
 * hub thread watches the log's last seq (every 200 ms: it also sees the writes of
 * other servers sharing a PostgreSQL database) and resumes the streams that are
 * behind, and every 15 s for a heartbeat comment that keeps proxies from closing
 * an idle line.
 */
#ifndef LIA_HTTP_SSE_H
#define LIA_HTTP_SSE_H

#include <stddef.h>
#include <stdint.h>

struct lia_sse_hub;
struct lia_sse_stream;
struct lia_req;

struct lia_sse_hub *lia_sse_hub_start(const char *url);
/* Ends every stream (they answer end-of-stream on their next call) and resumes the
 * suspended ones; call before the HTTP daemon stops. */
void lia_sse_hub_shutdown(struct lia_sse_hub *h);
void lia_sse_hub_stop(struct lia_sse_hub *h);

/* A stream for request r, from the log seq `after` (exclusive), over alerts whose
 * organisation path starts with one of scope[0..nscope) (copied). */
struct lia_sse_stream *lia_sse_stream_new(struct lia_sse_hub *h, struct lia_req *r,
					  int64_t after, const char *const *scope, int nscope);

/* The MHD connection the stream answers on (suspended when there is nothing to
 * send, resumed by the hub). */
void lia_sse_attach(struct lia_sse_stream *s, void *mhd_conn);
/* The MHD content reader and its free function (server.c wires them). */
long lia_sse_read(struct lia_sse_stream *s, char *buf, size_t max);
void lia_sse_free(struct lia_sse_stream *s);

/* Wakes the hub at once (after a local alert write; optional). */
void lia_sse_hub_poke(struct lia_sse_hub *h);

#endif
