/* SPDX-License-Identifier: EUPL-1.2 */
/* The demo's prescriptions and pill organisers (see demo_medication.h). */
#include "domain/demo_medication.h"

#include <stdio.h>
#include <string.h>

#include "core/uuid.h"
#include "domain/dose_sync.h"
#include "domain/localtime.h"
#include "domain/medication.h"
#include "domain/recurrence.h"

static const struct {
	const char *label, *form, *dose, *times;
	bool as_needed;
} lines[] = {
	{"Furosémide 40 mg", "comprimé", "1 comprimé", "[\"08:00\"]", false},
	{"Donépézil 5 mg", "comprimé pelliculé", "1 comprimé", "[\"20:00\"]", false},
	{"Paracétamol 1 g", "comprimé", "1 comprimé", "[]", true},
};
#define NLINES (sizeof lines / sizeof lines[0])

static const char *
new_id(struct lia_arena *a)
{
	char *id = lia_arena_alloc(a, LIA_UUID_STRLEN + 1);
	lia_uuid7(id);
	return id;
}

/* Audited as the rest of the demo data: written by the system, detail "demo". */
static int
audit(struct lia_conn *c, struct lia_arena *a, const struct lia_client *cl, const char *action,
      const char *object, int64_t now)
{
	struct lia_audit_entry e = {
		.id = new_id(a), .org_id = cl->org_id, .at = now, .actor_role = "system",
		.action = action, .client_id = cl->id, .object_id = object, .outcome = "ok",
		.detail = "demo",
	};
	return c->ops->audit_append(c, &e, 1);
}

static int
one_client(struct lia_conn *c, struct lia_arena *a, const char *doctor, const char *nurse,
	   const struct lia_client *cl, const char *tz, int64_t now, const char *today,
	   const char monday[2][11])
{
	char ids[NLINES * (LIA_UUID_STRLEN + 3) + 3] = "[";
	int st = LIA_STORE_OK;
	for (size_t i = 0; st == LIA_STORE_OK && i < NLINES; i++) {
		const char *id = new_id(a);
		struct lia_prescription p = {
			.id = id, .series_id = id, .seq = 1, .org_id = cl->org_id, .client_id = cl->id,
			.valid_from = now, .drug_label = lines[i].label, .form = lines[i].form,
			.dose = lines[i].dose, .route = "orale", .times = lines[i].times,
			.as_needed = lines[i].as_needed, .max_per_day = lines[i].as_needed ? 3 : 0,
			.starts_on = today, .in_organiser = !lines[i].as_needed,
			.prescriber_name = "Dr Claire Moreau", .prescribed_on = today,
			.instructions = lines[i].as_needed ? "Si douleur, 6 heures d'écart au moins"
							   : NULL,
			.source = "prescribed", .version = 1, .created_at = now, .created_by = doctor,
		};
		st = c->ops->prescription_insert(c, &p);
		if (st == LIA_STORE_OK)
			st = audit(c, a, cl, "client.prescription.create", id, now);
		if (!lines[i].as_needed) {
			size_t len = strlen(ids);
			snprintf(ids + len, sizeof ids - len, "%s\"%s\"", len > 1 ? "," : "", id);
		}
	}
	strncat(ids, "]", sizeof ids - strlen(ids) - 1);
	if (st == LIA_STORE_OK)
		st = lia_doses_sync(c, a, cl->id, tz, now, NULL);
	/* This week's organiser and next week's, both ready. */
	for (int week = 0; week < 2 && st == LIA_STORE_OK; week++) {
		const char *oid = new_id(a);
		struct lia_organiser o = {
			.id = oid, .org_id = cl->org_id, .client_id = cl->id,
			.week_start = monday[week], .prescriptions = lia_arena_strdup(a, ids),
			.note = "Semainier préparé à domicile", .prepared_at = now,
			.prepared_by = nurse, .prepared_as = "circle:infirmier", .version = 1,
		};
		st = c->ops->organiser_insert(c, &o);
		if (st == LIA_STORE_OK)
			st = audit(c, a, cl, "client.pill_organiser.create", oid, now);
	}
	return st;
}

int
lia_demo_medication(struct lia_conn *c, const char *doctor, const char *nurse,
		    const struct lia_client *clients, size_t n, const char *tz, int64_t now)
{
	int64_t day;
	if (!lia_local_days(tz, now, &day))
		return LIA_STORE_ERROR;
	char today[11], monday[2][11];
	lia_days_to_date(day, today);
	lia_days_to_date(lia_monday_of(day), monday[0]);
	lia_days_to_date(lia_monday_of(day) + 7, monday[1]);
	struct lia_arena *a = lia_arena_new();
	int st = LIA_STORE_OK;
	for (size_t i = 0; st == LIA_STORE_OK && i < n; i++)
		st = one_client(c, a, doctor, nurse, &clients[i], tz, now, today, monday);
	lia_arena_free(a);
	return st;
}
