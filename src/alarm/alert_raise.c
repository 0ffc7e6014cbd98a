/* SPDX-License-Identifier: EUPL-1.2 */
/* Raising an alert with its escalation (see alert_raise.h). */
#include "alarm/alert_raise.h"

#include "core/uuid.h"
#include "domain/escalation.h"

int
lia_audit_system(struct lia_conn *c, const char *org_id, const char *action,
		 const char *client_id, const char *object_id, const char *detail, int64_t now)
{
	char eid[LIA_UUID_STRLEN + 1];
	lia_uuid7(eid);
	struct lia_audit_entry e = {
		.id = eid, .org_id = org_id, .at = now, .actor_role = "system", .action = action,
		.client_id = client_id, .object_id = object_id, .outcome = "ok", .detail = detail,
	};
	return c->ops->audit_append(c, &e, 1);
}

void
lia_audit_system_entry(struct lia_arena *a, const char *org_id, const char *action,
		       const char *client_id, const char *object_id, const char *detail,
		       int64_t now, struct lia_audit_entry *e)
{
	char *eid = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(eid);
	*e = (struct lia_audit_entry){
		.id = eid, .org_id = org_id, .at = now, .actor_role = "system", .action = action,
		.client_id = client_id, .object_id = object_id, .outcome = "ok", .detail = detail,
	};
}

int
lia_alert_raise(struct lia_conn *c, struct lia_arena *a, struct lia_alert *al, bool escalate,
		int64_t now)
{
	struct lia_escalation_plan plan;
	int st = LIA_STORE_NOT_FOUND;
	if (escalate && al->client_id) {
		st = c->ops->escalation_plan_get(c, a, al->client_id, &plan);
		if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
			return st;
	}
	if (!lia_alert_prepare(a, al, escalate, st == LIA_STORE_OK ? &plan : NULL, now))
		return LIA_STORE_ERROR;
	st = c->ops->alert_insert(c, al);
	if (st != LIA_STORE_OK)
		return st;
	return lia_audit_system(c, al->org_id, "alert.raise", al->client_id, al->id, al->type, now);
}

bool
lia_alert_prepare(struct lia_arena *a, struct lia_alert *al, bool escalate,
		  const struct lia_escalation_plan *plan, int64_t now)
{
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	al->id = id;
	al->state = "raised";
	al->raised_at = now;
	al->version = 1;
	al->escalation = NULL;
	al->escalation_due_at = 0;
	if (!escalate || !al->client_id)
		return true;
	struct lia_escalation_step step;
	if (!lia_escalation_start(a, plan ? plan->steps : LIA_ESCALATION_DEFAULT_STEPS,
				  plan ? plan->version : 0, now, &step))
		return false;
	al->escalation = step.json;
	al->escalation_due_at = step.due_at;
	return true;
}
