/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * GET /api/v1/alarm/receiver: is the tele-alarm chain up? Each path (listen address)
 * with its counters and the time of its last frame, and the receiver's answer
 * latency (frame read → answer written). For the people on watch; no client data.
 */
#include "alarm/receiver.h"
#include "core/clock.h"
#include "http/handlers/alerts.h"
#include "http/handlers/handlers.h"
#include "http/handlers/planning.h"
#include "http/server.h"

void
lia_h_alarm_receiver(struct lia_req *r)
{
	const char *scope[LIA_ALERT_MAX_SCOPES];
	if (lia_access_manage_scope(&r->actor, LIA_MANAGE_ALERTS, scope, LIA_ALERT_MAX_SCOPES) == 0) {
		lia_reply_error(r, LIA_P_FORBIDDEN);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	struct lia_receiver *rx = r->srv->receiver;
	cJSON_AddBoolToObject(o, "enabled", rx != NULL);
	cJSON *arr = cJSON_AddArrayToObject(o, "paths");
	if (!rx) {
		lia_reply_json(r, 200, o);
		return;
	}
	const struct lia_alarm_paths *ps = lia_receiver_paths(rx);
	int64_t now = lia_clock_now_us();
	long silence = r->srv->cfg->alarm_path_silence;
	for (int i = 0; i < ps->n; i++) {
		const struct lia_alarm_path *p = &ps->path[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", p->name);
		cJSON_AddStringToObject(e, "transport", p->udp ? "udp" : "tcp");
		cJSON_AddStringToObject(e, "host", p->host);
		cJSON_AddNumberToObject(e, "port", p->bound_port);
		int64_t last = p->last_frame_at;
		lia_json_add_time(e, "last_frame_at", last);
		const char *health = !last ? "no_traffic_yet" :
				     (silence > 0 && now - last >= silence * 1000000LL) ? "lost" :
											   "up";
		cJSON_AddStringToObject(e, "health", health);
		cJSON_AddNumberToObject(e, "frames", (double)p->frames);
		cJSON_AddNumberToObject(e, "bad_crc", (double)p->bad_crc);
		cJSON_AddNumberToObject(e, "garbage_bytes", (double)p->garbage);
		cJSON_AddNumberToObject(e, "acks", (double)p->acks);
		cJSON_AddNumberToObject(e, "naks", (double)p->naks);
		cJSON_AddNumberToObject(e, "duhs", (double)p->duhs);
		cJSON_AddNumberToObject(e, "dropped", (double)p->dropped);
		cJSON_AddItemToArray(arr, e);
	}
	struct lia_receiver_stats st;
	lia_receiver_stats(rx, &st);
	cJSON *s = cJSON_AddObjectToObject(o, "stats");
	cJSON_AddNumberToObject(s, "frames", (double)st.frames);
	cJSON_AddNumberToObject(s, "stored", (double)st.stored);
	cJSON_AddNumberToObject(s, "duplicates", (double)st.duplicates);
	cJSON_AddNumberToObject(s, "link_tests", (double)st.link_tests);
	cJSON_AddNumberToObject(s, "unknown_accounts", (double)st.unknown);
	cJSON_AddNumberToObject(s, "stale_timestamps", (double)st.stale);
	cJSON_AddNumberToObject(s, "dropped", (double)st.dropped);
	cJSON_AddNumberToObject(s, "store_failures", (double)st.failed);
	cJSON_AddNumberToObject(s, "connections", (double)st.connections);
	cJSON_AddNumberToObject(s, "latency_p50_us", (double)st.latency_p50_us);
	cJSON_AddNumberToObject(s, "latency_p99_us", (double)st.latency_p99_us);
	cJSON_AddNumberToObject(s, "latency_max_us", (double)st.latency_max_us);
	lia_reply_json(r, 200, o);
}
