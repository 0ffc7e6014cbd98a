/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/domain/escalation: the check of a client's plan (every field
 * error with its field name), the plan's normal form, and the life of an escalation
 * carried by an alert: start, the timer's tick (on time, early, late by several
 * steps), the operator's record of a call, the stop, and unreadable texts. Every
 * result is parsed back and its members looked at one by one; the expected instants
 * are written out by hand from a start at 2027-03-01T08:00:00Z, never computed by
 * the module.
 */
#include "lia_test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/errors.h"
#include "domain/escalation.h"

#define S_US 1000000LL
#define DAUGHTER "0190c6a2-6b5e-7c3a-9f1e-2d4b8a7c6e51"
#define OPERATOR "0190c6a2-6b5e-7c3a-9f1e-2d4b8a7c6e52"

/* Operators on duty 2 min, the daughter 5 min, the neighbour 1 min, the SAMU 10 min. */
static const char plan4[] =
	"[{\"kind\":\"on_duty\",\"label\":\"Opérateur de permanence\",\"timeout_s\":120},"
	"{\"kind\":\"caregiver\",\"label\":\"Fille\",\"phone\":\"+33 6 12 34 56 78\","
	"\"account_id\":\"" DAUGHTER "\",\"timeout_s\":300},"
	"{\"kind\":\"contact\",\"label\":\"Voisin (clés)\",\"phone\":\"03.20.00.00.00\","
	"\"account_id\":null,\"timeout_s\":60},"
	"{\"kind\":\"emergency\",\"label\":\"SAMU 59\",\"phone\":\"+33 3 20 54 22 22\","
	"\"timeout_s\":600}]";

/* The arena of the test, and the trees it parsed (deleted at teardown, also when an
 * assertion fails half-way). */
struct fix {
	struct lia_arena *a;
	cJSON *trees[64];
	int ntrees;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	f->a = lia_arena_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	for (int i = 0; i < f->ntrees; i++)
		cJSON_Delete(f->trees[i]);
	lia_arena_free(f->a);
	free(f);
	return 0;
}

static cJSON *
doc(struct fix *f, const char *text)
{
	assert_non_null(text);
	cJSON *t = cJSON_Parse(text);
	if (!t)
		fail_msg("not JSON: %s", text);
	assert_true(f->ntrees < 64);
	f->trees[f->ntrees++] = t;
	return t;
}

/* The UTC instant 2027-03-01 h:mi:s, in microseconds, computed by libc. */
static int64_t
at(int h, int mi, int s)
{
	struct tm tm = {
		.tm_year = 127, .tm_mon = 2, .tm_mday = 1, .tm_hour = h, .tm_min = mi, .tm_sec = s};
	return (int64_t)timegm(&tm) * S_US;
}

static const cJSON *
member(const cJSON *obj, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!m)
		fail_msg("no member %s", name);
	return m;
}

/* A string member equal to want, or null when want is NULL. */
static void
expect_text(const cJSON *obj, const char *name, const char *want)
{
	const cJSON *m = member(obj, name);
	if (!want) {
		if (!cJSON_IsNull(m))
			fail_msg("%s: expected null", name);
		return;
	}
	if (!cJSON_IsString(m))
		fail_msg("%s: expected \"%s\", not a string", name, want);
	if (strcmp(m->valuestring, want) != 0)
		fail_msg("%s: \"%s\", expected \"%s\"", name, m->valuestring, want);
}

static void
expect_int(const cJSON *obj, const char *name, double want)
{
	const cJSON *m = member(obj, name);
	if (!cJSON_IsNumber(m) || m->valuedouble != want)
		fail_msg("%s: expected %.0f", name, want);
}

static const cJSON *
step_of(const cJSON *esc, int i)
{
	const cJSON *s = cJSON_GetArrayItem(member(esc, "steps"), i);
	if (!s)
		fail_msg("no step %d", i);
	return s;
}

/* Step i's state and instants ("HH:MM:SS" on 2027-03-01, or NULL for null). */
static void
expect_step(const cJSON *esc, int i, const char *st, const char *started, const char *due,
	    const char *ended)
{
	char buf[3][32];
	const char *hms[3] = {started, due, ended};
	for (int k = 0; k < 3; k++)
		if (hms[k]) {
			snprintf(buf[k], sizeof buf[k], "2027-03-01T%sZ", hms[k]);
			hms[k] = buf[k];
		}
	const cJSON *s = step_of(esc, i);
	expect_text(s, "state", st);
	expect_text(s, "started_at", hms[0]);
	expect_text(s, "due_at", hms[1]);
	expect_text(s, "ended_at", hms[2]);
}

static void
expect_status(const cJSON *esc, const char *status, int current)
{
	expect_text(esc, "status", status);
	expect_int(esc, "current", current);
	expect_int(esc, "plan_version", 7);
	assert_int_equal(cJSON_GetArraySize(member(esc, "steps")), 4);
}

