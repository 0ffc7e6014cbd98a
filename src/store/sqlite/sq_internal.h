/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Private to the SQLite plugin: the connection, its cache of prepared statements
 * (each prepared once per connection, keyed by the address of the static SQL text
 * that sits next to its bindings in the operation's file), bind and column helpers,
 * the mapping of SQLite result codes to store statuses, and the change-feed append.
 * Every statement is reset right after its last step (sq_reset): an un-reset
 * statement keeps a read transaction open and the WAL then grows without bound.
 */
#ifndef LIA_STORE_SQ_INTERNAL_H
#define LIA_STORE_SQ_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/uuid.h"
#include "store/store.h"

struct sq_stmt_slot {
	const char *sql; /* the key: address of a static SQL text */
	sqlite3_stmt *st;
};

/* Storage for audit ids that audit_append generates (see sq_audit_append.c). */
#define SQ_IDS_PER_BLOCK 32
struct sq_id_block {
	struct sq_id_block *next;
	char ids[SQ_IDS_PER_BLOCK][LIA_UUID_STRLEN + 1];
};

struct sq_conn {
	struct lia_conn base; /* first member: a struct lia_conn * is a struct sq_conn * */
	sqlite3 *db;
	struct sq_stmt_slot *slots; /* open addressing; cap is a power of two */
	size_t nslots;
	size_t cap;
	int bind_rc; /* first failed bind since the last step, else SQLITE_OK */
	int in_tx;
	char *wal_path; /* DB-wal, flushed by sq_sync (set at open, then read-only) */
	struct sq_id_block *id_blocks;
	size_t ids_used; /* generated ids handed out in the current transaction */
};

static inline struct sq_conn *
sq_conn(struct lia_conn *c)
{
	return (struct sq_conn *)c;
}

/* The cached statement for sql (a static string: its address is the key), prepared
 * on first use. NULL on error, already logged with op. */
sqlite3_stmt *sq_stmt(struct sq_conn *c, const char *sql, const char *op);

/* Binds; a failure is remembered in c->bind_rc and reported by the next sq_step. */
void sq_bind_text(struct sq_conn *c, sqlite3_stmt *st, int i, const char *s);
void sq_bind_int64(struct sq_conn *c, sqlite3_stmt *st, int i, int64_t v);
/* Binds n bytes at p as a BLOB (p NULL: SQL NULL); p must outlive the step. */
static inline void
sq_bind_blob(struct sq_conn *c, sqlite3_stmt *st, int i, const void *p, size_t n)
{
	int rc = p ? sqlite3_bind_blob64(st, i, p, (sqlite3_uint64)n, SQLITE_STATIC) :
		     sqlite3_bind_null(st, i);
	if (rc != SQLITE_OK && c->bind_rc == SQLITE_OK)
		c->bind_rc = rc;
}

/* Binds v as a REAL, or SQL NULL when present is false (coordinates without a
 * fix, a distance that could not be computed). */
static inline void
sq_bind_double(struct sq_conn *c, sqlite3_stmt *st, int i, int present, double v)
{
	int rc = present ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
	if (rc != SQLITE_OK && c->bind_rc == SQLITE_OK)
		c->bind_rc = rc;
}

/* sqlite3_step, or the first bind error. */
int sq_step(struct sq_conn *c, sqlite3_stmt *st);

/* Ends a statement's use: reset and clear bindings. Call right after the last step. */
void sq_reset(sqlite3_stmt *st);

/* Steps a statement that returns no row, maps the result, resets it. */
int sq_step_done(struct sq_conn *c, sqlite3_stmt *st, const char *op);

/* Column i as a copy in a (NULL stays NULL). */
const char *sq_col_text(struct lia_arena *a, sqlite3_stmt *st, int i);
/* Column i as a double, or absent when it is SQL NULL. */
static inline double
sq_col_double(sqlite3_stmt *st, int i, double absent)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? absent : sqlite3_column_double(st, i);
}
/* Column i borrowed from the statement: valid until its next step or reset. */
const char *sq_col_borrow(sqlite3_stmt *st, int i);
/* Copies column i into buf; false (buf empty) when NULL or longer than size - 1. */
int sq_col_copy(sqlite3_stmt *st, int i, char *buf, size_t size);

