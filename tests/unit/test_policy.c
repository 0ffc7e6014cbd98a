/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/policy.c: the access decision for client data (roles over
 * organisation subtrees, person links), when a refusal hides the record's existence,
 * scoped listings, and management rights. Actors are built by hand.
 */
#include "lia_test.h"

#include <string.h>

#include "domain/policy.h"

#define ASSO "/root/asso/"
#define ANT1 "/root/asso/ant1/"
#define OTHER "/root/other/"
#define CLIENT "c-0001"

static struct lia_actor
staff(const struct lia_role *roles, size_t n)
{
	return (struct lia_actor){.account_id = "acc-staff",
				  .kind = "staff",
				  .org_id = "org",
				  .roles = roles,
				  .nroles = n};
}

static struct lia_actor
person(const struct lia_person_link *links, size_t n)
{
	return (struct lia_actor){.account_id = "acc-person",
				  .kind = "person",
				  .org_id = "org",
				  .links = links,
				  .nlinks = n};
}

static struct lia_role
role(const char *name, const char *path)
{
	return (struct lia_role){.id = "r",
				 .account_id = "acc-staff",
				 .org_id = "o",
				 .org_path = path,
				 .role = name};
}

static struct lia_person_link
link_to(const char *client_id, const char *relation)
{
	return (struct lia_person_link){.id = "l",
					.org_id = "o",
					.account_id = "acc-person",
					.client_id = client_id,
					.relation = relation};
}

static struct lia_decision
decide(const struct lia_actor *a, const char *client_id, const char *path, enum lia_category cat,
       enum lia_action act)
{
	struct lia_decision d;
	memset(&d, 0x5A, sizeof d); /* every member must be written */
	struct lia_subject s = {.client_id = client_id, .org_path = path, .today = "2026-11-22",
				.now = 1000};
	lia_access_decide(a, &s, cat, act, &d);
	return d;
}

static void
assert_allowed(struct lia_decision d, const char *as)
{
	assert_true(d.allow);
	assert_false(d.hide_existence);
	assert_non_null(d.as_role);
	assert_string_equal(d.as_role, as);
	assert_non_null(d.reason);
}

static void
assert_denied(struct lia_decision d, bool hidden, const char *reason)
{
	assert_false(d.allow);
	assert_int_equal(d.hide_existence, hidden);
	assert_non_null(d.reason);
	assert_string_equal(d.reason, reason);
}

static void
test_lia_access_decide_coordinator_admin_data(void **state)
{
	(void)state;
	struct lia_role r[] = {role("coordinator", ASSO)};
	struct lia_actor a = staff(r, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), "role:coordinator");
	assert_allowed(decide(&a, NULL, ANT1, LIA_CAT_ADMIN, LIA_ACT_CREATE), "role:coordinator");
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), "role:coordinator");
	/* Its own node is in its subtree too. */
	assert_allowed(decide(&a, CLIENT, ASSO, LIA_CAT_ADMIN, LIA_ACT_READ), "role:coordinator");
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ACCESS_LOG, LIA_ACT_READ), "role:coordinator");
}

static void
test_lia_access_decide_coordinator_no_medical(void **state)
{
	(void)state;
	struct lia_role r[] = {role("coordinator", ASSO)};
	struct lia_actor a = staff(r, 1);
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_MEDICAL, LIA_ACT_READ), false,
		      "not_permitted");
}

static void
test_lia_access_decide_aide_reads_not_updates(void **state)
{
	(void)state;
	struct lia_role r[] = {role("aide", ANT1)};
	struct lia_actor a = staff(r, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), "role:aide");
	/* Related to the client: a plain 403, the record's existence is no secret. */
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), false,
		      "not_permitted");
	assert_denied(decide(&a, NULL, ANT1, LIA_CAT_ADMIN, LIA_ACT_CREATE), false,
		      "not_permitted");
}

