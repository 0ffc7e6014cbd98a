/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Demo data generator: an organisation tree, one account per role, and N synthetic
 * clients written through the storage contract only, in transactions of BATCH
 * clients, each write audited in the same transaction (actor "system").
 *
 * Determinism: the people (demo_client.c) depend on opt->seed only. Ids are ordinary
 * UUIDv7 made at load time and instants (created_at, insi_checked_at) follow the
 * clock: ids then sort in insertion order, which keeps the B-tree inserts cheap, and
 * two loads never share an id.
 */
#include "domain/demo.h"
#include "domain/demo_care.h"
#include "domain/demo_medication.h"
#include "domain/demo_dlu.h"
#include "domain/demo_plan.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/uuid.h"
#include "domain/demo_client.h"

#define BATCH 5000

/* ---- the fixed part: organisations and accounts ---- */

enum { ORG_ROOT, ORG_FED, ORG_ASSOC, ORG_BELLEVILLE, ORG_NATION, ORG_EHPAD, NORGS };

static const struct {
	const char *name;
	const char *kind;
	int parent; /* index, -1 for the root */
} org_defs[NORGS] = {
	[ORG_ROOT] = {"Réseau Liaison (démo)", "national", -1},
	[ORG_FED] = {"Fédération Île-de-France", "federation", ORG_ROOT},
	[ORG_ASSOC] = {"Aide à domicile Paris Est", "association", ORG_FED},
	[ORG_BELLEVILLE] = {"Antenne Belleville", "antenna", ORG_ASSOC},
	[ORG_NATION] = {"Antenne Nation", "antenna", ORG_ASSOC},
	[ORG_EHPAD] = {"EHPAD Les Tilleuls", "establishment", ORG_FED},
};

/* The generator puts the first client in Belleville, so that the person accounts
 * linked to it have a known organisation for the help texts. */
#define FIRST_CLIENT_ORG ORG_BELLEVILLE

static const struct lia_demo_account accounts_public[] = {
	{"admin", "admin", "Réseau Liaison (démo)"},
	{"coordinatrice", "coordinator", "Aide à domicile Paris Est"},
	{"infirmier", "nurse", "Antenne Belleville"},
	{"medecin", "doctor", "Aide à domicile Paris Est"},
	{"aide", "aide", "Antenne Belleville"},
	{"aide-soignante", "aide_soignant", "EHPAD Les Tilleuls"},
	{"operateur", "alarm_operator", "Aide à domicile Paris Est"},
	{"auditeur", "auditor", "Réseau Liaison (démo)"},
	{"usager", "person:self", "Antenne Belleville"},
	{"aidant", "person:caregiver", "Antenne Belleville"},
	{"representant", "person:legal_representative", "Antenne Belleville"},
};
#define NACCOUNTS ((int)(sizeof accounts_public / sizeof accounts_public[0]))

/* What the public table does not say, in the same order. */
static const struct {
	int org;              /* role node and home organisation */
	const char *relation; /* person accounts: link to the first client */
	const char *display_name;
} account_defs[NACCOUNTS] = {
	{ORG_ROOT, NULL, "Claire Dubois"},
	{ORG_ASSOC, NULL, "Nathalie Lefèvre"},
	{ORG_BELLEVILLE, NULL, "Karim Benali"},
	{ORG_ASSOC, NULL, "Dr Anne Rousseau"},
	{ORG_BELLEVILLE, NULL, "Fatou Diallo"},
	{ORG_EHPAD, NULL, "Sandrine Petit"},
	{ORG_ASSOC, NULL, "Thomas Girard"},
	{ORG_ROOT, NULL, "Hélène Marchand"},
	{FIRST_CLIENT_ORG, "self", NULL}, /* the first client's own name */
	{FIRST_CLIENT_ORG, "caregiver", "Isabelle Moreau"},
	{FIRST_CLIENT_ORG, "legal_representative", "Maître Jacques Lambert"},
};

const struct lia_demo_account *
lia_demo_accounts(int *n)
{
	*n = NACCOUNTS;
	return accounts_public;
}

