/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the device handlers share (devices.c: create, list, read, events;
 * device_patch.c: change): the JSON shape of a device, loading one with the access
 * decision on its organisation, and the checks of the fields both a creation and a
 * change accept.
 */
#ifndef LIA_HTTP_HANDLERS_DEVICES_H
#define LIA_HTTP_HANDLERS_DEVICES_H

#include "http/request.h"

/* Supervision interval bounds (seconds): 0 is "not supervised"; otherwise a
 * transmitter's periodic test comes at most every minute, at least once a week. */
#define LIA_DEVICE_SUPERVISION_MIN 60
#define LIA_DEVICE_SUPERVISION_MAX 604800

/* The device as JSON. Never its key: only whether it has one ("encrypted") and the
 * format it was entered in. */
cJSON *lia_device_json(const struct lia_device *d);

/* Loads device r->params[0] into d (and its organisation into org) and decides
 * LIA_MANAGE_ALERTS on that organisation, with an audit entry `action` (client_id of
 * the device). False with the reply set: 404 for a malformed or unknown id or a
 * device out of the caller's reach, 403 for one they see but may not manage. */
bool lia_device_load(struct lia_req *r, const char *action, struct lia_device *d,
		     struct lia_org *org);

/* Parses key text in format (dc09.h: 16, 24 or 32 bytes), seals it under the
 * server's key and returns the sealed bytes as base64 (an arena string). NULL with
 * `invalid_format` on "key" added to p when the text is not a key. */
const char *lia_device_seal_key(struct lia_req *r, const char *text, const char *format,
				struct lia_problem *p);

/* Adds `out_of_range` on "supervision_s" unless s is 0 or within the bounds. */
void lia_device_check_supervision(int64_t s, struct lia_problem *p);

#endif
