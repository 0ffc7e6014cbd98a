/* SPDX-License-Identifier: EUPL-1.2 */
/* The route table (see routes.h). Body limits are per route: a login is tiny, a
 * client record a few KB; nothing accepts more than it can use. */
#include "http/routes.h"

#include <string.h>

#include "http/handlers/handlers.h"

#define KB 1024

static const char *const q_none[] = {NULL};
static const char *const q_clients[] = {"name", "birth_date", "ins", "limit", "cursor", NULL};
static const char *const q_page[] = {"limit", "cursor", NULL};
static const char *const q_category[] = {"category", NULL};
static const char *const q_notebook[] = {"category", "urgent", "author_role", "since", "limit",
					 "cursor", NULL};
static const char *const q_date[] = {"date", NULL};
static const char *const q_range[] = {"from", "to", "status", "limit", "cursor", NULL};
static const char *const q_board[] = {"org", "from", "to", "worker", "unassigned", "status",
				      "limit", "cursor", NULL};
static const char *const q_workers[] = {"org", "qualification", NULL};
static const char *const q_period[] = {"from", "to", NULL};
static const char *const q_rounds[] = {"org", "date", NULL};
static const char *const q_alerts[] = {"state", "type", "client_id", "limit", "cursor", NULL};
static const char *const q_month[] = {"month", NULL};
static const char *const q_export[] = {"funder", "month", "format", NULL};
static const char *const q_status[] = {"status", NULL};
static const char *const q_week[] = {"week", NULL};
static const char *const q_devices[] = {"client_id", "limit", "cursor", NULL};
static const char *const q_stream[] = {"last_event_id", NULL};
static const char *const q_transfer[] = {"transfer", NULL};