/* The plan part of every step survives each transition unchanged. */
static void
expect_plan_kept(const cJSON *esc)
{
	expect_text(step_of(esc, 0), "kind", "on_duty");
	expect_text(step_of(esc, 0), "label", "Opérateur de permanence");
	expect_text(step_of(esc, 0), "phone", NULL);
	expect_text(step_of(esc, 0), "account_id", NULL);
	expect_int(step_of(esc, 0), "timeout_s", 120);
	expect_text(step_of(esc, 1), "kind", "caregiver");
	expect_text(step_of(esc, 1), "phone", "+33 6 12 34 56 78");
	expect_text(step_of(esc, 1), "account_id", DAUGHTER);
	expect_int(step_of(esc, 1), "timeout_s", 300);
	expect_text(step_of(esc, 2), "kind", "contact");
	expect_text(step_of(esc, 2), "label", "Voisin (clés)");
	expect_int(step_of(esc, 2), "timeout_s", 60);
	expect_text(step_of(esc, 3), "kind", "emergency");
	expect_int(step_of(esc, 3), "timeout_s", 600);
}

/* The escalation of plan4 started at 08:00:00, as text. */
static const char *
started(struct fix *f)
{
	struct lia_escalation_step out;
	assert_true(lia_escalation_start(f->a, plan4, 7, at(8, 0, 0), &out));
	return out.json;
}

/* ---- the plan ---- */

/* Checks text (parsed) and returns how many field errors it gave. */
static size_t
check(struct fix *f, const char *text, struct lia_problem *p)
{
	memset(p, 0, sizeof *p);
	bool ok = lia_escalation_plan_check(doc(f, text), p);
	assert_true(ok == (p->nfields == 0));
	assert_int_equal(p->kind, ok ? LIA_P_NONE : LIA_P_VALIDATION_FAILED);
	return p->nfields;
}

static void
expect_one_error(struct fix *f, const char *text, const char *field, enum lia_field_error e)
{
	struct lia_problem p;
	size_t n = check(f, text, &p);
	if (n != 1)
		fail_msg("%s: %zu errors, expected 1 (%s)", text, n, field);
	assert_string_equal(p.fields[0].field, field);
	if (p.fields[0].code != e)
		fail_msg("%s: %s is %s, expected %s", text, field,
			 lia_field_error_code(p.fields[0].code), lia_field_error_code(e));
}

/* plan4 with step i replaced by step (an object's text). */
static const char *
with_step(struct fix *f, int i, const char *step)
{
	cJSON *plan = cJSON_Parse(plan4);
	cJSON_ReplaceItemInArray(plan, i, cJSON_Parse(step));
	char *s = cJSON_PrintUnformatted(plan);
	const char *copy = lia_arena_strdup(f->a, s);
	cJSON_free(s);
	cJSON_Delete(plan);
	return copy;
}

static void
test_lia_escalation_plan_check_valid(void **state)
{
	struct fix *f = *state;
	struct lia_problem p;
	assert_int_equal(check(f, plan4, &p), 0);
	assert_int_equal(check(f, LIA_ESCALATION_DEFAULT_STEPS, &p), 0);
	/* The bounds themselves, a phone on the operators' step, null members. */
	assert_int_equal(check(f,
			       "[{\"kind\":\"on_duty\",\"label\":\"x\",\"phone\":\"112\","
			       "\"account_id\":null,\"timeout_s\":30},"
			       "{\"kind\":\"emergency\",\"label\":\"SAMU\",\"phone\":"
			       "\"+33 3 20 54 22 22 ..\",\"timeout_s\":3600}]",
			       &p),
			 0);
	/* Eight steps; a label of 120 characters (240 bytes). */
	char label[300] = "";
	for (int i = 0; i < 120; i++)
		strncat(label, "é", sizeof label - strlen(label) - 1);
	char eight[4096] = "[";
	for (int i = 0; i < 8; i++) {
		char one[400];
		snprintf(one, sizeof one,
			 "%s{\"kind\":\"contact\",\"label\":\"%s\",\"phone\":\"0601020304\","
			 "\"timeout_s\":60}",
			 i ? "," : "", label);
		strncat(eight, one, sizeof eight - strlen(eight) - 1);
	}
	strncat(eight, "]", sizeof eight - strlen(eight) - 1);
	assert_int_equal(check(f, eight, &p), 0);
}

static void
test_lia_escalation_plan_check_kind(void **state)
{
	struct fix *f = *state;
	expect_one_error(f, with_step(f, 0, "{\"label\":\"x\",\"timeout_s\":60}"), "steps[0].kind",
			 LIA_FE_REQUIRED);
	expect_one_error(f, with_step(f, 0, "{\"kind\":null,\"label\":\"x\",\"timeout_s\":60}"),
			 "steps[0].kind", LIA_FE_REQUIRED);
	expect_one_error(f,
			 with_step(f, 1, "{\"kind\":\"family\",\"label\":\"x\",\"timeout_s\":60}"),
			 "steps[1].kind", LIA_FE_INVALID_VALUE);
	expect_one_error(f,
			 with_step(f, 1, "{\"kind\":\"On_duty\",\"label\":\"x\",\"timeout_s\":60}"),
			 "steps[1].kind", LIA_FE_INVALID_VALUE);
	expect_one_error(f, with_step(f, 2, "{\"kind\":3,\"label\":\"x\",\"timeout_s\":60}"),
			 "steps[2].kind", LIA_FE_INVALID_TYPE);
}