/* ---- generator state ---- */

#define AIDE_CLIENTS 6

struct demo {
	const struct lia_demo_options *opt;
	struct lia_demo_gen *gen;

	char org_id[NORGS][LIA_UUID_STRLEN + 1];
	char org_path[NORGS][(LIA_UUID_STRLEN + 1) * NORGS + 2];
	struct lia_org orgs[NORGS];
	char account_id[NACCOUNTS][LIA_UUID_STRLEN + 1];
	char password_hash[NACCOUNTS][crypto_pwhash_STRBYTES];
	struct lia_account accounts[NACCOUNTS];
	char role_id[NACCOUNTS][LIA_UUID_STRLEN + 1];
	struct lia_role roles[NACCOUNTS];
	int nroles;
	char link_id[NACCOUNTS][LIA_UUID_STRLEN + 1];
	struct lia_person_link links[NACCOUNTS];
	int nlinks;

	/* The batch being written; rebuilt outside the transaction so that a retried
	 * transaction writes exactly the same rows. */
	bool with_setup;
	struct lia_client *clients;
	size_t nclients;
	struct lia_audit_entry *audit;
	size_t naudit;
	struct lia_demo_care care;
	struct lia_demo_plan plan;
	struct lia_demo_people people;
	/* The first clients, whose visits the demo aide gets (demo_plan.h). */
	char first_id[AIDE_CLIENTS][LIA_UUID_STRLEN + 1];
	char first_org[AIDE_CLIENTS][LIA_UUID_STRLEN + 1];
	size_t nfirst;
	const struct lia_client *aide_first;
	char today[11];
};

static void
audit_add(struct demo *d, struct lia_arena *a, int64_t now, const char *action, const char *org_id,
	  const char *client_id, const char *object_id)
{
	struct lia_audit_entry *e = &d->audit[d->naudit++];
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	*e = (struct lia_audit_entry){
		.id = id,
		.org_id = org_id,
		.at = now,
		.actor_id = NULL,
		.actor_role = "system",
		.action = action,
		.client_id = client_id,
		.object_id = object_id,
		.outcome = "ok",
		.detail = "demo",
	};
}

static int
setup_prepare(struct demo *d)
{
	int64_t now = lia_clock_now_us();
	for (int i = 0; i < NORGS; i++) {
		lia_uuid7(d->org_id[i]);
		int p = org_defs[i].parent;
		/* A parent always comes before its children in org_defs. */
		int n = snprintf(d->org_path[i], sizeof d->org_path[i], "%s%s/",
				 p < 0 ? "/" : d->org_path[p], d->org_id[i]);
		if (n < 0 || (size_t)n >= sizeof d->org_path[i])
			return LIA_STORE_ERROR;
		d->orgs[i] = (struct lia_org){
			.id = d->org_id[i],
			.parent_id = p < 0 ? NULL : d->org_id[p],
			.kind = org_defs[i].kind,
			.name = org_defs[i].name,
			.tz = "Europe/Paris",
			.path = d->org_path[i],
			.version = 1,
			.created_at = now,
		};
	}

	const char *pw = d->opt->password;
	for (int i = 0; i < NACCOUNTS; i++) {
		lia_uuid7(d->account_id[i]);
		if (crypto_pwhash_str(d->password_hash[i], pw, strlen(pw), d->opt->pwhash_ops,
				      d->opt->pwhash_mem) != 0) {
			lia_log(LIA_LOG_ERROR, "demo.pwhash_failed", "account=%d", i);
			return LIA_STORE_ERROR;
		}
		int org = account_defs[i].org;
		bool person = account_defs[i].relation != NULL;
		d->accounts[i] = (struct lia_account){
			.id = d->account_id[i],
			.org_id = d->org_id[org],
			.login = accounts_public[i].login,
			.password_hash = d->password_hash[i],
			.kind = person ? "person" : "staff",
			.display_name = account_defs[i].display_name,
			.version = 1,
			.created_at = now,
		};
		if (person)
			continue;
		lia_uuid7(d->role_id[d->nroles]);
		d->roles[d->nroles] = (struct lia_role){
			.id = d->role_id[d->nroles],
			.account_id = d->account_id[i],
			.org_id = d->org_id[org],
			.role = accounts_public[i].role,
			.created_at = now,
		};
		d->nroles++;
	}
	return LIA_STORE_OK;
}

