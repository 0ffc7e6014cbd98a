/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The records that cross the storage contract. Every string member is borrowed: it
 * points into the arena given to the store call that filled the record (reads), or
 * into memory owned by the caller (writes). Optional strings are NULL when absent.
 * Instants are Unix microseconds UTC; dates are "YYYY-MM-DD".
 */
#ifndef LIA_STORE_RECORDS_H
#define LIA_STORE_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lia_org {
	const char *id;
	const char *parent_id;   /* NULL for the root */
	const char *kind;        /* national, federation, association, establishment, antenna, team */
	const char *name;
	const char *tz;          /* IANA zone, e.g. Europe/Paris */
	const char *path;        /* "/<root id>/.../<id>/": a subtree is a path prefix */
	int64_t version;
	int64_t created_at;
};

struct lia_account {
	const char *id;
	const char *org_id;          /* home organisation of the account */
	const char *login;
	const char *password_hash;   /* Argon2id string (crypto_pwhash_str) */
	const char *kind;            /* "staff" or "person" */
	const char *display_name;
	bool disabled;
	int failed_logins;           /* consecutive failures since the last success */
	int64_t locked_until;        /* 0 when not locked */
	int64_t version;
	int64_t created_at;
};

/* A role held by an account on an organisation node; it covers that node's subtree. */
struct lia_role {
	const char *id;
	const char *account_id;
	const char *org_id;
	const char *org_path;        /* read-only: the node's path, for scope checks */
	const char *role;            /* admin, coordinator, nurse, doctor, aide, aide_soignant,
	                                alarm_operator, auditor */
	int64_t created_at;
};

/* Links a person account (family caregiver, client) to a client record. */
struct lia_person_link {
	const char *id;
	const char *org_id;          /* the client's organisation */
	const char *account_id;
	const char *client_id;
	const char *relation;        /* "self", "legal_representative", "caregiver" */
	int64_t created_at;
};

struct lia_session {
	const char *token_hash;      /* hex SHA-256 of the bearer token; the token is never stored */
	const char *org_id;
	const char *account_id;
	int64_t created_at;
	int64_t expires_at;
	int64_t revoked_at;          /* 0 when live */
	const char *ip;
};

struct lia_client {
	const char *id;
	const char *org_id;          /* home organisation */
	const char *org_path;        /* read-only: the home organisation's path */
	int64_t version;             /* starts at 1, +1 per update */
	/* INS (ins.md): matricule (15 chars) and OID; both NULL when absent. */
	const char *ins_matricule;
	const char *ins_oid;
	const char *identity_status; /* PROV, RECUP, VALI, QUAL (RNIV) */
	int64_t insi_checked_at;     /* national look-up done (0: not done) */
	const char *identity_document; /* document checked (NULL: none): CNI, PASSEPORT, ... */
	/* Strict traits (RNIV). */
	const char *birth_name;
	const char *birth_given_names;   /* space-separated list, as on the document */
	const char *first_given_name;    /* first of birth_given_names */
	const char *sex;                 /* F, M, I */
	const char *birth_date;
	const char *birth_place_code;    /* INSEE commune code or 99xxx country; may be NULL */
	/* Complementary traits and contacts. */
	const char *used_name;
	const char *used_given_name;
	const char *address_line;
	const char *postal_code;
	const char *city;
	const char *phone;
	int gir;                         /* 1..6, 0 when not assessed */
	/* Search keys made by lia_client_keys(): upper-case ASCII without accents. */
	const char *name_key;            /* birth name + first given name: sort order */
	const char *used_name_key;       /* NULL when no used name */
	const char *identity_key;        /* strict traits, for duplicate detection */
	int64_t created_at;
	int64_t updated_at;
};

struct lia_client_query {
	/* Scope: the client's org path must start with one of these (at least one). */
	const char *const *scope_paths;
	int nscope;
	const char *name_prefix;   /* normalised key prefix matched on name_key or used_name_key */
	const char *birth_date;
	const char *ins_matricule;
	/* Cursor: return rows strictly after (after_name_key, after_id) in (name_key, id) order. */
	const char *after_name_key;
	const char *after_id;
	int limit;                 /* 1..200 */
};

#define LIA_HASH_HEX_LEN 64

