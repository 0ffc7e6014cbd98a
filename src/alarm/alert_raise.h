/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Raising an alert from any source (a tele-alarm device, the receiver's own
 * supervision, a person pressing "alert" in the app), with its escalation when the
 * alert type escalates and a client is known: the client's plan (or the default
 * one) is copied onto the alert and its first step armed, in the same transaction
 * as the alert, so that a crash cannot leave an alert without its timer.
 */
#ifndef LIA_ALARM_ALERT_RAISE_H
#define LIA_ALARM_ALERT_RAISE_H

#include <stdbool.h>

#include "core/arena.h"
#include "store/store.h"

/* In a write transaction: when escalate and al->client_id, starts the escalation
 * (sets al->escalation and al->escalation_due_at), then inserts al and appends one
 * audit entry as the system (action "alert.raise", detail al->type). al->id, state,
 * version and raised_at are set here. CONFLICT (dedup_key taken) is returned as is,
 * with nothing written: the caller decides whether that is an error. */
int lia_alert_raise(struct lia_conn *c, struct lia_arena *a, struct lia_alert *al,
		    bool escalate, int64_t now);

/* What lia_alert_raise does before the insert (id, state, version, raised_at, and
 * when escalate and al->client_id the escalation from plan, NULL: the default
 * plan), for a caller that read the plan and inserts al itself (alarm_record).
 * False when the plan cannot be read. */
bool lia_alert_prepare(struct lia_arena *a, struct lia_alert *al, bool escalate,
		       const struct lia_escalation_plan *plan, int64_t now);

/* Fills *e with the entry lia_audit_system appends (its id from a). */
void lia_audit_system_entry(struct lia_arena *a, const char *org_id, const char *action,
			    const char *client_id, const char *object_id, const char *detail,
			    int64_t now, struct lia_audit_entry *e);

/* Appends one audit entry of the system: action, client, object, outcome "ok". */
int lia_audit_system(struct lia_conn *c, const char *org_id, const char *action,
		     const char *client_id, const char *object_id, const char *detail,
		     int64_t now);

#endif