/* Person accounts point at the first client: its id and name are known only once
 * the first batch is built. */
static void
setup_links(struct demo *d, struct lia_arena *a, const struct lia_client *first, int64_t now)
{
	d->nlinks = 0;
	for (int i = 0; i < NACCOUNTS; i++) {
		if (!account_defs[i].relation)
			continue;
		if (!d->accounts[i].display_name)
			d->accounts[i].display_name = lia_arena_printf(
				a, "%s %s",
				first->used_given_name ? first->used_given_name :
							 first->first_given_name,
				first->used_name ? first->used_name : first->birth_name);
		int k = d->nlinks++;
		lia_uuid7(d->link_id[k]);
		d->links[k] = (struct lia_person_link){
			.id = d->link_id[k],
			.org_id = first->org_id,
			.account_id = d->account_id[i],
			.client_id = first->id,
			.relation = account_defs[i].relation,
			.created_at = now,
		};
	}
}

/* ---- writing ---- */

static int
has_orgs(struct lia_conn *c, bool *yes)
{
	struct lia_arena *a = lia_arena_new();
	struct lia_org *items = NULL;
	size_t n = 0;
	int st = c->ops->org_list(c, a, "/", &items, &n);
	*yes = n > 0;
	lia_arena_free(a);
	return st;
}

static int
write_batch(struct lia_conn *c, void *cls)
{
	struct demo *d = cls;
	int st;
	if (d->with_setup) {
		/* Checked again under the write lock: another loader may have won. */
		bool taken;
		if ((st = has_orgs(c, &taken)) != LIA_STORE_OK)
			return st;
		if (taken)
			return LIA_STORE_CONFLICT;
		for (int i = 0; i < NORGS; i++)
			if ((st = c->ops->org_insert(c, &d->orgs[i])) != LIA_STORE_OK)
				return st;
		for (int i = 0; i < NACCOUNTS; i++)
			if ((st = c->ops->account_insert(c, &d->accounts[i])) != LIA_STORE_OK)
				return st;
		for (int i = 0; i < d->nroles; i++)
			if ((st = c->ops->role_insert(c, &d->roles[i])) != LIA_STORE_OK)
				return st;
	}
	for (size_t i = 0; i < d->nclients; i++)
		if ((st = c->ops->client_insert(c, &d->clients[i])) != LIA_STORE_OK)
			return st;
	if (d->with_setup)
		for (int i = 0; i < d->nlinks; i++)
			if ((st = c->ops->person_link_insert(c, &d->links[i])) != LIA_STORE_OK)
				return st;
	for (size_t i = 0; i < d->care.ncircle; i++)
		if ((st = c->ops->circle_insert(c, &d->care.circle[i])) != LIA_STORE_OK)
			return st;
	for (size_t i = 0; i < d->care.nconsents; i++)
		if ((st = c->ops->consent_insert(c, &d->care.consents[i])) != LIA_STORE_OK)
			return st;
	for (size_t i = 0; i < d->care.nentries; i++)
		if ((st = c->ops->entry_insert(c, &d->care.entries[i])) != LIA_STORE_OK)
			return st;
	for (size_t i = 0; i < d->plan.ninterventions; i++)
		if ((st = c->ops->intervention_insert(c, &d->plan.interventions[i])) != LIA_STORE_OK)
			return st;
	for (size_t i = 0; i < d->plan.ngrants; i++)
		if ((st = c->ops->grant_insert(c, &d->plan.grants[i])) != LIA_STORE_OK)
			return st;
	return c->ops->audit_append(c, d->audit, d->naudit);
}

