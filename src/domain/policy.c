/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The policy table and the decision functions over it (see policy.h). To give a role
 * a right, add a row; nothing else in the code decides access to client data.
 */
#include "domain/policy.h"

#include <stdio.h>
#include <string.h>

#define R (1u << LIA_ACT_READ)
#define C (1u << LIA_ACT_CREATE)
#define U (1u << LIA_ACT_UPDATE)

/* who: a staff role, or "person:<relation>". rights: per category, a set of actions. */
static const struct {
	const char *who;
	unsigned rights[LIA_CAT_COUNT];
} client_policy[] = {
	/*                         admin      daily  care   medical access_log */
	{"admin",                {R | C | U, 0,     0,     0,      0}},
	{"coordinator",          {R | C | U, R,     R,     0,      R}},
	{"nurse",                {R,         R,     R,     R,      0}},
	{"doctor",               {R,         R,     R,     R,      0}},
	{"aide",                 {R,         R,     R,     0,      0}},
	{"aide_soignant",        {R,         R,     R,     0,      0}},
	{"alarm_operator",       {R,         0,     0,     0,      0}},
	{"auditor",              {0,         0,     0,     0,      R}},
	{"person:self",          {R,         R,     R,     R,      R}},
	{"person:legal_representative", {R,  R,     R,     R,      R}},
	/* A family caregiver reads daily life only once the client consents (notebook
	 * issue); identity and contacts are not theirs to read by default. */
	{"person:caregiver",     {0,         0,     0,     0,      0}},
};

static const struct {
	const char *role;
	unsigned what; /* bit set of enum lia_manage */
} manage_policy[] = {
	{"admin", (1u << LIA_MANAGE_ORGS) | (1u << LIA_MANAGE_ACCOUNTS) | (1u << LIA_MANAGE_VIEW)},
	{"coordinator", 1u << LIA_MANAGE_VIEW},
	{"auditor", 1u << LIA_MANAGE_VIEW},
};

static const char *const staff_roles[] = {"admin", "coordinator", "nurse", "doctor", "aide",
					  "aide_soignant", "alarm_operator", "auditor"};

bool
lia_role_valid(const char *role)
{
	for (size_t i = 0; i < sizeof staff_roles / sizeof staff_roles[0]; i++)
		if (role && strcmp(role, staff_roles[i]) == 0)
			return true;
	return false;
}

static unsigned
client_rights(const char *who, enum lia_category category)
{
	for (size_t i = 0; i < sizeof client_policy / sizeof client_policy[0]; i++)
		if (strcmp(client_policy[i].who, who) == 0)
			return client_policy[i].rights[category];
	return 0;
}

static bool
covers(const char *role_path, const char *org_path)
{
	return role_path && org_path && strncmp(org_path, role_path, strlen(role_path)) == 0;
}

static const char *
person_who(const char *relation)
{
	if (!strcmp(relation, "self"))
		return "person:self";
	if (!strcmp(relation, "legal_representative"))
		return "person:legal_representative";
	if (!strcmp(relation, "caregiver"))
		return "person:caregiver";
	return "";
}

static void
decide(struct lia_decision *out, bool allow, bool hide, const char *reason, const char *as)
{
	out->allow = allow;
	out->hide_existence = hide;
	out->reason = reason;
	out->as_role = as;
}

void
lia_access_decide(const struct lia_actor *actor, const char *client_id,
		  const char *client_org_path, enum lia_category category,
		  enum lia_action action, struct lia_decision *out)
{
	unsigned want = 1u << action;
	bool related = false;

	if (!actor || category >= LIA_CAT_COUNT || action >= LIA_ACT_COUNT) {
		decide(out, false, true, "no_actor", NULL);
		return;
	}
	for (size_t i = 0; i < actor->nroles; i++) {
		const struct lia_role *r = &actor->roles[i];
		if (!covers(r->org_path, client_org_path))
			continue;
		related = true;
		if (client_rights(r->role, category) & want) {
			decide(out, true, false, "role", r->role);
			return;
		}
	}
	for (size_t i = 0; client_id && i < actor->nlinks; i++) {
		const struct lia_person_link *l = &actor->links[i];
		if (strcmp(l->client_id, client_id) != 0)
			continue;
		related = true;
		const char *who = person_who(l->relation);
		if (client_rights(who, category) & want) {
			decide(out, true, false, "relation", who);
			return;
		}
	}
	if (related)
		decide(out, false, false, "not_permitted", NULL);
	else
		decide(out, false, true, "no_relation", NULL);
}

void
lia_access_manage(const struct lia_actor *actor, const char *org_path, enum lia_manage what,
		  struct lia_decision *out)
{
	bool related = false;
	for (size_t i = 0; actor && i < actor->nroles; i++) {
		const struct lia_role *r = &actor->roles[i];
		if (!covers(r->org_path, org_path))
			continue;
		related = true;
		for (size_t j = 0; j < sizeof manage_policy / sizeof manage_policy[0]; j++)
			if (!strcmp(manage_policy[j].role, r->role) &&
			    (manage_policy[j].what & (1u << what))) {
				decide(out, true, false, "role", r->role);
				return;
			}
	}
	if (related)
		decide(out, false, false, "not_permitted", NULL);
	else
		decide(out, false, true, "out_of_scope", NULL);
}

size_t
lia_access_scope(const struct lia_actor *actor, enum lia_category category,
		 enum lia_action action, const char **paths, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; actor && i < actor->nroles && n < max; i++)
		if (client_rights(actor->roles[i].role, category) & (1u << action))
			paths[n++] = actor->roles[i].org_path;
	return n;
}

void
lia_policy_print_markdown(void *file)
{
	FILE *f = file;
	fprintf(f, "| who | admin | daily | care | medical | access_log |\n");
	fprintf(f, "|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < sizeof client_policy / sizeof client_policy[0]; i++) {
		fprintf(f, "| %s |", client_policy[i].who);
		for (int c = 0; c < LIA_CAT_COUNT; c++) {
			unsigned r = client_policy[i].rights[c];
			fprintf(f, " %s%s%s%s |", r & R ? "read " : "", r & C ? "create " : "",
				r & U ? "update" : "", r ? "" : "—");
		}
		fprintf(f, "\n");
	}
}