/* Maps a failed SQLite result to a store status: busy/locked -> RETRY, unique or
 * primary key violation -> CONFLICT, anything else -> ERROR, logged with the
 * caller's file:line, op and SQLite's message (never bound values). */
int sq_status_at(struct sq_conn *c, int rc, const char *op, const char *file, int line);
#define sq_status(c, rc, op) sq_status_at((c), (rc), (op), __FILE__, __LINE__)

/* ERROR (logged) unless a transaction is open: operations writing several rows
 * are atomic only inside lia_store_write(). */
int sq_require_tx_at(struct sq_conn *c, const char *op, const char *file, int line);
/* After a versioned UPDATE changed no row: STALE when sql_exists ("SELECT 1 FROM t
 * WHERE id = ?1", a static string) finds id, NOT_FOUND when not. */
int sq_stale_or_missing(struct sq_conn *c, const char *sql_exists, const char *id,
			const char *op);
#define sq_require_tx(c, op) sq_require_tx_at((c), (op), __FILE__, __LINE__)

/* Appends one row to the change feed (at = now). */
int sq_change_append(struct sq_conn *c, const char *org_id, const char *entity,
		     const char *entity_id, const char *op, int64_t version);

/* Scope filters shared by client_search and client_find_duplicate: the client's
 * organisation o must lie under one of the scope paths bound at ?1..?n. */
#define SQ_MAX_SCOPES 8
#define SQ_SCOPE(i) "substr(o.path, 1, length(?" #i ")) = ?" #i
#define SQ_SCOPES_1 SQ_SCOPE(1)
#define SQ_SCOPES_2 SQ_SCOPES_1 " OR " SQ_SCOPE(2)
#define SQ_SCOPES_3 SQ_SCOPES_2 " OR " SQ_SCOPE(3)
#define SQ_SCOPES_4 SQ_SCOPES_3 " OR " SQ_SCOPE(4)
#define SQ_SCOPES_5 SQ_SCOPES_4 " OR " SQ_SCOPE(5)
#define SQ_SCOPES_6 SQ_SCOPES_5 " OR " SQ_SCOPE(6)
#define SQ_SCOPES_7 SQ_SCOPES_6 " OR " SQ_SCOPE(7)
#define SQ_SCOPES_8 SQ_SCOPES_7 " OR " SQ_SCOPE(8)

/* Columns read by sq_client_read(), from clients c joined with orgs o. */
#define SQ_CLIENT_COLS                                                              \
	"c.id, c.org_id, o.path, c.version, c.ins_matricule, c.ins_oid, "           \
	"c.identity_status, c.insi_checked_at, c.identity_document, c.birth_name, " \
	"c.birth_given_names, c.first_given_name, c.sex, c.birth_date, "            \
	"c.birth_place_code, c.used_name, c.used_given_name, c.address_line, "      \
	"c.postal_code, c.city, c.phone, c.gir, c.name_key, c.used_name_key, "      \
	"c.identity_key, c.created_at, c.updated_at"
void sq_client_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_client *out);

/* Columns read by sq_audit_read(), from audit. */
#define SQ_AUDIT_COLS                                                                  \
	"seq, id, org_id, at, actor_id, actor_role, on_behalf_of, action, client_id, " \
	"object_id, ip, request_id, outcome, detail, prev_hash, hash"
/* a NULL: strings are borrowed from the statement. */
void sq_audit_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_audit_entry *out);

#define SQ_ACCOUNT_COLS                                                                   \
	"id, org_id, login, password_hash, kind, display_name, disabled, failed_logins, " \
	"locked_until, version, created_at"
void sq_account_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_account *out);

/* Columns read by sq_circle_read(), from care_circle m left-joined with orgs o on
 * the member organisation. */
#define SQ_CIRCLE_COLS                                                         \
	"m.id, m.org_id, m.client_id, m.account_id, m.member_org_id, o.path, " \
	"m.circle_role, m.starts_on, m.ends_on, m.version, m.created_at"
void sq_circle_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_circle_member *out);

/* Columns read by sq_entry_read(), from notebook_entries e left-joined with the
 * entry s that supersedes it (at most one: unique index notebook_supersedes). */