static void
test_lia_escalation_plan_check_phone_required(void **state)
{
	struct fix *f = *state;
	expect_one_error(
		f, with_step(f, 1, "{\"kind\":\"caregiver\",\"label\":\"x\",\"timeout_s\":60}"),
		"steps[1].phone", LIA_FE_REQUIRED);
	expect_one_error(f,
			 with_step(f, 2, "{\"kind\":\"contact\",\"label\":\"x\",\"timeout_s\":60}"),
			 "steps[2].phone", LIA_FE_REQUIRED);
	expect_one_error(f,
			 with_step(f, 3,
				   "{\"kind\":\"emergency\",\"label\":\"x\",\"phone\":null,"
				   "\"timeout_s\":60}"),
			 "steps[3].phone", LIA_FE_REQUIRED);
	/* The operators on duty need none. */
	struct lia_problem p;
	assert_int_equal(
		check(f, with_step(f, 2, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60}"),
		      &p),
		0);
}

static void
test_lia_escalation_plan_check_phone_format(void **state)
{
	struct fix *f = *state;
	static const struct {
		const char *phone;
		enum lia_field_error e;
	} bad[] = {
		{"\"06-12-34-56-78\"", LIA_FE_INVALID_FORMAT},
		{"\"06 12 34 56 7x\"", LIA_FE_INVALID_FORMAT},
		{"\"(0)6 12 34 56 78\"", LIA_FE_INVALID_FORMAT},
		{"\"06+12 34 56 78\"", LIA_FE_INVALID_FORMAT}, /* '+' only in front */
		{"\"+ . .\"", LIA_FE_INVALID_FORMAT},          /* no number in it */
		{"\"0612\\n34\"", LIA_FE_INVALID_FORMAT},
		{"\"15\"", LIA_FE_TOO_SHORT},
		{"\"\"", LIA_FE_TOO_SHORT},
		{"\"+33 6 12 34 56 78 901\"", LIA_FE_TOO_LONG}, /* 21 */
		{"612345678", LIA_FE_INVALID_TYPE},
		{"[\"0612345678\"]", LIA_FE_INVALID_TYPE},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char step[200];
		snprintf(step, sizeof step,
			 "{\"kind\":\"caregiver\",\"label\":\"x\",\"phone\":%s,\"timeout_s\":60}",
			 bad[i].phone);
		expect_one_error(f, with_step(f, 1, step), "steps[1].phone", bad[i].e);
	}
	/* Also checked on the operators' step when given. */
	expect_one_error(f,
			 with_step(f, 0,
				   "{\"kind\":\"on_duty\",\"label\":\"x\",\"phone\":\"abc\","
				   "\"timeout_s\":60}"),
			 "steps[0].phone", LIA_FE_INVALID_FORMAT);
}

static void
test_lia_escalation_plan_check_label(void **state)
{
	struct fix *f = *state;
	expect_one_error(f,
			 with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"\",\"timeout_s\":60}"),
			 "steps[0].label", LIA_FE_TOO_SHORT);
	expect_one_error(f, with_step(f, 0, "{\"kind\":\"on_duty\",\"timeout_s\":60}"),
			 "steps[0].label", LIA_FE_REQUIRED);
	expect_one_error(f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":12,\"timeout_s\":60}"),
			 "steps[0].label", LIA_FE_INVALID_TYPE);
	/* 121 characters. */
	char step[600] = "{\"kind\":\"on_duty\",\"timeout_s\":60,\"label\":\"";
	for (int i = 0; i < 121; i++)
		strncat(step, "é", sizeof step - strlen(step) - 1);
	strncat(step, "\"}", sizeof step - strlen(step) - 1);
	expect_one_error(f, with_step(f, 0, step), "steps[0].label", LIA_FE_TOO_LONG);
}

static void
test_lia_escalation_plan_check_timeout(void **state)
{
	struct fix *f = *state;
	expect_one_error(f,
			 with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":29}"),
			 "steps[0].timeout_s", LIA_FE_OUT_OF_RANGE);
	expect_one_error(
		f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":3601}"),
		"steps[0].timeout_s", LIA_FE_OUT_OF_RANGE);
	expect_one_error(
		f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":-60}"),
		"steps[0].timeout_s", LIA_FE_OUT_OF_RANGE);
	expect_one_error(
		f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":\"120\"}"),
		"steps[0].timeout_s", LIA_FE_INVALID_TYPE);
	expect_one_error(
		f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60.5}"),
		"steps[0].timeout_s", LIA_FE_INVALID_TYPE);
	expect_one_error(f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\"}"),
			 "steps[0].timeout_s", LIA_FE_REQUIRED);
}

static void
test_lia_escalation_plan_check_count(void **state)
{
	struct fix *f = *state;
	expect_one_error(f, "[]", "steps", LIA_FE_TOO_SHORT);
	char nine[1024] = "[";
	for (int i = 0; i < 9; i++)
		strncat(nine,
			i ? ",{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60}" :
			    "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60}",
			sizeof nine - strlen(nine) - 1);
	strncat(nine, "]", sizeof nine - strlen(nine) - 1);
	expect_one_error(f, nine, "steps", LIA_FE_TOO_LONG);
}