static const struct lia_route routes[] = {
	{"GET", "/healthz", lia_h_healthz, LIA_AUTH_PUBLIC, "public", 0, false, q_none,
	 "Liveness: the process answers."},
	{"GET", "/readyz", lia_h_readyz, LIA_AUTH_PUBLIC, "public", 0, false, q_none,
	 "Readiness: the database answers."},

	{"POST", "/api/v1/sessions", lia_h_session_create, LIA_AUTH_PUBLIC, "public", 4 * KB, true,
	 q_none, "Sign in with login and password; returns a bearer token and sets a cookie."},
	{"DELETE", "/api/v1/sessions/current", lia_h_session_delete, LIA_AUTH_SESSION, "session", 0,
	 true, q_none, "Sign out: the token stops working at once."},
	{"GET", "/api/v1/me", lia_h_me, LIA_AUTH_SESSION, "session", 0, false, q_none,
	 "The signed-in account, its roles and its links to clients."},

	{"GET", "/api/v1/orgs", lia_h_org_list, LIA_AUTH_SESSION, "manage:view", 0, false, q_none,
	 "Organisation nodes the caller's roles cover."},
	{"POST", "/api/v1/orgs", lia_h_org_create, LIA_AUTH_SESSION, "manage:orgs", 4 * KB, true,
	 q_none, "Create an organisation node below a parent."},

	{"POST", "/api/v1/accounts", lia_h_account_create, LIA_AUTH_SESSION, "manage:accounts",
	 16 * KB, true, q_none, "Create a staff or person account with roles or client links."},
	{"GET", "/api/v1/accounts/{id}", lia_h_account_get, LIA_AUTH_SESSION, "manage:view", 0, false,
	 q_none, "An account with its roles."},
	{"POST", "/api/v1/accounts/{id}/roles", lia_h_role_grant, LIA_AUTH_SESSION,
	 "manage:accounts", 4 * KB, true, q_none, "Grant a role on an organisation node."},
	{"DELETE", "/api/v1/accounts/{id}/roles/{role_id}", lia_h_role_revoke, LIA_AUTH_SESSION,
	 "manage:accounts", 0, true, q_none, "Revoke a role."},

	{"POST", "/api/v1/clients", lia_h_client_create, LIA_AUTH_SESSION, "client:admin:create",
	 16 * KB, true, q_none, "Create a client record (identity with INS, contacts)."},
	{"GET", "/api/v1/clients", lia_h_client_search, LIA_AUTH_SESSION, "client:admin:read", 0,
	 true, q_clients, "Search clients by name prefix, birth date or INS; cursor pagination."},
	{"GET", "/api/v1/clients/{id}", lia_h_client_get, LIA_AUTH_SESSION, "client:admin:read", 0,
	 true, q_none, "One client record, with its ETag."},
	{"PATCH", "/api/v1/clients/{id}", lia_h_client_update, LIA_AUTH_SESSION,
	 "client:admin:update", 16 * KB, true, q_none,
	 "Change fields of a client record (If-Match required)."},
	{"GET", "/api/v1/clients/{id}/access-log", lia_h_client_access_log, LIA_AUTH_SESSION,
	 "client:access_log:read", 0, true, q_page, "Who read or changed this client's record."},

	{"GET", "/api/v1/clients/{id}/circle", lia_h_circle_list, LIA_AUTH_SESSION,
	 "client:admin:read", 0, true, q_none, "The care circle, past and present members."},
	{"POST", "/api/v1/clients/{id}/circle", lia_h_circle_add, LIA_AUTH_SESSION,
	 "client:admin:update", 4 * KB, true, q_none,
	 "Add a person or an organisation to the care circle for a period."},
	{"POST", "/api/v1/clients/{id}/circle/{member_id}/end", lia_h_circle_end, LIA_AUTH_SESSION,
	 "client:admin:update", 1 * KB, true, q_none, "End a membership (If-Match required)."},

	{"GET", "/api/v1/clients/{id}/consents", lia_h_consent_list, LIA_AUTH_SESSION,
	 "consent owner, or client:access_log:read", 0, true, q_none,
	 "The client's consent decisions, in force or not."},
	{"POST", "/api/v1/clients/{id}/consents", lia_h_consent_add, LIA_AUTH_SESSION,
	 "consent owner (client or legal representative)", 4 * KB, true, q_none,
	 "Grant or refuse a person or organisation a category, optionally for a period."},
	{"DELETE", "/api/v1/clients/{id}/consents/{consent_id}", lia_h_consent_revoke,
	 LIA_AUTH_SESSION, "consent owner (client or legal representative)", 0, true, q_none,
	 "Revoke a decision; effective on the next request."},

	{"POST", "/api/v1/clients/{id}/break-glass", lia_h_break_glass_open, LIA_AUTH_SESSION,
	 "professional staff", 4 * KB, true, q_none,
	 "Emergency access with a reason: a time-limited, flagged read of the record."},
	{"GET", "/api/v1/clients/{id}/break-glass", lia_h_break_glass_list, LIA_AUTH_SESSION,
	 "client:access_log:read", 0, true, q_none, "Emergency accesses to this record."},

	{"GET", "/api/v1/clients/{id}/notebook", lia_h_entry_list, LIA_AUTH_SESSION,
	 "client:<category>:read, entry audience", 0, true, q_notebook,
	 "The notebook, newest first, with unread markers and urgent entries to acknowledge."},
	{"POST", "/api/v1/clients/{id}/notebook", lia_h_entry_create, LIA_AUTH_SESSION,
	 "client:<category>:create", 64 * KB, true, q_none,
	 "Write an entry: a note, a targeted transmission (DAR), results, a reply or a correction."},
	{"GET", "/api/v1/clients/{id}/notebook/{entry_id}", lia_h_entry_get, LIA_AUTH_SESSION,
	 "client:<category>:read, entry audience", 0, true, q_none, "One entry."},
	{"POST", "/api/v1/clients/{id}/notebook/{entry_id}/ack", lia_h_entry_ack, LIA_AUTH_SESSION,
	 "professional reader of the entry", 0, true, q_none, "Acknowledge an urgent entry."},

	{"POST", "/api/v1/clients/{id}/attachments", lia_h_attachment_upload, LIA_AUTH_SESSION,
	 "client:<category>:create", 10 * 1024 * KB, true, q_category,
	 "Upload a JPEG, PNG or PDF (raw body); stored sealed, with its SHA-256."},
	{"GET", "/api/v1/clients/{id}/attachments/{attachment_id}", lia_h_attachment_get,
	 LIA_AUTH_SESSION, "client:<category>:read", 0, true, q_none, "Download an attachment."},
	{"GET", "/api/v1/clients/{id}/care-plan", lia_h_care_plan_get, LIA_AUTH_SESSION,
	 "client:daily:read", 0, true, q_date,
	 "The care plan in force on a date (default today): interventions and funding."},
	{"GET", "/api/v1/clients/{id}/care-plan/history", lia_h_care_plan_history, LIA_AUTH_SESSION,
	 "client:daily:read", 0, true, q_none, "Every version of every intervention, and all funding."},
	{"POST", "/api/v1/clients/{id}/care-plan/interventions", lia_h_intervention_create,
	 LIA_AUTH_SESSION, "client:daily:create", 16 * KB, true, q_none,
	 "Add an intervention (type, recurrence in local time, duration, tasks, funder); visits "
	 "are generated over the horizon."},
	{"POST", "/api/v1/clients/{id}/care-plan/interventions/{series_id}/versions",
	 lia_h_intervention_change, LIA_AUTH_SESSION, "client:daily:update", 16 * KB, true, q_none,
	 "Change an intervention from a date (If-Match: the series version); history kept."},
	{"POST", "/api/v1/clients/{id}/care-plan/interventions/{series_id}/end",
	 lia_h_intervention_end, LIA_AUTH_SESSION, "client:daily:update", 1 * KB, true, q_none,
	 "End an intervention from a date (If-Match); later visits are cancelled."},
	{"POST", "/api/v1/clients/{id}/care-plan/generate", lia_h_plan_generate, LIA_AUTH_SESSION,
	 "client:daily:update", 1 * KB, true, q_none,
	 "Regenerate the visits of a date range from the plan (idempotent)."},
	{"POST", "/api/v1/clients/{id}/funding", lia_h_grant_create, LIA_AUTH_SESSION,
	 "client:daily:create", 4 * KB, true, q_none,
	 "Record a funder's decision: hours granted per month (APA, PCH, ...) for a period."},
	{"POST", "/api/v1/clients/{id}/funding/{grant_id}/end", lia_h_grant_end, LIA_AUTH_SESSION,
	 "client:daily:update", 1 * KB, true, q_none, "End a funding decision (If-Match)."},
	{"GET", "/api/v1/clients/{id}/absences", lia_h_absence_list, LIA_AUTH_SESSION,
	 "client:daily:read", 0, true, q_none, "The client's absences (hospital stays, holidays)."},
	{"POST", "/api/v1/clients/{id}/absences", lia_h_absence_create, LIA_AUTH_SESSION,
	 "client:daily:create", 4 * KB, true, q_none,
	 "Record an absence: the visits of the period are suspended."},
	{"DELETE", "/api/v1/clients/{id}/absences/{absence_id}", lia_h_absence_cancel,
	 LIA_AUTH_SESSION, "client:daily:update", 0, true, q_none,
	 "Cancel an absence: its suspended visits are planned again."},
	{"GET", "/api/v1/clients/{id}/home", lia_h_home_get, LIA_AUTH_SESSION, "client:admin:read", 0,
	 true, q_none, "The client's home: coordinates, access notes, NFC tags, QR code."},
	{"PUT", "/api/v1/clients/{id}/home", lia_h_home_put, LIA_AUTH_SESSION, "client:admin:update",
	 4 * KB, true, q_none, "Set the home details (If-Match once it exists)."},
	{"GET", "/api/v1/clients/{id}/visits", lia_h_client_visits, LIA_AUTH_SESSION,
	 "client:daily:read", 0, true, q_range, "The client's visits between two dates."},
	{"POST", "/api/v1/clients/{id}/visits", lia_h_visit_create, LIA_AUTH_SESSION,
	 "client:daily:create", 8 * KB, true, q_none, "Add a one-off visit."},
	{"GET", "/api/v1/clients/{id}/hours", lia_h_client_hours, LIA_AUTH_SESSION,
	 "client:daily:read", 0, true, q_month,
	 "Hours granted, planned and delivered per funder for a month."},

	{"GET", "/api/v1/visits", lia_h_visit_board, LIA_AUTH_SESSION, "planning scope (coordinator)",
	 0, true, q_board, "The planning board: visits of an organisation between two dates."},
	{"GET", "/api/v1/visits/{id}", lia_h_visit_get, LIA_AUTH_SESSION,
	 "client:daily:read (or the assigned worker)", 0, true, q_none, "One visit."},
	{"PATCH", "/api/v1/visits/{id}", lia_h_visit_update, LIA_AUTH_SESSION, "client:daily:update",
	 8 * KB, true, q_none,
	 "Reschedule a planned visit or change its tasks (If-Match); regeneration keeps it."},
	{"POST", "/api/v1/visits/{id}/cancel", lia_h_visit_cancel, LIA_AUTH_SESSION,
	 "client:daily:update", 2 * KB, true, q_none, "Cancel a planned visit with a reason (If-Match)."},
	{"PUT", "/api/v1/visits/{id}/assignment", lia_h_visit_assign, LIA_AUTH_SESSION,
	 "client:daily:update", 1 * KB, true, q_none,
	 "Assign a worker (or null); double booking, qualification and absence are checked."},
	{"GET", "/api/v1/visits/{id}/suggestions", lia_h_visit_suggestions, LIA_AUTH_SESSION,
	 "client:daily:update", 0, true, q_none,
	 "Available qualified workers ranked by continuity, load and distance."},
	{"POST", "/api/v1/visits/{id}/check-in", lia_h_visit_check_in, LIA_AUTH_SESSION,
	 "the assigned worker, or a coordinator (manual)", 2 * KB, true, q_none,
	 "Clock in at the client's home (app, NFC, QR, manual) with optional location."},
	{"POST", "/api/v1/visits/{id}/check-out", lia_h_visit_check_out, LIA_AUTH_SESSION,
	 "the assigned worker, or a coordinator (manual)", 8 * KB, true, q_none,
	 "Clock out with the tasks done or not; retained times are computed."},
	{"GET", "/api/v1/visits/{id}/clock-events", lia_h_visit_clock_events, LIA_AUTH_SESSION,
	 "client:daily:read", 0, true, q_none, "The clock events of a visit, as recorded."},
	{"POST", "/api/v1/visits/{id}/delivery", lia_h_visit_delivery, LIA_AUTH_SESSION,
	 "the assigned worker, or a coordinator", 2 * KB, true, q_none,
	 "Confirm a meal delivery or report it failed (client absent alerts the coordinator)."},
	{"GET", "/api/v1/me/visits", lia_h_me_visits, LIA_AUTH_SESSION, "session (field worker)", 0,
	 true, q_date,
	 "The signed-in worker's visits of a day in route order, with address, access notes, "
	 "tasks and notebook counts."},

	{"GET", "/api/v1/workers", lia_h_worker_list, LIA_AUTH_SESSION, "manage:view", 0, false,
	 q_workers, "Field workers of an organisation with their profile."},
	{"PUT", "/api/v1/workers/{id}/profile", lia_h_worker_profile_put, LIA_AUTH_SESSION,
	 "coordinator or admin over the worker", 4 * KB, true, q_none,
	 "Set qualifications, home coordinates and weekly availability (If-Match once set)."},
	{"GET", "/api/v1/workers/{id}/absences", lia_h_worker_absence_list, LIA_AUTH_SESSION,
	 "manage:view", 0, false, q_period, "A worker's absences overlapping a period."},
	{"POST", "/api/v1/workers/{id}/absences", lia_h_worker_absence_create, LIA_AUTH_SESSION,
	 "coordinator or admin over the worker", 2 * KB, true, q_none, "Record a worker's absence."},

	{"POST", "/api/v1/rounds", lia_h_round_create, LIA_AUTH_SESSION, "coordinator", 16 * KB, true,
	 q_none, "Group meal deliveries of a day into an ordered round for one worker."},
	{"GET", "/api/v1/rounds", lia_h_round_list, LIA_AUTH_SESSION, "coordinator", 0, true,
	 q_rounds, "Rounds of an organisation on a date."},
	{"GET", "/api/v1/rounds/{id}", lia_h_round_get, LIA_AUTH_SESSION,
	 "coordinator, or the round's worker", 0, true, q_none, "A round with its deliveries in order."},

	{"POST", "/api/v1/clients/{id}/prescriptions", lia_h_prescription_create, LIA_AUTH_SESSION,
	 "medication:prescribe or transcribe", 8 * KB, true, q_none,
	 "Write a prescription line (drug with optional CIP13/UCD code, dose, route, local times or "
	 "\"as needed\" with a daily maximum, dates, prescriber); a nurse transcribes with the "
	 "photographed original."},
	{"GET", "/api/v1/clients/{id}/prescriptions", lia_h_prescription_list, LIA_AUTH_SESSION,
	 "client:medical:read", 0, true, q_status,
	 "The client's prescription lines, each as its latest version with its status "
	 "(status=active: those in force or to come)."},
	{"GET", "/api/v1/clients/{id}/prescriptions/{series_id}", lia_h_prescription_get,
	 LIA_AUTH_SESSION, "client:medical:read", 0, true, q_none,
	 "One line with every version (history)."},
	{"POST", "/api/v1/clients/{id}/prescriptions/{series_id}/versions",
	 lia_h_prescription_change, LIA_AUTH_SESSION, "medication:prescribe or transcribe", 8 * KB,
	 true, q_none,
	 "Change a line from an instant (now or later; If-Match: its version number): a new "
	 "version, the old one kept."},
	{"POST", "/api/v1/clients/{id}/prescriptions/{series_id}/stop", lia_h_prescription_stop,
	 LIA_AUTH_SESSION, "medication:prescribe or transcribe", 2 * KB, true, q_none,
	 "Stop a line from an instant (If-Match), with the reason."},
	{"GET", "/api/v1/clients/{id}/medication/doses", lia_h_med_doses, LIA_AUTH_SESSION,
	 "medication:see the doses due", 0, true, q_date,
	 "The doses of a day in local time, each recorded, due or missing; \"as needed\" lines "
	 "with what was given. Drug names only for readers of medical data."},
	{"POST", "/api/v1/clients/{id}/medication/administrations", lia_h_administration_create,
	 LIA_AUTH_SESSION, "medication:administer or assist", 4 * KB, true, q_none,
	 "Record a dose: given, refused, not available, held or missed (an aide: given or refused, "
	 "from a prepared pill organiser); late entries flagged; repeated refusals alert."},
	{"GET", "/api/v1/clients/{id}/medication/administrations", lia_h_administration_list,
	 LIA_AUTH_SESSION, "client:medical:read", 0, true, q_period,
	 "Administration records of a period (default: the last 7 days)."},
	{"GET", "/api/v1/clients/{id}/medication/mar", lia_h_med_mar, LIA_AUTH_SESSION,
	 "client:medical:read", 0, true, q_month,
	 "The month's medication administration record: every dose due per line and day with its "
	 "record, gaps shown, totals."},
	{"POST", "/api/v1/clients/{id}/pill-organisers", lia_h_organiser_create, LIA_AUTH_SESSION,
	 "medication:prepare organiser", 2 * KB, true, q_none,
	 "Record the preparation of a week's pill organiser (from the versions in force that "
	 "week); a second one names the one it replaces."},
	{"GET", "/api/v1/clients/{id}/pill-organisers", lia_h_organiser_list, LIA_AUTH_SESSION,
	 "client:medical:read", 0, true, q_period, "Preparations of the weeks from..to."},
	{"GET", "/api/v1/clients/{id}/pill-organisers/sheet", lia_h_organiser_sheet,
	 LIA_AUTH_SESSION, "client:medical:read", 0, true, q_week,
	 "The weekly preparation sheet: day by day, compartment by compartment (matin, midi, soir, "
	 "coucher), and whether the preparation is up to date."},

	{"GET", "/api/v1/alerts/stream", lia_h_alert_stream, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_stream,
	 "Live alert events (Server-Sent Events); resumes after Last-Event-ID (header, or "
	 "last_event_id)."},
	{"GET", "/api/v1/alerts", lia_h_alert_list, LIA_AUTH_SESSION, "coordinator, alarm operator",
	 0, true, q_alerts, "Alerts in the caller's scope, newest first (state=open for the live list)."},
	{"GET", "/api/v1/alerts/{id}", lia_h_alert_get, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_none, "One alert."},
	{"POST", "/api/v1/alerts/{id}/acknowledge", lia_h_alert_ack, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_none, "Acknowledge an alert (someone is on it)."},
	{"POST", "/api/v1/alerts/{id}/resolve", lia_h_alert_resolve, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 4 * KB, true, q_none,
	 "Resolve an alert with an outcome and a note, or cancel it as a false alarm."},
	{"POST", "/api/v1/alerts/{id}/start", lia_h_alert_start, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 4 * KB, true, q_none,
	 "Mark an acknowledged alert in progress (help is on its way), with a note."},
	{"POST", "/api/v1/alerts/{id}/escalation", lia_h_alert_escalation, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 4 * KB, true, q_none,
	 "Record the result of the current escalation step: answered, or no answer (next step)."},
	{"GET", "/api/v1/alerts/{id}/events", lia_h_alert_events, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_none,
	 "Every transition of the alert, in order (raised, escalated, acknowledged, ...)."},
	{"POST", "/api/v1/clients/{id}/alerts", lia_h_client_alert_create, LIA_AUTH_SESSION,
	 "client:daily:create, or alerts manager", 4 * KB, true, q_none,
	 "Raise an alert for a client from the app (the client, a caregiver or a worker presses "
	 "\"alerte\"); it escalates like a tele-alarm."},
	{"GET", "/api/v1/clients/{id}/escalation-plan", lia_h_escalation_plan_get,
	 LIA_AUTH_SESSION, "coordinator, alarm operator", 0, true, q_none,
	 "The client's escalation plan (the default one when none is set)."},
	{"PUT", "/api/v1/clients/{id}/escalation-plan", lia_h_escalation_plan_put,
	 LIA_AUTH_SESSION, "coordinator, alarm operator", 16 * KB, true, q_none,
	 "Set the ordered steps (who to reach, timeout each); If-Match once set."},

	{"POST", "/api/v1/devices", lia_h_device_create, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 4 * KB, true, q_none,
	 "Register a tele-alarm device (DC-09 account, model, AES key, supervision interval)."},
	{"GET", "/api/v1/devices", lia_h_device_list, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_devices, "Devices in the caller's scope."},
	{"GET", "/api/v1/devices/{id}", lia_h_device_get, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_none, "One device (never its key)."},
	{"PATCH", "/api/v1/devices/{id}", lia_h_device_patch, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 4 * KB, true, q_none,
	 "Change a device (client, model, key, supervision, active); If-Match."},
	{"GET", "/api/v1/devices/{id}/events", lia_h_device_events, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, true, q_page,
	 "Events received from the device, newest first."},
	{"GET", "/api/v1/device-models", lia_h_device_model_list, LIA_AUTH_SESSION, "session", 0,
	 false, q_none, "Device models with their code to alarm-type mapping, and the alarm types."},
	{"PUT", "/api/v1/device-models/{id}", lia_h_device_model_put, LIA_AUTH_SESSION,
	 "admin (manage:orgs at the root)", 32 * KB, true, q_none,
	 "Create or replace a model's mapping (If-Match when it exists)."},
	{"GET", "/api/v1/alarm/receiver", lia_h_alarm_receiver, LIA_AUTH_SESSION,
	 "coordinator, alarm operator", 0, false, q_none,
	 "The receiver's paths (health, counters) and its answer latency."},

	{"GET", "/api/v1/orgs/{id}/planning-settings", lia_h_planning_settings_get,
	 LIA_AUTH_SESSION, "manage:view", 0, false, q_none,
	 "Rounding rule, geofence radius and vigilance delays in force (own or inherited)."},
	{"PUT", "/api/v1/orgs/{id}/planning-settings", lia_h_planning_settings_put,
	 LIA_AUTH_SESSION, "admin or coordinator over the node", 2 * KB, true, q_none,
	 "Set the node's planning settings (If-Match once set)."},
	{"GET", "/api/v1/orgs/{id}/esppadom", lia_h_esppadom_export, LIA_AUTH_SESSION,
	 "coordinator over the node", 0, true, q_export,
	 "ESPPADOM DELIVERY export (XML, or CSV) of the visits delivered for a funder and month."},

	{"POST", "/api/v1/test/clock", lia_h_test_clock, LIA_AUTH_SESSION, "admin, test builds only",
	 1 * KB, false, q_none,
	 "Move the server clock (test builds compiled with fault injection; 404 otherwise)."},
	/* Continuity (issue 7): printable documents and antenna bundles. */
	{"GET", "/api/v1/clients/{id}/record.pdf", lia_h_client_record_pdf, LIA_AUTH_SESSION,
	 "client:<each category>:read", 0, true, q_none,
	 "The client record as PDF (A4, French): identity, care circle, consents, care plan and "
	 "the next 7 days, active prescriptions, allergies and alerts, the last 30 days of the "
	 "notebook the caller may read."},
	{"GET", "/api/v1/clients/{id}/dlu", lia_h_dlu_get, LIA_AUTH_SESSION,
	 "client:<each category>:read", 0, true, q_none,
	 "The emergency liaison file's own fields (DLU), those the caller may read."},
	{"PATCH", "/api/v1/clients/{id}/dlu", lia_h_dlu_patch, LIA_AUTH_SESSION,
	 "client:<category of each field>:update", 16 * KB, true, q_none,
	 "Change DLU fields (JSON merge patch; If-Match once it exists); each field needs the "
	 "right to write its category."},
	{"GET", "/api/v1/clients/{id}/dlu.pdf", lia_h_dlu_pdf, LIA_AUTH_SESSION,
	 "client:<each category>:read", 0, true, q_transfer,
	 "The DLU (HAS model) and the transfer sheet to the emergency department, as PDF; "
	 "transfer=ID prints a recorded transfer, else a sheet to fill in by hand."},
	{"POST", "/api/v1/clients/{id}/transfers", lia_h_transfer_create, LIA_AUTH_SESSION,
	 "client:medical:create", 8 * KB, true, q_none,
	 "Record a transfer to the emergency department (reason, vital signs, last meal, "
	 "prostheses, belongings)."},
	{"GET", "/api/v1/clients/{id}/transfers", lia_h_transfer_list, LIA_AUTH_SESSION,
	 "client:medical:read", 0, true, q_none, "A client's transfers, newest first."},
	{"GET", "/api/v1/clients/{id}/medication/mar.pdf", lia_h_med_mar_pdf, LIA_AUTH_SESSION,
	 "client:medical:read", 0, true, q_month,
	 "The month's medication administration record, printable (A4 landscape)."},
	{"GET", "/api/v1/clients/{id}/pill-organisers/sheet.pdf", lia_h_organiser_sheet_pdf,
	 LIA_AUTH_SESSION, "client:medical:read", 0, true, q_week,
	 "The week's pill-organiser preparation sheet, printable."},
	{"GET", "/api/v1/me/day-sheet.pdf", lia_h_me_day_sheet_pdf, LIA_AUTH_SESSION,
	 "session (field worker)", 0, true, q_date,
	 "The signed-in worker's day sheet: visits in route order with address, access, tasks "
	 "and key risks, printable."},
	{"GET", "/api/v1/workers/{id}/day-sheet.pdf", lia_h_worker_day_sheet_pdf,
	 LIA_AUTH_SESSION, "coordinator over the worker", 0, true, q_date,
	 "A worker's day sheet, printed by the coordinator."},
	{"GET", "/api/v1/exports", lia_h_export_list, LIA_AUTH_SESSION, "manage:view", 0, false,
	 q_none,
	 "Antenna bundles in the caller's scope: schedule, last complete bundle, the run in "
	 "progress (done, total, rate, time left)."},
	{"POST", "/api/v1/orgs/{id}/exports", lia_h_export_start, LIA_AUTH_SESSION,
	 "manage:planning", 0, true, q_none,
	 "Start an antenna bundle of this organisation now (202; progress in GET /api/v1/exports)."},
	{"GET", "/api/v1/exports/signing-key", lia_h_export_key, LIA_AUTH_SESSION, "session", 0,
	 false, q_none,
	 "The Ed25519 public key that signs bundle manifests (to pin on the antenna's side)."},
};

