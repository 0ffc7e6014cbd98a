/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Demo clients: French names, birth dates of an elderly population, real birth
 * communes, addresses around the antennas, fiction phone numbers, GIR, RNIV evidence
 * and INS matricules with valid keys under the demo OID. Everything is drawn from a
 * splitmix64 stream in a fixed order, so one seed always gives the same people; two
 * hash sets keep identity keys and matricules unique across the whole load.
 */
#include "domain/demo_client.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/uuid.h"
#include "domain/demo_names.h"
#include "domain/identity.h"
#include "domain/ins.h"

#define US_PER_DAY (86400LL * 1000000LL)

/* ---- deterministic random stream ---- */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	/* splitmix64 (Steele, Lea, Flood 2014): tiny, full period, good enough for
	 * picking names; rand() would differ between C libraries. */
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* 0..n-1; the modulo bias is far below anything a demo can show. */
static size_t
rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_next(r) % (uint64_t)n);
}

/* ---- a set of 64-bit string hashes, for uniqueness of INS and identity keys ---- */

struct hset {
	uint64_t *slots; /* 0 = empty */
	size_t mask;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a, then a splitmix finaliser */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static void
hset_init(struct hset *h, size_t expected)
{
	size_t cap = 64;
	while (cap < expected * 2)
		cap <<= 1;
	h->slots = lia_xcalloc(cap, sizeof *h->slots);
	h->mask = cap - 1;
}

static bool
hset_has(const struct hset *h, uint64_t v)
{
	for (size_t i = v & h->mask;; i = (i + 1) & h->mask) {
		if (h->slots[i] == v)
			return true;
		if (h->slots[i] == 0)
			return false;
	}
}

static void
hset_add(struct hset *h, uint64_t v)
{
	size_t i = v & h->mask;
	while (h->slots[i] != 0 && h->slots[i] != v)
		i = (i + 1) & h->mask;
	h->slots[i] = v;
}

struct lia_demo_gen {
	struct rng rng;
	struct hset ins_seen;
	struct hset identity_seen;
	const char *site_org_id[LIA_DEMO_NSITES];
};

struct lia_demo_gen *
lia_demo_gen_new(uint64_t seed, size_t expected, const char *const site_org_id[LIA_DEMO_NSITES])
{
	struct lia_demo_gen *g = lia_xcalloc(1, sizeof *g);
	g->rng.s = seed;
	hset_init(&g->ins_seen, expected + 16);
	hset_init(&g->identity_seen, expected + 16);
	for (int i = 0; i < LIA_DEMO_NSITES; i++)
		g->site_org_id[i] = site_org_id[i];
	return g;
}

void
lia_demo_gen_free(struct lia_demo_gen *g)
{
	if (!g)
		return;
	free(g->ins_seen.slots);
	free(g->identity_seen.slots);
	free(g);
}

/* ---- one client ---- */

static const char *
pick(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_below(r, n)];
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* Draws 1 to 3 distinct given names, as on a birth certificate. */
static char *
given_names(struct rng *r, struct lia_arena *a, bool female)
{
	const char *const *list = female ? lia_demo_given_f : lia_demo_given_m;
	size_t n = female ? lia_demo_ngiven_f : lia_demo_ngiven_m;
	int count = 1 + (rng_below(r, 100) < 55) + (rng_below(r, 100) < 20);
	const char *names[3];
	for (int i = 0; i < count; i++) {
		const char *g;
		bool dup;
		do {
			g = pick(r, list, n);
			dup = false;
			for (int j = 0; j < i; j++)
				dup |= names[j] == g;
		} while (dup);
		names[i] = g;
	}
	if (count == 1)
		return lia_arena_strdup(a, names[0]);
	if (count == 2)
		return lia_arena_printf(a, "%s %s", names[0], names[1]);
	return lia_arena_printf(a, "%s %s %s", names[0], names[1], names[2]);
}

/* The second given name, when there is one: some people go by it. */
static char *
second_word(struct lia_arena *a, const char *list)
{
	const char *sp = strchr(list, ' ');
	if (!sp)
		return NULL;
	sp++;
	return lia_arena_strndup(a, sp, strcspn(sp, " "));
}

static int
pick_gir(struct rng *r)
{
	/* Home-care caseloads: mostly GIR 3-4 (APA), fewer very dependent people. */
	static const int weights[6] = {4, 14, 27, 31, 12, 12};
	int x = (int)rng_below(r, 100);
	for (int g = 0; g < 6; g++) {
		if (x < weights[g])
			return g + 1;
		x -= weights[g];
	}
	return 4;
}

static void
address(struct rng *r, struct lia_arena *a, int org, struct lia_client *cl)
{
	if (org == LIA_DEMO_EHPAD) {
		cl->address_line = lia_arena_printf(a,
						    "EHPAD Les Tilleuls, chambre %zu, "
						    "avenue de Paris",
						    100 + rng_below(r, 260));
		cl->postal_code = "94300";
		cl->city = "Vincennes";
		return;
	}
	int antenna = org == LIA_DEMO_BELLEVILLE ? 0 : 1;
	const struct demo_street *s;
	do
		s = &lia_demo_streets[rng_below(r, lia_demo_nstreets)];
	while (s->antenna != antenna);
	size_t number = 1 + rng_below(r, 160);
	bool bis = rng_below(r, 100) < 5;
	cl->address_line = lia_arena_printf(a, "%zu%s %s", number, bis ? " bis" : "", s->name);
	cl->postal_code = s->postal;
	cl->city = s->city;
}

static char *
phone(struct rng *r, struct lia_arena *a)
{
	/* ARCEP keeps 01 99 00 xx xx and 06 39 98 xx xx for fiction: demo numbers must
	 * never ring a real person. */
	size_t x = rng_below(r, 10000);
	const char *prefix = rng_below(r, 100) < 55 ? "01 99 00" : "06 39 98";
	return lia_arena_printf(a, "%s %02zu %02zu", prefix, x / 100, x % 100);
}

/* RNIV evidence mix of a real file: most identities qualified, the rest split. */
static void
evidence(struct rng *r, int64_t now, struct lia_client *cl)
{
	size_t x = rng_below(r, 100);
	bool lookup = x < 80;                          /* QUAL 70 + RECUP 10 */
	bool document = x < 70 || (x >= 80 && x < 90); /* QUAL 70 + VALI 10 */
	int64_t ago = (int64_t)rng_below(r, 3 * 365) * US_PER_DAY;
	cl->insi_checked_at = lookup ? now - ago : 0;
	cl->identity_document = document ? (rng_below(r, 100) < 80 ? "CNI" : "PASSEPORT") : NULL;
	cl->identity_status = lia_identity_status(lookup, document);
}

/* Référentiel INS: sex, yy, mm, birth place (département + commune, or 99 +
 * country), order, key. The order is bumped until the matricule is unused. */
static bool
make_ins(struct lia_demo_gen *d, struct lia_arena *a, struct lia_client *cl)
{
	char body[14];
	size_t order = 1 + rng_below(&d->rng, 999);
	for (int tries = 0; tries < 999; tries++) {
		snprintf(body, sizeof body, "%c%.2s%.2s%.5s%03zu", cl->sex[0] == 'F' ? '2' : '1',
			 cl->birth_date + 2, cl->birth_date + 5, cl->birth_place_code, order);
		char key[3];
		if (!lia_ins_key(body, key))
			return false;
		char *m = lia_arena_printf(a, "%s%s", body, key);
		uint64_t h = hash_str(m);
		if (!hset_has(&d->ins_seen, h)) {
			hset_add(&d->ins_seen, h);
			cl->ins_matricule = m;
			/* ins.md: demo identities carry the demo OID, never the production one. */
			cl->ins_oid = LIA_OID_INS_NIR_DEMO;
			return true;
		}
		order = order % 999 + 1;
	}
	return false;
}

void
lia_demo_gen_client(struct lia_demo_gen *d, struct lia_arena *a, long index, int64_t now,
		    struct lia_client *cl)
{
	struct rng *r = &d->rng;
	*cl = (struct lia_client){.version = 1, .created_at = now, .updated_at = now};
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	cl->id = id;