static int
write_aide(struct lia_conn *c, void *cls)
{
	struct demo *d = cls;
	int64_t now = lia_clock_now_us();
	int st = lia_demo_plan_aide(c, d->people.aide, d->org_id[ORG_BELLEVILLE], d->aide_first,
				    d->nfirst, "Europe/Paris", now);
	if (st == LIA_STORE_OK)
		st = lia_demo_medication(c, d->people.doctor, d->people.nurse, d->aide_first,
					 d->nfirst, "Europe/Paris", now);
	return st ? st : lia_demo_dlu(c, d->people.nurse, d->aide_first, d->nfirst, now);
}

/* Builds batch number b (clients [from, from + n)) in arena a, with its audit
 * entries; the first batch also carries the organisations and accounts. */
static void
build_batch(struct demo *d, struct lia_arena *a, long from, long n)
{
	int64_t now = lia_clock_now_us();
	size_t max_audit = (size_t)n * (1 + LIA_DEMO_CARE_PER_CLIENT + LIA_DEMO_PLAN_PER_CLIENT + 1) +
			   (d->with_setup ? NORGS + 3 * NACCOUNTS : 0);
	size_t max_care = (size_t)n * LIA_DEMO_CARE_PER_CLIENT + 1;
	d->care = (struct lia_demo_care){
		.circle = lia_arena_alloc(a, max_care * sizeof *d->care.circle),
		.consents = lia_arena_alloc(a, max_care * sizeof *d->care.consents),
		.entries = lia_arena_alloc(a, max_care * sizeof *d->care.entries),
	};
	d->plan = (struct lia_demo_plan){
		.interventions = lia_arena_alloc(a, ((size_t)n * LIA_DEMO_PLAN_PER_CLIENT + 1) *
							    sizeof *d->plan.interventions),
		.grants = lia_arena_alloc(a, ((size_t)n + 1) * sizeof *d->plan.grants),
	};
	d->clients = lia_arena_alloc(a, (size_t)n * sizeof *d->clients + 1);
	d->audit = lia_arena_alloc(a, max_audit * sizeof *d->audit + 1);
	d->nclients = 0;
	d->naudit = 0;

	if (d->with_setup) {
		for (int i = 0; i < NORGS; i++)
			audit_add(d, a, now, "org.create", d->org_id[i], NULL, d->org_id[i]);
		for (int i = 0; i < NACCOUNTS; i++)
			audit_add(d, a, now, "account.create", d->accounts[i].org_id, NULL,
				  d->account_id[i]);
		for (int i = 0; i < d->nroles; i++)
			audit_add(d, a, now, "role.grant", d->roles[i].org_id, NULL, d->role_id[i]);
	}
	for (long i = 0; i < n; i++) {
		struct lia_client *cl = &d->clients[d->nclients++];
		lia_demo_gen_client(d->gen, a, from + i, now, cl);
		audit_add(d, a, now, "client.create", cl->org_id, cl->id, NULL);
		size_t c0 = d->care.ncircle, k0 = d->care.nconsents, e0 = d->care.nentries;
		lia_demo_care_for(a, &d->people, from + i, cl, now, &d->care);
		for (size_t k = c0; k < d->care.ncircle; k++)
			audit_add(d, a, now, "client.circle.add", cl->org_id, cl->id,
				  d->care.circle[k].id);
		for (size_t k = k0; k < d->care.nconsents; k++)
			audit_add(d, a, now, "consent.grant", cl->org_id, cl->id,
				  d->care.consents[k].id);
		for (size_t k = e0; k < d->care.nentries; k++)
			audit_add(d, a, now, "notebook.write", cl->org_id, cl->id,
				  d->care.entries[k].id);
		size_t i0 = d->plan.ninterventions, g0 = d->plan.ngrants;
		lia_demo_plan_for(a, from + i, cl, !strcmp(cl->org_id, d->people.ehpad_org),
				  d->account_id[1], d->today, now, &d->plan);
		for (size_t k = i0; k < d->plan.ninterventions; k++)
			audit_add(d, a, now, "client.care_plan.intervention.create", cl->org_id, cl->id,
				  d->plan.interventions[k].id);
		for (size_t k = g0; k < d->plan.ngrants; k++)
			audit_add(d, a, now, "client.funding.create", cl->org_id, cl->id,
				  d->plan.grants[k].id);
		if (d->nfirst < AIDE_CLIENTS && strcmp(cl->org_id, d->people.ehpad_org)) {
			snprintf(d->first_id[d->nfirst], sizeof d->first_id[0], "%s", cl->id);
			snprintf(d->first_org[d->nfirst++], sizeof d->first_org[0], "%s", cl->org_id);
		}
	}
	if (d->with_setup) {
		if (d->nclients > 0) {
			setup_links(d, a, &d->clients[0], now);
		} else {
			/* No client to link to: the person accounts exist, unlinked. */
			for (int i = 0; i < NACCOUNTS; i++)
				if (!d->accounts[i].display_name)
					d->accounts[i].display_name = "Usager Démo";
		}
		for (int i = 0; i < d->nlinks; i++)
			audit_add(d, a, now, "person_link.create", d->links[i].org_id,
				  d->links[i].client_id, d->link_id[i]);
	}
}

