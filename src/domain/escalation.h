/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Escalation of an alert: who to reach, in order, until someone answers. A client's
 * plan is an ordered list of steps; when an alarm that escalates is raised, the plan
 * is copied onto the alert (so that a later change of the plan does not rewrite a
 * running escalation) and its first step becomes active with a deadline. A step
 * not answered by its deadline times out and the next one becomes active; the
 * operator may also record that the person of the step answered (the escalation
 * ends) or did not (the next step starts at once). An acknowledgement, resolution or
 * cancellation of the alert stops it. After the last step the escalation is
 * exhausted: the alert stays open and visible as such.
 *
 * Pure functions over JSON texts; the deadline is kept beside the JSON in the
 * alert row (escalation_due_at) so that the server's timer finds due steps by index
 * and resumes them after a restart.
 *
 * A plan step:   {"kind": "on_duty" | "caregiver" | "contact" | "emergency",
 *                 "label": "...", "phone": "+33...", "account_id": "<uuid>" | null,
 *                 "timeout_s": 30..3600}
 *   on_duty    the alarm operators / responders on duty (no phone needed);
 *   caregiver  a family caregiver: phone required;
 *   contact    a neighbour, a doctor, the key holder...: phone required;
 *   emergency  emergency services (15, 112): phone required, must be the last step.
 * label 1..120 characters; phone 3..20 of "+0123456789 ."; 1..8 steps.
 *
 * The escalation on an alert:
 *   {"plan_version": N, "status": "running" | "answered" | "exhausted" | "stopped",
 *    "current": i (the active step; -1 when none),
 *    "steps": [plan step + {"state": "waiting" | "active" | "answered" |
 *              "no_answer" | "timed_out" | "stopped", "started_at": RFC 3339 | null,
 *              "due_at": RFC 3339 | null, "ended_at": RFC 3339 | null,
 *              "by": account id | null, "note": text | null}]}
 * Instants are RFC 3339 UTC with seconds (core/clock.h lia_time_format).
 */
#ifndef LIA_DOMAIN_ESCALATION_H
#define LIA_DOMAIN_ESCALATION_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/errors.h"

#define LIA_ESCALATION_MAX_STEPS 8
#define LIA_ESCALATION_MIN_TIMEOUT_S 30
#define LIA_ESCALATION_MAX_TIMEOUT_S 3600
/* The plan of a client who has none: the operators on duty, 2 minutes. */
#define LIA_ESCALATION_DEFAULT_STEPS \
	"[{\"kind\":\"on_duty\",\"label\":\"Opérateur de permanence\",\"timeout_s\":120}]"

/* Checks a plan's steps (a JSON array). Every error is added to p with a field
 * name "steps[i].field" (or "steps" for the array itself: required, too_short,
 * too_long, invalid_type; "steps[i].kind" invalid_value when an emergency step is not
 * the last). Unknown members are unknown_field. True when valid. */
bool lia_escalation_plan_check(const cJSON *steps, struct lia_problem *p);

/* The plan normalised for storage: each step's known members only, in a fixed
 * order, account_id and phone as null when absent. steps must have passed the
 * check. An arena string. */
const char *lia_escalation_plan_text(struct lia_arena *a, const cJSON *steps);

/* Result of a transition. */
struct lia_escalation_step {
	const char *json;     /* the escalation after it (arena) */
	int64_t due_at;       /* the active step's deadline, 0: none */
	const char *event;    /* the alert event to log: "escalated", "escalation_exhausted",
			       * "escalation_answered", "escalation_stopped"; NULL: no change */
};

/* Starts the escalation of plan steps_json (as stored) at now: step 0 active,
 * due at now + its timeout. event "escalated". False when steps_json is unreadable. */
bool lia_escalation_start(struct lia_arena *a, const char *steps_json, int64_t plan_version,
			  int64_t now, struct lia_escalation_step *out);

/* The timer: when the escalation is running and its active step's due_at <= now,
 * that step is "timed_out" (ended_at = its due_at) and the next becomes active
 * (started_at = the old due_at, so that a late timer does not shorten nor stretch
 * the chain; several steps may pass at once after a long stop, each timing out in
 * turn while its due is <= now); after the last: status "exhausted", event
 * "escalation_exhausted", due 0. Otherwise event NULL and json unchanged (due_at
 * the current one). False when esc_json is unreadable. */
bool lia_escalation_tick(struct lia_arena *a, const char *esc_json, int64_t now,
			 struct lia_escalation_step *out);

/* The operator's record of the active step `step` (must be the current one, else
 * false with *wrong_step set): answered → step "answered", status "answered", event
 * "escalation_answered", due 0; not answered → step "no_answer" and the next step
 * active from now (or exhausted), event "escalated" / "escalation_exhausted". by and
 * note (may be NULL) are kept on the step. False also when the escalation is not
 * running. */
bool lia_escalation_record(struct lia_arena *a, const char *esc_json, int step, bool answered,
			   const char *by, const char *note, int64_t now,
			   struct lia_escalation_step *out, bool *wrong_step);

/* The alert was acknowledged, resolved or cancelled by `by`: a running escalation
 * stops (active step "stopped", status "stopped", event "escalation_stopped", due 0).
 * Anything else: event NULL, json unchanged. False when esc_json is unreadable. */
bool lia_escalation_stop(struct lia_arena *a, const char *esc_json, const char *by,
			 int64_t now, struct lia_escalation_step *out);

#endif
