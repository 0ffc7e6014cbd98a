/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The storage contract. One struct of operations, filled in by each backend plugin
 * (sqlite/sq_plugin.c, pg/pg_plugin.c) with one file per operation on each side
 * (sq_<op>.c, pg_<op>.c; scripts/check-store-ops.sh fails the build when an
 * operation exists on one side only). Handlers cannot tell the backends apart.
 *
 * Threads: a struct lia_store is shared; a struct lia_conn belongs to one thread at
 * a time. Reads may run outside a transaction. Writes run inside lia_store_write(),
 * which takes the database's single write lock (SQLite BEGIN IMMEDIATE; PostgreSQL a
 * session advisory lock, then a SERIALIZABLE transaction), so that the audit chain
 * and the change feed get one total order, and retries on busy / serialization
 * failures.
 *
 * Every operation returns an enum lia_store_status. Records read are allocated from
 * the arena given to the call (see records.h for ownership).
 */
#ifndef LIA_STORE_STORE_H
#define LIA_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/records.h"

enum lia_store_status {
	LIA_STORE_OK = 0,
	LIA_STORE_NOT_FOUND,   /* no such row */
	LIA_STORE_CONFLICT,    /* a unique key already exists */
	LIA_STORE_STALE,       /* expected version differs from the stored one */
	LIA_STORE_RETRY,       /* busy / serialization failure: the tx runner retries */
	LIA_STORE_ERROR,       /* anything else: logged by the backend with file:line */
};

struct lia_conn;

/* Callback used by the scan operations; return non-zero to stop early. */
typedef int (*lia_audit_scan_cb)(const struct lia_audit_entry *e, void *cls);

struct lia_store_ops {
	const char *name; /* "sqlite" or "postgresql" */

	/* ---- connection and transactions (sq_conn.c / pg_conn.c) ---- */
	/* Opens a connection for url (a file path for SQLite, a postgresql:// URL). */
	int (*conn_open)(const char *url, struct lia_conn **out);
	/* NULL is a no-op. */
	void (*conn_close)(struct lia_conn *c);
	/* Takes the write lock and begins a transaction. */
	int (*begin_write)(struct lia_conn *c);
	/* Commits durably: returns only after the commit is on disk. */
	int (*commit)(struct lia_conn *c);
	/* Commits without waiting for the disk: the transaction is visible and survives a
	 * crash of the process, but is durable only once sync() has returned after it.
	 * Lets the group committer start the next batch while the disk flushes. */
	int (*commit_nosync)(struct lia_conn *c);
	/* Makes every transaction committed on this database so far durable. May be
	 * called from another thread while c is in use (it touches only what conn_open
	 * set); no-op where commit_nosync is already durable (PostgreSQL). */
	int (*sync)(struct lia_conn *c);
	/* Copies committed changes from the log into the database file so that the log
	 * can be reused (SQLite WAL). Runs beside writers, on its own connection; a
	 * no-op where the database does this itself. */
	int (*checkpoint)(struct lia_conn *c);
	void (*rollback)(struct lia_conn *c);
	/* Nested savepoint "sp" inside a write transaction, for group commit. */
	int (*savepoint)(struct lia_conn *c);
	int (*savepoint_release)(struct lia_conn *c);
	int (*savepoint_rollback)(struct lia_conn *c);

	/* ---- schema ---- */
	/* Applies every migration not yet applied, each in its own transaction;
	 * *applied receives how many ran. */
	int (*migrate)(struct lia_conn *c, int *applied);
	/* Highest applied migration number (0 on an empty database). */
	int (*schema_version)(struct lia_conn *c, int *version);
	/* A cheap round trip: the database answers. */
	int (*ping)(struct lia_conn *c);

	/* ---- key/value settings of the installation (meta table) ---- */
	int (*meta_get)(struct lia_conn *c, struct lia_arena *a, const char *key, const char **value);
	int (*meta_set)(struct lia_conn *c, const char *key, const char *value);

