/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The one access decision (DESIGN.md principle 2). Every read or write of client data
 * asks lia_access_decide(); account and organisation management asks
 * lia_access_manage(). Both read a policy table (policy.c), never ifs in handlers.
 *
 * Relations: a staff account relates to a client through a role held on an
 * organisation node whose subtree contains the client's home organisation; a person
 * account through a link (self, legal_representative, caregiver). Consent and
 * break-the-glass come with the notebook issue and slot into the same function.
 */
#ifndef LIA_DOMAIN_POLICY_H
#define LIA_DOMAIN_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "store/records.h"

enum lia_category {
	LIA_CAT_ADMIN,      /* identity, contacts, contracts */
	LIA_CAT_DAILY,      /* daily life, planning */
	LIA_CAT_CARE,       /* care given */
	LIA_CAT_MEDICAL,    /* diagnoses, prescriptions, medical notes */
	LIA_CAT_ACCESS_LOG, /* who accessed the record (the audit entries about it) */
	LIA_CAT_COUNT
};

enum lia_action { LIA_ACT_READ, LIA_ACT_CREATE, LIA_ACT_UPDATE, LIA_ACT_COUNT };

/* Who is asking. Borrowed pointers, valid for the request. */
struct lia_actor {
	const char *account_id;
	const char *kind;               /* "staff" or "person" */
	const char *org_id;             /* the account's home organisation */
	const struct lia_role *roles;
	size_t nroles;
	const struct lia_person_link *links;
	size_t nlinks;
};

struct lia_decision {
	bool allow;
	/* On deny: answer 404 rather than 403, because the actor has no relation to the
	 * client at all and must not learn that the record exists. */
	bool hide_existence;
	const char *reason;   /* static machine code, written to the audit entry */
	const char *as_role;  /* the role or relation that allowed it (audit actor_role) */
};

/* Decides whether actor may do `action` on data of `category` of the client whose
 * home organisation has path client_org_path and id client_id (client_id may be NULL
 * for a create, when the record does not exist yet). */
void lia_access_decide(const struct lia_actor *actor, const char *client_id,
		       const char *client_org_path, enum lia_category category,
		       enum lia_action action, struct lia_decision *out);

enum lia_manage {
	LIA_MANAGE_ORGS,     /* create organisation nodes below a node */
	LIA_MANAGE_ACCOUNTS, /* create accounts, grant and revoke roles on a node */
	LIA_MANAGE_VIEW,     /* see the organisation tree and accounts */
	LIA_MANAGE_COUNT
};

/* Decides whether actor may manage `what` on the node with path org_path. */
void lia_access_manage(const struct lia_actor *actor, const char *org_path, enum lia_manage what,
		       struct lia_decision *out);

/* Organisation paths the actor's staff roles cover, for scoped listings: writes up to
 * max paths of roles allowed to `action` on `category` into paths. */
size_t lia_access_scope(const struct lia_actor *actor, enum lia_category category,
			enum lia_action action, const char **paths, size_t max);

/* True when role is one of the staff role names of the schema. */
bool lia_role_valid(const char *role);

/* Prints the policy table as Markdown (docs/api.md, `liaison policy`). */
void lia_policy_print_markdown(void *file);

#endif
