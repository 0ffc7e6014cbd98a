/* SPDX-License-Identifier: EUPL-1.2 */
/* Client record JSON and body validation (see client_body.h). */
#include "http/handlers/client_body.h"

#include <string.h>

#include "core/clock.h"
#include "core/uuid.h"
#include "domain/identity.h"
#include "domain/ins.h"
#include "http/server.h"

static const char *const sexes[] = {"F", "M", "I", NULL};
/* RNIV: documents of high trust, and those accepted for minors. */
static const char *const documents[] = {"CNI", "PASSEPORT", "TITRE_SEJOUR", "LIVRET_FAMILLE",
					"ACTE_NAISSANCE", NULL};

cJSON *
lia_client_json(const struct lia_client *cl)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", cl->id);
	cJSON_AddStringToObject(o, "org_id", cl->org_id);
	cJSON_AddNumberToObject(o, "version", (double)cl->version);
	cJSON_AddStringToObject(o, "identity_status", cl->identity_status);
	if (cl->ins_matricule) {
		cJSON *ins = cJSON_AddObjectToObject(o, "ins");
		cJSON_AddStringToObject(ins, "matricule", cl->ins_matricule);
		cJSON_AddStringToObject(ins, "oid", cl->ins_oid);
		/* RNIV: only a qualified identity's INS may be sent to other systems. */
		cJSON_AddBoolToObject(ins, "transmissible", !strcmp(cl->identity_status, "QUAL"));
	} else {
		cJSON_AddNullToObject(o, "ins");
	}
	cJSON *ev = cJSON_AddObjectToObject(o, "identity_evidence");
	cJSON_AddBoolToObject(ev, "insi_lookup", cl->insi_checked_at != 0);
	lia_json_add_time(ev, "insi_checked_at", cl->insi_checked_at);
	lia_json_add_str(ev, "document", cl->identity_document);
	cJSON_AddStringToObject(o, "birth_name", cl->birth_name);
	cJSON_AddStringToObject(o, "birth_given_names", cl->birth_given_names);
	cJSON_AddStringToObject(o, "first_given_name", cl->first_given_name);
	cJSON_AddStringToObject(o, "sex", cl->sex);
	cJSON_AddStringToObject(o, "birth_date", cl->birth_date);
	lia_json_add_str(o, "birth_place_code", cl->birth_place_code);
	lia_json_add_str(o, "used_name", cl->used_name);
	lia_json_add_str(o, "used_given_name", cl->used_given_name);
	lia_json_add_str(o, "address_line", cl->address_line);
	lia_json_add_str(o, "postal_code", cl->postal_code);
	lia_json_add_str(o, "city", cl->city);
	lia_json_add_str(o, "phone", cl->phone);
	if (cl->gir)
		cJSON_AddNumberToObject(o, "gir", cl->gir);
	else
		cJSON_AddNullToObject(o, "gir");
	lia_json_add_time(o, "created_at", cl->created_at);
	lia_json_add_time(o, "updated_at", cl->updated_at);
	return o;
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[n] == '\0';
}

/* INSEE code: 5 digits, or 2A/2B + 3 digits (Corsica). */
static bool
insee_code_valid(const char *s)
{
	if (strlen(s) != 5)
		return false;
	if (s[0] == '2' && (s[1] == 'A' || s[1] == 'B'))
		return all_digits(s + 2, 3);
	return all_digits(s, 5);
}

static bool
phone_valid(const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!(*p == ' ' || *p == '.' || *p == '-' || (*p == '+' && p == s)))
			return false;
	}
	return digits >= 4 && digits <= 15;
}

/* Optional string: a present value replaces, null clears. */
static void
take(const char **slot, int present, const char *value)
{
	if (present == 1)
		*slot = value;
	else if (present == 2)
		*slot = NULL;
}

struct presence {
	int org_id, birth_name, birth_given_names, sex, birth_date, birth_place_code, used_name,
		used_given_name, address_line, postal_code, city, phone, gir, ins, evidence;
};

