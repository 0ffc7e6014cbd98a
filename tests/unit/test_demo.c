/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Tests of the demo generator (src/domain/demo.c) on fresh SQLite files in a
 * temporary directory: the people are the same for the same seed, every INS is
 * well-formed with the demo OID, no two clients share an identity, a second load is
 * refused, every write is in the audit chain, and the demo accounts hold their roles.
 */
#include "lia_test.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/uuid.h"
#include "domain/demo.h"
#include "domain/identity.h"
#include "domain/ins.h"

#define NCLIENTS 300

struct fixture {
	char dir[64];
	char path_a[128];
	char path_b[128];
	struct lia_conn *a; /* loaded with seed 42 */
	struct lia_demo_result res;
	char root_path[LIA_UUID_STRLEN + 3];
	struct lia_arena *arena;
	struct lia_client *clients; /* every client of a, from client_search */
	size_t nclients;
};

static struct lia_conn *
open_db(const char *path)
{
	struct lia_conn *c = NULL;
	assert_int_equal(lia_store_connect(path, &c), LIA_STORE_OK);
	int applied = 0;
	assert_int_equal(c->ops->migrate(c, &applied), LIA_STORE_OK);
	return c;
}

static int
load(struct lia_conn *c, uint64_t seed, long n, struct lia_demo_result *res)
{
	struct lia_demo_options opt = {
		.seed = seed,
		.clients = n,
		.password = "demo-password",
		.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN,
		.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN,
	};
	return lia_demo_load(c, &opt, res);
}

/* Every client under root_path, through the contract's paginated search. */
static void
all_clients(struct lia_conn *c, struct lia_arena *a, const char *root_path, struct lia_client **out,
	    size_t *nout)
{
	const char *scope[1] = {root_path};
	int64_t count = 0;
	assert_int_equal(c->ops->client_count(c, &count), LIA_STORE_OK);
	size_t cap = (size_t)count + 1, n = 0;
	struct lia_client *all = lia_arena_alloc(a, cap * sizeof *all);
	const char *after_key = NULL, *after_id = NULL;
	for (;;) {
		struct lia_client_query q = {.scope_paths = scope,
					     .nscope = 1,
					     .limit = 200,
					     .after_name_key = after_key,
					     .after_id = after_id};
		struct lia_client *items;
		size_t k;
		assert_int_equal(c->ops->client_search(c, a, &q, &items, &k), LIA_STORE_OK);
		if (k == 0)
			break;
		assert_true(n + k <= cap);
		memcpy(all + n, items, k * sizeof *items);
		n += k;
		after_key = items[k - 1].name_key;
		after_id = items[k - 1].id;
	}
	*out = all;
	*nout = n;
}

static int
setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/lia-test-demo-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path_a, sizeof f->path_a, "%s/a.db", f->dir);
	snprintf(f->path_b, sizeof f->path_b, "%s/b.db", f->dir);
	f->a = open_db(f->path_a);
	if (load(f->a, 42, NCLIENTS, &f->res) != LIA_STORE_OK)
		return -1;
	snprintf(f->root_path, sizeof f->root_path, "/%s/", f->res.root_org_id);
	f->arena = lia_arena_new();
	all_clients(f->a, f->arena, f->root_path, &f->clients, &f->nclients);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	f->a->ops->conn_close(f->a);
	lia_arena_free(f->arena);
	/* The SQLite files and their WAL companions, then the directory. */
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	char p[160];
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", f->path_a, suffixes[i]);
		unlink(p);
		snprintf(p, sizeof p, "%s%s", f->path_b, suffixes[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
test_lia_demo_load_creates_clients(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->res.clients_created, NCLIENTS);
	assert_true(lia_uuid_valid(f->res.root_org_id));
	int64_t n = 0;
	assert_int_equal(f->a->ops->client_count(f->a, &n), LIA_STORE_OK);
	assert_int_equal(n, NCLIENTS);
	assert_int_equal(f->nclients, NCLIENTS);
}

static void
test_lia_demo_load_org_tree(void **state)
{
	struct fixture *f = *state;
	struct lia_arena *a = lia_arena_new();
	struct lia_org *orgs;
	size_t n;
	assert_int_equal(f->a->ops->org_list(f->a, a, "/", &orgs, &n), LIA_STORE_OK);
	assert_int_equal(n, 6);
	int antennas = 0;
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(orgs[i].tz, "Europe/Paris");
		assert_int_equal(strncmp(orgs[i].path, f->root_path, strlen(f->root_path)), 0);
		antennas += strcmp(orgs[i].kind, "antenna") == 0;
		if (strcmp(orgs[i].name, "EHPAD Les Tilleuls") == 0)
			assert_string_equal(orgs[i].kind, "establishment");
	}
	assert_int_equal(antennas, 2);
	lia_arena_free(a);
}

