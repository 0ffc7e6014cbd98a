/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The access decision with the care circle, the client's consent and break-the-glass
 * (issue 3): who reads and writes which category of a client's record, and why not.
 */
#include "lia_test.h"

#include <string.h>

#include "domain/policy.h"

#define CLIENT "c-1"
#define ASSO "/root/asso/"
#define ANT1 "/root/asso/ant1/"
#define SSIAD "/root/ssiad/"
#define TODAY "2026-11-22"
#define NOW 5000

static struct lia_role
role(const char *name, const char *path)
{
	return (struct lia_role){.id = "r", .account_id = "me", .org_id = "o", .org_path = path,
				 .role = name};
}

static struct lia_circle_member
member_account(const char *account, const char *circle_role, const char *from, const char *to)
{
	return (struct lia_circle_member){.id = "m", .client_id = CLIENT, .account_id = account,
					  .circle_role = circle_role, .starts_on = from,
					  .ends_on = to};
}

static struct lia_circle_member
member_org(const char *path, const char *circle_role)
{
	return (struct lia_circle_member){.id = "m", .client_id = CLIENT, .member_org_id = "org",
					  .member_org_path = path, .circle_role = circle_role,
					  .starts_on = "2020-01-01"};
}

static struct lia_consent
consent(const char *account, const char *category, const char *decision)
{
	return (struct lia_consent){.id = "k", .client_id = CLIENT, .grantee_account = account,
				    .category = category, .decision = decision, .starts_at = 1};
}

static struct lia_decision
decide(const struct lia_actor *a, const struct lia_subject *s, enum lia_category c,
       enum lia_action act)
{
	struct lia_decision d;
	memset(&d, 0x5A, sizeof d);
	lia_access_decide(a, s, c, act, &d);
	return d;
}

static struct lia_subject
subject(void)
{
	return (struct lia_subject){.client_id = CLIENT, .org_path = ANT1, .today = TODAY, .now = NOW};
}

static void
test_lia_access_decide_antenna_in_circle_gives_its_aides_daily_and_care(void **state)
{
	(void)state;
	struct lia_role r[] = {role("aide", ANT1)};
	struct lia_actor a = {.account_id = "me", .kind = "staff", .roles = r, .nroles = 1};
	struct lia_circle_member m[] = {member_org(ANT1, "aide_domicile")};
	struct lia_subject s = subject();
	/* Without the circle: identity only. */
	assert_false(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
	s.circle = m;
	s.ncircle = 1;
	struct lia_decision d = decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ);
	assert_true(d.allow);
	assert_string_equal(d.as_role, "circle:aide_domicile");
	assert_true(d.care_team);
	assert_false(d.health);
	assert_true(decide(&a, &s, LIA_CAT_CARE, LIA_ACT_CREATE).allow);
	d = decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ);
	assert_false(d.allow);
	assert_false(d.hide_existence);
}

static void
test_lia_access_decide_circle_periods(void **state)
{
	(void)state;
	struct lia_actor a = {.account_id = "nurse-1", .kind = "staff"};
	struct lia_subject s = subject();
	struct lia_circle_member past[] = {member_account("nurse-1", "infirmier", "2025-01-01",
							  "2026-11-21")};
	s.circle = past;
	s.ncircle = 1;
	struct lia_decision d = decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ);
	assert_false(d.allow);
	assert_true(d.hide_existence); /* no current relation at all */
	struct lia_circle_member back[] = {past[0], member_account("nurse-1", "infirmier",
								   "2026-11-22", NULL)};
	s.circle = back;
	s.ncircle = 2;
	d = decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ);
	assert_true(d.allow);
	assert_true(d.health);
	struct lia_circle_member future[] = {member_account("nurse-1", "infirmier", "2026-12-01",
							    NULL)};
	s.circle = future;
	s.ncircle = 1;
	assert_false(decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ).allow);
}

