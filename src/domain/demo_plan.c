/* SPDX-License-Identifier: EUPL-1.2 */
/* Care plans of the demo data (see demo_plan.h). */
#include "domain/demo_plan.h"

#include <stdio.h>
#include <string.h>

#include "core/uuid.h"
#include "domain/localtime.h"
#include "domain/planner.h"

static const char *
new_id(struct lia_arena *a)
{
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	return id;
}

static struct lia_intervention *
add(struct lia_arena *a, const struct lia_client *cl, const char *by, const char *from,
    int64_t now, struct lia_demo_plan *out)
{
	struct lia_intervention *iv = &out->interventions[out->ninterventions++];
	const char *id = new_id(a);
	int64_t days;
	char *anchor = lia_arena_alloc(a, 11);
	lia_date_to_days(from, &days);
	lia_days_to_date(days - (lia_days_weekday(days) - 1), anchor);
	*iv = (struct lia_intervention){
		.id = id, .series_id = id, .seq = 1, .org_id = cl->org_id, .client_id = cl->id,
		.valid_from = from, .every_weeks = 1, .anchor_date = anchor, .version = 1,
		.created_at = now, .created_by = by,
	};
	return iv;
}

void
lia_demo_plan_for(struct lia_arena *a, long index, const struct lia_client *cl, bool ehpad,
		  const char *coordinator, const char *today, int64_t now,
		  struct lia_demo_plan *out)
{
	int64_t t;
	char *from = lia_arena_alloc(a, 11);
	lia_date_to_days(today, &t);
	lia_days_to_date(t - 7, from);
	/* Start times staggered by client, so that one aide can follow several. */
	static const char *const meals[] = {"11:30", "12:15", "13:00", "18:30"};
	static const char *const care[] = {"07:45", "08:45", "09:45"};
	struct lia_intervention *iv = add(a, cl, coordinator, from, now, out);
	iv->type = "aide_repas";
	iv->label = "Préparation et aide à la prise du repas";
	iv->days = 0x1f; /* Monday to Friday */
	iv->start_time = meals[index % 4];
	iv->duration_min = 45;
	iv->tasks = "[\"Préparer le repas\",\"Aider à la prise du repas\",\"Vaisselle\"]";
	iv->funder = "apa";
	if (index % 3 == 0) {
		iv = add(a, cl, coordinator, from, now, out);
		iv->type = "aide_toilette";
		iv->label = "Aide à la toilette et à l'habillage";
		iv->days = 0x15; /* Monday, Wednesday, Friday */
		iv->start_time = care[(index / 3) % 3];
		iv->duration_min = 45;
		iv->qualification = "auxiliaire_de_vie";
		iv->tasks = "[\"Toilette\",\"Habillage\",\"Prévention des escarres\"]";
		iv->funder = "apa";
	}
	if (index % 4 == 1) {
		iv = add(a, cl, coordinator, from, now, out);
		iv->type = "courses";
		iv->label = "Courses accompagnées";
		iv->days = 0x02; /* Tuesday */
		iv->every_weeks = 2;
		iv->start_time = "15:00";
		iv->duration_min = 90;
		iv->tasks = "[\"Liste de courses\",\"Rangement\"]";
		iv->funder = "caisse_retraite";
	}
	if (!ehpad && index % 5 == 2) {
		iv = add(a, cl, coordinator, from, now, out);
		iv->type = "livraison_repas";
		iv->label = "Portage de repas";
		iv->days = 0x7f;
		iv->start_time = "10:00";
		iv->duration_min = 15;
		iv->tasks = "[\"Livrer le repas\",\"Vérifier le réfrigérateur\"]";
		iv->funder = "private";
	}
	char *ref = lia_arena_printf(a, "APA-75-%06ld", index + 1);
	out->grants[out->ngrants++] = (struct lia_grant){
		.id = new_id(a), .org_id = cl->org_id, .client_id = cl->id, .funder = "apa",
		.funder_name = "Ville de Paris — Direction des solidarités", .funder_id = "CD75",
		.decision_ref = ref, .beneficiary_ref = lia_arena_printf(a, "B%07ld", index + 1),
		.minutes_per_month = 40 * 60, .starts_on = from, .version = 1, .created_at = now,
		.created_by = coordinator,
	};
}

int
lia_demo_plan_aide(struct lia_conn *c, const char *aide_id, const char *aide_org,
		   const struct lia_client *first, size_t nfirst, const char *tz, int64_t now)
{
	struct lia_worker w = {
		.account_id = aide_id, .org_id = aide_org,
		.qualifications = "[\"auxiliaire_de_vie\"]", .has_coords = true,
		.latitude = 48.8722, .longitude = 2.3770,
		.availability = "[]", .updated_at = now,
	};
	int st = c->ops->worker_put(c, &w, 0);
	struct lia_arena *a = lia_arena_new();
	int64_t today;
	lia_local_days(tz, now, &today);
	/* Her week: the visits of the first clients, wherever she is free. */
	int64_t busy_from[256], busy_to[256];
	size_t nbusy = 0;
	for (size_t i = 0; st == LIA_STORE_OK && i < nfirst; i++) {
		struct lia_plan_run run;
		st = lia_plan_generate(c, a, first[i].id, first[i].org_id, tz, today, today + 7, now,
				       &run);
		struct lia_visit_query q = {.client_id = first[i].id, .from = now,
					    .to = now + 8 * LIA_DAY_US, .limit = 100};
		struct lia_visit *vs;
		size_t n = 0;
		if (st == LIA_STORE_OK)
			st = c->ops->visit_list(c, a, &q, &vs, &n);
		for (size_t k = 0; st == LIA_STORE_OK && k < n && nbusy < 256; k++) {
			bool free_slot = true;
			for (size_t b = 0; b < nbusy && free_slot; b++)
				free_slot = vs[k].planned_end <= busy_from[b] ||
					    busy_to[b] <= vs[k].planned_start;
			if (!free_slot || strcmp(vs[k].status, "planned"))
				continue;
			/* A quarter of an hour between two homes. */
			busy_from[nbusy] = vs[k].planned_start - 15 * LIA_MINUTE_US;
			busy_to[nbusy++] = vs[k].planned_end + 15 * LIA_MINUTE_US;
			struct lia_visit v = vs[k];
			v.worker_id = aide_id;
			v.updated_at = now;
			st = c->ops->visit_update(c, &v, v.version);
		}
	}
	lia_arena_free(a);
	return st;
}
