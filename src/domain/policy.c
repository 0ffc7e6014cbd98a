/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The policy table and the decision functions over it (see policy.h). To change who
 * may see what, change a row; nothing else in the code decides access to client data.
 */
#include "domain/policy.h"

#include <string.h>

enum cell { N, Y, D, C };

/* Rights per data category (admin, daily, care, medical, access_log). "write" covers
 * create and update; access_log is read-only. */
struct row {
	const char *who;
	unsigned char read[LIA_CAT_COUNT];
	unsigned char write[LIA_CAT_COUNT];
	bool care_team;  /* reads entries addressed to the care team */
	bool health;     /* reads entries addressed to health professionals */
	bool professional; /* must acknowledge urgent entries */
	unsigned med;      /* medication acts (bit set of enum lia_med_act) */
};

/* Medication acts, each also subject to the category cell it belongs to. */
#define RX (1u << LIA_MED_PRESCRIBE)
#define TX (1u << LIA_MED_TRANSCRIBE)
#define PREP (1u << LIA_MED_PREPARE)
#define ADM (1u << LIA_MED_ADMINISTER)
#define AST (1u << LIA_MED_ASSIST)
#define DOSES (1u << LIA_MED_VIEW_DOSES)

static const struct row policy[] = {
	/* Organisation-scoped staff: identity and contacts of the clients of their
	 * organisation; the record's content only through the care circle. */
	{"role:admin",          {Y, N, N, N, N}, {Y, N, N, N, N}, true, false, true, 0},
	{"role:coordinator",    {Y, D, D, N, Y}, {Y, D, D, N, N}, true, false, true, DOSES},
	{"role:nurse",          {Y, N, N, N, N}, {N, N, N, N, N}, true, true, true, 0},
	{"role:doctor",         {Y, N, N, N, N}, {N, N, N, N, N}, true, true, true, 0},
	{"role:aide",           {Y, N, N, N, N}, {N, N, N, N, N}, true, false, true, 0},
	{"role:aide_soignant",  {Y, N, N, N, N}, {N, N, N, N, N}, true, true, true, 0},
	{"role:alarm_operator", {Y, N, N, N, N}, {N, N, N, N, N}, true, false, true, 0},
	{"role:auditor",        {N, N, N, N, Y}, {N, N, N, N, N}, false, false, false, 0},
	/* Care circle (cercle de soins): health professionals read and write care and
	 * medical notes, aides care and daily life; the client may refuse (D). */
	{"circle:medecin_traitant",   {Y, D, D, D, N}, {N, D, D, D, N}, true, true, true,
	 RX | ADM | DOSES},
	{"circle:infirmier",          {Y, D, D, D, N}, {N, D, D, D, N}, true, true, true,
	 TX | PREP | ADM | DOSES},
	{"circle:aide_soignant",      {Y, D, D, D, N}, {N, D, D, D, N}, true, true, true, AST | DOSES},
	{"circle:aide_domicile",      {Y, D, D, N, N}, {N, D, D, N, N}, true, false, true, AST | DOSES},
	/* The worker assigned to the visit being read or clocked: the address, the
	 * access notes and the visit itself (planning is daily life), whatever the
	 * circle says: the visit cannot happen otherwise. */
	{"visit:assigned",            {Y, Y, N, N, N}, {N, Y, N, N, N}, true, false, true, 0},
	/* Family and trusted persons: nothing until the client grants it (C). */
	{"circle:aidant",             {C, C, C, C, N}, {N, C, N, N, N}, false, false, false, DOSES},
	{"circle:personne_confiance", {C, C, C, C, N}, {N, C, N, N, N}, false, false, false, DOSES},
	{"person:caregiver",          {C, C, C, C, N}, {N, C, N, N, N}, false, false, false, DOSES},
	/* The client and whoever legally acts for them see all of the record. */
	{"circle:responsable_legal",    {Y, Y, Y, Y, Y}, {N, Y, N, N, N}, true, true, false, DOSES},
	{"person:legal_representative", {Y, Y, Y, Y, Y}, {N, Y, N, N, N}, true, true, false, DOSES},
	{"person:self",                 {Y, Y, Y, Y, Y}, {N, Y, N, N, N}, true, true, false, DOSES},
};
#define NPOLICY (sizeof policy / sizeof policy[0])