/* The deterministic part of a client, as one comparable line. */
static char *
fingerprint(struct lia_arena *a, const struct lia_client *cl)
{
	return lia_arena_printf(a, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%s|%s", cl->identity_key,
				cl->birth_given_names, cl->ins_matricule ? cl->ins_matricule : "-",
				cl->birth_place_code ? cl->birth_place_code : "-",
				cl->used_name ? cl->used_name : "-",
				cl->used_given_name ? cl->used_given_name : "-", cl->address_line,
				cl->postal_code, cl->city, cl->phone, cl->gir, cl->identity_status,
				cl->identity_document ? cl->identity_document : "-");
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static char **
fingerprints(struct lia_arena *a, const struct lia_client *cl, size_t n)
{
	char **fp = lia_arena_alloc(a, n * sizeof *fp);
	for (size_t i = 0; i < n; i++)
		fp[i] = fingerprint(a, &cl[i]);
	qsort(fp, n, sizeof *fp, cmp_str);
	return fp;
}

static void
test_lia_demo_load_same_seed_same_people(void **state)
{
	struct fixture *f = *state;
	struct lia_conn *b = open_db(f->path_b);
	struct lia_demo_result rb;
	assert_int_equal(load(b, 42, NCLIENTS, &rb), LIA_STORE_OK);
	char root_b[LIA_UUID_STRLEN + 3];
	snprintf(root_b, sizeof root_b, "/%s/", rb.root_org_id);
	/* Ids are made at load time: two loads never share one. */
	assert_string_not_equal(root_b, f->root_path);

	struct lia_arena *a = lia_arena_new();
	struct lia_client *cb;
	size_t nb;
	all_clients(b, a, root_b, &cb, &nb);
	assert_int_equal(nb, f->nclients);
	char **fa = fingerprints(a, f->clients, f->nclients);
	char **fb = fingerprints(a, cb, nb);
	for (size_t i = 0; i < nb; i++)
		assert_string_equal(fa[i], fb[i]);
	b->ops->conn_close(b);
	lia_arena_free(a);
}

struct audit_count {
	int clients, accounts, roles, orgs, links, circle, consents, entries, plans, grants;
	int prescriptions, organisers, dlus, other;
	int64_t last_seq;
	bool system_only;
};

static int
count_audit(const struct lia_audit_entry *e, void *cls)
{
	struct audit_count *n = cls;
	if (e->seq != n->last_seq + 1)
		n->other += 1000; /* a gap: the chain must be contiguous */
	n->last_seq = e->seq;
	if (e->actor_id != NULL || strcmp(e->actor_role, "system") != 0 ||
	    strcmp(e->outcome, "ok") != 0 || strcmp(e->detail, "demo") != 0)
		n->system_only = false;
	if (strcmp(e->action, "client.create") == 0 && e->client_id)
		n->clients++;
	else if (strcmp(e->action, "account.create") == 0)
		n->accounts++;
	else if (strcmp(e->action, "role.grant") == 0)
		n->roles++;
	else if (strcmp(e->action, "org.create") == 0)
		n->orgs++;
	else if (strcmp(e->action, "person_link.create") == 0)
		n->links++;
	else if (strcmp(e->action, "client.circle.add") == 0)
		n->circle++;
	else if (strcmp(e->action, "consent.grant") == 0)
		n->consents++;
	else if (strcmp(e->action, "notebook.write") == 0)
		n->entries++;
	else if (strcmp(e->action, "client.care_plan.intervention.create") == 0)
		n->plans++;
	else if (strcmp(e->action, "client.funding.create") == 0)
		n->grants++;
	else if (strcmp(e->action, "client.prescription.create") == 0)
		n->prescriptions++;
	else if (strcmp(e->action, "client.pill_organiser.create") == 0)
		n->organisers++;
	else if (strcmp(e->action, "dlu.medical.write") == 0)
		n->dlus++;
	else
		n->other++;
	return 0;
}

static void
test_lia_demo_load_other_seed_other_people(void **state)
{
	char dir[] = "/tmp/lia-test-demo-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/c.db", dir);
	struct fixture *f = *state;
	struct lia_conn *c = open_db(path);
	struct lia_demo_result rc;
	/* More than one transaction's worth (5,000), so the batch boundary is crossed. */
	assert_int_equal(load(c, 43, 5050, &rc), LIA_STORE_OK);
	assert_int_equal(rc.clients_created, 5050);
	struct lia_arena *a = lia_arena_new();
	char root[LIA_UUID_STRLEN + 3];
	snprintf(root, sizeof root, "/%s/", rc.root_org_id);
	struct lia_client *cc;
	size_t nc;
	all_clients(c, a, root, &cc, &nc);
	assert_int_equal(nc, 5050);
	struct audit_count counts = {.system_only = true};
	assert_int_equal(c->ops->audit_scan(c, 0, count_audit, &counts), LIA_STORE_OK);
	assert_int_equal(counts.clients, 5050);
	assert_int_equal(counts.other, 0);
	/* Person links go to the first client only, made in the first batch. */
	assert_int_equal(counts.links, 3);
	/* The first client of each load differs in at least one strict trait. */
	const struct lia_client *first_a = NULL, *first_c = NULL;
	for (size_t i = 0; i < f->nclients; i++)
		if (!first_a || strcmp(f->clients[i].id, first_a->id) < 0)
			first_a = &f->clients[i];
	for (size_t i = 0; i < nc; i++)
		if (!first_c || strcmp(cc[i].id, first_c->id) < 0)
			first_c = &cc[i];
	assert_true(lia_strict_traits_changed(first_a, first_c));
	c->ops->conn_close(c);
	lia_arena_free(a);
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		char p[96];
		snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void
test_lia_demo_load_ins_valid(void **state)
{
	struct fixture *f = *state;
	int with_ins = 0, qual = 0, prov = 0;
	for (size_t i = 0; i < f->nclients; i++) {
		const struct lia_client *cl = &f->clients[i];
		bool lookup = cl->insi_checked_at != 0;
		bool document = cl->identity_document != NULL;
		assert_string_equal(cl->identity_status, lia_identity_status(lookup, document));
		if (strcmp(cl->identity_status, "PROV") == 0) {
			prov++;
			assert_null(cl->ins_matricule);
			assert_null(cl->ins_oid);
			continue;
		}
		qual += strcmp(cl->identity_status, "QUAL") == 0;
		with_ins++;
		assert_non_null(cl->ins_matricule);
		assert_int_equal(lia_ins_check(cl->ins_matricule), LIA_INS_OK);
		assert_true(lia_ins_matches_traits(cl->ins_matricule, cl->sex, cl->birth_date));
		/* Birth place digits 6-10 of the matricule are the INSEE code. */
		assert_memory_equal(cl->ins_matricule + 5, cl->birth_place_code, 5);
		assert_string_equal(cl->ins_oid, LIA_OID_INS_NIR_DEMO);
		assert_true(lia_ins_oid_is_test(cl->ins_oid));
	}
	/* 70 % QUAL, 10 % PROV, with room for chance on 300 draws. */
	assert_in_range(qual, 170, 250);
	assert_in_range(prov, 10, 60);
	assert_int_equal(with_ins + prov, NCLIENTS);
}

static void
test_lia_demo_load_no_duplicates(void **state)
{
	struct fixture *f = *state;
	struct lia_arena *a = lia_arena_new();
	const char **keys = lia_arena_alloc(a, f->nclients * sizeof *keys);
	const char **ins = lia_arena_alloc(a, f->nclients * sizeof *ins);
	size_t nins = 0;
	for (size_t i = 0; i < f->nclients; i++) {
		const struct lia_client *cl = &f->clients[i];
		/* The stored keys are what lia_client_keys makes of the traits. */
		struct lia_client copy = *cl;
		lia_client_keys(a, &copy);
		assert_string_equal(copy.identity_key, cl->identity_key);
		assert_string_equal(copy.name_key, cl->name_key);
		keys[i] = cl->identity_key;
		if (cl->ins_matricule)
			ins[nins++] = cl->ins_matricule;
	}
	qsort(keys, f->nclients, sizeof *keys, cmp_str);
	for (size_t i = 1; i < f->nclients; i++)
		assert_string_not_equal(keys[i - 1], keys[i]);
	qsort(ins, nins, sizeof *ins, cmp_str);
	for (size_t i = 1; i < nins; i++)
		assert_string_not_equal(ins[i - 1], ins[i]);
	lia_arena_free(a);
}

static int
year_of(const char *date)
{
	int y = 0;
	for (int i = 0; i < 4; i++)
		y = y * 10 + (date[i] - '0');
	return y;
}

static void
test_lia_demo_load_realistic_traits(void **state)
{
	struct fixture *f = *state;
	int elderly = 0, women = 0, used_names = 0, abroad = 0, accented = 0;
	for (size_t i = 0; i < f->nclients; i++) {
		const struct lia_client *cl = &f->clients[i];
		int year = year_of(cl->birth_date);
		elderly += year >= 1925 && year <= 1960;
		women += strcmp(cl->sex, "F") == 0;
		used_names += cl->used_name != NULL;
		abroad += strncmp(cl->birth_place_code, "99", 2) == 0;
		accented += strpbrk(cl->birth_name, "\xc3\xc5") != NULL ||
			    strpbrk(cl->birth_given_names, "\xc3\xc5") != NULL;
		assert_in_range(cl->gir, 1, 6);
		assert_int_equal(strlen(cl->postal_code), 5);
		assert_true(strncmp(cl->phone, "01 ", 3) == 0 || strncmp(cl->phone, "06 ", 3) == 0);
	}
	assert_true(elderly > NCLIENTS * 8 / 10);
	assert_true(women > NCLIENTS / 2);
	assert_true(used_names > 20);
	assert_true(abroad > 5);
	assert_true(accented > 20);
}

static void
test_lia_demo_load_audited(void **state)
{
	struct fixture *f = *state;
	struct audit_count n = {.system_only = true};
	assert_int_equal(f->a->ops->audit_scan(f->a, 0, count_audit, &n), LIA_STORE_OK);
	assert_int_equal(n.clients, NCLIENTS);
	assert_int_equal(n.accounts, 11);
	assert_int_equal(n.roles, 8);
	assert_int_equal(n.orgs, 6);
	assert_int_equal(n.links, 3);
	/* Care rows (demo_care.c): every client's site is in its circle; the first 20
	 * have a nurse, a doctor and three entries; the first one its family, a consent
	 * and an urgent entry. */
	assert_int_equal(n.circle, NCLIENTS + 2 * 20 + 2);
	assert_int_equal(n.consents, 1);
	assert_int_equal(n.entries, 3 * 20 + 1);
	/* Care plans (demo_plan.c): one to four interventions and one APA grant each. */
	assert_in_range(n.plans, NCLIENTS, 4 * NCLIENTS);
	assert_int_equal(n.grants, NCLIENTS);
	/* Medication (demo_medication.c): the aide's six first clients, three lines each,
	 * this week's and next week's pill organiser. */
	assert_int_equal(n.prescriptions, 6 * 3);
	assert_int_equal(n.organisers, 6 * 2);
	/* Emergency liaison files (demo_dlu.c): the aide's six first clients. */
	assert_int_equal(n.dlus, 6);
	assert_int_equal(n.other, 0);
	assert_true(n.system_only);

	/* One client.create for a given client, in its own history. */
	struct lia_arena *a = lia_arena_new();
	struct lia_audit_entry *items;
	size_t k;
	assert_int_equal(f->a->ops->audit_list_client(f->a, a, f->clients[7].id, 0, 10, &items, &k),
			 LIA_STORE_OK);
	/* Newest first: its care rows, then its creation, all in its own history. */
	assert_true(k >= 2);
	assert_string_equal(items[k - 1].action, "client.create");
	for (size_t i = 0; i < k; i++)
		assert_string_equal(items[i].org_id, f->clients[7].org_id);
	lia_arena_free(a);
}

static void
test_lia_demo_load_second_refused(void **state)
{
	struct fixture *f = *state;
	struct lia_demo_result r;
	assert_int_equal(load(f->a, 42, 10, &r), LIA_STORE_CONFLICT);
	int64_t n = 0;
	assert_int_equal(f->a->ops->client_count(f->a, &n), LIA_STORE_OK);
	assert_int_equal(n, NCLIENTS);
}

static void
test_lia_demo_accounts_exist(void **state)
{
	struct fixture *f = *state;
	int n;
	const struct lia_demo_account *acc = lia_demo_accounts(&n);
	assert_int_equal(n, f->res.naccounts);
	assert_ptr_equal(acc, f->res.accounts);
	struct lia_arena *a = lia_arena_new();
	for (int i = 0; i < n; i++) {
		struct lia_account ac;
		assert_int_equal(f->a->ops->account_get_by_login(f->a, a, acc[i].login, &ac),
				 LIA_STORE_OK);
		assert_int_equal(crypto_pwhash_str_verify(ac.password_hash, "demo-password",
							  strlen("demo-password")),
				 0);
		struct lia_org home;
		assert_int_equal(f->a->ops->org_get(f->a, a, ac.org_id, &home), LIA_STORE_OK);
		assert_string_equal(home.name, acc[i].org_name);
		if (strncmp(acc[i].role, "person:", 7) == 0) {
			assert_string_equal(ac.kind, "person");
			struct lia_person_link *links;
			size_t k;
			assert_int_equal(f->a->ops->person_link_list(f->a, a, ac.id, &links, &k),
					 LIA_STORE_OK);
			assert_int_equal(k, 1);
			assert_string_equal(links[0].relation, acc[i].role + 7);
			continue;
		}
		assert_string_equal(ac.kind, "staff");
		struct lia_role *roles;
		size_t k;
		assert_int_equal(f->a->ops->role_list(f->a, a, ac.id, &roles, &k), LIA_STORE_OK);
		assert_int_equal(k, 1);
		assert_string_equal(roles[0].role, acc[i].role);
		struct lia_org node;
		assert_int_equal(f->a->ops->org_get(f->a, a, roles[0].org_id, &node), LIA_STORE_OK);
		assert_string_equal(node.name, acc[i].org_name);
	}
	lia_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_demo_load_creates_clients),
		cmocka_unit_test(test_lia_demo_load_org_tree),
		cmocka_unit_test(test_lia_demo_load_same_seed_same_people),
		cmocka_unit_test(test_lia_demo_load_other_seed_other_people),
		cmocka_unit_test(test_lia_demo_load_ins_valid),
		cmocka_unit_test(test_lia_demo_load_no_duplicates),
		cmocka_unit_test(test_lia_demo_load_realistic_traits),
		cmocka_unit_test(test_lia_demo_load_audited),
		cmocka_unit_test(test_lia_demo_load_second_refused),
		cmocka_unit_test(test_lia_demo_accounts_exist),
	};
	LIA_RUN_GROUP("demo", tests, setup, teardown);
}
