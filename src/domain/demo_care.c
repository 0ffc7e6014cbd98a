/* SPDX-License-Identifier: EUPL-1.2 */
/* Care circle, consent and notebook rows of the demo data (see demo_care.h). */
#include "domain/demo_care.h"

#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"

/* The first clients have a nurse, a doctor and some notebook history. */
#define CARED_CLIENTS 20

static const char *
new_id(struct lia_arena *a)
{
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	return id;
}

static void
member(struct lia_arena *a, const struct lia_client *cl, const char *account, const char *org,
       const char *role, int64_t now, struct lia_demo_care *out)
{
	out->circle[out->ncircle++] = (struct lia_circle_member){
		.id = new_id(a), .org_id = cl->org_id, .client_id = cl->id, .account_id = account,
		.member_org_id = org, .circle_role = role, .starts_on = "2024-01-01", .version = 1,
		.created_at = now,
	};
}

static struct lia_entry *
entry(struct lia_arena *a, const struct lia_client *cl, const char *author, const char *role,
      const char *category, int64_t at, struct lia_demo_care *out)
{
	struct lia_entry *e = &out->entries[out->nentries++];
	*e = (struct lia_entry){
		.id = new_id(a), .org_id = cl->org_id, .client_id = cl->id, .kind = "note",
		.category = category,
		.audience = !strcmp(category, "medical") ? "health"
			    : !strcmp(category, "care") ? "care_team" : "all",
		.author_id = author, .author_role = role, .fact_at = at, .written_at = at,
	};
	return e;
}

void
lia_demo_care_for(struct lia_arena *a, const struct lia_demo_people *p, long index,
		  const struct lia_client *cl, int64_t now, struct lia_demo_care *out)
{
	/* The client's antenna (aides) or care home (aides-soignantes) is in the circle. */
	bool ehpad = !strcmp(cl->org_id, p->ehpad_org);
	member(a, cl, NULL, cl->org_id, ehpad ? "aide_soignant" : "aide_domicile", now, out);
	if (index >= CARED_CLIENTS)
		return;
	member(a, cl, p->nurse, NULL, "infirmier", now, out);
	member(a, cl, p->doctor, NULL, "medecin_traitant", now, out);
	int64_t day = 24LL * 3600 * 1000000;
	struct lia_entry *e = entry(a, cl, p->aide, "circle:aide_domicile", "daily", now - 2 * day, out);
	e->text = "Repas pris en entier, courses faites. Bon moral, a parlé de sa petite-fille.";
	e = entry(a, cl, p->nurse, "circle:infirmier", "care", now - day, out);
	e->kind = "targeted";
	e->target = "Prévention d'escarre";
	e->data = "Rougeur au talon droit, non blanchissante.";
	e->actions = "Effleurage, coussin de décharge mis en place.";
	e = entry(a, cl, p->doctor, "circle:medecin_traitant", "medical", now - day / 2, out);
	e->text = "Tension 14/8. Traitement inchangé, contrôle dans quinze jours.";
	if (index != 0)
		return;
	/* The first client: family, a consent, and an urgent note to acknowledge. */
	member(a, cl, p->caregiver, NULL, "aidant", now, out);
	member(a, cl, p->representative, NULL, "responsable_legal", now, out);
	out->consents[out->nconsents++] = (struct lia_consent){
		.id = new_id(a), .org_id = cl->org_id, .client_id = cl->id,
		.grantee_account = p->caregiver, .category = "daily", .decision = "grant",
		.starts_at = now - 30 * day, .decided_by = p->self, .decided_as = "self",
		.created_at = now - 30 * day,
	};
	e = entry(a, cl, p->aide, "circle:aide_domicile", "daily", now - 3600LL * 1000000, out);
	e->urgent = true;
	e->text = "Chute sans gravité ce matin dans la salle de bains, aidée à se relever. "
		  "Fille prévenue. À surveiller au prochain passage.";
}
