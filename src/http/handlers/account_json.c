/* SPDX-License-Identifier: EUPL-1.2 */
/* The JSON shape of an account (see account_json.h). */
#include "http/handlers/account_json.h"

#include "http/request.h"

cJSON *
lia_account_json(const struct lia_account *acc, const struct lia_role *roles, size_t nroles,
		 const struct lia_person_link *links, size_t nlinks)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", acc->id);
	cJSON_AddStringToObject(o, "login", acc->login);
	cJSON_AddStringToObject(o, "display_name", acc->display_name);
	cJSON_AddStringToObject(o, "kind", acc->kind);
	cJSON_AddStringToObject(o, "org_id", acc->org_id);
	cJSON_AddBoolToObject(o, "disabled", acc->disabled);
	lia_json_add_time(o, "created_at", acc->created_at);
	cJSON *ra = cJSON_AddArrayToObject(o, "roles");
	for (size_t i = 0; i < nroles; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", roles[i].id);
		cJSON_AddStringToObject(x, "role", roles[i].role);
		cJSON_AddStringToObject(x, "org_id", roles[i].org_id);
		cJSON_AddItemToArray(ra, x);
	}
	cJSON *la = cJSON_AddArrayToObject(o, "links");
	for (size_t i = 0; i < nlinks; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "client_id", links[i].client_id);
		cJSON_AddStringToObject(x, "relation", links[i].relation);
		cJSON_AddItemToArray(la, x);
	}
	return o;
}
