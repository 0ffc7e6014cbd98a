/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What an incremental run may copy from the previous bundle (bundle.h): the files of
 * clients untouched since the previous bundle's change_seq and generated today (the
 * record shows "the next 7 days", which moves with the date). A change is mapped to
 * its client: directly when the entity is keyed by the client, by reading the row
 * when that is one indexed read, and otherwise to every client of the change's
 * organisation subtree (rarer entities: regenerating a few too many is safe).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "domain/localtime.h"
#include "export/bundle_fs.h"
#include "export/bundle_run.h"
#include "export/manifest.h"

/* Beyond this many changes a full run is as cheap as sorting them out. */
#define MAX_CHANGES 200000
#define MAX_ORGS 64
#define PAGE 1000

/* Entities keyed by their client (entity_id is the client id). */
static const char *const by_client[] = {"client", "dlu", "home", "escalation_plan"};
/* Entities never printed in a record, or printed through another entity's change
 * (a clock event updates its visit). */
static const char *const ignored[] = {
	"account",      "role",         "person_link", "session", "device",
	"device_model", "alarm_event",  "clock_event", "worker",  "worker_absence",
	"round",        "org_settings", "idempotency",
};

static bool
in(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/* The client a change is about: NULL when it cannot be read cheaply (*unknown set)
 * or when the row is gone. */
static const char *
client_of(struct lia_conn *c, struct lia_arena *a, const struct lia_change *ch, bool *unknown)
{
	const char *e = ch->entity, *id = ch->entity_id;
	*unknown = false;
	if (in(e, by_client, sizeof by_client / sizeof *by_client))
		return id;
	int st = LIA_STORE_NOT_FOUND;
	const char *client = NULL;
	if (!strcmp(e, "entry")) {
		struct lia_entry x;
		if ((st = c->ops->entry_get(c, a, id, &x)) == LIA_STORE_OK)
			client = x.client_id;
	} else if (!strcmp(e, "visit")) {
		struct lia_visit x;
		if ((st = c->ops->visit_get(c, a, id, &x)) == LIA_STORE_OK)
			client = x.client_id;
	} else if (!strcmp(e, "prescription")) {
		struct lia_prescription x;
		if ((st = c->ops->prescription_get(c, a, id, &x)) == LIA_STORE_OK)
			client = x.client_id;
	} else if (!strcmp(e, "alert")) {
		struct lia_alert x;
		if ((st = c->ops->alert_get(c, a, id, &x)) == LIA_STORE_OK)
			client = x.client_id;
	} else if (!strcmp(e, "circle_member")) {
		struct lia_circle_member x;
		if ((st = c->ops->circle_get(c, a, id, &x)) == LIA_STORE_OK)
			client = x.client_id;
	} else if (!strcmp(e, "transfer")) {
		struct lia_transfer x;
		if ((st = c->ops->transfer_get(c, a, id, &x)) == LIA_STORE_OK)
			client = x.client_id;
	} else {
		*unknown = true;
		return NULL;
	}
	if (st != LIA_STORE_OK && st != LIA_STORE_NOT_FOUND)
		*unknown = true; /* could not tell: be safe */
	return client;
}

/* Marks the jobs the changes after `after` touch. Returns 0, 1 when everything must
 * be regenerated, -1 on a store failure. */
static int
mark_touched(struct lia_bundle_run *r, int64_t after)
{
	char *orgs[MAX_ORGS];
	int norgs = 0, rc = 0;
	int64_t seen = 0;
	struct lia_arena *keep = lia_arena_new();
	while (after < r->head && rc == 0) {
		struct lia_arena *a = lia_arena_new();
		struct lia_change *items = NULL;
		size_t n = 0;
		int st = r->conn->ops->changes_since(r->conn, a, after, PAGE, &items, &n);
		if (st != LIA_STORE_OK) {
			lia_bundle_fail(r, "cannot read the change feed (%s)",
					lia_store_status_name(st));
			rc = -1;
		}
		for (size_t i = 0; i < n && rc == 0 && items[i].seq <= r->head; i++) {
			const struct lia_change *ch = &items[i];
			if (++seen > MAX_CHANGES) {
				rc = 1;
				break;
			}
			if (in(ch->entity, ignored, sizeof ignored / sizeof *ignored))
				continue;
			bool unknown;
			const char *client = client_of(r->conn, a, ch, &unknown);
			if (client) {
				struct lia_bundle_job *j = lia_bundle_find(r, client);
				if (j)
					j->touched = true;
			} else if (unknown) {
				if (!ch->org_id || !*ch->org_id || norgs == MAX_ORGS) {
					rc = 1;
					break;
				}
				bool dup = false;
				for (int k = 0; k < norgs; k++)
					dup = dup || !strcmp(orgs[k], ch->org_id);
				if (!dup)
					orgs[norgs++] = lia_arena_printf(keep, "/%s/", ch->org_id);
			}
		}
		after = n ? items[n - 1].seq : r->head;
		lia_arena_free(a);
	}
	/* An organisation-level change touches every client of its subtree: their path
	 * holds "/<org id>/". */
	for (size_t i = 0; i < r->njobs && rc == 0; i++)
		for (int k = 0; k < norgs && !r->jobs[i].touched; k++)
			if (r->jobs[i].cl->org_path && strstr(r->jobs[i].cl->org_path, orgs[k]))
				r->jobs[i].touched = true;
	lia_arena_free(keep);
	return rc;
}

static bool
generated_today(struct lia_bundle_run *r, const cJSON *entry)
{
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(entry, "generated_at");
	int64_t us;
	char date[11], hms[9];
	return cJSON_IsString(g) && lia_time_parse(g->valuestring, &us) &&
	       lia_local_format(r->tz, us, date, hms) && !strcmp(date, r->today);
}

static bool
str_is(const cJSON *obj, const char *key, const char *want)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) && !strcmp(v->valuestring, want);
}