static bool
apply_ins(struct lia_req *r, const cJSON *ins, struct lia_client *cl, struct lia_problem *p)
{
	const char *matricule = NULL, *oid = NULL;
	struct lia_json_field spec[] = {
		{"matricule", LIA_JSON_STRING, LIA_JSON_REQUIRED, 15, 0, 0, NULL, &matricule, NULL},
		{"oid", LIA_JSON_STRING, LIA_JSON_REQUIRED, 64, 0, 0, NULL, &oid, NULL},
	};
	if (!lia_json_decode(r->arena, ins, spec, 2, "ins.", p))
		return false;
	enum lia_ins_check chk = lia_ins_check(matricule);
	if (chk != LIA_INS_OK) {
		lia_problem_field(p, "ins.matricule",
				  chk == LIA_INS_BAD_KEY ? LIA_FE_INVALID_INS_KEY : LIA_FE_INVALID_FORMAT);
		return false;
	}
	if (!lia_ins_oid_known(oid) ||
	    (lia_ins_oid_is_test(oid) && !r->srv->cfg->accept_test_ins)) {
		lia_problem_field(p, "ins.oid", LIA_FE_INS_NOT_ALLOWED);
		return false;
	}
	cl->ins_matricule = matricule;
	cl->ins_oid = oid;
	return true;
}

static bool
apply_evidence(struct lia_req *r, const cJSON *ev, struct lia_client *cl, struct lia_problem *p)
{
	bool insi = false;
	const char *doc = NULL;
	int doc_present = 0;
	struct lia_json_field spec[] = {
		{"insi_lookup", LIA_JSON_BOOL, LIA_JSON_REQUIRED, 0, 0, 0, NULL, &insi, NULL},
		{"document", LIA_JSON_STRING, LIA_JSON_NULLABLE, 20, 0, 0, documents, &doc, &doc_present},
	};
	if (!lia_json_decode(r->arena, ev, spec, 2, "identity_evidence.", p))
		return false;
	if (!insi)
		cl->insi_checked_at = 0;
	else if (!cl->insi_checked_at)
		cl->insi_checked_at = lia_clock_now_us();
	cl->identity_document = doc_present == 1 ? doc : NULL;
	return true;
}

static void
check_traits(const struct lia_client *cl, struct lia_problem *p)
{
	char today[11];
	lia_date_of(lia_clock_now_us(), today);
	if (cl->birth_date && (!lia_date_valid(cl->birth_date) || strcmp(cl->birth_date, today) > 0 ||
			       strcmp(cl->birth_date, "1870-01-01") < 0))
		lia_problem_field(p, "birth_date", LIA_FE_INVALID_DATE);
	if (cl->birth_place_code && !insee_code_valid(cl->birth_place_code))
		lia_problem_field(p, "birth_place_code", LIA_FE_INVALID_FORMAT);
	if (cl->postal_code && !(strlen(cl->postal_code) == 5 && all_digits(cl->postal_code, 5)))
		lia_problem_field(p, "postal_code", LIA_FE_INVALID_FORMAT);
	if (cl->phone && !phone_valid(cl->phone))
		lia_problem_field(p, "phone", LIA_FE_INVALID_FORMAT);
}

