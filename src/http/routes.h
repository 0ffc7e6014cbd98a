/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * THE route table: every endpoint, its handler, who may call it, its body limit and
 * whether it touches client data (audited). docs/api.md is generated from it
 * (`liaison routes`), and a test checks the two agree.
 */
#ifndef LIA_HTTP_ROUTES_H
#define LIA_HTTP_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct lia_req;
typedef void (*lia_handler)(struct lia_req *r);

enum lia_route_auth { LIA_AUTH_PUBLIC, LIA_AUTH_SESSION };

struct lia_route {
	const char *method;
	const char *pattern;       /* "/api/v1/clients/{id}": {x} matches one segment */
	lia_handler handler;
	enum lia_route_auth auth;
	const char *permission;    /* what the access decision is asked, for the docs */
	size_t max_body;           /* bytes; 0 = no body accepted */
	bool audited;              /* every call leaves audit entries */
	const char *const *query;  /* allowed query parameters (NULL-terminated) or NULL */
	const char *summary;
};

/* Finds the route for method and path segments; fills params (up to 4). Returns
 * NULL; *path_known tells 405 (path matches another method) from 404. */
const struct lia_route *lia_route_find(const char *method, const char *const *segments,
				       size_t nsegments, const char **params, bool *path_known);

/* Writes the methods that exist for a path ("GET, PATCH") into out (for Allow). */
void lia_route_allowed(const char *const *segments, size_t nsegments, char *out, size_t size);

/* Prints the route table as the Markdown of docs/api.md's endpoint list. */
void lia_routes_print_markdown(FILE *out);

#endif