int
lia_bundle_plan_incremental(struct lia_bundle_run *r)
{
	r->prevfd = openat(r->orgfd, "latest", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->prevfd < 0) {
		lia_log(LIA_LOG_INFO, "export.full", "org=%s reason=no_previous_bundle", r->org.id);
		return 0;
	}
	char why[256];
	const unsigned char *pk = r->o->signing_key + crypto_sign_SEEDBYTES;
	r->prev = lia_manifest_load(r->prevfd, pk, why, sizeof why);
	const cJSON *seq = r->prev ? cJSON_GetObjectItemCaseSensitive(r->prev, "change_seq") : NULL;
	const cJSON *org = r->prev ? cJSON_GetObjectItemCaseSensitive(r->prev, "org") : NULL;
	if (!r->prev || !cJSON_IsNumber(seq) || !str_is(org, "id", r->org.id) ||
	    !str_is(r->prev, "profile", r->o->profile) ||
	    !str_is(r->prev, "lang", r->o->french ? "fr" : "en")) {
		lia_log(LIA_LOG_WARN, "export.full", "org=%s reason=\"%s\"", r->org.id,
			r->prev ? "previous bundle made with other options" : why);
		return 0;
	}
	int m = mark_touched(r, (int64_t)seq->valuedouble);
	if (m < 0)
		return -1;
	if (m > 0) {
		lia_log(LIA_LOG_INFO, "export.full", "org=%s reason=too_many_changes", r->org.id);
		return 0;
	}
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(r->prev, "files"))
	{
		const cJSON *cid = cJSON_GetObjectItemCaseSensitive(f, "client_id");
		const cJSON *path = cJSON_GetObjectItemCaseSensitive(f, "path");
		const cJSON *sha = cJSON_GetObjectItemCaseSensitive(f, "sha256");
		if (!cJSON_IsString(cid) || !cJSON_IsString(path) || !cJSON_IsString(sha) ||
		    !lia_manifest_path_ok(path->valuestring))
			continue;
		struct lia_bundle_job *j = lia_bundle_find(r, cid->valuestring);
		if (!j || j->touched)
			continue;
		char want[128];
		bool rec = str_is(f, "kind", "record");
		snprintf(want, sizeof want, "%s/%s.pdf", rec ? "clients" : "dlu", j->base);
		if (strcmp(want, path->valuestring) != 0 || !generated_today(r, f)) {
			j->touched = true; /* renamed or stale: render both files */
			continue;
		}
		if (rec)
			j->prev_rec = f;
		else if (str_is(f, "kind", "dlu"))
			j->prev_dlu = f;
	}
	for (size_t i = 0; i < r->njobs; i++)
		if (r->jobs[i].touched)
			r->jobs[i].prev_rec = r->jobs[i].prev_dlu = NULL;
	return 0;
}