static void
test_lia_access_decide_other_subtree_hidden(void **state)
{
	(void)state;
	struct lia_role r[] = {role("coordinator", OTHER), role("nurse", "/root/asso/ant2/")};
	struct lia_actor a = staff(r, 2);
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), true, "no_relation");
	/* A role below the client's node does not cover it either. */
	struct lia_role below[] = {role("admin", "/root/asso/ant1/team/")};
	struct lia_actor b = staff(below, 1);
	assert_denied(decide(&b, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
}

static void
test_lia_access_decide_path_prefix_trap(void **state)
{
	(void)state;
	/* "/root/as/" is a string prefix of "/root/asso/" but not an ancestor. */
	struct lia_role r[] = {role("coordinator", "/root/as/")};
	struct lia_actor a = staff(r, 1);
	assert_denied(decide(&a, CLIENT, ASSO, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
	assert_allowed(decide(&a, CLIENT, "/root/as/x/", LIA_CAT_ADMIN, LIA_ACT_READ),
		       "role:coordinator");
}

static void
test_lia_access_decide_best_role_wins(void **state)
{
	(void)state;
	/* The first role covering the client cannot update; a later one can. */
	struct lia_role r[] = {role("aide", ANT1), role("coordinator", ASSO)};
	struct lia_actor a = staff(r, 2);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), "role:coordinator");
}

static void
test_lia_access_decide_nurse_and_doctor_need_the_circle(void **state)
{
	(void)state;
	/* Organisation scope alone gives identity and contacts, not the record's content:
	 * that comes with a place in the client's care circle (policy_circle tests). */
	struct lia_role n[] = {role("nurse", ANT1)};
	struct lia_actor a = staff(n, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), "role:nurse");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_MEDICAL, LIA_ACT_READ), false,
		      "not_permitted");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ACCESS_LOG, LIA_ACT_READ), false,
		      "not_permitted");
	struct lia_role d[] = {role("doctor", ASSO)};
	struct lia_actor b = staff(d, 1);
	assert_denied(decide(&b, CLIENT, ANT1, LIA_CAT_MEDICAL, LIA_ACT_READ), false,
		      "not_permitted");
}

static void
test_lia_access_decide_person_self(void **state)
{
	(void)state;
	struct lia_person_link l[] = {link_to(CLIENT, "self")};
	struct lia_actor a = person(l, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), "person:self");
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ACCESS_LOG, LIA_ACT_READ), "person:self");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), false,
		      "not_permitted");
}

static void
test_lia_access_decide_person_legal_representative(void **state)
{
	(void)state;
	struct lia_person_link l[] = {link_to(CLIENT, "legal_representative")};
	struct lia_actor a = person(l, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ),
		       "person:legal_representative");
}

static void
test_lia_access_decide_caregiver_nothing_by_default(void **state)
{
	(void)state;
	struct lia_person_link l[] = {link_to(CLIENT, "caregiver")};
	struct lia_actor a = person(l, 1);
	/* Related (403, not 404), and told why: the client has not granted it. */
	for (int c = 0; c < LIA_CAT_ACCESS_LOG; c++)
		assert_denied(decide(&a, CLIENT, ANT1, (enum lia_category)c, LIA_ACT_READ), false,
			      "consent_required");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ACCESS_LOG, LIA_ACT_READ), false,
		      "not_permitted");
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), false,
		      "not_permitted");
}

static void
test_lia_access_decide_link_to_other_client(void **state)
{
	(void)state;
	struct lia_person_link l[] = {link_to("c-0002", "self")};
	struct lia_actor a = person(l, 1);
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
	/* Without a client id (a create) a link relates to nothing. */
	assert_denied(decide(&a, NULL, ANT1, LIA_CAT_ADMIN, LIA_ACT_CREATE), true, "no_relation");
	/* Same-prefix ids are different clients. */
	struct lia_person_link p[] = {link_to("c-00011", "self")};
	struct lia_actor b = person(p, 1);
	assert_denied(decide(&b, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
}

static void
test_lia_access_decide_auditor_access_log_only(void **state)
{
	(void)state;
	struct lia_role r[] = {role("auditor", ASSO)};
	struct lia_actor a = staff(r, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ACCESS_LOG, LIA_ACT_READ), "role:auditor");
	for (int c = 0; c < LIA_CAT_COUNT; c++) {
		if (c == LIA_CAT_ACCESS_LOG)
			continue;
		assert_denied(decide(&a, CLIENT, ANT1, (enum lia_category)c, LIA_ACT_READ), false,
			      "not_permitted");
	}
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ACCESS_LOG, LIA_ACT_UPDATE), false,
		      "not_permitted");
}