static const struct {
	const char *role;
	unsigned what; /* bit set of enum lia_manage */
} manage_policy[] = {
	{"admin", (1u << LIA_MANAGE_ORGS) | (1u << LIA_MANAGE_ACCOUNTS) | (1u << LIA_MANAGE_VIEW) |
			  (1u << LIA_MANAGE_PLANNING)},
	{"coordinator", (1u << LIA_MANAGE_VIEW) | (1u << LIA_MANAGE_PLANNING) |
				(1u << LIA_MANAGE_ALERTS)},
	{"alarm_operator", 1u << LIA_MANAGE_ALERTS},
	/* The missed-dose and refusal alerts are the nurse's to follow up. */
	{"nurse", 1u << LIA_MANAGE_ALERTS},
	{"auditor", 1u << LIA_MANAGE_VIEW},
};

static const char *const staff_roles[] = {"admin", "coordinator", "nurse", "doctor", "aide",
					  "aide_soignant", "alarm_operator", "auditor", NULL};
const char *const lia_circle_roles[] = {"medecin_traitant", "infirmier", "aide_domicile",
				       "aide_soignant", "aidant", "personne_confiance",
				       "responsable_legal", NULL};
static const char *const categories[] = {"admin", "daily", "care", "medical", "access_log"};

static bool
in(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

bool
lia_role_valid(const char *role)
{
	return in(staff_roles, role);
}

bool
lia_circle_role_valid(const char *role)
{
	return in(lia_circle_roles, role);
}

int
lia_category_parse(const char *name)
{
	for (int i = 0; i < LIA_CAT_ACCESS_LOG; i++)
		if (name && !strcmp(categories[i], name))
			return i;
	return -1;
}

const char *
lia_category_name(enum lia_category c)
{
	return c < LIA_CAT_COUNT ? categories[c] : "";
}

static const struct row *
row_of(const char *prefix, const char *name)
{
	size_t pl = strlen(prefix);
	for (size_t i = 0; i < NPOLICY; i++)
		if (!strncmp(policy[i].who, prefix, pl) && !strcmp(policy[i].who + pl, name))
			return &policy[i];
	return NULL;
}

static bool
covers(const char *node_path, const char *path)
{
	return node_path && path && strncmp(path, node_path, strlen(node_path)) == 0;
}

static bool
current(const struct lia_circle_member *m, const char *today)
{
	return strcmp(m->starts_on, today) <= 0 && (!m->ends_on || strcmp(m->ends_on, today) >= 0);
}

/* Does consent k speak for this actor? A consent to an organisation covers its staff. */
static bool
grantee_is(const struct lia_consent *k, const struct lia_actor *a)
{
	if (k->grantee_account)
		return !strcmp(k->grantee_account, a->account_id);
	for (size_t i = 0; i < a->nroles; i++)
		if (covers(k->grantee_org_path, a->roles[i].org_path))
			return true;
	return false;
}

enum consent_state { NO_DECISION, GRANTED, REFUSED };

static enum consent_state
consent_for(const struct lia_actor *a, const struct lia_subject *s, enum lia_category cat)
{
	enum consent_state st = NO_DECISION;
	for (size_t i = 0; i < s->nconsents; i++) {
		const struct lia_consent *k = &s->consents[i];
		if (k->revoked_at || k->starts_at > s->now || (k->ends_at && s->now >= k->ends_at) ||
		    strcmp(k->category, categories[cat]) != 0 || !grantee_is(k, a))
			continue;
		if (!strcmp(k->decision, "refuse"))
			return REFUSED; /* a refusal in force wins */
		st = GRANTED;
	}
	return st;
}

struct judge {
	const struct lia_actor *actor;
	const struct lia_subject *subject;
	enum lia_category cat;
	enum lia_action act;
	unsigned med; /* a medication act's bit: the row must hold it too; 0: none asked */
	struct lia_decision *out;
	bool related;
	const char *why_not; /* the most telling reason for a refusal */
};

/* Weighs one relation; true when it allows (out is then filled). */
static bool
weigh(struct judge *j, const struct row *r)
{
	if (!r)
		return false;
	j->related = true;
	unsigned char cell = j->act == LIA_ACT_READ ? r->read[j->cat] : r->write[j->cat];
	if (j->med && !(r->med & j->med))
		cell = N;
	bool allow = false;
	if (cell == Y) {
		allow = true;
	} else if (cell == D || cell == C) {
		enum consent_state st = j->cat < LIA_CAT_ACCESS_LOG
						? consent_for(j->actor, j->subject, j->cat)
						: NO_DECISION;
		allow = st == GRANTED || (cell == D && st == NO_DECISION);
		if (!allow)
			j->why_not = st == REFUSED ? "consent_refused" : "consent_required";
	}
	if (!allow)
		return false;
	j->out->allow = true;
	j->out->hide_existence = false;
	j->out->reason = cell == Y ? "policy" : cell == D ? "policy_default" : "consent";
	j->out->as_role = r->who;
	j->out->care_team = r->care_team;
	j->out->health = r->health;
	j->out->professional = r->professional;
	return true;
}

static bool
glass_active(const struct lia_subject *s)
{
	for (size_t i = 0; i < s->nglass; i++)
		if (s->glass[i].started_at <= s->now && s->now < s->glass[i].expires_at)
			return true;
	return false;
}

static void
decide_for(const struct lia_actor *actor, const struct lia_subject *s, enum lia_category category,
	   enum lia_action action, unsigned med, struct lia_decision *out)
{
	memset(out, 0, sizeof *out);
	out->hide_existence = true;
	out->reason = "no_relation";
	if (!actor || !s || category >= LIA_CAT_COUNT || action >= LIA_ACT_COUNT)
		return;
	struct judge j = {actor, s, category, action, med, out, false, "not_permitted"};
	const char *today = s->today ? s->today : "";

	for (size_t i = 0; i < actor->nroles; i++)
		if (covers(actor->roles[i].org_path, s->org_path) &&
		    weigh(&j, row_of("role:", actor->roles[i].role)))
			return;
	/* A personal place in the circle first (the nurse as infirmier), then the one
	 * held through an organisation (her antenna as aide_domicile): the relation that
	 * allows is recorded as the role the actor acted, or wrote, in. */
	for (int personal = 1; personal >= 0; personal--)
		for (size_t i = 0; i < s->ncircle; i++) {
			const struct lia_circle_member *m = &s->circle[i];
			if (!current(m, today) || (m->account_id != NULL) != personal)
				continue;
			bool member = m->account_id && !strcmp(m->account_id, actor->account_id);
			for (size_t k = 0; !member && m->member_org_path && k < actor->nroles; k++)
				member = covers(m->member_org_path, actor->roles[k].org_path);
			if (member && weigh(&j, row_of("circle:", m->circle_role)))
				return;
		}
	if (s->assigned_visit && weigh(&j, row_of("visit:", "assigned")))
		return;
	for (size_t i = 0; s->client_id && i < actor->nlinks; i++)
		if (!strcmp(actor->links[i].client_id, s->client_id) &&
		    weigh(&j, row_of("person:", actor->links[i].relation)))
			return;

	/* Break-the-glass: a time-limited emergency read of the whole record. */
	if (action == LIA_ACT_READ && category != LIA_CAT_ACCESS_LOG && glass_active(s)) {
		out->allow = true;
		out->hide_existence = false;
		out->break_glass = true;
		out->care_team = out->health = out->professional = true;
		out->reason = "break_glass";
		out->as_role = "break_glass";
		return;
	}
	out->hide_existence = !j.related;
	out->reason = j.related ? j.why_not : "no_relation";
}

void
lia_access_decide(const struct lia_actor *actor, const struct lia_subject *s,
		  enum lia_category category, enum lia_action action, struct lia_decision *out)
{
	decide_for(actor, s, category, action, 0, out);
}

/* The category cell each medication act is also judged by: the acts on the
 * prescription and the doses of a nurse or doctor are medical; helping a client take
 * a prepared dose, and seeing which doses are due, are care given. */
static const struct {
	enum lia_category cat;
	enum lia_action act;
	const char *name;
} med_acts[LIA_MED_COUNT] = {
	[LIA_MED_PRESCRIBE] = {LIA_CAT_MEDICAL, LIA_ACT_CREATE, "prescribe"},
	[LIA_MED_TRANSCRIBE] = {LIA_CAT_MEDICAL, LIA_ACT_CREATE, "transcribe"},
	[LIA_MED_PREPARE] = {LIA_CAT_MEDICAL, LIA_ACT_CREATE, "prepare organiser"},
	[LIA_MED_ADMINISTER] = {LIA_CAT_MEDICAL, LIA_ACT_CREATE, "administer"},
	[LIA_MED_ASSIST] = {LIA_CAT_CARE, LIA_ACT_CREATE, "assist (aide à la prise)"},
	[LIA_MED_VIEW_DOSES] = {LIA_CAT_CARE, LIA_ACT_READ, "see the doses due"},
};

void
lia_access_decide_medication(const struct lia_actor *actor, const struct lia_subject *s,
			     enum lia_med_act act, struct lia_decision *out)
{
	if (act >= LIA_MED_COUNT) {
		decide_for(NULL, s, LIA_CAT_MEDICAL, LIA_ACT_READ, 0, out);
		return;
	}
	decide_for(actor, s, med_acts[act].cat, med_acts[act].act, 1u << act, out);
}

bool
lia_access_consent_owner(const struct lia_actor *actor, const struct lia_subject *s,
			 const char **as)
{
	for (size_t i = 0; s->client_id && i < actor->nlinks; i++) {
		const struct lia_person_link *l = &actor->links[i];
		if (strcmp(l->client_id, s->client_id) != 0)
			continue;
		if (!strcmp(l->relation, "self") || !strcmp(l->relation, "legal_representative")) {
			*as = l->relation;
			return true;
		}
	}
	for (size_t i = 0; i < s->ncircle; i++) {
		const struct lia_circle_member *m = &s->circle[i];
		if (m->account_id && !strcmp(m->account_id, actor->account_id) &&
		    !strcmp(m->circle_role, "responsable_legal") && current(m, s->today ? s->today : "")) {
			*as = "legal_representative";
			return true;
		}
	}
	return false;
}

bool
lia_access_may_break_glass(const struct lia_actor *actor)
{
	static const char *const professionals[] = {"coordinator", "nurse", "doctor", "aide",
						    "aide_soignant", "alarm_operator", NULL};
	for (size_t i = 0; actor && i < actor->nroles; i++)
		if (in(professionals, actor->roles[i].role))
			return true;
	return false;
}

static void
decide(struct lia_decision *out, bool allow, bool hide, const char *reason, const char *as)
{
	memset(out, 0, sizeof *out);
	out->allow = allow;
	out->hide_existence = hide;
	out->reason = reason;
	out->as_role = as;
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
lia_access_manage_scope(const struct lia_actor *actor, enum lia_manage what, const char **paths,
			size_t max)
{
	size_t n = 0;
	for (size_t i = 0; actor && i < actor->nroles && n < max; i++)
		for (size_t j = 0; j < sizeof manage_policy / sizeof manage_policy[0]; j++)
			if (!strcmp(manage_policy[j].role, actor->roles[i].role) &&
			    (manage_policy[j].what & (1u << what))) {
				paths[n++] = actor->roles[i].org_path;
				break;
			}
	return n;
}

size_t
lia_access_scope(const struct lia_actor *actor, enum lia_category category,
		 enum lia_action action, const char **paths, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; actor && i < actor->nroles && n < max; i++) {
		const struct row *r = row_of("role:", actor->roles[i].role);
		unsigned char cell = !r ? N : action == LIA_ACT_READ ? r->read[category]
								    : r->write[category];
		if (cell == Y || cell == D)
			paths[n++] = actor->roles[i].org_path;
	}
	return n;
}

void
lia_policy_print_markdown(FILE *f)
{
	static const char *const cells[] = {"—", "yes", "yes unless refused", "if granted"};
	fprintf(f, "Reading (R) and writing (W) per relation and data category. \"yes unless "
		   "refused\": allowed until the client refuses it; \"if granted\": only while a "
		   "grant of the client is in force. A refusal in force wins over any grant. "
		   "Break-the-glass adds a time-limited read of admin, daily, care and medical "
		   "for professionals, flagged in the access log.\n\n");
	fprintf(f, "| relation | admin R | admin W | daily R | daily W | care R | care W | "
		   "medical R | medical W | access log R | audience |\n");
	fprintf(f, "|---|---|---|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < NPOLICY; i++) {
		const struct row *r = &policy[i];
		fprintf(f, "| `%s` |", r->who);
		for (int c = 0; c < LIA_CAT_ACCESS_LOG; c++)
			fprintf(f, " %s | %s |", cells[r->read[c]], cells[r->write[c]]);
		fprintf(f, " %s | %s |\n", cells[r->read[LIA_CAT_ACCESS_LOG]],
			r->health ? "all, care team, health" : r->care_team ? "all, care team" : "all");
	}
	fprintf(f, "\nMedication acts per relation. Each act is also judged by its category's "
		   "cell above (care for assisting and seeing the doses due, medical for the "
		   "others), consent included. Reading prescriptions, the administration record "
		   "and the pill organisers is reading medical data.\n\n| relation |");
	for (int m = 0; m < LIA_MED_COUNT; m++)
		fprintf(f, " %s |", med_acts[m].name);
	fprintf(f, "\n|---|");
	for (int m = 0; m < LIA_MED_COUNT; m++)
		fprintf(f, "---|");
	fprintf(f, "\n");
	for (size_t i = 0; i < NPOLICY; i++) {
		if (!policy[i].med)
			continue;
		fprintf(f, "| `%s` |", policy[i].who);
		for (int m = 0; m < LIA_MED_COUNT; m++)
			fprintf(f, " %s |", policy[i].med & (1u << m) ? "yes" : "—");
		fprintf(f, "\n");
	}
}