static void
test_lia_escalation_plan_check_emergency_last(void **state)
{
	struct fix *f = *state;
	/* The SAMU second, the neighbour after it. */
	expect_one_error(f,
			 with_step(f, 1,
				   "{\"kind\":\"emergency\",\"label\":\"SAMU\",\"phone\":\"112\","
				   "\"timeout_s\":600}"),
			 "steps[1].kind", LIA_FE_INVALID_VALUE);
	/* Two emergency steps: the first is the wrong one. */
	expect_one_error(
		f,
		with_step(f, 2,
			  "{\"kind\":\"emergency\",\"label\":\"Pompiers\",\"phone\":\"112\","
			  "\"timeout_s\":600}"),
		"steps[2].kind", LIA_FE_INVALID_VALUE);
}

static void
test_lia_escalation_plan_check_members(void **state)
{
	struct fix *f = *state;
	expect_one_error(f,
			 with_step(f, 0,
				   "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60,"
				   "\"colour\":\"red\"}"),
			 "steps[0].colour", LIA_FE_UNKNOWN_FIELD);
	/* The escalation's own members do not belong in a plan. */
	expect_one_error(f,
			 with_step(f, 0,
				   "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60,"
				   "\"state\":\"active\"}"),
			 "steps[0].state", LIA_FE_UNKNOWN_FIELD);
	expect_one_error(f,
			 with_step(f, 0,
				   "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60,"
				   "\"timeout_s\":90}"),
			 "steps[0].timeout_s", LIA_FE_DUPLICATE_FIELD);
	expect_one_error(
		f,
		with_step(f, 1,
			  "{\"kind\":\"caregiver\",\"label\":\"x\",\"phone\":\"0601020304\","
			  "\"account_id\":\"not-a-uuid\",\"timeout_s\":60}"),
		"steps[1].account_id", LIA_FE_INVALID_ID);
	expect_one_error(
		f,
		with_step(f, 1,
			  "{\"kind\":\"caregiver\",\"label\":\"x\",\"phone\":\"0601020304\","
			  "\"account_id\":5,\"timeout_s\":60}"),
		"steps[1].account_id", LIA_FE_INVALID_TYPE);
}

static void
test_lia_escalation_plan_check_not_array(void **state)
{
	struct fix *f = *state;
	expect_one_error(f, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":60}", "steps",
			 LIA_FE_INVALID_TYPE);
	expect_one_error(f, "\"on_duty\"", "steps", LIA_FE_INVALID_TYPE);
	expect_one_error(f, "null", "steps", LIA_FE_REQUIRED);
	struct lia_problem p = {0};
	assert_false(lia_escalation_plan_check(NULL, &p));
	assert_int_equal(p.nfields, 1);
	assert_string_equal(p.fields[0].field, "steps");
	assert_int_equal(p.fields[0].code, LIA_FE_REQUIRED);
	/* A step that is not an object. */
	expect_one_error(f, with_step(f, 2, "\"contact\""), "steps[2]", LIA_FE_INVALID_TYPE);
	expect_one_error(f, with_step(f, 2, "null"), "steps[2]", LIA_FE_INVALID_TYPE);
}

static void
test_lia_escalation_plan_check_all_errors(void **state)
{
	struct fix *f = *state;
	struct lia_problem p;
	/* One answer lists everything: step 0's two faults and step 1's. */
	assert_int_equal(check(f,
			       "[{\"kind\":\"caregiver\",\"label\":\"\",\"timeout_s\":60},"
			       "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":5000}]",
			       &p),
			 3);
	assert_string_equal(p.fields[0].field, "steps[0].label");
	assert_int_equal(p.fields[0].code, LIA_FE_TOO_SHORT);
	assert_string_equal(p.fields[1].field, "steps[0].phone");
	assert_int_equal(p.fields[1].code, LIA_FE_REQUIRED);
	assert_string_equal(p.fields[2].field, "steps[1].timeout_s");
	assert_int_equal(p.fields[2].code, LIA_FE_OUT_OF_RANGE);

	/* The caller's own errors on other fields do not make a good plan bad, and a
	 * problem already full does not make a bad plan good. */
	memset(&p, 0, sizeof p);
	lia_problem_field(&p, "client_id", LIA_FE_INVALID_ID);
	assert_true(lia_escalation_plan_check(doc(f, plan4), &p));
	assert_int_equal(p.nfields, 1);
	for (int i = 1; i < LIA_PROBLEM_MAX_FIELDS; i++)
		lia_problem_field(&p, "x", LIA_FE_REQUIRED);
	assert_false(lia_escalation_plan_check(
		doc(f, with_step(f, 0, "{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":1}")),
		&p));
	assert_int_equal(p.nfields, LIA_PROBLEM_MAX_FIELDS);
}