#define SQ_ENTRY_COLS                                                                     \
	"e.id, e.org_id, e.client_id, e.kind, e.category, e.audience, e.urgent, e.text, " \
	"e.target, e.data, e.actions, e.results, e.author_id, e.author_role, e.fact_at, " \
	"e.written_at, e.visit_id, e.reply_to, e.results_for, e.supersedes, "             \
	"e.correction_reason, e.tags, s.id"
#define SQ_ENTRY_FROM " FROM notebook_entries e LEFT JOIN notebook_entries s ON s.supersedes = e.id"
void sq_entry_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_entry *out);

/* Columns read by sq_attachment_read(), from attachments: everything but the
 * ciphertext (left NULL, length 0). */
#define SQ_ATTACHMENT_COLS                                                        \
	"id, org_id, client_id, entry_id, category, content_type, size, sha256, " \
	"created_by, created_at"
#define SQ_ATTACHMENT_NCOLS 10
void sq_attachment_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_attachment *out);

/* ---- planning (0003) row readers, each in the op file named after its get ---- */

/* Columns read by sq_round_read(), from rounds r (sq_round_get.c). */
#define SQ_ROUND_COLS "r.id, r.org_id, r.round_date, r.name, r.worker_id, r.version, r.created_at"
void sq_round_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_round *out);

/* Columns read by sq_visit_read(), from visits v (sq_visit_get.c). */
#define SQ_VISIT_COLS                                                                      \
	"v.id, v.org_id, v.client_id, v.series_id, v.intervention_id, v.occurrence_date, " \
	"v.type, v.label, v.planned_start, v.planned_end, v.qualification, v.tasks, "      \
	"v.funder, v.status, v.suspended_by, v.manual, v.worker_id, v.cancel_reason, "     \
	"v.cancel_note, v.round_id, v.round_position, v.check_in_at, "                     \
	"v.check_in_device_at, v.check_in_method, v.check_out_at, v.check_out_device_at, " \
	"v.check_out_method, v.retained_start, v.retained_end, v.correction_code, "        \
	"v.tasks_done, v.delivery_outcome, v.delivery_reason, v.anomalies, "               \
	"v.late_alert_at, v.overdue_alert_at, v.version, v.created_at, v.updated_at"
void sq_visit_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_visit *out);

/* Columns read by sq_alert_read(), from alerts al (sq_alert_get.c). */
#define SQ_ALERT_COLS                                                                           \
	"al.id, al.org_id, al.client_id, al.type, al.severity, al.state, al.source, "           \
	"al.source_ref, al.dedup_key, al.details, al.raised_at, al.acknowledged_at, "           \
	"al.acknowledged_by, al.resolved_at, al.resolved_by, al.outcome, al.note, al.version, " \
	"al.in_progress_at, al.escalation, al.escalation_due_at"
#define SQ_ALERT_NCOLS 21
void sq_alert_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_alert *out);
/* Appends one row to the alert log (sq_alert_insert.c): alert_insert and
 * alert_update call it themselves, so that no transition can miss the live stream. */
int sq_alert_event_append(struct sq_conn *c, const char *alert_id, const char *org_id,
			  const char *kind, int64_t version, int64_t at);

/* ---- medication (0004) row readers, each in the op file named after its get/list ---- */

/* Columns read by sq_prescription_read(), from prescriptions p (sq_prescription_get.c). */
#define SQ_PRESCRIPTION_COLS                                                             \
	"p.id, p.series_id, p.seq, p.org_id, p.client_id, p.valid_from, p.valid_until, " \
	"p.end_reason, p.end_note, p.ended_by, p.drug_label, p.drug_code_system, "       \
	"p.drug_code, p.form, p.dose, p.route, p.times, p.as_needed, p.max_per_day, "    \
	"p.starts_on, p.ends_on, p.in_organiser, p.prescriber_name, p.prescriber_rpps, " \
	"p.prescribed_on, p.instructions, p.source, p.attachment_id, p.version, "        \
	"p.created_at, p.created_by"
void sq_prescription_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_prescription *out);