static void
test_lia_access_decide_alarm_operator_admin_only(void **state)
{
	(void)state;
	struct lia_role r[] = {role("alarm_operator", ASSO)};
	struct lia_actor a = staff(r, 1);
	assert_allowed(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), "role:alarm_operator");
	for (int c = 0; c < LIA_CAT_COUNT; c++) {
		if (c == LIA_CAT_ADMIN)
			continue;
		assert_denied(decide(&a, CLIENT, ANT1, (enum lia_category)c, LIA_ACT_READ), false,
			      "not_permitted");
	}
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_UPDATE), false,
		      "not_permitted");
}

static void
test_lia_access_decide_no_roles_no_links(void **state)
{
	(void)state;
	struct lia_actor a = staff(NULL, 0);
	assert_denied(decide(&a, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ), true, "no_relation");
	struct lia_decision d = decide(NULL, CLIENT, ANT1, LIA_CAT_ADMIN, LIA_ACT_READ);
	assert_false(d.allow);
	assert_true(d.hide_existence);
}

static void
test_lia_access_scope_allowed_roles_only(void **state)
{
	(void)state;
	struct lia_role r[] = {role("coordinator", "/root/a/"), role("auditor", "/root/b/"),
			       role("aide", "/root/c/")};
	struct lia_actor a = staff(r, 3);
	const char *paths[8];

	size_t n = lia_access_scope(&a, LIA_CAT_ADMIN, LIA_ACT_READ, paths, 8);
	assert_int_equal(n, 2);
	assert_string_equal(paths[0], "/root/a/");
	assert_string_equal(paths[1], "/root/c/");

	n = lia_access_scope(&a, LIA_CAT_ACCESS_LOG, LIA_ACT_READ, paths, 8);
	assert_int_equal(n, 2);
	assert_string_equal(paths[0], "/root/a/");
	assert_string_equal(paths[1], "/root/b/");

	n = lia_access_scope(&a, LIA_CAT_ADMIN, LIA_ACT_UPDATE, paths, 8);
	assert_int_equal(n, 1);
	assert_string_equal(paths[0], "/root/a/");

	n = lia_access_scope(&a, LIA_CAT_MEDICAL, LIA_ACT_READ, paths, 8);
	assert_int_equal(n, 0);
}

static void
test_lia_access_scope_respects_max(void **state)
{
	(void)state;
	struct lia_role r[] = {role("nurse", "/root/a/"), role("nurse", "/root/b/"),
			       role("nurse", "/root/c/")};
	struct lia_actor a = staff(r, 3);
	const char *paths[3] = {NULL, NULL, "untouched"};
	size_t n = lia_access_scope(&a, LIA_CAT_ADMIN, LIA_ACT_READ, paths, 2);
	assert_int_equal(n, 2);
	assert_string_equal(paths[2], "untouched");
}

static void
test_lia_access_scope_person_has_none(void **state)
{
	(void)state;
	struct lia_person_link l[] = {link_to(CLIENT, "self")};
	struct lia_actor a = person(l, 1);
	const char *paths[4];
	assert_int_equal(lia_access_scope(&a, LIA_CAT_ADMIN, LIA_ACT_READ, paths, 4), 0);
}

static struct lia_decision
manage(const struct lia_actor *a, const char *path, enum lia_manage what)
{
	struct lia_decision d;
	memset(&d, 0x5A, sizeof d);
	lia_access_manage(a, path, what, &d);
	return d;
}