/* One audit journal entry. seq, prev_hash and hash are set by audit_append. */
struct lia_audit_entry {
	int64_t seq;
	const char *id;
	const char *org_id;          /* owning organisation (the client's, else the actor's) */
	int64_t at;
	const char *actor_id;        /* account id, or NULL for the system */
	const char *actor_role;      /* role the actor acted in, or "system", "person:<relation>" */
	const char *on_behalf_of;    /* account the actor acts for, usually NULL */
	const char *action;          /* dotted verb: client.read, client.create, session.login ... */
	const char *client_id;       /* whose record, or NULL */
	const char *object_id;       /* the object acted on when not the client itself */
	const char *ip;
	const char *request_id;
	const char *outcome;         /* "ok", "denied", "failed" */
	const char *detail;          /* short machine code: reason of a denial, error code */
	char prev_hash[LIA_HASH_HEX_LEN + 1];
	char hash[LIA_HASH_HEX_LEN + 1];
};

/* One row of the change feed: a committed change to a replicated entity. */
struct lia_change {
	int64_t seq;
	const char *org_id;
	const char *entity;          /* "org", "account", "role", "client", ... */
	const char *entity_id;
	const char *op;              /* "insert", "update", "delete" */
	int64_t version;
	int64_t at;
};

/* A stored answer to a POST carrying an Idempotency-Key. */
struct lia_idempotency {
	const char *account_id;
	const char *key;
	const char *org_id;
	const char *request_hash;    /* hex SHA-256 of method, path and body */
	int status;
	const char *body;            /* the JSON answered */
	const char *location;        /* Location header, or NULL */
	const char *etag;            /* ETag header, or NULL */
	int64_t created_at;
};

/* A member of a client's care circle (cercle de soins): a person (account_id) or an
 * organisation (member_org_id), over a period of dates. */
struct lia_circle_member {
	const char *id;
	const char *org_id;          /* the client's organisation */
	const char *client_id;
	const char *account_id;      /* exactly one of account_id, member_org_id */
	const char *member_org_id;
	const char *member_org_path; /* read-only: the member organisation's path */
	const char *circle_role;     /* medecin_traitant, infirmier, aide_domicile,
	                                aide_soignant, aidant, personne_confiance,
	                                responsable_legal */
	const char *starts_on;
	const char *ends_on;         /* NULL while a member */
	int64_t version;
	int64_t created_at;
};

/* A consent decision of the client (or their legal representative). */
struct lia_consent {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *grantee_account; /* exactly one of the two */
	const char *grantee_org;
	const char *grantee_org_path; /* read-only */
	const char *category;        /* admin, daily, care, medical */
	const char *decision;        /* grant, refuse */
	int64_t starts_at;
	int64_t ends_at;             /* 0: open-ended */
	int64_t revoked_at;          /* 0: in force */
	const char *decided_by;
	const char *decided_as;      /* self, legal_representative */
	int64_t created_at;
};

struct lia_break_glass {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *account_id;
	const char *reason;
	int64_t started_at;
	int64_t expires_at;
};

/* A notebook entry (transmission). Never updated: a correction supersedes. */
struct lia_entry {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *kind;            /* note, targeted, results */
	const char *category;        /* admin, daily, care, medical */
	const char *audience;        /* all, care_team, health */
	bool urgent;
	const char *text;            /* note */
	const char *target;          /* targeted: cible, Données, Actions, Résultats */
	const char *data;
	const char *actions;
	const char *results;
	const char *author_id;
	const char *author_role;
	int64_t fact_at;
	int64_t written_at;
	const char *visit_id;
	const char *reply_to;
	const char *results_for;     /* kind results: the targeted entry completed */
	const char *supersedes;
	const char *correction_reason;
	const char *tags;            /* JSON array text, or NULL */
	const char *superseded_by;   /* read-only: the correcting entry, or NULL */
};

struct lia_entry_query {
	const char *client_id;
	const char *before_id;       /* cursor: entries with id < before_id (NULL: newest) */
	const char *after_id;        /* only entries with id > after_id (unread), or NULL */
	const char *category;        /* filters, NULL for any */
	int urgent;                  /* -1 any, 0 not urgent, 1 urgent */
	const char *author_role;
	int64_t since;               /* written_at >= since (0: any) */
	int limit;                   /* 1..500 */
};

struct lia_ack {
	const char *entry_id;
	const char *account_id;
	const char *org_id;
	const char *client_id;
	const char *role;
	int64_t acked_at;
};

/* An attachment; content is the ciphertext on the way in and out. */
struct lia_attachment {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *entry_id;        /* NULL until linked */
	const char *category;
	const char *content_type;
	int64_t size;                /* plain size */
	const char *sha256;          /* hex, of the plain content */
	const unsigned char *ciphertext;
	size_t ciphertext_len;
	const char *created_by;
	int64_t created_at;
};

/* ---- planning (0003): care plans, visits, clocking, rounds, alerts ---- */

