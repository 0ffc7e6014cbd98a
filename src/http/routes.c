/* SPDX-License-Identifier: EUPL-1.2 */
/* The route table (see routes.h). Body limits are per route: a login is tiny, a
 * client record a few KB; nothing accepts more than it can use. */
#include "http/routes.h"

#include <string.h>

#include "http/handlers/handlers.h"

#define KB 1024

static const char *const q_none[] = {NULL};
static const char *const q_clients[] = {"name", "birth_date", "ins", "limit", "cursor", NULL};
static const char *const q_page[] = {"limit", "cursor", NULL};
static const char *const q_category[] = {"category", NULL};
static const char *const q_notebook[] = {"category", "urgent", "author_role", "since", "limit",
					 "cursor", NULL};

static const struct lia_route routes[] = {
	{"GET", "/healthz", lia_h_healthz, LIA_AUTH_PUBLIC, "public", 0, false, q_none,
	 "Liveness: the process answers."},
	{"GET", "/readyz", lia_h_readyz, LIA_AUTH_PUBLIC, "public", 0, false, q_none,
	 "Readiness: the database answers."},

	{"POST", "/api/v1/sessions", lia_h_session_create, LIA_AUTH_PUBLIC, "public", 4 * KB, true,
	 q_none, "Sign in with login and password; returns a bearer token and sets a cookie."},
	{"DELETE", "/api/v1/sessions/current", lia_h_session_delete, LIA_AUTH_SESSION, "session", 0,
	 true, q_none, "Sign out: the token stops working at once."},
	{"GET", "/api/v1/me", lia_h_me, LIA_AUTH_SESSION, "session", 0, false, q_none,
	 "The signed-in account, its roles and its links to clients."},

	{"GET", "/api/v1/orgs", lia_h_org_list, LIA_AUTH_SESSION, "manage:view", 0, false, q_none,
	 "Organisation nodes the caller's roles cover."},
	{"POST", "/api/v1/orgs", lia_h_org_create, LIA_AUTH_SESSION, "manage:orgs", 4 * KB, true,
	 q_none, "Create an organisation node below a parent."},

	{"POST", "/api/v1/accounts", lia_h_account_create, LIA_AUTH_SESSION, "manage:accounts",
	 16 * KB, true, q_none, "Create a staff or person account with roles or client links."},
	{"GET", "/api/v1/accounts/{id}", lia_h_account_get, LIA_AUTH_SESSION, "manage:view", 0, false,
	 q_none, "An account with its roles."},
	{"POST", "/api/v1/accounts/{id}/roles", lia_h_role_grant, LIA_AUTH_SESSION,
	 "manage:accounts", 4 * KB, true, q_none, "Grant a role on an organisation node."},
	{"DELETE", "/api/v1/accounts/{id}/roles/{role_id}", lia_h_role_revoke, LIA_AUTH_SESSION,
	 "manage:accounts", 0, true, q_none, "Revoke a role."},

	{"POST", "/api/v1/clients", lia_h_client_create, LIA_AUTH_SESSION, "client:admin:create",
	 16 * KB, true, q_none, "Create a client record (identity with INS, contacts)."},
	{"GET", "/api/v1/clients", lia_h_client_search, LIA_AUTH_SESSION, "client:admin:read", 0,
	 true, q_clients, "Search clients by name prefix, birth date or INS; cursor pagination."},
	{"GET", "/api/v1/clients/{id}", lia_h_client_get, LIA_AUTH_SESSION, "client:admin:read", 0,
	 true, q_none, "One client record, with its ETag."},
	{"PATCH", "/api/v1/clients/{id}", lia_h_client_update, LIA_AUTH_SESSION,
	 "client:admin:update", 16 * KB, true, q_none,
	 "Change fields of a client record (If-Match required)."},
	{"GET", "/api/v1/clients/{id}/access-log", lia_h_client_access_log, LIA_AUTH_SESSION,
	 "client:access_log:read", 0, true, q_page, "Who read or changed this client's record."},

	{"GET", "/api/v1/clients/{id}/circle", lia_h_circle_list, LIA_AUTH_SESSION,
	 "client:admin:read", 0, true, q_none, "The care circle, past and present members."},
	{"POST", "/api/v1/clients/{id}/circle", lia_h_circle_add, LIA_AUTH_SESSION,
	 "client:admin:update", 4 * KB, true, q_none,
	 "Add a person or an organisation to the care circle for a period."},
	{"POST", "/api/v1/clients/{id}/circle/{member_id}/end", lia_h_circle_end, LIA_AUTH_SESSION,
	 "client:admin:update", 1 * KB, true, q_none, "End a membership (If-Match required)."},

	{"GET", "/api/v1/clients/{id}/consents", lia_h_consent_list, LIA_AUTH_SESSION,
	 "consent owner, or client:access_log:read", 0, true, q_none,
	 "The client's consent decisions, in force or not."},
	{"POST", "/api/v1/clients/{id}/consents", lia_h_consent_add, LIA_AUTH_SESSION,
	 "consent owner (client or legal representative)", 4 * KB, true, q_none,
	 "Grant or refuse a person or organisation a category, optionally for a period."},
	{"DELETE", "/api/v1/clients/{id}/consents/{consent_id}", lia_h_consent_revoke,
	 LIA_AUTH_SESSION, "consent owner (client or legal representative)", 0, true, q_none,
	 "Revoke a decision; effective on the next request."},

	{"POST", "/api/v1/clients/{id}/break-glass", lia_h_break_glass_open, LIA_AUTH_SESSION,
	 "professional staff", 4 * KB, true, q_none,
	 "Emergency access with a reason: a time-limited, flagged read of the record."},
	{"GET", "/api/v1/clients/{id}/break-glass", lia_h_break_glass_list, LIA_AUTH_SESSION,
	 "client:access_log:read", 0, true, q_none, "Emergency accesses to this record."},

	{"GET", "/api/v1/clients/{id}/notebook", lia_h_entry_list, LIA_AUTH_SESSION,
	 "client:<category>:read, entry audience", 0, true, q_notebook,
	 "The notebook, newest first, with unread markers and urgent entries to acknowledge."},
	{"POST", "/api/v1/clients/{id}/notebook", lia_h_entry_create, LIA_AUTH_SESSION,
	 "client:<category>:create", 64 * KB, true, q_none,
	 "Write an entry: a note, a targeted transmission (DAR), results, a reply or a correction."},
	{"GET", "/api/v1/clients/{id}/notebook/{entry_id}", lia_h_entry_get, LIA_AUTH_SESSION,
	 "client:<category>:read, entry audience", 0, true, q_none, "One entry."},
	{"POST", "/api/v1/clients/{id}/notebook/{entry_id}/ack", lia_h_entry_ack, LIA_AUTH_SESSION,
	 "professional reader of the entry", 0, true, q_none, "Acknowledge an urgent entry."},

	{"POST", "/api/v1/clients/{id}/attachments", lia_h_attachment_upload, LIA_AUTH_SESSION,
	 "client:<category>:create", 10 * 1024 * KB, true, q_category,
	 "Upload a JPEG, PNG or PDF (raw body); stored sealed, with its SHA-256."},
	{"GET", "/api/v1/clients/{id}/attachments/{attachment_id}", lia_h_attachment_get,
	 LIA_AUTH_SESSION, "client:<category>:read", 0, true, q_none, "Download an attachment."},
};

