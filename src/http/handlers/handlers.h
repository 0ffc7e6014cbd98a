/* SPDX-License-Identifier: EUPL-1.2 */
/* Every endpoint's handler; the route table (routes.c) is the only caller. */
#ifndef LIA_HTTP_HANDLERS_H
#define LIA_HTTP_HANDLERS_H

#include "http/request.h"

void lia_h_healthz(struct lia_req *r);
void lia_h_readyz(struct lia_req *r);

void lia_h_session_create(struct lia_req *r);
void lia_h_session_delete(struct lia_req *r);
void lia_h_me(struct lia_req *r);

void lia_h_org_list(struct lia_req *r);
void lia_h_org_create(struct lia_req *r);

void lia_h_account_create(struct lia_req *r);
void lia_h_account_get(struct lia_req *r);
void lia_h_role_grant(struct lia_req *r);
void lia_h_role_revoke(struct lia_req *r);

void lia_h_client_create(struct lia_req *r);
void lia_h_client_get(struct lia_req *r);
void lia_h_client_update(struct lia_req *r);
void lia_h_client_search(struct lia_req *r);
void lia_h_client_access_log(struct lia_req *r);

void lia_h_circle_list(struct lia_req *r);
void lia_h_circle_add(struct lia_req *r);
void lia_h_circle_end(struct lia_req *r);
void lia_h_consent_list(struct lia_req *r);
void lia_h_consent_add(struct lia_req *r);
void lia_h_consent_revoke(struct lia_req *r);
void lia_h_break_glass_open(struct lia_req *r);
void lia_h_break_glass_list(struct lia_req *r);
void lia_h_entry_list(struct lia_req *r);
void lia_h_entry_get(struct lia_req *r);
void lia_h_entry_create(struct lia_req *r);
void lia_h_entry_ack(struct lia_req *r);
void lia_h_attachment_upload(struct lia_req *r);
void lia_h_attachment_get(struct lia_req *r);

/* Planning (issue 4). */
void lia_h_care_plan_get(struct lia_req *r);
void lia_h_care_plan_history(struct lia_req *r);
void lia_h_intervention_create(struct lia_req *r);
void lia_h_intervention_change(struct lia_req *r);
void lia_h_intervention_end(struct lia_req *r);
void lia_h_plan_generate(struct lia_req *r);
void lia_h_grant_create(struct lia_req *r);
void lia_h_grant_end(struct lia_req *r);
void lia_h_absence_list(struct lia_req *r);
void lia_h_absence_create(struct lia_req *r);
void lia_h_absence_cancel(struct lia_req *r);
void lia_h_home_get(struct lia_req *r);
void lia_h_home_put(struct lia_req *r);
void lia_h_client_visits(struct lia_req *r);
void lia_h_visit_create(struct lia_req *r);
void lia_h_client_hours(struct lia_req *r);
void lia_h_visit_board(struct lia_req *r);
void lia_h_visit_get(struct lia_req *r);
void lia_h_visit_update(struct lia_req *r);
void lia_h_visit_cancel(struct lia_req *r);
void lia_h_visit_assign(struct lia_req *r);
void lia_h_visit_suggestions(struct lia_req *r);
void lia_h_visit_check_in(struct lia_req *r);
void lia_h_visit_check_out(struct lia_req *r);
void lia_h_visit_clock_events(struct lia_req *r);
void lia_h_visit_delivery(struct lia_req *r);
void lia_h_me_visits(struct lia_req *r);
void lia_h_worker_list(struct lia_req *r);
void lia_h_worker_profile_put(struct lia_req *r);
void lia_h_worker_absence_list(struct lia_req *r);
void lia_h_worker_absence_create(struct lia_req *r);
void lia_h_round_create(struct lia_req *r);
void lia_h_round_list(struct lia_req *r);
void lia_h_round_get(struct lia_req *r);
void lia_h_alert_list(struct lia_req *r);
void lia_h_alert_get(struct lia_req *r);
void lia_h_alert_ack(struct lia_req *r);
void lia_h_alert_resolve(struct lia_req *r);
void lia_h_alert_start(struct lia_req *r);
void lia_h_alert_escalation(struct lia_req *r);
void lia_h_alert_events(struct lia_req *r);
void lia_h_alert_stream(struct lia_req *r);
void lia_h_client_alert_create(struct lia_req *r);
void lia_h_escalation_plan_get(struct lia_req *r);
void lia_h_escalation_plan_put(struct lia_req *r);
void lia_h_device_create(struct lia_req *r);
void lia_h_device_list(struct lia_req *r);
void lia_h_device_get(struct lia_req *r);
void lia_h_device_patch(struct lia_req *r);
void lia_h_device_events(struct lia_req *r);
void lia_h_device_model_list(struct lia_req *r);
void lia_h_device_model_put(struct lia_req *r);
void lia_h_alarm_receiver(struct lia_req *r);
void lia_h_planning_settings_get(struct lia_req *r);
void lia_h_planning_settings_put(struct lia_req *r);
void lia_h_esppadom_export(struct lia_req *r);
void lia_h_test_clock(struct lia_req *r);
void lia_h_prescription_create(struct lia_req *r);
void lia_h_prescription_list(struct lia_req *r);
void lia_h_prescription_get(struct lia_req *r);
void lia_h_prescription_change(struct lia_req *r);
void lia_h_prescription_stop(struct lia_req *r);
void lia_h_med_doses(struct lia_req *r);
void lia_h_administration_create(struct lia_req *r);
void lia_h_administration_list(struct lia_req *r);
void lia_h_organiser_create(struct lia_req *r);
void lia_h_organiser_list(struct lia_req *r);
void lia_h_organiser_sheet(struct lia_req *r);
void lia_h_med_mar(struct lia_req *r);

/* Shared by the notebook: the JSON shape of an attachment (without its content). */
cJSON *lia_attachment_json(const struct lia_attachment *t);

/* Continuity (issue 7). */
void lia_h_client_record_pdf(struct lia_req *r);
void lia_h_dlu_get(struct lia_req *r);
void lia_h_dlu_patch(struct lia_req *r);
void lia_h_dlu_pdf(struct lia_req *r);
void lia_h_transfer_create(struct lia_req *r);
void lia_h_transfer_list(struct lia_req *r);
void lia_h_med_mar_pdf(struct lia_req *r);
void lia_h_organiser_sheet_pdf(struct lia_req *r);
void lia_h_me_day_sheet_pdf(struct lia_req *r);
void lia_h_worker_day_sheet_pdf(struct lia_req *r);
void lia_h_export_list(struct lia_req *r);
void lia_h_export_start(struct lia_req *r);
void lia_h_export_key(struct lia_req *r);

#endif