	/* ---- organisations ---- */
	/* Inserts; o->path must already be set (parent path + id + "/"). CONFLICT on same id. */
	int (*org_insert)(struct lia_conn *c, const struct lia_org *o);
	int (*org_get)(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_org *out);
	/* All organisations whose path starts with path_prefix, ordered by path. */
	int (*org_list)(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
			struct lia_org **items, size_t *n);

	/* ---- accounts, roles, person links ---- */
	/* CONFLICT when the login exists. */
	int (*account_insert)(struct lia_conn *c, const struct lia_account *acc);
	int (*account_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			   struct lia_account *out);
	int (*account_get_by_login)(struct lia_conn *c, struct lia_arena *a, const char *login,
				    struct lia_account *out);
	/* Records a failed login: failed_logins += 1 and sets locked_until. */
	int (*account_login_failed)(struct lia_conn *c, const char *id, int64_t locked_until);
	/* Records a successful login: failed_logins = 0, locked_until = 0. */
	int (*account_login_ok)(struct lia_conn *c, const char *id);
	/* CONFLICT when (account, org, role) exists. */
	int (*role_insert)(struct lia_conn *c, const struct lia_role *r);
	/* NOT_FOUND when no such role id for that account. */
	int (*role_delete)(struct lia_conn *c, const char *account_id, const char *role_id);
	/* Roles of an account with their org path, ordered by org path then role. */
	int (*role_list)(struct lia_conn *c, struct lia_arena *a, const char *account_id,
			 struct lia_role **items, size_t *n);
	/* CONFLICT when (client, account, relation) exists. */
	int (*person_link_insert)(struct lia_conn *c, const struct lia_person_link *l);
	/* Links of a person account, ordered by client id. */
	int (*person_link_list)(struct lia_conn *c, struct lia_arena *a, const char *account_id,
				struct lia_person_link **items, size_t *n);

	/* ---- sessions ---- */
	int (*session_insert)(struct lia_conn *c, const struct lia_session *s);
	/* NOT_FOUND when absent (expiry and revocation are the caller's to check). */
	int (*session_get)(struct lia_conn *c, struct lia_arena *a, const char *token_hash,
			   struct lia_session *out);
	int (*session_revoke)(struct lia_conn *c, const char *token_hash, int64_t at);
	/* Deletes sessions that expired before `before`; *deleted receives the count. */
	int (*session_purge)(struct lia_conn *c, int64_t before, int64_t *deleted);

	/* ---- clients ---- */
	/* CONFLICT when the id or the INS matricule exists. */
	int (*client_insert)(struct lia_conn *c, const struct lia_client *cl);
	int (*client_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			  struct lia_client *out);
	/* Writes every column of cl (but id, org_id, created_at) where the stored version
	 * equals expected_version, and sets version = expected_version + 1.
	 * STALE when the version differs, NOT_FOUND when no such id, CONFLICT on INS. */
	int (*client_update)(struct lia_conn *c, const struct lia_client *cl,
			     int64_t expected_version);
	/* Clients in scope matching the query, in (name_key, id) order. */
	int (*client_search)(struct lia_conn *c, struct lia_arena *a,
			     const struct lia_client_query *q, struct lia_client **items,
			     size_t *n);
	/* A client in scope with the same identity_key or INS matricule (either may be
	 * NULL), other than except_id; NOT_FOUND when none. Only out->id is set. */
	int (*client_find_duplicate)(struct lia_conn *c, struct lia_arena *a,
				     const char *const *scope_paths, int nscope,
				     const char *identity_key, const char *ins_matricule,
				     const char *except_id, struct lia_client *out);
	/* Number of clients (demo loader, readiness). */
	int (*client_count)(struct lia_conn *c, int64_t *n);

