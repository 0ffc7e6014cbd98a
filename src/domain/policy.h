/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The one access decision (DESIGN.md principle 2). Every read or write of client data
 * asks lia_access_decide(); account and organisation management asks
 * lia_access_manage(). Both read a policy table (policy.c), never ifs in handlers.
 *
 * Relations between an actor and a client:
 *   role:<role>     a staff role held on a node whose subtree holds the client;
 *   circle:<role>   a current member of the client's care circle, as a person, or as
 *                   staff of a member organisation;
 *   person:<rel>    a person account linked to the client (self, legal representative,
 *                   caregiver);
 *   visit:assigned  the worker assigned to the visit the request is about.
 * For each relation and data category the table says N (no), Y (yes), D (yes unless
 * the client refused) or C (only if the client granted). A refusal in force wins over
 * any grant. A professional may break the glass: a time-limited read of everything,
 * flagged in the audit. docs/access-matrix.md is generated from the table.
 */
#ifndef LIA_DOMAIN_POLICY_H
#define LIA_DOMAIN_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* The client the question is about, and what relates people to them. The circle,
 * consents and break-the-glass rows may be left empty where the caller only asks
 * about organisation-scoped rights (searches). */
struct lia_subject {
	const char *client_id;          /* NULL for a create */
	const char *org_path;           /* the client's home organisation path */
	const struct lia_circle_member *circle;
	size_t ncircle;
	const struct lia_consent *consents;
	size_t nconsents;
	const struct lia_break_glass *glass; /* the actor's accesses to this client */
	size_t nglass;
	const char *today;              /* "YYYY-MM-DD", for circle periods */
	/* The request is about a visit of this client assigned to the actor (set by the
	 * visit handlers from the visit row, never from the request). */
	bool assigned_visit;
	int64_t now;                    /* for consents and break-the-glass */
};

struct lia_decision {
	bool allow;
	/* On deny: answer 404 rather than 403, because the actor has no relation to the
	 * client at all and must not learn that the record exists. */
	bool hide_existence;
	bool break_glass;     /* allowed only by an emergency access */
	bool care_team;       /* the actor reads as a professional (audience care_team) */
	bool health;          /* ... as a health professional (audience health) */
	bool professional;    /* acknowledges urgent entries (not the client, nor family) */
	const char *reason;   /* static machine code, written to the audit entry */
	const char *as_role;  /* the relation that allowed it (audit actor_role) */
};

void lia_access_decide(const struct lia_actor *actor, const struct lia_subject *subject,
		       enum lia_category category, enum lia_action action,
		       struct lia_decision *out);

/* Medication acts: finer than "write medical", because who may prescribe, prepare a
 * pill organiser or give a dose is the trade's rule, not the category's. Each act is
 * also judged by the cell of its category (see policy.c), consent included. */
enum lia_med_act {
	LIA_MED_PRESCRIBE,   /* write a prescription as its prescriber */
	LIA_MED_TRANSCRIBE,  /* enter a prescription from the photographed original */
	LIA_MED_PREPARE,     /* prepare a week's pill organiser (semainier) */
	LIA_MED_ADMINISTER,  /* give any dose and record any outcome */
	LIA_MED_ASSIST,      /* aide à la prise: a dose of a prepared organiser, given or refused */
	LIA_MED_VIEW_DOSES,  /* the doses due and what became of them, not the prescriptions */
	LIA_MED_COUNT
};

void lia_access_decide_medication(const struct lia_actor *actor,
				  const struct lia_subject *subject, enum lia_med_act act,
				  struct lia_decision *out);

/* True when the actor may decide consents for the client (the client themself, a legal
 * representative, or the care circle's responsable légal). */
bool lia_access_consent_owner(const struct lia_actor *actor, const struct lia_subject *subject,
			      const char **as);

/* True when the actor is a professional who may break the glass. */
bool lia_access_may_break_glass(const struct lia_actor *actor);

enum lia_manage {
	LIA_MANAGE_ORGS,     /* create organisation nodes below a node */
	LIA_MANAGE_ACCOUNTS, /* create accounts, grant and revoke roles on a node */
	LIA_MANAGE_VIEW,     /* see the organisation tree and accounts */
	LIA_MANAGE_PLANNING, /* workers' profiles and absences, rounds, planning settings */
	LIA_MANAGE_ALERTS,   /* see, acknowledge and resolve the alerts of a node */
	LIA_MANAGE_COUNT
};

/* Decides whether actor may manage `what` on the node with path org_path. */
void lia_access_manage(const struct lia_actor *actor, const char *org_path, enum lia_manage what,
		       struct lia_decision *out);

/* Organisation paths where the actor holds the management right `what`, for scoped
 * listings (alerts, rounds): up to max paths into paths. */
size_t lia_access_manage_scope(const struct lia_actor *actor, enum lia_manage what,
			       const char **paths, size_t max);

/* Organisation paths the actor's staff roles cover with a Y or D right to `action` on
 * `category`, for scoped listings: up to max paths into paths. */
size_t lia_access_scope(const struct lia_actor *actor, enum lia_category category,
			enum lia_action action, const char **paths, size_t max);

bool lia_role_valid(const char *role);
bool lia_circle_role_valid(const char *role);
/* The care-circle roles (cercle de soins), NULL-terminated. */
extern const char *const lia_circle_roles[];
/* Category by name ("admin", "daily", "care", "medical"); -1 when unknown. */
int lia_category_parse(const char *name);
const char *lia_category_name(enum lia_category c);

/* Prints the policy table as the Markdown matrix of docs/access-matrix.md. */
void lia_policy_print_markdown(FILE *out);

#endif