/* Columns read by sq_dose_read(), from doses d (sq_dose_list.c). */
#define SQ_DOSE_COLS "d.series_id, d.due_at, d.prescription_id, d.org_id, d.client_id, d.alerted_at"
void sq_dose_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_dose *out);

/* ---- alarms (0005) row readers, each in the op file named after its get/list ---- */

/* Columns read by sq_alarm_type_read(), from alarm_types t (sq_alarm_type_list.c). */
#define SQ_ALARM_TYPE_COLS "t.type, t.kind, t.severity, t.escalate, t.label_fr, t.label_en"
void sq_alarm_type_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_alarm_type *out);

/* Columns read by sq_device_read(), from devices d (sq_device_get.c). */
#define SQ_DEVICE_COLS                                                              \
	"d.id, d.org_id, d.client_id, d.account, d.protocol, d.model_id, d.label, " \
	"d.key_sealed, d.key_format, d.supervision_s, d.active, d.last_seen_at, "   \
	"d.last_path, d.silent_alert_at, d.version, d.created_at, d.created_by"
void sq_device_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_device *out);

/* Columns read by sq_alarm_event_read(), from alarm_events e (sq_alarm_event_list.c). */
#define SQ_ALARM_EVENT_COLS                                                        \
	"e.id, e.org_id, e.device_id, e.client_id, e.seq, e.fingerprint, e.path, " \
	"e.message_id, e.qualifier, e.code, e.zone, e.alarm_type, e.event_time, "  \
	"e.received_at, e.body, e.alert_id"
void sq_alarm_event_read(sqlite3_stmt *st, struct lia_arena *a, struct lia_alarm_event *out);

/* Fills the codes of models[0..n) (in id order), ordered by protocol, code
 * (sq_device_model_get.c): model_id names the one model to read, or is NULL to read
 * every model's codes in one pass and merge them in. op names the caller in logs. */
int sq_device_model_codes(struct sq_conn *c, struct lia_arena *a, const char *model_id,
			  struct lia_device_model *models, size_t n, const char *op);

/* Grows an arena array of elem-sized items when *n == *cap (old contents copied). */
void *sq_grow(struct lia_arena *a, void *items, size_t *cap, size_t n, size_t elem);

/* ---- the operations (one file each, named after the op) ---- */
int sq_conn_open(const char *url, struct lia_conn **out);
void sq_conn_close(struct lia_conn *c);
int sq_begin_write(struct lia_conn *c);
int sq_commit(struct lia_conn *c);
int sq_commit_nosync(struct lia_conn *c);
int sq_sync(struct lia_conn *c);
int sq_attachment_list_range(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			     const char *from_entry_id, const char *to_entry_id,
			     struct lia_attachment **items, size_t *n);
int sq_checkpoint(struct lia_conn *c);
void sq_rollback(struct lia_conn *c);
int sq_savepoint(struct lia_conn *c);
int sq_savepoint_release(struct lia_conn *c);
int sq_savepoint_rollback(struct lia_conn *c);
int sq_ping(struct lia_conn *c);
int sq_migrate(struct lia_conn *c, int *applied);
int sq_schema_version(struct lia_conn *c, int *version);
int sq_meta_get(struct lia_conn *c, struct lia_arena *a, const char *key, const char **value);
int sq_meta_set(struct lia_conn *c, const char *key, const char *value);
int sq_org_insert(struct lia_conn *c, const struct lia_org *o);
int sq_org_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_org *out);
int sq_org_list(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
		struct lia_org **items, size_t *n);
int sq_account_insert(struct lia_conn *c, const struct lia_account *acc);
int sq_account_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		   struct lia_account *out);
int sq_account_get_by_login(struct lia_conn *c, struct lia_arena *a, const char *login,
			    struct lia_account *out);
int sq_account_login_failed(struct lia_conn *c, const char *id, int64_t locked_until);
int sq_account_login_ok(struct lia_conn *c, const char *id);
int sq_role_insert(struct lia_conn *c, const struct lia_role *r);
int sq_role_delete(struct lia_conn *c, const char *account_id, const char *role_id);
int sq_role_list(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		 struct lia_role **items, size_t *n);
int sq_person_link_insert(struct lia_conn *c, const struct lia_person_link *l);
int sq_person_link_list(struct lia_conn *c, struct lia_arena *a, const char *account_id,
			struct lia_person_link **items, size_t *n);