static void
test_lia_escalation_plan_text_normalises(void **state)
{
	struct fix *f = *state;
	/* Members in any order, absent ones, spaces: one fixed form. */
	const char *text = lia_escalation_plan_text(
		f->a,
		doc(f, "[ {\"timeout_s\": 120, \"label\": \"Opérateur\", \"kind\": \"on_duty\"},"
		       " {\"phone\": \"112\", \"account_id\": \"" DAUGHTER "\", "
		       "\"timeout_s\": 600.0, \"kind\": \"emergency\", \"label\": \"SAMU\"} ]"));
	assert_string_equal(text, "[{\"kind\":\"on_duty\",\"label\":\"Opérateur\",\"phone\":null,"
				  "\"account_id\":null,\"timeout_s\":120},"
				  "{\"kind\":\"emergency\",\"label\":\"SAMU\",\"phone\":\"112\","
				  "\"account_id\":\"" DAUGHTER "\",\"timeout_s\":600}]");
	/* The normal form passes the check again and is a fixed point. */
	struct lia_problem p;
	assert_int_equal(check(f, text, &p), 0);
	assert_string_equal(lia_escalation_plan_text(f->a, doc(f, text)), text);
	const char *four = lia_escalation_plan_text(f->a, doc(f, plan4));
	const cJSON *d = doc(f, four);
	assert_int_equal(cJSON_GetArraySize(d), 4);
	expect_text(cJSON_GetArrayItem(d, 2), "account_id", NULL);
	expect_text(cJSON_GetArrayItem(d, 3), "account_id", NULL);
	expect_text(cJSON_GetArrayItem(d, 1), "account_id", DAUGHTER);
	expect_text(cJSON_GetArrayItem(d, 0), "phone", NULL);
	/* Exactly five members each, kind first and timeout_s last. */
	for (int i = 0; i < 4; i++) {
		const cJSON *s = cJSON_GetArrayItem(d, i);
		assert_int_equal(cJSON_GetArraySize(s), 5);
		assert_string_equal(s->child->string, "kind");
		assert_string_equal(cJSON_GetArrayItem(s, 4)->string, "timeout_s");
	}
}

/* ---- start ---- */

static void
test_lia_escalation_start_first_step_active(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	assert_true(lia_escalation_start(f->a, plan4, 7, at(8, 0, 0), &out));
	assert_string_equal(out.event, "escalated");
	assert_int_equal(out.due_at, at(8, 2, 0));
	const cJSON *e = doc(f, out.json);
	expect_status(e, "running", 0);
	expect_plan_kept(e);
	expect_step(e, 0, "active", "08:00:00", "08:02:00", NULL);
	for (int i = 1; i < 4; i++)
		expect_step(e, i, "waiting", NULL, NULL, NULL);
	for (int i = 0; i < 4; i++) {
		expect_text(step_of(e, i), "by", NULL);
		expect_text(step_of(e, i), "note", NULL);
	}
	/* The default plan (one step, 2 min), with a start that has microseconds: the
	 * deadline in the text is the one returned, to the microsecond. */
	int64_t now = at(8, 0, 0) + 250000;
	assert_true(lia_escalation_start(f->a, LIA_ESCALATION_DEFAULT_STEPS, 0, now, &out));
	assert_int_equal(out.due_at, now + 120 * S_US);
	e = doc(f, out.json);
	expect_int(e, "plan_version", 0);
	int64_t due = 0;
	assert_true(lia_time_parse(member(step_of(e, 0), "due_at")->valuestring, &due));
	assert_int_equal(due, out.due_at);
}

static void
test_lia_escalation_start_unreadable(void **state)
{
	struct fix *f = *state;
	static const char *const bad[] = {
		"",
		"[",
		"[] x",
		"[]",
		"{}",
		"[{\"kind\":\"on_duty\",\"label\":\"x\"}]",
		"[{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":\"60\"}]",
		"[{\"kind\":\"on_duty\",\"label\":\"x\",\"timeout_s\":5}]",
		"[{\"kind\":\"pager\",\"label\":\"x\",\"timeout_s\":60}]",
		"[1]",
	};
	struct lia_escalation_step out;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (lia_escalation_start(f->a, bad[i], 1, at(8, 0, 0), &out))
			fail_msg("started from %s", bad[i]);
		assert_null(out.json);
		assert_null(out.event);
	}
	assert_false(lia_escalation_start(f->a, NULL, 1, at(8, 0, 0), &out));
}

/* ---- the timer ---- */

static void
test_lia_escalation_tick_before_due(void **state)
{
	struct fix *f = *state;
	const char *esc = started(f);
	struct lia_escalation_step out;
	assert_true(lia_escalation_tick(f->a, esc, at(8, 1, 59), &out));
	assert_null(out.event);
	assert_string_equal(out.json, esc);
	assert_int_equal(out.due_at, at(8, 2, 0));
	assert_true(lia_escalation_tick(f->a, esc, at(8, 2, 0) - 1, &out));
	assert_null(out.event);
	assert_int_equal(out.due_at, at(8, 2, 0));
}

static void
test_lia_escalation_tick_at_due(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	assert_true(lia_escalation_tick(f->a, started(f), at(8, 2, 0), &out));
	assert_string_equal(out.event, "escalated");
	assert_int_equal(out.due_at, at(8, 7, 0));
	const cJSON *e = doc(f, out.json);
	expect_status(e, "running", 1);
	expect_plan_kept(e);
	expect_step(e, 0, "timed_out", "08:00:00", "08:02:00", "08:02:00");
	expect_step(e, 1, "active", "08:02:00", "08:07:00", NULL);
	expect_step(e, 2, "waiting", NULL, NULL, NULL);
	expect_step(e, 3, "waiting", NULL, NULL, NULL);
}