/* Planning settings of an organisation node: a JSON object (see domain/planning.h). */
struct lia_org_settings {
	const char *org_id;
	const char *settings;        /* JSON object text */
	int64_t version;
	int64_t updated_at;
	const char *updated_by;
};

/* A funder's decision: minutes granted per month over a period of dates. */
struct lia_grant {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *funder;          /* apa, pch, caisse_retraite, private, other */
	const char *funder_name;
	const char *funder_id;       /* the funder's identifier, for ESPPADOM */
	const char *decision_ref;    /* n° de décision / plan d'aide */
	const char *beneficiary_ref; /* the beneficiary's number at the funder */
	int64_t minutes_per_month;
	const char *starts_on;
	const char *ends_on;         /* inclusive; NULL open-ended */
	int64_t version;
	int64_t created_at;
	const char *created_by;
};

/* One version of a care-plan intervention (see domain/recurrence.h). */
struct lia_intervention {
	const char *id;              /* this version */
	const char *series_id;       /* the intervention across versions */
	int64_t seq;                 /* 1, 2, ... */
	const char *org_id;
	const char *client_id;
	const char *valid_from;      /* first local date */
	const char *valid_until;     /* exclusive; NULL open-ended */
	const char *type;
	const char *label;
	int days;                    /* bit 0 = Monday ... bit 6 = Sunday */
	int every_weeks;             /* 1..8 */
	const char *anchor_date;     /* a Monday: week 0 of the cycle */
	const char *start_time;      /* "HH:MM" local */
	int duration_min;
	const char *qualification;   /* NULL: none required */
	const char *tasks;           /* JSON array of strings */
	const char *funder;
	const char *note;
	int64_t version;             /* row version (valid_until is set once) */
	int64_t created_at;
	const char *created_by;
};

/* A client with a care plan still in force (for the daily generation run). */
struct lia_plan_client {
	const char *client_id;
	const char *org_id;
};

struct lia_absence {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *starts_on;
	const char *ends_on;         /* inclusive */
	const char *reason;          /* hospital, holiday, family, other */
	const char *note;
	int64_t cancelled_at;        /* 0: in force */
	int64_t version;
	int64_t created_at;
	const char *created_by;
};

struct lia_home {
	const char *client_id;
	const char *org_id;
	bool has_coords;
	double latitude, longitude;
	const char *access_notes;
	const char *nfc_tags;        /* JSON array of tag ids */
	const char *qr_code;
	int64_t version;
	int64_t updated_at;
};

/* A field worker: a staff account with a role in the scope, and its profile (absent
 * profile: qualifications "[]", availability "[]", version 0). */
struct lia_worker {
	const char *account_id;
	const char *org_id;
	const char *display_name;    /* read-only, from the account */
	const char *qualifications;  /* JSON array of strings */
	bool has_coords;
	double latitude, longitude;
	const char *availability;    /* JSON [{"day":1..7,"from":"HH:MM","to":"HH:MM"}] */
	int64_t version;
	int64_t updated_at;
};

struct lia_worker_absence {
	const char *id;
	const char *org_id;
	const char *account_id;
	int64_t starts_at;
	int64_t ends_at;
	const char *reason;
	int64_t created_at;
	const char *created_by;
};

struct lia_round {
	const char *id;
	const char *org_id;
	const char *round_date;
	const char *name;
	const char *worker_id;       /* NULL until assigned */
	int64_t version;
	int64_t created_at;
};

struct lia_visit {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *series_id;       /* NULL for a one-off visit */
	const char *intervention_id; /* the plan version it was generated from */
	const char *occurrence_date; /* local date of the occurrence (generated only) */
	const char *type;
	const char *label;
	int64_t planned_start;
	int64_t planned_end;
	const char *qualification;
	const char *tasks;           /* JSON array of strings */
	const char *funder;
	const char *status;          /* planned, in_progress, done, cancelled, suspended */
	const char *suspended_by;    /* the client absence, when suspended */
	bool manual;                 /* changed by hand: regeneration leaves it alone */
	const char *worker_id;
	const char *cancel_reason;
	const char *cancel_note;
	const char *round_id;
	int64_t round_position;
	int64_t check_in_at, check_in_device_at;
	const char *check_in_method;
	int64_t check_out_at, check_out_device_at;
	const char *check_out_method;
	int64_t retained_start, retained_end;
	const char *correction_code; /* ESPPADOM: CRE, MDT, SUP, COA, COD, CO2, HOR */
	const char *tasks_done;      /* JSON [{"task","done","reason"}] */
	const char *delivery_outcome;
	const char *delivery_reason;
	const char *anomalies;       /* JSON array of codes */
	int64_t late_alert_at;
	int64_t overdue_alert_at;
	int64_t version;
	int64_t created_at;
	int64_t updated_at;
};