static void
test_lia_access_manage_admin_in_subtree(void **state)
{
	(void)state;
	struct lia_role r[] = {role("admin", ASSO)};
	struct lia_actor a = staff(r, 1);
	assert_allowed(manage(&a, ANT1, LIA_MANAGE_ACCOUNTS), "admin");
	assert_allowed(manage(&a, ASSO, LIA_MANAGE_ACCOUNTS), "admin");
	assert_allowed(manage(&a, ANT1, LIA_MANAGE_ORGS), "admin");
	assert_allowed(manage(&a, ANT1, LIA_MANAGE_VIEW), "admin");
	/* Outside the subtree: not even told the node exists. */
	struct lia_decision d = manage(&a, OTHER, LIA_MANAGE_ACCOUNTS);
	assert_false(d.allow);
	assert_true(d.hide_existence);
	d = manage(&a, "/root/", LIA_MANAGE_ACCOUNTS);
	assert_false(d.allow);
	assert_true(d.hide_existence);
	d = manage(&a, "/root/assoc/", LIA_MANAGE_ACCOUNTS); /* prefix trap */
	assert_false(d.allow);
}

static void
test_lia_access_manage_coordinator_view_only(void **state)
{
	(void)state;
	struct lia_role r[] = {role("coordinator", ASSO)};
	struct lia_actor a = staff(r, 1);
	assert_allowed(manage(&a, ANT1, LIA_MANAGE_VIEW), "coordinator");
	assert_denied(manage(&a, ANT1, LIA_MANAGE_ACCOUNTS), false, "not_permitted");
	assert_denied(manage(&a, ANT1, LIA_MANAGE_ORGS), false, "not_permitted");
}

static void
test_lia_access_manage_nurse_follows_alerts_only(void **state)
{
	(void)state;
	struct lia_role r[] = {role("nurse", ASSO)};
	struct lia_actor a = staff(r, 1);
	/* A nurse manages nothing, but follows her organisation's alerts (missed doses). */
	for (int w = 0; w < LIA_MANAGE_COUNT; w++) {
		struct lia_decision d = manage(&a, ANT1, (enum lia_manage)w);
		assert_int_equal(d.allow, w == LIA_MANAGE_ALERTS);
		assert_false(d.hide_existence);
	}
	struct lia_person_link l[] = {link_to(CLIENT, "self")};
	struct lia_actor p = person(l, 1);
	assert_false(manage(&p, ANT1, LIA_MANAGE_VIEW).allow);
}

static void
test_lia_role_valid_names(void **state)
{
	(void)state;
	static const char *const good[] = {"admin", "coordinator",   "nurse",          "doctor",
					   "aide",  "aide_soignant", "alarm_operator", "auditor"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(lia_role_valid(good[i]));
	static const char *const bad[] = {"",      "Admin",     "admin ", "person:self",
					  "self",  "caregiver", "root",   "aide-soignant",
					  "nurses"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(lia_role_valid(bad[i]));
	assert_false(lia_role_valid(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_access_decide_coordinator_admin_data),
		cmocka_unit_test(test_lia_access_decide_coordinator_no_medical),
		cmocka_unit_test(test_lia_access_decide_aide_reads_not_updates),
		cmocka_unit_test(test_lia_access_decide_other_subtree_hidden),
		cmocka_unit_test(test_lia_access_decide_path_prefix_trap),
		cmocka_unit_test(test_lia_access_decide_best_role_wins),
		cmocka_unit_test(test_lia_access_decide_nurse_and_doctor_need_the_circle),
		cmocka_unit_test(test_lia_access_decide_person_self),
		cmocka_unit_test(test_lia_access_decide_person_legal_representative),
		cmocka_unit_test(test_lia_access_decide_caregiver_nothing_by_default),
		cmocka_unit_test(test_lia_access_decide_link_to_other_client),
		cmocka_unit_test(test_lia_access_decide_auditor_access_log_only),
		cmocka_unit_test(test_lia_access_decide_alarm_operator_admin_only),
		cmocka_unit_test(test_lia_access_decide_no_roles_no_links),
		cmocka_unit_test(test_lia_access_scope_allowed_roles_only),
		cmocka_unit_test(test_lia_access_scope_respects_max),
		cmocka_unit_test(test_lia_access_scope_person_has_none),
		cmocka_unit_test(test_lia_access_manage_admin_in_subtree),
		cmocka_unit_test(test_lia_access_manage_coordinator_view_only),
		cmocka_unit_test(test_lia_access_manage_nurse_follows_alerts_only),
		cmocka_unit_test(test_lia_role_valid_names),
	};
	LIA_RUN_GROUP("policy", tests, NULL, NULL);
}