static void
test_lia_access_decide_caregiver_needs_a_grant_in_force(void **state)
{
	(void)state;
	struct lia_person_link l[] = {{.client_id = CLIENT, .relation = "caregiver"}};
	struct lia_actor a = {.account_id = "daughter", .kind = "person", .links = l, .nlinks = 1};
	struct lia_subject s = subject();
	struct lia_decision d = decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ);
	assert_false(d.allow);
	assert_string_equal(d.reason, "consent_required");

	struct lia_consent k[] = {consent("daughter", "daily", "grant")};
	s.consents = k;
	s.nconsents = 1;
	d = decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ);
	assert_true(d.allow);
	assert_string_equal(d.reason, "consent");
	assert_false(d.care_team); /* not a professional: "care team" entries stay closed */
	assert_false(decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ).allow);

	k[0].revoked_at = NOW - 1; /* revoked: the next request is refused */
	assert_false(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
	k[0].revoked_at = 0;
	k[0].ends_at = NOW; /* expired at this instant */
	assert_false(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
	k[0].ends_at = 0;
	k[0].starts_at = NOW + 1; /* not yet */
	assert_false(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
	k[0].starts_at = 1;
	k[0].grantee_account = "someone-else";
	assert_false(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
}

static void
test_lia_access_decide_refusal_wins_and_default_can_be_refused(void **state)
{
	(void)state;
	struct lia_role r[] = {role("aide", ANT1)};
	struct lia_actor a = {.account_id = "me", .kind = "staff", .roles = r, .nroles = 1};
	struct lia_circle_member m[] = {member_org(ANT1, "aide_domicile")};
	struct lia_consent k[] = {consent("me", "care", "grant"), consent("me", "care", "refuse")};
	struct lia_subject s = subject();
	s.circle = m;
	s.ncircle = 1;
	s.consents = k;
	s.nconsents = 2;
	struct lia_decision d = decide(&a, &s, LIA_CAT_CARE, LIA_ACT_READ);
	assert_false(d.allow);
	assert_string_equal(d.reason, "consent_refused");
	assert_true(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow); /* other category */
	k[1].revoked_at = 10;
	assert_true(decide(&a, &s, LIA_CAT_CARE, LIA_ACT_READ).allow);
}

static void
test_lia_access_decide_consent_to_an_organisation_covers_its_staff(void **state)
{
	(void)state;
	struct lia_role r[] = {role("aide", ANT1)};
	struct lia_actor a = {.account_id = "me", .kind = "staff", .roles = r, .nroles = 1};
	struct lia_circle_member m[] = {member_org(ANT1, "aide_domicile")};
	struct lia_consent k[] = {{.id = "k", .client_id = CLIENT, .grantee_org = "asso",
				   .grantee_org_path = ASSO, .category = "daily",
				   .decision = "refuse", .starts_at = 1}};
	struct lia_subject s = subject();
	s.circle = m;
	s.ncircle = 1;
	s.consents = k;
	s.nconsents = 1;
	assert_false(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
	k[0].grantee_org_path = SSIAD; /* another organisation: does not apply */
	assert_true(decide(&a, &s, LIA_CAT_DAILY, LIA_ACT_READ).allow);
}

static void
test_lia_access_decide_break_glass_is_a_flagged_time_limited_read(void **state)
{
	(void)state;
	struct lia_role r[] = {role("nurse", SSIAD)}; /* outside the client's organisation */
	struct lia_actor a = {.account_id = "me", .kind = "staff", .roles = r, .nroles = 1};
	struct lia_subject s = subject();
	struct lia_decision d = decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ);
	assert_false(d.allow);
	assert_true(d.hide_existence);
	struct lia_break_glass g[] = {{.client_id = CLIENT, .account_id = "me", .reason = "chute",
				       .started_at = NOW - 10, .expires_at = NOW + 10}};
	s.glass = g;
	s.nglass = 1;
	d = decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ);
	assert_true(d.allow);
	assert_true(d.break_glass);
	assert_string_equal(d.reason, "break_glass");
	assert_false(decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_CREATE).allow);
	assert_false(decide(&a, &s, LIA_CAT_ACCESS_LOG, LIA_ACT_READ).allow);
	g[0].expires_at = NOW; /* over */
	assert_false(decide(&a, &s, LIA_CAT_MEDICAL, LIA_ACT_READ).allow);
}

static void
test_lia_access_consent_owner_is_the_client_or_their_representative(void **state)
{
	(void)state;
	const char *as = NULL;
	struct lia_subject s = subject();
	struct lia_person_link self[] = {{.client_id = CLIENT, .relation = "self"}};
	struct lia_actor a = {.account_id = "c", .kind = "person", .links = self, .nlinks = 1};
	assert_true(lia_access_consent_owner(&a, &s, &as));
	assert_string_equal(as, "self");
	struct lia_person_link care[] = {{.client_id = CLIENT, .relation = "caregiver"}};
	struct lia_actor b = {.account_id = "d", .kind = "person", .links = care, .nlinks = 1};
	assert_false(lia_access_consent_owner(&b, &s, &as));
	struct lia_circle_member m[] = {member_account("d", "responsable_legal", "2020-01-01", NULL)};
	s.circle = m;
	s.ncircle = 1;
	assert_true(lia_access_consent_owner(&b, &s, &as));
	assert_string_equal(as, "legal_representative");
	struct lia_role r[] = {role("coordinator", ASSO)};
	struct lia_actor c = {.account_id = "e", .kind = "staff", .roles = r, .nroles = 1};
	assert_false(lia_access_consent_owner(&c, &s, &as));
}

static void
test_lia_access_may_break_glass_professionals_only(void **state)
{
	(void)state;
	struct lia_role n[] = {role("nurse", ASSO)}, au[] = {role("auditor", ASSO)};
	struct lia_actor nurse = {.account_id = "n", .roles = n, .nroles = 1};
	struct lia_actor auditor = {.account_id = "a", .roles = au, .nroles = 1};
	struct lia_actor person = {.account_id = "p", .kind = "person"};
	assert_true(lia_access_may_break_glass(&nurse));
	assert_false(lia_access_may_break_glass(&auditor));
	assert_false(lia_access_may_break_glass(&person));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_access_decide_antenna_in_circle_gives_its_aides_daily_and_care),
		cmocka_unit_test(test_lia_access_decide_circle_periods),
		cmocka_unit_test(test_lia_access_decide_caregiver_needs_a_grant_in_force),
		cmocka_unit_test(test_lia_access_decide_refusal_wins_and_default_can_be_refused),
		cmocka_unit_test(test_lia_access_decide_consent_to_an_organisation_covers_its_staff),
		cmocka_unit_test(test_lia_access_decide_break_glass_is_a_flagged_time_limited_read),
		cmocka_unit_test(test_lia_access_consent_owner_is_the_client_or_their_representative),
		cmocka_unit_test(test_lia_access_may_break_glass_professionals_only),
	};
	LIA_RUN_GROUP("policy_consent", tests, NULL, NULL);
}
