/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A client's record as one JSON view, for print: identity and contacts, the care
 * circle and who to call, the consents, the care plan and the next 7 days of visits,
 * the active prescriptions and their dose schedule, allergies and open alerts, and
 * the last 30 days of notebook entries the reader may see.
 *
 * What the reader may see is decided before: a struct lia_reader holds the decisions
 * of the one access decision (policy.h) per category, so a section the reader may not
 * read is left out (and said so), never fetched. The HTTP handler fills it with the
 * caller's audited decisions; an antenna export fills it for a profile
 * (lia_reader_for_profile) and audits the export itself.
 */
#ifndef LIA_EXPORT_RECORD_VIEW_H
#define LIA_EXPORT_RECORD_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "domain/policy.h"
#include "store/store.h"

struct lia_reader {
	struct lia_decision cat[LIA_CAT_ACCESS_LOG]; /* read decisions per category */
	const char *label; /* printed: the reader's name, or the export profile */
};

/* Export profiles: who the printed bundle is for. "care": the care team without
 * medical data (aides, auxiliaries); "health": health professionals (nurses). */
bool lia_export_profile_valid(const char *profile);

/* Decides, for an export of the subtree at org_path under `profile`, what its reader
 * may read of the client described by s (consents and refusals included): the
 * decisions a staff member holding the profile's role on that node would get. */
void lia_reader_for_profile(const char *profile, const char *org_path,
			    const struct lia_subject *s, struct lia_reader *out);

/* Builds the view of client cl (s: its subject with circle and consents) as seen by
 * rd, at instant now, dates in the zone tz. Returns a store status; *out is a new
 * tree (cJSON_Delete) on LIA_STORE_OK. */
int lia_record_view(struct lia_conn *c, struct lia_arena *a, const struct lia_client *cl,
		    const struct lia_subject *s, const struct lia_reader *rd, int64_t now,
		    const char *tz, cJSON **out);

/* The client's row in the bundle index, from its view: name, birth date, address,
 * phone, next visit, key risks (allergies, open alerts, ...). A new tree. */
cJSON *lia_record_index_row(const cJSON *view);

#endif
