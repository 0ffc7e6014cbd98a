/* SPDX-License-Identifier: EUPL-1.2 */
/* Shared by the alert handlers (alerts.c, alert_actions.c, alert_stream.c). */
#ifndef LIA_HTTP_HANDLERS_ALERTS_H
#define LIA_HTTP_HANDLERS_ALERTS_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

#define LIA_ALERT_MAX_SCOPES 16

/* Loads alert r->params[0] and decides LIA_MANAGE_ALERTS on its organisation, with an
 * audit entry `action`. False with the reply set (404 when absent or out of scope). */
bool lia_alert_load(struct lia_req *r, const char *action, struct lia_alert *al);
/* The optional If-Match: 0 when absent; false with the reply set when unreadable. */
bool lia_alert_if_match(struct lia_req *r, int64_t *expected);

#endif