static void
test_lia_escalation_tick_late_timer_keeps_the_chain(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	/* At 08:07:30 two steps have passed: the third started at 08:07:00, when the
	 * daughter's five minutes ran out, not when the timer woke. */
	assert_true(lia_escalation_tick(f->a, started(f), at(8, 7, 30), &out));
	assert_string_equal(out.event, "escalated");
	assert_int_equal(out.due_at, at(8, 8, 0));
	const cJSON *e = doc(f, out.json);
	expect_status(e, "running", 2);
	expect_step(e, 0, "timed_out", "08:00:00", "08:02:00", "08:02:00");
	expect_step(e, 1, "timed_out", "08:02:00", "08:07:00", "08:07:00");
	expect_step(e, 2, "active", "08:07:00", "08:08:00", NULL);
	expect_step(e, 3, "waiting", NULL, NULL, NULL);
	/* The next tick from there, exactly at the neighbour's deadline. */
	assert_true(lia_escalation_tick(f->a, out.json, at(8, 8, 0), &out));
	assert_string_equal(out.event, "escalated");
	assert_int_equal(out.due_at, at(8, 18, 0));
	e = doc(f, out.json);
	expect_status(e, "running", 3);
	expect_step(e, 2, "timed_out", "08:07:00", "08:08:00", "08:08:00");
	expect_step(e, 3, "active", "08:08:00", "08:18:00", NULL);
}

static void
test_lia_escalation_tick_long_after_exhausts(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	/* The server was down for an hour: every step times out in turn. */
	assert_true(lia_escalation_tick(f->a, started(f), at(9, 0, 0), &out));
	assert_string_equal(out.event, "escalation_exhausted");
	assert_int_equal(out.due_at, 0);
	const cJSON *e = doc(f, out.json);
	expect_status(e, "exhausted", -1);
	expect_plan_kept(e);
	expect_step(e, 0, "timed_out", "08:00:00", "08:02:00", "08:02:00");
	expect_step(e, 1, "timed_out", "08:02:00", "08:07:00", "08:07:00");
	expect_step(e, 2, "timed_out", "08:07:00", "08:08:00", "08:08:00");
	expect_step(e, 3, "timed_out", "08:08:00", "08:18:00", "08:18:00");
	/* Exhausted stays exhausted. */
	const char *done = out.json;
	assert_true(lia_escalation_tick(f->a, done, at(10, 0, 0), &out));
	assert_null(out.event);
	assert_int_equal(out.due_at, 0);
	assert_string_equal(out.json, done);
}

/* ---- the operator's record ---- */

static void
test_lia_escalation_record_answered(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	bool wrong = true;
	assert_true(lia_escalation_record(f->a, started(f), 0, true, OPERATOR,
					  "Mme va bien, chute sans gravité", at(8, 1, 0), &out,
					  &wrong));
	assert_false(wrong);
	assert_string_equal(out.event, "escalation_answered");
	assert_int_equal(out.due_at, 0);
	const cJSON *e = doc(f, out.json);
	expect_status(e, "answered", -1);
	expect_plan_kept(e);
	expect_step(e, 0, "answered", "08:00:00", "08:02:00", "08:01:00");
	expect_text(step_of(e, 0), "by", OPERATOR);
	expect_text(step_of(e, 0), "note", "Mme va bien, chute sans gravité");
	expect_step(e, 1, "waiting", NULL, NULL, NULL);
	/* An answered escalation no longer moves with the clock. */
	const char *done = out.json;
	assert_true(lia_escalation_tick(f->a, done, at(9, 0, 0), &out));
	assert_null(out.event);
	assert_string_equal(out.json, done);
}

static void
test_lia_escalation_record_no_answer(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	bool wrong = true;
	/* Nobody picked up at 08:01: the daughter is called at once, her five minutes
	 * from then. by and note may be absent. */
	assert_true(lia_escalation_record(f->a, started(f), 0, false, OPERATOR, NULL, at(8, 1, 0),
					  &out, &wrong));
	assert_false(wrong);
	assert_string_equal(out.event, "escalated");
	assert_int_equal(out.due_at, at(8, 6, 0));
	const cJSON *e = doc(f, out.json);
	expect_status(e, "running", 1);
	expect_step(e, 0, "no_answer", "08:00:00", "08:02:00", "08:01:00");
	expect_text(step_of(e, 0), "by", OPERATOR);
	expect_text(step_of(e, 0), "note", NULL);
	expect_step(e, 1, "active", "08:01:00", "08:06:00", NULL);
	expect_step(e, 2, "waiting", NULL, NULL, NULL);
	/* Her step answered, later, without a by. */
	assert_true(lia_escalation_record(f->a, out.json, 1, true, NULL, "arrive dans 10 min",
					  at(8, 3, 30), &out, &wrong));
	assert_string_equal(out.event, "escalation_answered");
	e = doc(f, out.json);
	expect_status(e, "answered", -1);
	expect_step(e, 0, "no_answer", "08:00:00", "08:02:00", "08:01:00");
	expect_step(e, 1, "answered", "08:01:00", "08:06:00", "08:03:30");
	expect_text(step_of(e, 1), "by", NULL);
	expect_text(step_of(e, 1), "note", "arrive dans 10 min");
}