#define NROUTES (sizeof routes / sizeof routes[0])

static bool
match(const char *pattern, const char *const *segs, size_t nsegs, const char **params)
{
	size_t i = 0, np = 0;
	const char *p = pattern;
	while (*p) {
		if (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (i >= nsegs)
			return false;
		if (p[0] == '{') {
			if (np < 4)
				params[np++] = segs[i];
		} else if (strlen(segs[i]) != len || strncmp(segs[i], p, len) != 0) {
			return false;
		}
		i++;
		p += len;
	}
	return i == nsegs;
}

const struct lia_route *
lia_route_find(const char *method, const char *const *segments, size_t nsegments,
	       const char **params, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < NROUTES; i++) {
		const char *tmp[4];
		if (!match(routes[i].pattern, segments, nsegments, tmp))
			continue;
		*path_known = true;
		if (strcmp(routes[i].method, method) == 0) {
			memcpy(params, tmp, sizeof tmp);
			return &routes[i];
		}
	}
	return NULL;
}

void
lia_route_allowed(const char *const *segments, size_t nsegments, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < NROUTES; i++) {
		const char *tmp[4];
		if (!match(routes[i].pattern, segments, nsegments, tmp))
			continue;
		int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", routes[i].method);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

void
lia_routes_print_markdown(FILE *out)
{
	fprintf(out, "| method | path | who may call | max body | audited | what it does |\n");
	fprintf(out, "|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < NROUTES; i++) {
		const struct lia_route *r = &routes[i];
		char body[32];
		if (r->max_body)
			snprintf(body, sizeof body, "%zu KiB", r->max_body / KB);
		else
			snprintf(body, sizeof body, "none");
		fprintf(out, "| %s | `%s` | %s | %s | %s | %s |\n", r->method, r->pattern,
			r->permission, body, r->audited ? "yes" : "no", r->summary);
	}
}
