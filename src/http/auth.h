/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Who is calling: the session token from `Authorization: Bearer <token>` or from the
 * `liaison_session` cookie. Tokens are 32 random bytes (base64url); only their
 * SHA-256 is stored. Browser (cookie) requests that change state must also send the
 * CSRF token given at sign-in in X-CSRF-Token.
 */
#ifndef LIA_HTTP_AUTH_H
#define LIA_HTTP_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "http/request.h"

#define LIA_TOKEN_BYTES 32
#define LIA_TOKEN_STRLEN 43  /* base64url without padding */
#define LIA_COOKIE_NAME "liaison_session"

/* Authenticates r: fills r->account, r->actor, r->token_hash. On failure sets a 401
 * (or 403 for a missing CSRF token) reply and returns false. */
bool lia_auth_request(struct lia_req *r);

/* Makes a new token and its stored hash (hex SHA-256). */
void lia_auth_new_token(char token[LIA_TOKEN_STRLEN + 1], char hash[65]);
/* Hex SHA-256 of a token. */
void lia_auth_token_hash(const char *token, char hash[65]);
/* The CSRF token that goes with a session token (keyed by the token itself). */
void lia_auth_csrf_token(const char *token, char out[65]);

#endif