bool
lia_client_apply(struct lia_req *r, const cJSON *body, bool create, struct lia_client *cl,
		 const char **org_id, struct lia_problem *p)
{
	struct lia_client before = *cl;
	struct presence pr = {0};
	const char *birth_name = NULL, *given = NULL, *sex = NULL, *birth_date = NULL,
		   *place = NULL, *used_name = NULL, *used_given = NULL, *address = NULL,
		   *postal = NULL, *city = NULL, *phone = NULL;
	int64_t gir = 0;
	const cJSON *ins = NULL, *evidence = NULL;
	/* PATCH: strict traits may be absent, and a null is refused below as "required". */
	unsigned req = create ? LIA_JSON_REQUIRED : LIA_JSON_NULLABLE;
	unsigned opt = LIA_JSON_NULLABLE;
	struct lia_json_field spec[] = {
		{"org_id", LIA_JSON_STRING, req, 36, 0, 0, NULL, org_id, &pr.org_id},
		{"birth_name", LIA_JSON_STRING, req, 100, 0, 0, NULL, &birth_name, &pr.birth_name},
		{"birth_given_names", LIA_JSON_STRING, req, 200, 0, 0, NULL, &given, &pr.birth_given_names},
		{"sex", LIA_JSON_STRING, req, 1, 0, 0, sexes, &sex, &pr.sex},
		{"birth_date", LIA_JSON_STRING, req, 10, 0, 0, NULL, &birth_date, &pr.birth_date},
		{"birth_place_code", LIA_JSON_STRING, opt, 5, 0, 0, NULL, &place, &pr.birth_place_code},
		{"used_name", LIA_JSON_STRING, opt, 100, 0, 0, NULL, &used_name, &pr.used_name},
		{"used_given_name", LIA_JSON_STRING, opt, 100, 0, 0, NULL, &used_given, &pr.used_given_name},
		{"address_line", LIA_JSON_STRING, opt, 200, 0, 0, NULL, &address, &pr.address_line},
		{"postal_code", LIA_JSON_STRING, opt, 5, 0, 0, NULL, &postal, &pr.postal_code},
		{"city", LIA_JSON_STRING, opt, 100, 0, 0, NULL, &city, &pr.city},
		{"phone", LIA_JSON_STRING, opt, 30, 0, 0, NULL, &phone, &pr.phone},
		{"gir", LIA_JSON_INT, opt, 0, 1, 6, NULL, &gir, &pr.gir},
		{"ins", LIA_JSON_OBJECT, opt, 0, 0, 0, NULL, &ins, &pr.ins},
		{"identity_evidence", LIA_JSON_OBJECT, opt, 0, 0, 0, NULL, &evidence, &pr.evidence},
	};
	size_t nspec = sizeof spec / sizeof spec[0];
	/* org_id is set at creation; moving a client between organisations is not a PATCH. */
	if (!create) {
		memmove(&spec[0], &spec[1], (nspec - 1) * sizeof spec[0]);
		nspec--;
	}
	if (!lia_json_decode(r->arena, body, spec, nspec, "", p))
		return false;
	if (create && !lia_uuid_valid(*org_id)) {
		lia_problem_field(p, "org_id", LIA_FE_INVALID_ID);
		return false;
	}
	/* Strict traits are required: null is refused, absence keeps the stored value. */
	const char *required[] = {"birth_name", "birth_given_names", "sex", "birth_date"};
	int *req_present[] = {&pr.birth_name, &pr.birth_given_names, &pr.sex, &pr.birth_date};
	for (int i = 0; i < 4; i++)
		if (*req_present[i] == 2)
			lia_problem_field(p, required[i], LIA_FE_REQUIRED);
	if (p->kind != LIA_P_NONE)
		return false;

	take(&cl->birth_name, pr.birth_name, birth_name);
	take(&cl->birth_given_names, pr.birth_given_names, given);
	take(&cl->sex, pr.sex, sex);
	take(&cl->birth_date, pr.birth_date, birth_date);
	take(&cl->birth_place_code, pr.birth_place_code, place);
	take(&cl->used_name, pr.used_name, used_name);
	take(&cl->used_given_name, pr.used_given_name, used_given);
	take(&cl->address_line, pr.address_line, address);
	take(&cl->postal_code, pr.postal_code, postal);
	take(&cl->city, pr.city, city);
	take(&cl->phone, pr.phone, phone);
	if (pr.gir)
		cl->gir = pr.gir == 1 ? (int)gir : 0;
	check_traits(cl, p);

	/* RNIV: a changed strict trait voids the look-up and the document check. */
	if (!create && lia_strict_traits_changed(&before, cl)) {
		cl->insi_checked_at = 0;
		cl->identity_document = NULL;
	}
	if (pr.evidence == 1 && !apply_evidence(r, evidence, cl, p))
		return false;
	if (pr.evidence == 2) {
		cl->insi_checked_at = 0;
		cl->identity_document = NULL;
	}
	cl->identity_status =
		lia_identity_status(cl->insi_checked_at != 0, cl->identity_document != NULL);
	if (pr.ins == 2) {
		cl->ins_matricule = NULL;
		cl->ins_oid = NULL;
	} else if (pr.ins == 1) {
		if (!apply_ins(r, ins, cl, p))
			return false;
		/* An INS comes from the national look-up or from a checked document; a
		 * provisional identity cannot carry one. FR Core senders use VALI + INS. */
		if (!strcmp(cl->identity_status, "PROV"))
			lia_problem_field(p, "ins", LIA_FE_INS_NOT_ALLOWED);
	}
	if (cl->ins_matricule && (pr.ins == 1 || pr.sex || pr.birth_date) &&
	    !lia_ins_matches_traits(cl->ins_matricule, cl->sex, cl->birth_date))
		lia_problem_field(p, "ins.matricule", LIA_FE_INS_TRAITS_MISMATCH);
	if (p->kind != LIA_P_NONE)
		return false;
	lia_client_keys(r->arena, cl);
	return true;
}