/* Filters of visit_list; every member is optional (NULL / 0). Order: planned_start,
 * then id. With no client, worker, round nor scope the whole database is listed
 * (server-internal uses only). */
struct lia_visit_query {
	const char *client_id;
	const char *worker_id;
	const char *round_id;
	const char *series_id;
	const char *const *scope_paths; /* the client's org path starts with one of these */
	int nscope;
	int64_t from, to;            /* planned_start in [from, to); 0 to: no upper bound */
	const char *status;          /* one status, or NULL */
	bool unassigned;             /* only visits without a worker */
	int64_t after_start;         /* cursor: (planned_start, id) > (after_start, after_id) */
	const char *after_id;
	int limit;                   /* 1..5000 */
};

struct lia_clock_event {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *visit_id;
	const char *kind;            /* check_in, check_out */
	int64_t server_at;
	int64_t device_at;           /* 0 when the device sent none */
	const char *method;          /* app, nfc, qr, manual */
	const char *tag;
	bool has_location;
	double latitude, longitude, accuracy_m;
	double distance_m;           /* < 0 when not computable */
	bool outside_radius;
	const char *by_account;
	const char *reason;
};

struct lia_alert {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *type;            /* visit_late, visit_not_checked_out, delivery_failed, ... */
	const char *severity;        /* low, medium, high, critical */
	const char *state;           /* raised, acknowledged, in_progress, resolved, cancelled */
	const char *source;          /* rule, device, person */
	const char *source_ref;
	const char *dedup_key;
	const char *details;         /* JSON object */
	int64_t raised_at;
	int64_t acknowledged_at;
	const char *acknowledged_by;
	int64_t resolved_at;
	const char *resolved_by;
	const char *outcome;
	const char *note;
	int64_t in_progress_at;
	/* The escalation (alarms, 0005): JSON object or NULL, and when its current
	 * step times out (0: nothing pending). */
	const char *escalation;
	int64_t escalation_due_at;
	/* Written to alert_events by alert_insert ("raised" when NULL) and alert_update
	 * (the new state when NULL): "escalated", "step_answered", ... Not stored on the
	 * alert itself. */
	const char *event;
	int64_t version;
};

struct lia_alert_query {
	const char *const *scope_paths; /* the alert's org path starts with one of these */
	int nscope;
	const char *client_id;
	const char *state;           /* one state, "open" (raised/acknowledged/in_progress), or NULL */
	const char *type;
	int64_t before_raised_at;    /* cursor: (raised_at, id) < (before_raised_at, before_id) */
	const char *before_id;
	int limit;                   /* 1..500 */
};

/* One version of a prescription line (see sql/sqlite/0004-medication.sql). */
struct lia_prescription {
	const char *id;              /* this version */
	const char *series_id;       /* the line across versions */
	int64_t seq;                 /* 1, 2, ... */
	const char *org_id;
	const char *client_id;
	int64_t valid_from;          /* µs: the version applies from this instant */
	int64_t valid_until;         /* exclusive; 0 while in force */
	const char *end_reason;      /* changed, stopped; NULL while in force */
	const char *end_note;
	const char *ended_by;
	const char *drug_label;
	const char *drug_code_system; /* cip13, ucd, or NULL */
	const char *drug_code;
	const char *form;
	const char *dose;
	const char *route;
	const char *times;           /* JSON array of "HH:MM" local; "[]" when as needed */
	bool as_needed;
	int max_per_day;             /* as needed only; 0 otherwise */
	const char *starts_on;       /* local dates, inclusive */
	const char *ends_on;         /* NULL: open-ended */
	bool in_organiser;           /* prepared in the weekly pill organiser */
	const char *prescriber_name;
	const char *prescriber_rpps;
	const char *prescribed_on;
	const char *instructions;
	const char *source;          /* prescribed, transcribed */
	const char *attachment_id;   /* the photographed original, or NULL */
	int64_t version;             /* row version (the end is written once) */
	int64_t created_at;
	const char *created_by;
};

/* A due dose, derived from the prescription version in force at due_at. */
struct lia_dose {
	const char *series_id;
	int64_t due_at;
	const char *prescription_id;
	const char *org_id;
	const char *client_id;
	int64_t alerted_at;          /* the missed-dose alert; 0: none */
};

