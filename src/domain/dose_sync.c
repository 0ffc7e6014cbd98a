/* SPDX-License-Identifier: EUPL-1.2 */
/* The doses table kept in step with the prescriptions (see dose_sync.h). */
#include "domain/dose_sync.h"

#include <stdio.h>
#include <string.h>

#include "domain/localtime.h"
#include "domain/medication.h"

int
lia_doses_sync(struct lia_conn *c, struct lia_arena *a, const char *client_id, const char *tz,
	       int64_t now, int *count)
{
	if (count)
		*count = 0;
	int64_t today, end;
	if (!lia_local_days(tz, now, &today) ||
	    !lia_local_days_to_utc(tz, today + LIA_DOSE_HORIZON_DAYS, 0, &end))
		return LIA_STORE_ERROR;
	struct lia_prescription *ps;
	size_t n;
	int st = c->ops->prescription_list(c, a, client_id, &ps, &n);
	if (st != LIA_STORE_OK)
		return st;
	struct lia_due_dose *due;
	size_t ndue;
	if (!lia_med_doses(a, ps, n, tz, now, end, &due, &ndue))
		return LIA_STORE_ERROR;
	struct lia_dose *items = lia_arena_alloc(a, (ndue ? ndue : 1) * sizeof *items);
	for (size_t i = 0; i < ndue; i++)
		items[i] = (struct lia_dose){
			.series_id = due[i].p->series_id, .due_at = due[i].due_at,
			.prescription_id = due[i].p->id, .org_id = due[i].p->org_id,
			.client_id = client_id,
		};
	st = c->ops->dose_replace(c, client_id, now, items, ndue);
	if (st == LIA_STORE_OK && count)
		*count = (int)ndue;
	return st;
}

struct sync_batch {
	const struct lia_medication_client *clients;
	const char *const *tz;
	size_t n;
	int64_t now;
	long doses;
};

static int
sync_batch(struct lia_conn *c, void *cls)
{
	struct sync_batch *b = cls;
	b->doses = 0; /* the runner may run this more than once */
	struct lia_arena *a = lia_arena_new();
	int st = LIA_STORE_OK;
	for (size_t i = 0; st == LIA_STORE_OK && i < b->n; i++) {
		int one = 0;
		st = lia_doses_sync(c, a, b->clients[i].client_id, b->tz[i], b->now, &one);
		b->doses += one;
	}
	lia_arena_free(a);
	return st;
}

/* The zone of an organisation, from a small cache (a national network has a few
 * zones and many nodes: the misses are cheap). */
static const char *
zone_of(struct lia_conn *c, struct lia_arena *keep, const char **ids, const char **zones,
	size_t *n, size_t cap, const char *org_id)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(ids[i], org_id))
			return zones[i];
	struct lia_org o;
	const char *tz = c->ops->org_get(c, keep, org_id, &o) == LIA_STORE_OK && lia_tz_valid(o.tz)
				 ? o.tz : "Europe/Paris";
	size_t at = *n < cap ? (*n)++ : cap - 1;
	ids[at] = lia_arena_strdup(keep, org_id);
	zones[at] = tz;
	return tz;
}

int
lia_doses_sync_all(struct lia_conn *read, lia_write_runner run, void *ctx, int64_t now,
		   int per_tx, long *clients, long *doses)
{
	*clients = *doses = 0;
	struct lia_arena *keep = lia_arena_new();
	enum { CAP = 256 };
	const char *ids[CAP], *zones[CAP];
	size_t nzones = 0;
	char after[64] = "";
	int st;
	for (;;) {
		struct lia_arena *a = lia_arena_new();
		struct lia_medication_client *cs;
		size_t n;
		st = read->ops->medication_clients(read, a, after[0] ? after : NULL, per_tx, &cs, &n);
		const char **tz = lia_arena_alloc(a, (n ? n : 1) * sizeof *tz);
		for (size_t i = 0; st == LIA_STORE_OK && i < n; i++)
			tz[i] = zone_of(read, keep, ids, zones, &nzones, CAP, cs[i].org_id);
		if (st == LIA_STORE_OK && n) {
			struct sync_batch b = {.clients = cs, .tz = tz, .n = n, .now = now};
			st = run(ctx, sync_batch, &b);
			*clients += (long)n;
			*doses += b.doses;
			snprintf(after, sizeof after, "%s", cs[n - 1].client_id);
		}
		lia_arena_free(a);
		if (st != LIA_STORE_OK || n < (size_t)per_tx)
			break;
	}
	lia_arena_free(keep);
	return st;
}