	/* ---- audit journal (hash chain, see audit_chain.h) ---- */
	/* Appends entries in order inside the current write transaction: sets each
	 * entry's seq, prev_hash and hash, and moves the chain head. */
	int (*audit_append)(struct lia_conn *c, struct lia_audit_entry *entries, size_t n);
	/* The chain head: last seq and its hash (seq 0 and 64 zeros when empty). */
	int (*audit_head)(struct lia_conn *c, int64_t *seq, char hash[LIA_HASH_HEX_LEN + 1]);
	/* Calls cb for every entry with seq > after_seq in seq order, streaming. */
	int (*audit_scan)(struct lia_conn *c, int64_t after_seq, lia_audit_scan_cb cb, void *cls);
	/* Entries about one client, newest first, with seq < before_seq (0: from the top). */
	int (*audit_list_client)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				 int64_t before_seq, int limit, struct lia_audit_entry **items,
				 size_t *n);

	/* ---- change feed ---- */
	/* Changes with seq > after_seq in seq order, at most limit. */
	int (*changes_since)(struct lia_conn *c, struct lia_arena *a, int64_t after_seq, int limit,
			     struct lia_change **items, size_t *n);
	/* The highest seq of the feed (0 when empty): where a reader that has seen
	 * everything so far resumes (antenna bundles record it). */
	int (*changes_head)(struct lia_conn *c, int64_t *seq);

	/* ---- care circle (0002) ---- */
	/* CONFLICT on the same id. Appends a change ("circle_member", insert). */
	int (*circle_insert)(struct lia_conn *c, const struct lia_circle_member *m);
	/* Sets ends_on where the stored version equals expected_version (version + 1);
	 * STALE or NOT_FOUND otherwise. Appends a change (update). */
	int (*circle_end)(struct lia_conn *c, const char *id, const char *ends_on,
			  int64_t expected_version);
	/* Every member of a client, past and present, with member_org_path; ordered by
	 * starts_on, then id. */
	int (*circle_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			   struct lia_circle_member **items, size_t *n);
	int (*circle_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			  struct lia_circle_member *out);

	/* ---- consent (0002) ---- */
	/* Appends a change ("consent", insert). */
	int (*consent_insert)(struct lia_conn *c, const struct lia_consent *k);
	/* Sets revoked_at (once: a second revocation is NOT_FOUND). Appends a change. */
	int (*consent_revoke)(struct lia_conn *c, const char *id, int64_t at);
	/* Every consent of a client, with grantee_org_path; ordered by created_at, id. */
	int (*consent_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			    struct lia_consent **items, size_t *n);

	/* ---- break-the-glass (0002) ---- */
	int (*break_glass_insert)(struct lia_conn *c, const struct lia_break_glass *b);
	/* Accesses of one client, newest first (account_id NULL: all accounts). */
	int (*break_glass_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				const char *account_id, struct lia_break_glass **items, size_t *n);

	/* ---- notebook (0002) ---- */
	/* CONFLICT when the id exists or another entry already supersedes the same one.
	 * Appends a change ("entry", insert). */
	int (*entry_insert)(struct lia_conn *c, const struct lia_entry *e);
	/* With superseded_by. */
	int (*entry_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			 struct lia_entry *out);
	/* Entries of q->client_id matching the filters, newest first (id descending),
	 * with superseded_by. */
	int (*entry_list)(struct lia_conn *c, struct lia_arena *a, const struct lia_entry_query *q,
			  struct lia_entry **items, size_t *n);
	/* The reader's marker: NOT_FOUND when the reader never opened the notebook. */
	int (*read_marker_get)(struct lia_conn *c, struct lia_arena *a, const char *account_id,
			       const char *client_id, const char **last_read_id);
	/* Moves the marker forward only (an older id leaves it as it is). */
	int (*read_marker_set)(struct lia_conn *c, const char *account_id, const char *client_id,
			       const char *org_id, const char *last_read_id, int64_t at);
	/* CONFLICT when this account already acknowledged the entry. */
	int (*ack_insert)(struct lia_conn *c, const struct lia_ack *k);
	/* Acknowledgements of a client's entries, ordered by entry, then time. */
	int (*ack_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			struct lia_ack **items, size_t *n);

	/* ---- attachments (0002) ---- */
	int (*attachment_insert)(struct lia_conn *c, const struct lia_attachment *t);
	/* Copies the ciphertext into the arena. */
	int (*attachment_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			      struct lia_attachment *out);
	/* Attachments of an entry without their content, ordered by created_at, id. */
	int (*attachment_list)(struct lia_conn *c, struct lia_arena *a, const char *entry_id,
			       struct lia_attachment **items, size_t *n);
	/* Attachments of client_id's entries with ids in [from_entry_id, to_entry_id],
	 * without content, ordered by entry_id, then (created_at, id): a notebook page's
	 * attachments in one query. */
	int (*attachment_list_range)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				     const char *from_entry_id, const char *to_entry_id,
				     struct lia_attachment **items, size_t *n);
	/* Links an unlinked attachment of the same client to an entry; NOT_FOUND when the
	 * attachment does not exist, is another client's, or is already linked. */
	int (*attachment_link)(struct lia_conn *c, const char *id, const char *client_id,
			       const char *entry_id);

	/* ---- planning (0003) ----
	 * Every write below appends one change-feed row (entity in quotes) in the same
	 * transaction; versioned updates are STALE when the stored version differs and
	 * NOT_FOUND when there is no such row, and add 1 to the version. */
	/* The node's own settings (no inheritance here); NOT_FOUND when it has none. */
	int (*org_settings_get)(struct lia_conn *c, struct lia_arena *a, const char *org_id,
				struct lia_org_settings *out);
	/* Inserts (expected_version 0) or replaces at expected_version. "org_settings". */
	int (*org_settings_put)(struct lia_conn *c, const struct lia_org_settings *s,
				int64_t expected_version);

	/* "grant" insert. */
	int (*grant_insert)(struct lia_conn *c, const struct lia_grant *g);
	/* Sets ends_on at expected_version. "grant" update. */
	int (*grant_end)(struct lia_conn *c, const char *id, const char *ends_on,
			 int64_t expected_version);
	/* A client's grants, ordered by starts_on, then id. */
	int (*grant_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			  struct lia_grant **items, size_t *n);

	/* CONFLICT when (series_id, seq) exists. "intervention" insert. */
	int (*intervention_insert)(struct lia_conn *c, const struct lia_intervention *iv);
	/* Sets valid_until at expected_version. "intervention" update. */
	int (*intervention_close)(struct lia_conn *c, const char *id, const char *valid_until,
				  int64_t expected_version);
	/* Every version of a client's interventions, ordered by series_id, then seq. */
	int (*intervention_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				 struct lia_intervention **items, size_t *n);

	/* Clients with an intervention version open on or after date `from` (valid_until
	 * NULL or later), client_id > after (NULL: from the start), ordered by
	 * client_id, at most limit. */
	int (*plan_clients)(struct lia_conn *c, struct lia_arena *a, const char *from,
			    const char *after, int limit, struct lia_plan_client **items,
			    size_t *n);

	/* "absence" insert. */
	int (*absence_insert)(struct lia_conn *c, const struct lia_absence *ab);
	/* Sets cancelled_at once (NOT_FOUND when absent or already cancelled). */
	int (*absence_cancel)(struct lia_conn *c, const char *id, int64_t at);
	/* A client's absences, cancelled ones included, ordered by starts_on, then id. */
	int (*absence_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			    struct lia_absence **items, size_t *n);

	/* NOT_FOUND when the client has no home record. */
	int (*home_get)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			struct lia_home *out);
	/* Inserts (expected_version 0; CONFLICT when one exists) or replaces. "home". */
	int (*home_put)(struct lia_conn *c, const struct lia_home *h, int64_t expected_version);

	/* Inserts (expected_version 0; CONFLICT when one exists) or replaces the profile
	 * columns. "worker". */
	int (*worker_put)(struct lia_conn *c, const struct lia_worker *w, int64_t expected_version);
	/* Enabled staff accounts holding an aide, aide_soignant or nurse role on a node
	 * whose path starts with path_prefix (account_id non-NULL: only that account),
	 * with their profile; ordered by account id, each account once. */
	int (*worker_list)(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
			   const char *account_id, struct lia_worker **items, size_t *n);
	/* "worker_absence" insert. */
	int (*worker_absence_insert)(struct lia_conn *c, const struct lia_worker_absence *w);
	/* Absences of an account overlapping [from, to), ordered by starts_at. */
	int (*worker_absence_list)(struct lia_conn *c, struct lia_arena *a, const char *account_id,
				   int64_t from, int64_t to, struct lia_worker_absence **items,
				   size_t *n);

	/* "round" insert. */
	int (*round_insert)(struct lia_conn *c, const struct lia_round *r);
	int (*round_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			 struct lia_round *out);
	/* Rounds of organisations under path_prefix on a date, ordered by name, id. */
	int (*round_list)(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
			  const char *round_date, struct lia_round **items, size_t *n);

	/* CONFLICT when the id or (series_id, occurrence_date) exists. "visit" insert. */
	int (*visit_insert)(struct lia_conn *c, const struct lia_visit *v);
	int (*visit_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			 struct lia_visit *out);
	/* Writes every column but id, org_id, client_id, series_id, occurrence_date and
	 * created_at at expected_version. "visit" update. */
	int (*visit_update)(struct lia_conn *c, const struct lia_visit *v, int64_t expected_version);
	int (*visit_list)(struct lia_conn *c, struct lia_arena *a, const struct lia_visit_query *q,
			  struct lia_visit **items, size_t *n);
	/* Visits waiting for a vigilance look, planned_start in [from, to), across all
	 * organisations: status planned with no late alert, or in_progress with no
	 * overdue alert. Ordered by planned_start, id; at most limit. */
	int (*visit_list_vigilance)(struct lia_conn *c, struct lia_arena *a, int64_t from,
				    int64_t to, int limit, struct lia_visit **items, size_t *n);

	/* "clock_event" insert. */
	int (*clock_event_insert)(struct lia_conn *c, const struct lia_clock_event *e);
	/* A visit's events in server_at, id order. */
	int (*clock_event_list)(struct lia_conn *c, struct lia_arena *a, const char *visit_id,
				struct lia_clock_event **items, size_t *n);

	/* CONFLICT when the id or the dedup_key exists. "alert" insert. */
	int (*alert_insert)(struct lia_conn *c, const struct lia_alert *al);
	int (*alert_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			 struct lia_alert *out);
	/* Writes state, acknowledged_*, resolved_*, in_progress_at, outcome, note,
	 * escalation and escalation_due_at at expected_version. "alert" update. Both
	 * insert and update also append an alert_events row (kind al->event, else
	 * "raised" / the new state) with the alert's new version. */
	int (*alert_update)(struct lia_conn *c, const struct lia_alert *al, int64_t expected_version);
	/* Newest first: (raised_at, id) descending. */
	int (*alert_list)(struct lia_conn *c, struct lia_arena *a, const struct lia_alert_query *q,
			  struct lia_alert **items, size_t *n);

	/* Alerts whose escalation_due_at is in (0, now], ordered by escalation_due_at,
	 * id; at most limit. */
	int (*alert_list_escalation_due)(struct lia_conn *c, struct lia_arena *a, int64_t now,
					 int limit, struct lia_alert **items, size_t *n);
	/* The alert log after seq `after`, in seq order, each with its alert as it is
	 * now, limited to alerts whose org path starts with one of scope_paths; at most
	 * limit. */
	int (*alert_events_since)(struct lia_conn *c, struct lia_arena *a, int64_t after,
				  const char *const *scope_paths, int nscope, int limit,
				  struct lia_alert_event **items, size_t *n);
	/* The highest seq of the alert log (0 when empty). */
	int (*alert_events_last)(struct lia_conn *c, int64_t *seq);
	/* One alert's log in seq order (without the alert copy). */
	int (*alert_event_list)(struct lia_conn *c, struct lia_arena *a, const char *alert_id,
				struct lia_alert_event **items, size_t *n);

	/* ---- alarms: devices, models, received events, escalation plans ---- */
	/* Every alarm type, ordered by type. */
	int (*alarm_type_list)(struct lia_conn *c, struct lia_arena *a,
			       struct lia_alarm_type **items, size_t *n);
	/* The type a model gives to (protocol, code): the model's own mapping, else the
	 * "generic" model's. NOT_FOUND when neither maps it. */
	int (*device_code_lookup)(struct lia_conn *c, struct lia_arena *a, const char *model_id,
				  const char *protocol, const char *code, struct lia_alarm_type *out);
	/* Every model with its codes, ordered by id. */
	int (*device_model_list)(struct lia_conn *c, struct lia_arena *a,
				 struct lia_device_model **items, size_t *n);
	int (*device_model_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
				struct lia_device_model *out);
	/* Inserts the model (expected_version 0) or updates its label at expected_version,
	 * and replaces its codes with m->codes. CONFLICT when expected_version is 0 and
	 * the model exists. "device_model" insert/update (org_id "" in the feed). */
	int (*device_model_put)(struct lia_conn *c, const struct lia_device_model *m,
				int64_t expected_version);

	/* CONFLICT when the id or the account exists. "device" insert. */
	int (*device_insert)(struct lia_conn *c, const struct lia_device *d);
	int (*device_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			  struct lia_device *out);
	int (*device_by_account)(struct lia_conn *c, struct lia_arena *a, const char *account,
				 struct lia_device *out);
	/* Writes client_id, protocol, model_id, label, key_sealed, key_format,
	 * supervision_s and active at expected_version; CONFLICT is not possible (the
	 * account does not change). "device" update. */
	int (*device_update)(struct lia_conn *c, const struct lia_device *d,
			     int64_t expected_version);
	/* Sets last_seen_at (only forward) and last_path. Not versioned, no change-feed
	 * row: it is the link's heartbeat, written for every frame. */
	int (*device_touch)(struct lia_conn *c, const char *id, int64_t at, const char *path);
	/* Sets silent_alert_at (not versioned). */
	int (*device_mark_silent)(struct lia_conn *c, const char *id, int64_t at);
	int (*device_list)(struct lia_conn *c, struct lia_arena *a, const struct lia_device_query *q,
			   struct lia_device **items, size_t *n);
	/* Active supervised devices silent too long: last_seen_at + supervision_s +
	 * grace_s < now (last_seen_at 0 counts from created_at) and silent_alert_at <
	 * that last_seen_at (one alert per silence; silent_alert_at 0 with last_seen_at 0
	 * also qualifies). Ordered by id; at most limit. */
	int (*device_list_silent)(struct lia_conn *c, struct lia_arena *a, int64_t now,
				  int64_t grace_s, int limit, struct lia_device **items, size_t *n);

	/* "alarm_event" insert. CONFLICT when the id exists. */
	int (*alarm_event_insert)(struct lia_conn *c, const struct lia_alarm_event *e);
	/* The event of device with (seq, fingerprint) received at or after `since`;
	 * NOT_FOUND when none. */
	int (*alarm_event_find)(struct lia_conn *c, struct lia_arena *a, const char *device_id,
				int64_t seq, int64_t fingerprint, int64_t since,
				struct lia_alarm_event *out);
	/* A device's events, newest first (received_at, id descending), received_at <
	 * before (0: no bound); at most limit. */
	int (*alarm_event_list)(struct lia_conn *c, struct lia_arena *a, const char *device_id,
				int64_t before, int limit, struct lia_alarm_event **items,
				size_t *n);

	int (*escalation_plan_get)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				   struct lia_escalation_plan *out);
	/* Inserts (expected_version 0; CONFLICT when a plan exists) or replaces steps at
	 * expected_version. "escalation_plan" insert/update (entity_id the client id). */
	int (*escalation_plan_put)(struct lia_conn *c, const struct lia_escalation_plan *p,
				   int64_t expected_version);
	/* A received event and the alert it raises (al; NULL: none) at once, unless it
	 * repeats one: when the device has an event with e's (seq, fingerprint) received
	 * at or after dup_since (alarm_event_find), nothing is written, *dup is true and
	 * e->alert_id is that event's alert_id (in a). Otherwise al goes in as
	 * alert_insert puts it unless its id or dedup_key is taken (then *raised is false
	 * and nothing of it is written), then e as alarm_event_insert puts it, with
	 * e->alert_id set here to al->id when al went in, else NULL. CONFLICT when e->id
	 * exists: the caller must roll back to its savepoint. */
	int (*alarm_record)(struct lia_conn *c, struct lia_arena *a, const struct lia_alert *al,
			    struct lia_alarm_event *e, int64_t dup_since, bool *dup, bool *raised);
	/* *last_seq: the change feed's highest seq (0 when empty); *changed: whether a
	 * "device", "device_model" or "escalation_plan" change has seq > after_seq (it
	 * may also be true when very many changes of any kind follow after_seq: the
	 * cost stays bounded, and reading again is always safe). For the receiver's
	 * memory of devices, code tables and plans. */
	int (*alarm_config_since)(struct lia_conn *c, int64_t after_seq, int64_t *last_seq,
				  bool *changed);

	/* ---- medication ---- */
	/* CONFLICT when the id or (series_id, seq) exists. "prescription" insert. */
	int (*prescription_insert)(struct lia_conn *c, const struct lia_prescription *p);
	/* Writes valid_until, end_reason, end_note and ended_by of version p->id at
	 * expected_version. "prescription" update. */
	int (*prescription_close)(struct lia_conn *c, const struct lia_prescription *p,
				  int64_t expected_version);
	int (*prescription_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
				struct lia_prescription *out);
	/* Every version of a client's prescriptions, ordered by series_id, then seq. */
	int (*prescription_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				 struct lia_prescription **items, size_t *n);
	/* Clients with a prescription version still in force (valid_until 0),
	 * client_id > after (NULL: from the start), ordered by client_id, at most limit. */
	int (*medication_clients)(struct lia_conn *c, struct lia_arena *a, const char *after,
				  int limit, struct lia_medication_client **items, size_t *n);

	/* Replaces a client's doses due at or after `from` with items (their alerted_at
	 * is ignored: new doses are not alerted). Derived data: no change-feed row. */
	int (*dose_replace)(struct lia_conn *c, const char *client_id, int64_t from,
			    const struct lia_dose *items, size_t n);
	/* A client's doses with due_at in [from, to), ordered by due_at, series_id. */
	int (*dose_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			 int64_t from, int64_t to, struct lia_dose **items, size_t *n);
	/* Doses of every client with due_at in [from, to), not alerted and with no
	 * administration recorded for them; ordered by due_at, series_id; at most limit. */
	int (*dose_list_vigilance)(struct lia_conn *c, struct lia_arena *a, int64_t from,
				   int64_t to, int limit, struct lia_dose **items, size_t *n);
	/* Sets alerted_at once (NOT_FOUND when absent or already alerted). */
	int (*dose_mark_alerted)(struct lia_conn *c, const char *series_id, int64_t due_at,
				 int64_t at);

	/* CONFLICT when the id exists, or a scheduled dose (series_id, due_at != 0) is
	 * already recorded. "administration" insert. */
	int (*administration_insert)(struct lia_conn *c, const struct lia_administration *ad);
	/* A client's records with slot_at in [from, to), ordered by slot_at, id. */
	int (*administration_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
				   int64_t from, int64_t to, struct lia_administration **items,
				   size_t *n);

	/* CONFLICT when the id exists or `supersedes` is already superseded.
	 * "pill_organiser" insert. */
	int (*organiser_insert)(struct lia_conn *c, const struct lia_organiser *o);
	/* A client's preparations with week_start in [from_week, to_week] (dates),
	 * ordered by week_start, prepared_at, id. */
	int (*organiser_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			      const char *from_week, const char *to_week,
			      struct lia_organiser **items, size_t *n);

	/* ---- emergency liaison file (0006) ---- */
	/* NOT_FOUND when the client has no DLU yet. */
	int (*dlu_get)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		       struct lia_dlu *out);
	/* Inserts (expected_version 0; CONFLICT when one exists) or replaces data at
	 * expected_version. "dlu" insert/update (entity_id the client id). */
	int (*dlu_put)(struct lia_conn *c, const struct lia_dlu *d, int64_t expected_version);
	/* CONFLICT when the id exists. "transfer" insert. */
	int (*transfer_insert)(struct lia_conn *c, const struct lia_transfer *t);
	int (*transfer_get)(struct lia_conn *c, struct lia_arena *a, const char *id,
			    struct lia_transfer *out);
	/* A client's transfers, newest first (created_at, id descending), at most limit. */
	int (*transfer_list)(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			     int limit, struct lia_transfer **items, size_t *n);

	/* ---- idempotency keys ---- */
	int (*idempotency_get)(struct lia_conn *c, struct lia_arena *a, const char *account_id,
			       const char *key, struct lia_idempotency *out);
	int (*idempotency_put)(struct lia_conn *c, const struct lia_idempotency *rec);
};