#define NROUTES (sizeof routes / sizeof routes[0])

static bool
match(const char *pattern, const char *const *segs, size_t nsegs, const char **params)
{
	size_t i = 0, np = 0;
	const char *p = pattern;
	while (*p) {
		if (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (i >= nsegs)
			return false;
		if (p[0] == '{') {
			if (np < 4)
				params[np++] = segs[i];
		} else if (strlen(segs[i]) != len || strncmp(segs[i], p, len) != 0) {
			return false;
		}
		i++;
		p += len;
	}
	return i == nsegs;
}

const struct lia_route *
lia_route_find(const char *method, const char *const *segments, size_t nsegments,
	       const char **params, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < NROUTES; i++) {
		const char *tmp[4];
		if (!match(routes[i].pattern, segments, nsegments, tmp))
			continue;
		*path_known = true;
		if (strcmp(routes[i].method, method) == 0) {
			memcpy(params, tmp, sizeof tmp);
			return &routes[i];
		}
	}
	return NULL;
}

void
lia_route_allowed(const char *const *segments, size_t nsegments, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < NROUTES; i++) {
		const char *tmp[4];
		if (!match(routes[i].pattern, segments, nsegments, tmp))
			continue;
		int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", routes[i].method);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

void
lia_routes_print_markdown(FILE *out)
{
	fprintf(out, "| method | path | who may call | max body | audited | what it does |\n");
	fprintf(out, "|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < NROUTES; i++) {
		const struct lia_route *r = &routes[i];
		char body[32];
		if (r->max_body)
			snprintf(body, sizeof body, "%zu KiB", r->max_body / KB);
		else
			snprintf(body, sizeof body, "none");
		fprintf(out, "| %s | `%s` | %s | %s | %s | %s |\n", r->method, r->pattern,
			r->permission, body, r->audited ? "yes" : "no", r->summary);
	}
}