/* A week's pill organiser (semainier) as prepared. */
struct lia_organiser {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *week_start;      /* a Monday */
	const char *prescriptions;   /* JSON array of prescription version ids */
	const char *note;
	const char *supersedes;      /* the earlier preparation of the week, or NULL */
	int64_t prepared_at;
	const char *prepared_by;
	const char *prepared_as;
	int64_t version;
};

/* What happened to a dose. */
struct lia_administration {
	const char *id;
	const char *org_id;
	const char *client_id;
	const char *prescription_id; /* the version the dose came from */
	const char *series_id;
	int64_t due_at;              /* 0: an as-needed dose */
	int64_t slot_at;             /* due_at, or occurred_at for an as-needed dose */
	const char *outcome;         /* given, refused, not_available, held, missed */
	const char *mode;            /* administered, assisted (aide à la prise) */
	int64_t occurred_at;
	int64_t recorded_at;         /* time of writing */
	bool late;                   /* written long after it happened */
	const char *organiser_id;    /* assisted from this pill organiser */
	const char *reason;
	const char *note;
	const char *recorded_by;
	const char *recorded_as;
	int64_t version;
};

/* ---- alarms (0005): devices, received events, escalation ---- */

/* What an alarm type does (alarm_types row). */
struct lia_alarm_type {
	const char *type;            /* medical, fall, low_battery, periodic_test, ... */
	const char *kind;            /* alarm, technical, test, restore */
	const char *severity;        /* low, medium, high, critical */
	bool escalate;
	const char *label_fr;
	const char *label_en;
};

struct lia_device_code {
	const char *protocol;        /* cid, sia */
	const char *code;            /* "602", "RP" */
	const char *alarm_type;
};

struct lia_device_model {
	const char *id;
	const char *label;
	struct lia_device_code *codes; /* ordered by protocol, code */
	size_t ncodes;
	int64_t version;
	int64_t updated_at;
};

struct lia_device {
	const char *id;
	const char *org_id;
	const char *client_id;       /* NULL: not installed */
	const char *account;         /* upper-case hex, unique */
	const char *protocol;        /* sia-dcs, adm-cid */
	const char *model_id;
	const char *label;
	const char *key_sealed;      /* base64 of the sealed AES key; NULL: clear */
	const char *key_format;      /* hex, ascii; NULL when no key */
	int64_t supervision_s;       /* 0: not supervised */
	bool active;
	int64_t last_seen_at;
	const char *last_path;
	int64_t silent_alert_at;
	int64_t version;
	int64_t created_at;
	const char *created_by;
};

struct lia_device_query {
	const char *const *scope_paths; /* the device's org path starts with one of these */
	int nscope;
	const char *client_id;       /* NULL: any */
	const char *after_id;        /* cursor: id > after_id, ordered by id */
	int limit;                   /* 1..500 */
};

struct lia_alarm_event {
	const char *id;
	const char *org_id;
	const char *device_id;
	const char *client_id;
	int64_t seq;
	int64_t fingerprint;
	const char *path;
	const char *message_id;      /* SIA-DCS, ADM-CID */
	const char *qualifier;
	const char *code;
	const char *zone;
	const char *alarm_type;      /* NULL: unknown code */
	int64_t event_time;
	int64_t received_at;
	const char *body;
	const char *alert_id;
};

struct lia_escalation_plan {
	const char *client_id;
	const char *org_id;
	const char *steps;           /* JSON array */
	int64_t version;
	int64_t updated_at;
	const char *updated_by;
};

/* One row of the alert log, with the alert as it is now (for the live stream). */
struct lia_alert_event {
	int64_t seq;
	const char *alert_id;
	const char *org_id;
	const char *kind;
	int64_t version;
	int64_t at;
	struct lia_alert alert;
};

/* A client with prescriptions to derive doses from (the daily extension). */
struct lia_medication_client {
	const char *client_id;
	const char *org_id;
};

/* ---- emergency liaison file (0006) ---- */

/* A client's DLU (dossier de liaison d'urgence): the fields no other part of the record
 * holds (advance directives, preferred hospital, functional observations,
 * vaccinations...), as one JSON object whose fields and their access categories are
 * listed in domain/dlu.h. One row per client, versioned. */
struct lia_dlu {
	const char *client_id;
	const char *org_id;
	const char *data;            /* JSON object text */
	int64_t version;
	int64_t updated_at;
	const char *updated_by;
};

/* A transfer to the emergency department: what the transfer sheet records at the
 * time (reason, vital signs, last meal, prostheses, belongings), as JSON text. */
struct lia_transfer {
	const char *id;
	const char *client_id;
	const char *org_id;
	const char *data;            /* JSON object text (domain/dlu.h) */
	int64_t created_at;
	const char *created_by;
};

#endif