/* Every connection starts with this header; backends embed it as first member. */
struct lia_conn {
	const struct lia_store_ops *ops;
};

/* The plugins. */
extern const struct lia_store_ops lia_store_sqlite;
extern const struct lia_store_ops lia_store_pg;

/* Picks the plugin for a database URL: "postgresql://" or "postgres://" (and libpq
 * "host=..." strings) select PostgreSQL, anything else is a SQLite file path. */
const struct lia_store_ops *lia_store_ops_for(const char *url);

/* Opens a connection with the right plugin. */
int lia_store_connect(const char *url, struct lia_conn **out);

/* A unit of write work run inside a transaction. Returns a store status; any status
 * other than OK rolls the whole transaction back. cls is the caller's. */
typedef int (*lia_store_write_fn)(struct lia_conn *c, void *cls);

/* Runs fn in a write transaction and commits durably, retrying the whole transaction
 * (up to a bound, with back-off) on LIA_STORE_RETRY from fn or the commit. Returns
 * fn's status, or the commit's. fn must be safe to run more than once. */
int lia_store_write(struct lia_conn *c, lia_store_write_fn fn, void *cls);
/* Same, but commits with commit_nosync: the caller must call c->ops->sync() before
 * telling anyone the write happened. */
int lia_store_write_nosync(struct lia_conn *c, lia_store_write_fn fn, void *cls);

const char *lia_store_status_name(int status);

/* An organisation by id, or by exact name as operators type it (the shell, the
 * configuration): NOT_FOUND when none, CONFLICT when several nodes share the name
 * (the caller asks for the id). */
int lia_store_org_find(struct lia_conn *c, struct lia_arena *a, const char *id_or_name,
		       struct lia_org *out);

/* True in test builds compiled with LIA_FAULT_INJECTION (see store.c). */
bool lia_store_fault_injection(void);

#endif