int sq_session_insert(struct lia_conn *c, const struct lia_session *s);
int sq_session_get(struct lia_conn *c, struct lia_arena *a, const char *token_hash,
		   struct lia_session *out);
int sq_session_revoke(struct lia_conn *c, const char *token_hash, int64_t at);
int sq_session_purge(struct lia_conn *c, int64_t before, int64_t *deleted);
int sq_client_insert(struct lia_conn *c, const struct lia_client *cl);
int sq_client_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_client *out);
int sq_client_update(struct lia_conn *c, const struct lia_client *cl, int64_t expected_version);
int sq_client_search(struct lia_conn *c, struct lia_arena *a, const struct lia_client_query *q,
		     struct lia_client **items, size_t *n);
int sq_client_find_duplicate(struct lia_conn *c, struct lia_arena *a,
			     const char *const *scope_paths, int nscope, const char *identity_key,
			     const char *ins_matricule, const char *except_id,
			     struct lia_client *out);
int sq_client_count(struct lia_conn *c, int64_t *n);
int sq_audit_append(struct lia_conn *c, struct lia_audit_entry *entries, size_t n);
int sq_audit_head(struct lia_conn *c, int64_t *seq, char hash[LIA_HASH_HEX_LEN + 1]);
int sq_audit_scan(struct lia_conn *c, int64_t after_seq, lia_audit_scan_cb cb, void *cls);
int sq_audit_list_client(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			 int64_t before_seq, int limit, struct lia_audit_entry **items, size_t *n);
int sq_changes_since(struct lia_conn *c, struct lia_arena *a, int64_t after_seq, int limit,
		     struct lia_change **items, size_t *n);
int sq_circle_insert(struct lia_conn *c, const struct lia_circle_member *m);
int sq_circle_end(struct lia_conn *c, const char *id, const char *ends_on,
		  int64_t expected_version);
int sq_circle_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		   struct lia_circle_member **items, size_t *n);
int sq_circle_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		  struct lia_circle_member *out);
int sq_consent_insert(struct lia_conn *c, const struct lia_consent *k);
int sq_consent_revoke(struct lia_conn *c, const char *id, int64_t at);
int sq_consent_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		    struct lia_consent **items, size_t *n);
int sq_break_glass_insert(struct lia_conn *c, const struct lia_break_glass *b);
int sq_break_glass_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			const char *account_id, struct lia_break_glass **items, size_t *n);
int sq_entry_insert(struct lia_conn *c, const struct lia_entry *e);
int sq_entry_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_entry *out);
int sq_entry_list(struct lia_conn *c, struct lia_arena *a, const struct lia_entry_query *q,
		  struct lia_entry **items, size_t *n);
int sq_read_marker_get(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		       const char *client_id, const char **last_read_id);
int sq_read_marker_set(struct lia_conn *c, const char *account_id, const char *client_id,
		       const char *org_id, const char *last_read_id, int64_t at);
int sq_ack_insert(struct lia_conn *c, const struct lia_ack *k);
int sq_ack_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		struct lia_ack **items, size_t *n);
int sq_attachment_insert(struct lia_conn *c, const struct lia_attachment *t);
int sq_attachment_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		      struct lia_attachment *out);
int sq_attachment_list(struct lia_conn *c, struct lia_arena *a, const char *entry_id,
		       struct lia_attachment **items, size_t *n);
int sq_attachment_link(struct lia_conn *c, const char *id, const char *client_id,
		       const char *entry_id);
int sq_org_settings_get(struct lia_conn *c, struct lia_arena *a, const char *org_id,
			struct lia_org_settings *out);
int sq_org_settings_put(struct lia_conn *c, const struct lia_org_settings *s,
			int64_t expected_version);
int sq_grant_insert(struct lia_conn *c, const struct lia_grant *g);
int sq_grant_end(struct lia_conn *c, const char *id, const char *ends_on, int64_t expected_version);
int sq_grant_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		  struct lia_grant **items, size_t *n);
int sq_plan_clients(struct lia_conn *c, struct lia_arena *a, const char *from, const char *after,
		    int limit, struct lia_plan_client **items, size_t *n);