int
lia_demo_load(struct lia_conn *c, const struct lia_demo_options *opt, struct lia_demo_result *res)
{
	static char root_id[LIA_UUID_STRLEN + 1];
	if (!c || !opt || !res || !opt->password || opt->clients < 0)
		return LIA_STORE_ERROR;
	*res = (struct lia_demo_result){.accounts = accounts_public, .naccounts = NACCOUNTS};

	/* Fail fast, before minutes of password hashing, when the database is in use. */
	bool taken;
	int st = has_orgs(c, &taken);
	if (st != LIA_STORE_OK)
		return st;
	if (taken)
		return LIA_STORE_CONFLICT;

	struct demo *d = lia_xcalloc(1, sizeof *d);
	d->opt = opt;
	if ((st = setup_prepare(d)) != LIA_STORE_OK)
		goto out;
	const char *sites[LIA_DEMO_NSITES] = {
		[LIA_DEMO_BELLEVILLE] = d->org_id[ORG_BELLEVILLE],
		[LIA_DEMO_NATION] = d->org_id[ORG_NATION],
		[LIA_DEMO_EHPAD] = d->org_id[ORG_EHPAD],
	};
	d->gen = lia_demo_gen_new(opt->seed, (size_t)opt->clients, sites);
	d->people = (struct lia_demo_people){
		.nurse = d->account_id[2], .doctor = d->account_id[3], .aide = d->account_id[4],
		.self = d->account_id[8], .caregiver = d->account_id[9],
		.representative = d->account_id[10], .ehpad_org = d->org_id[ORG_EHPAD],
	};

	lia_date_of(lia_clock_now_us(), d->today);
	long done = 0;
	d->with_setup = true;
	do {
		long n = opt->clients - done < BATCH ? opt->clients - done : BATCH;
		struct lia_arena *a = lia_arena_new();
		build_batch(d, a, done, n);
		st = lia_store_write(c, write_batch, d);
		lia_arena_free(a);
		if (st != LIA_STORE_OK) {
			lia_log(LIA_LOG_WARN, "demo.batch_failed", "from=%ld status=%s", done,
				lia_store_status_name(st));
			goto out;
		}
		done += n;
		d->with_setup = false;
		lia_log(LIA_LOG_DEBUG, "demo.batch", "clients=%ld", done);
	} while (done < opt->clients);

	/* The demo aide's week (see demo_plan.h) and her clients' medication
	 * (demo_medication.h). */
	struct lia_client first[AIDE_CLIENTS];
	for (size_t i = 0; i < d->nfirst; i++)
		first[i] = (struct lia_client){.id = d->first_id[i], .org_id = d->first_org[i]};
	d->aide_first = first;
	st = lia_store_write(c, write_aide, d);
	if (st != LIA_STORE_OK)
		goto out;
	memcpy(root_id, d->org_id[ORG_ROOT], sizeof root_id);
	res->root_org_id = root_id;
	res->clients_created = done;
out:
	lia_demo_gen_free(d->gen);
	sodium_memzero(d->password_hash, sizeof d->password_hash);
	free(d);
	return st;
}