	size_t x = rng_below(r, 100);
	int org = x < 45 ? LIA_DEMO_BELLEVILLE : x < 85 ? LIA_DEMO_NATION : LIA_DEMO_EHPAD;
	if (index == 0)
		org = LIA_DEMO_BELLEVILLE;
	cl->org_id = d->site_org_id[org];

	bool female = rng_below(r, 100) < 64;
	cl->sex = female ? "F" : "M";
	/* Clients are elderly; a few younger ones are disabled adults (PCH). */
	int year = rng_below(r, 100) < 90 ? 1925 + (int)rng_below(r, 36) :
					    1961 + (int)rng_below(r, 15);
	int month = 1 + (int)rng_below(r, 12);
	int day = 1 + (int)rng_below(r, (size_t)days_in_month(year, month));

	const struct demo_commune *place =
		rng_below(r, 100) < 8 ? &lia_demo_countries[rng_below(r, lia_demo_ncountries)] :
					&lia_demo_communes[rng_below(r, lia_demo_ncommunes)];
	cl->birth_place_code = place->insee;
	cl->birth_name = pick(r, lia_demo_family, lia_demo_nfamily);

	/* Women married before the 1970s mostly use their husband's name. */
	if (female && rng_below(r, 100) < 45) {
		const char *used;
		do
			used = pick(r, lia_demo_family, lia_demo_nfamily);
		while (used == cl->birth_name);
		cl->used_name = used;
	}

	/* Strict traits must not make two clients look like one person: draw other
	 * given names (then another day) until the identity key is new. */
	for (int tries = 0;; tries++) {
		if (tries > 0 && tries % 8 == 0)
			day = 1 + (int)rng_below(r, (size_t)days_in_month(year, month));
		cl->birth_date = lia_arena_printf(a, "%04d-%02d-%02d", year, month, day);
		cl->birth_given_names = given_names(r, a, female);
		lia_client_keys(a, cl);
		uint64_t h = hash_str(cl->identity_key);
		if (!hset_has(&d->identity_seen, h)) {
			hset_add(&d->identity_seen, h);
			break;
		}
	}
	if (rng_below(r, 100) < 8)
		cl->used_given_name = second_word(a, cl->birth_given_names);
	if (cl->used_given_name || cl->used_name)
		lia_client_keys(a, cl); /* used_name_key depends on them */

	address(r, a, org, cl);
	cl->phone = phone(r, a);
	cl->gir = pick_gir(r);

	evidence(r, now, cl);
	/* RNIV: an INS is held once a look-up or a document has been done; PROV has
	 * none. If every order number were taken the identity stays provisional. */
	if (strcmp(cl->identity_status, "PROV") != 0 && !make_ins(d, a, cl)) {
		cl->insi_checked_at = 0;
		cl->identity_document = NULL;
		cl->identity_status = lia_identity_status(false, false);
	}
}