static void
test_lia_escalation_record_no_answer_last_exhausts(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	bool wrong;
	/* The tick brings it to the last step; the SAMU line does not answer. */
	assert_true(lia_escalation_tick(f->a, started(f), at(8, 10, 0), &out));
	assert_int_equal(out.due_at, at(8, 18, 0));
	assert_true(lia_escalation_record(f->a, out.json, 3, false, OPERATOR, "occupé",
					  at(8, 12, 0), &out, &wrong));
	assert_false(wrong);
	assert_string_equal(out.event, "escalation_exhausted");
	assert_int_equal(out.due_at, 0);
	const cJSON *e = doc(f, out.json);
	expect_status(e, "exhausted", -1);
	expect_step(e, 3, "no_answer", "08:08:00", "08:18:00", "08:12:00");
	expect_text(step_of(e, 3), "note", "occupé");
}

static void
test_lia_escalation_record_wrong_step(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	const char *esc = started(f);
	static const int steps[] = {1, 3, -1, 4, 100};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		bool wrong = false;
		assert_false(lia_escalation_record(f->a, esc, steps[i], true, OPERATOR, NULL,
						   at(8, 1, 0), &out, &wrong));
		assert_true(wrong);
		assert_null(out.json);
		assert_null(out.event);
	}
	/* The caller may not want to know. */
	assert_false(
		lia_escalation_record(f->a, esc, 2, true, OPERATOR, NULL, at(8, 1, 0), &out, NULL));
}

static void
test_lia_escalation_record_not_running(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	bool wrong;
	/* Exhausted. */
	assert_true(lia_escalation_tick(f->a, started(f), at(9, 0, 0), &out));
	const char *exhausted = out.json;
	for (int step = -1; step < 4; step++) {
		wrong = true;
		assert_false(lia_escalation_record(f->a, exhausted, step, true, OPERATOR, NULL,
						   at(9, 1, 0), &out, &wrong));
		assert_false(wrong);
	}
	/* Stopped. */
	assert_true(lia_escalation_stop(f->a, started(f), OPERATOR, at(8, 0, 30), &out));
	const char *stopped = out.json;
	wrong = true;
	assert_false(lia_escalation_record(f->a, stopped, 0, false, OPERATOR, NULL, at(8, 1, 0),
					   &out, &wrong));
	assert_false(wrong);
	/* Answered. */
	assert_true(lia_escalation_record(f->a, started(f), 0, true, OPERATOR, NULL, at(8, 1, 0),
					  &out, &wrong));
	const char *answered = out.json;
	assert_false(lia_escalation_record(f->a, answered, 0, true, OPERATOR, NULL, at(8, 1, 0),
					   &out, &wrong));
	assert_false(wrong);
}

/* ---- the stop ---- */

static void
test_lia_escalation_stop_running(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	/* Acknowledged at 08:03, while the daughter's step runs. */
	assert_true(lia_escalation_tick(f->a, started(f), at(8, 2, 0), &out));
	assert_true(lia_escalation_stop(f->a, out.json, OPERATOR, at(8, 3, 0), &out));
	assert_string_equal(out.event, "escalation_stopped");
	assert_int_equal(out.due_at, 0);
	const cJSON *e = doc(f, out.json);
	expect_status(e, "stopped", -1);
	expect_plan_kept(e);
	expect_step(e, 0, "timed_out", "08:00:00", "08:02:00", "08:02:00");
	expect_step(e, 1, "stopped", "08:02:00", "08:07:00", "08:03:00");
	expect_text(step_of(e, 1), "by", OPERATOR);
	expect_text(step_of(e, 1), "note", NULL);
	expect_step(e, 2, "waiting", NULL, NULL, NULL);
	/* A stopped escalation no longer moves, and a second stop changes nothing. */
	const char *stopped = out.json;
	assert_true(lia_escalation_tick(f->a, stopped, at(9, 0, 0), &out));
	assert_null(out.event);
	assert_string_equal(out.json, stopped);
	assert_true(lia_escalation_stop(f->a, stopped, OPERATOR, at(9, 0, 0), &out));
	assert_null(out.event);
	assert_string_equal(out.json, stopped);
}

static void
test_lia_escalation_stop_finished_unchanged(void **state)
{
	struct fix *f = *state;
	struct lia_escalation_step out;
	bool wrong;
	assert_true(lia_escalation_record(f->a, started(f), 0, true, OPERATOR, NULL, at(8, 1, 0),
					  &out, &wrong));
	const char *answered = out.json;
	assert_true(lia_escalation_stop(f->a, answered, DAUGHTER, at(8, 5, 0), &out));
	assert_null(out.event);
	assert_int_equal(out.due_at, 0);
	assert_string_equal(out.json, answered);
	const cJSON *e = doc(f, out.json);
	expect_status(e, "answered", -1);
	expect_text(step_of(e, 0), "by", OPERATOR);

	assert_true(lia_escalation_tick(f->a, started(f), at(9, 0, 0), &out));
	const char *exhausted = out.json;
	assert_true(lia_escalation_stop(f->a, exhausted, OPERATOR, at(9, 5, 0), &out));
	assert_null(out.event);
	assert_int_equal(out.due_at, 0);
	assert_string_equal(out.json, exhausted);
	e = doc(f, out.json);
	expect_status(e, "exhausted", -1);
	expect_step(e, 3, "timed_out", "08:08:00", "08:18:00", "08:18:00");
}