int sq_intervention_insert(struct lia_conn *c, const struct lia_intervention *iv);
int sq_intervention_close(struct lia_conn *c, const char *id, const char *valid_until,
			  int64_t expected_version);
int sq_intervention_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			 struct lia_intervention **items, size_t *n);
int sq_absence_insert(struct lia_conn *c, const struct lia_absence *ab);
int sq_absence_cancel(struct lia_conn *c, const char *id, int64_t at);
int sq_absence_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		    struct lia_absence **items, size_t *n);
int sq_home_get(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		struct lia_home *out);
int sq_home_put(struct lia_conn *c, const struct lia_home *h, int64_t expected_version);
int sq_worker_put(struct lia_conn *c, const struct lia_worker *w, int64_t expected_version);
int sq_worker_list(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
		   const char *account_id, struct lia_worker **items, size_t *n);
int sq_worker_absence_insert(struct lia_conn *c, const struct lia_worker_absence *w);
int sq_worker_absence_list(struct lia_conn *c, struct lia_arena *a, const char *account_id,
			   int64_t from, int64_t to, struct lia_worker_absence **items, size_t *n);
int sq_round_insert(struct lia_conn *c, const struct lia_round *r);
int sq_round_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_round *out);
int sq_round_list(struct lia_conn *c, struct lia_arena *a, const char *path_prefix,
		  const char *round_date, struct lia_round **items, size_t *n);
int sq_visit_insert(struct lia_conn *c, const struct lia_visit *v);
int sq_visit_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_visit *out);
int sq_visit_update(struct lia_conn *c, const struct lia_visit *v, int64_t expected_version);
int sq_visit_list(struct lia_conn *c, struct lia_arena *a, const struct lia_visit_query *q,
		  struct lia_visit **items, size_t *n);
int sq_visit_list_vigilance(struct lia_conn *c, struct lia_arena *a, int64_t from, int64_t to,
			    int limit, struct lia_visit **items, size_t *n);
int sq_clock_event_insert(struct lia_conn *c, const struct lia_clock_event *e);
int sq_clock_event_list(struct lia_conn *c, struct lia_arena *a, const char *visit_id,
			struct lia_clock_event **items, size_t *n);
int sq_alert_insert(struct lia_conn *c, const struct lia_alert *al);
int sq_alert_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_alert *out);
int sq_alert_update(struct lia_conn *c, const struct lia_alert *al, int64_t expected_version);
int sq_alert_list(struct lia_conn *c, struct lia_arena *a, const struct lia_alert_query *q,
		  struct lia_alert **items, size_t *n);
int sq_alert_list_escalation_due(struct lia_conn *c, struct lia_arena *a, int64_t now, int limit,
				 struct lia_alert **items, size_t *n);
int sq_alert_events_since(struct lia_conn *c, struct lia_arena *a, int64_t after,
			  const char *const *scope_paths, int nscope, int limit,
			  struct lia_alert_event **items, size_t *n);
int sq_alert_events_last(struct lia_conn *c, int64_t *seq);
int sq_changes_head(struct lia_conn *c, int64_t *seq);
int sq_alert_event_list(struct lia_conn *c, struct lia_arena *a, const char *alert_id,
			struct lia_alert_event **items, size_t *n);
int sq_alarm_type_list(struct lia_conn *c, struct lia_arena *a, struct lia_alarm_type **items,
		       size_t *n);
int sq_device_code_lookup(struct lia_conn *c, struct lia_arena *a, const char *model_id,
			  const char *protocol, const char *code, struct lia_alarm_type *out);
int sq_device_model_list(struct lia_conn *c, struct lia_arena *a, struct lia_device_model **items,
			 size_t *n);
int sq_device_model_get(struct lia_conn *c, struct lia_arena *a, const char *id,
			struct lia_device_model *out);
int sq_device_model_put(struct lia_conn *c, const struct lia_device_model *m,
			int64_t expected_version);
int sq_device_insert(struct lia_conn *c, const struct lia_device *d);
int sq_device_get(struct lia_conn *c, struct lia_arena *a, const char *id, struct lia_device *out);
int sq_device_by_account(struct lia_conn *c, struct lia_arena *a, const char *account,
			 struct lia_device *out);
