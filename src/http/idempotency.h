/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Idempotency-Key on POST (DESIGN.md: a phone may resend). The first request with a
 * key runs and its answer is stored in the same transaction; a repeat with the same
 * key and the same method, path and body gets the stored answer and records nothing
 * new; the same key with a different request is refused (422 idempotency_key_reused).
 */
#ifndef LIA_HTTP_IDEMPOTENCY_H
#define LIA_HTTP_IDEMPOTENCY_H

#include "http/request.h"

#define LIA_IDEMPOTENCY_KEY_MAX 128

/* True when the Idempotency-Key header is acceptable (1..128 printable ASCII);
 * otherwise sets a 422 reply naming the header. */
bool lia_idempotency_key_ok(struct lia_req *r);

/* Wraps r's write job so that it consults and fills the idempotency table. */
void lia_idempotency_wrap(struct lia_req *r);

#endif