/* ---- unreadable escalations ---- */

static void
test_lia_escalation_unreadable(void **state)
{
	struct fix *f = *state;
	const char *good = started(f);
	/* A running escalation whose active step lost its deadline, one that names a
	 * current step that is waiting, and one cut in the middle. */
	char *cut = lia_arena_strndup(f->a, good, strlen(good) / 2);
	const char *const bad[] = {
		"",
		"{",
		"[]",
		"null",
		"{}",
		"{\"status\":\"running\"}",
		"{\"plan_version\":7,\"status\":\"running\",\"current\":0,\"steps\":[]}",
		"{\"plan_version\":7,\"status\":\"running\",\"current\":0,\"steps\":[{\"kind\":"
		"\"on_duty\",\"label\":\"x\",\"timeout_s\":60,\"state\":\"active\","
		"\"started_at\":\"2027-03-01T08:00:00Z\",\"due_at\":null,\"ended_at\":null}]}",
		"{\"plan_version\":7,\"status\":\"running\",\"current\":1,\"steps\":[{\"kind\":"
		"\"on_duty\",\"label\":\"x\",\"timeout_s\":60,\"state\":\"active\","
		"\"started_at\":\"2027-03-01T08:00:00Z\",\"due_at\":\"2027-03-01T08:01:00Z\"},"
		"{\"kind\":\"on_duty\",\"label\":\"y\",\"timeout_s\":60,\"state\":\"waiting\"}]}",
		"{\"plan_version\":7,\"status\":\"running\",\"current\":0,\"steps\":[{\"kind\":"
		"\"on_duty\",\"label\":\"x\",\"timeout_s\":60,\"state\":\"active\","
		"\"started_at\":\"yesterday\",\"due_at\":\"2027-03-01T08:01:00Z\"}]}",
		"{\"plan_version\":7,\"status\":\"paused\",\"current\":-1,\"steps\":[{\"kind\":"
		"\"on_duty\",\"label\":\"x\",\"timeout_s\":60,\"state\":\"waiting\"}]}",
		cut,
	};
	struct lia_escalation_step out;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bool wrong = true;
		if (lia_escalation_tick(f->a, bad[i], at(9, 0, 0), &out))
			fail_msg("tick read %s", bad[i]);
		assert_null(out.json);
		if (lia_escalation_stop(f->a, bad[i], OPERATOR, at(9, 0, 0), &out))
			fail_msg("stop read %s", bad[i]);
		assert_null(out.json);
		if (lia_escalation_record(f->a, bad[i], 0, true, OPERATOR, NULL, at(9, 0, 0), &out,
					  &wrong))
			fail_msg("record read %s", bad[i]);
		assert_false(wrong);
		assert_null(out.json);
	}
	bool wrong = true;
	assert_false(lia_escalation_tick(f->a, NULL, at(9, 0, 0), &out));
	assert_false(lia_escalation_stop(f->a, NULL, OPERATOR, at(9, 0, 0), &out));
	assert_false(lia_escalation_record(f->a, NULL, 0, true, OPERATOR, NULL, at(9, 0, 0), &out,
					   &wrong));
	assert_false(wrong);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lia_escalation_plan_check_valid),
		T(test_lia_escalation_plan_check_kind),
		T(test_lia_escalation_plan_check_phone_required),
		T(test_lia_escalation_plan_check_phone_format),
		T(test_lia_escalation_plan_check_label),
		T(test_lia_escalation_plan_check_timeout),
		T(test_lia_escalation_plan_check_count),
		T(test_lia_escalation_plan_check_emergency_last),
		T(test_lia_escalation_plan_check_members),
		T(test_lia_escalation_plan_check_not_array),
		T(test_lia_escalation_plan_check_all_errors),
		T(test_lia_escalation_plan_text_normalises),
		T(test_lia_escalation_start_first_step_active),
		T(test_lia_escalation_start_unreadable),
		T(test_lia_escalation_tick_before_due),
		T(test_lia_escalation_tick_at_due),
		T(test_lia_escalation_tick_late_timer_keeps_the_chain),
		T(test_lia_escalation_tick_long_after_exhausts),
		T(test_lia_escalation_record_answered),
		T(test_lia_escalation_record_no_answer),
		T(test_lia_escalation_record_no_answer_last_exhausts),
		T(test_lia_escalation_record_wrong_step),
		T(test_lia_escalation_record_not_running),
		T(test_lia_escalation_stop_running),
		T(test_lia_escalation_stop_finished_unchanged),
		T(test_lia_escalation_unreadable),
	};
	LIA_RUN_GROUP("escalation", tests, NULL, NULL);
}