int sq_device_update(struct lia_conn *c, const struct lia_device *d, int64_t expected_version);
int sq_device_touch(struct lia_conn *c, const char *id, int64_t at, const char *path);
int sq_device_mark_silent(struct lia_conn *c, const char *id, int64_t at);
int sq_device_list(struct lia_conn *c, struct lia_arena *a, const struct lia_device_query *q,
		   struct lia_device **items, size_t *n);
int sq_device_list_silent(struct lia_conn *c, struct lia_arena *a, int64_t now, int64_t grace_s,
			  int limit, struct lia_device **items, size_t *n);
int sq_alarm_event_insert(struct lia_conn *c, const struct lia_alarm_event *e);
int sq_alarm_record(struct lia_conn *c, struct lia_arena *a, const struct lia_alert *al,
		    struct lia_alarm_event *e, int64_t dup_since, bool *dup, bool *raised);
int sq_alarm_config_since(struct lia_conn *c, int64_t after_seq, int64_t *last_seq,
			  bool *changed);
int sq_alarm_event_find(struct lia_conn *c, struct lia_arena *a, const char *device_id, int64_t seq,
			int64_t fingerprint, int64_t since, struct lia_alarm_event *out);
int sq_alarm_event_list(struct lia_conn *c, struct lia_arena *a, const char *device_id,
			int64_t before, int limit, struct lia_alarm_event **items, size_t *n);
int sq_escalation_plan_get(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			   struct lia_escalation_plan *out);
int sq_escalation_plan_put(struct lia_conn *c, const struct lia_escalation_plan *p,
			   int64_t expected_version);
int sq_prescription_insert(struct lia_conn *c, const struct lia_prescription *p);
int sq_prescription_close(struct lia_conn *c, const struct lia_prescription *p,
			  int64_t expected_version);
int sq_prescription_get(struct lia_conn *c, struct lia_arena *a, const char *id,
			struct lia_prescription *out);
int sq_prescription_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			 struct lia_prescription **items, size_t *n);
int sq_medication_clients(struct lia_conn *c, struct lia_arena *a, const char *after, int limit,
			  struct lia_medication_client **items, size_t *n);
int sq_dose_replace(struct lia_conn *c, const char *client_id, int64_t from,
		    const struct lia_dose *items, size_t n);
int sq_dose_list(struct lia_conn *c, struct lia_arena *a, const char *client_id, int64_t from,
		 int64_t to, struct lia_dose **items, size_t *n);
int sq_dose_list_vigilance(struct lia_conn *c, struct lia_arena *a, int64_t from, int64_t to,
			   int limit, struct lia_dose **items, size_t *n);
int sq_dose_mark_alerted(struct lia_conn *c, const char *series_id, int64_t due_at, int64_t at);
int sq_administration_insert(struct lia_conn *c, const struct lia_administration *ad);
int sq_administration_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
			   int64_t from, int64_t to, struct lia_administration **items, size_t *n);
int sq_organiser_insert(struct lia_conn *c, const struct lia_organiser *o);
int sq_organiser_list(struct lia_conn *c, struct lia_arena *a, const char *client_id,
		      const char *from_week, const char *to_week, struct lia_organiser **items,
		      size_t *n);
int sq_dlu_get(struct lia_conn *c, struct lia_arena *a, const char *client_id, struct lia_dlu *out);
int sq_dlu_put(struct lia_conn *c, const struct lia_dlu *d, int64_t expected_version);
int sq_transfer_insert(struct lia_conn *c, const struct lia_transfer *t);
int sq_transfer_get(struct lia_conn *c, struct lia_arena *a, const char *id,
		    struct lia_transfer *out);
int sq_transfer_list(struct lia_conn *c, struct lia_arena *a, const char *client_id, int limit,
		     struct lia_transfer **items, size_t *n);
int sq_idempotency_get(struct lia_conn *c, struct lia_arena *a, const char *account_id,
		       const char *key, struct lia_idempotency *out);
int sq_idempotency_put(struct lia_conn *c, const struct lia_idempotency *rec);

#endif
