/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * alarm_record on SQLite: the duplicate check (alarm_event_find), the alert
 * (alert_insert; a taken dedup_key leaves it out), then the event pointing at it
 * (alarm_event_insert). In-process, so the calls cost what one statement costs on
 * PostgreSQL, where this operation exists to save round trips.
 */
#include "store/sqlite/sq_internal.h"

int
sq_alarm_record(struct lia_conn *lc, struct lia_arena *a, const struct lia_alert *al,
		struct lia_alarm_event *e, int64_t dup_since, bool *dup, bool *raised)
{
	*dup = *raised = false;
	e->alert_id = NULL;
	int status = sq_require_tx(sq_conn(lc), "alarm_record");
	if (status != LIA_STORE_OK)
		return status;
	struct lia_alarm_event prev;
	status = sq_alarm_event_find(lc, a, e->device_id, e->seq, e->fingerprint, dup_since,
					 &prev);
	if (status == LIA_STORE_OK) {
		*dup = true;
		e->alert_id = prev.alert_id;
		return LIA_STORE_OK;
	}
	if (status != LIA_STORE_NOT_FOUND)
		return status;
	if (al) {
		status = sq_alert_insert(lc, al);
		if (status != LIA_STORE_OK && status != LIA_STORE_CONFLICT)
			return status;
		if (status == LIA_STORE_OK) {
			*raised = true;
			e->alert_id = al->id;
		}
	}
	return sq_alarm_event_insert(lc, e);
}
