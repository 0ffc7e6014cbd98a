/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the planning handlers (care plan, visits, clocking, workers, rounds, alerts,
 * exports) share: the organisation's zone and settings, loading a visit with the
 * access subject of its client, and the JSON shapes of a visit and an alert.
 */
#ifndef LIA_HTTP_HANDLERS_PLANNING_H
#define LIA_HTTP_HANDLERS_PLANNING_H

#include "domain/planning_settings.h"
#include "http/request.h"

/* The kinds of intervention and visit, and the funders, as the API accepts them
 * (NULL-terminated). */
extern const char *const lia_visit_types[];
extern const char *const lia_funders[];
/* The visit type of a meal delivery (rounds, delivery outcome). */
#define LIA_DELIVERY_TYPE "livraison_repas"

/* The zone of organisation org_id ("Europe/Paris" when unreadable, logged). */
const char *lia_org_tz(struct lia_req *r, const char *org_id);

/* The settings in force for a node: its own, else its nearest ancestor's, over the
 * defaults. False with a 503 reply when the store fails. */
bool lia_planning_settings_for(struct lia_req *r, const char *org_path,
			       struct lia_planning_settings *out);

/* A client's planning context: the client, its organisation's zone, today's local
 * date (days) and the visit horizon of its settings. */
struct lia_plan_scope {
	struct lia_client cl;
	const char *tz;
	int64_t today;
	int horizon_days;
};

/* Loads client r->params[0] with its subject and planning context. False with the
 * reply set (404, 503). */
bool lia_plan_scope_load(struct lia_req *r, struct lia_subject *s, struct lia_plan_scope *out);

/* Loads the visit r->params[0], its client and the client's access subject, with
 * subject->assigned_visit set when the visit is the caller's. False with the reply
 * set (404, 503). */
bool lia_visit_load(struct lia_req *r, struct lia_visit *v, struct lia_client *cl,
		    struct lia_subject *s);

/* Whether v's assigned worker may still do it at its (new) times: qualification,
 * absence, double booking, availability (assignment.c). Returns the store status;
 * sets p->kind (and existing_id) when not. */
int lia_visit_worker_check(struct lia_conn *c, struct lia_arena *a, const struct lia_visit *v,
			   const char *tz, struct lia_problem *p);

/* The visit as JSON, with local date and times in tz beside the UTC instants. */
cJSON *lia_visit_json(const struct lia_visit *v, const char *tz);
cJSON *lia_alert_json(const struct lia_alert *al);

/* Stored JSON text back to a tree (NULL text or bad JSON: JSON null). */
cJSON *lia_json_from_text(const char *text);

/* A JSON array of non-empty strings (at most max_items, each at most max_len code
 * points) as compact text in the arena; adds a field error to p and returns NULL
 * when it is not one. arr NULL gives "[]". */
const char *lia_string_list_text(struct lia_req *r, const cJSON *arr, size_t max_items,
				 size_t max_len, const char *field, struct lia_problem *p);

/* Visit list cursors: "<planned_start us>_<id>". Parse is false on anything else. */
const char *lia_visit_cursor(struct lia_arena *a, const struct lia_visit *last);
bool lia_visit_cursor_parse(const char *s, int64_t *after_start, const char **after_id);

/* A period of the query (from, to): dates "YYYY-MM-DD" (local midnight in tz) or
 * RFC 3339 instants; defaults when absent. At most max_days long. Adds field errors
 * to p (kind INVALID_QUERY). */
void lia_query_period(struct lia_req *r, const char *tz, int64_t default_from,
		      int64_t default_to, int max_days, int64_t *from, int64_t *to,
		      struct lia_problem *p);


#endif
