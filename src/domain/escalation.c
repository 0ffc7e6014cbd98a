/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Escalation of an alert (see escalation.h): the check and normal form of a client's
 * plan, and the transitions of the escalation an alert carries (start, the timer's
 * tick, the operator's record of a call, the stop). Each transition reads the JSON
 * into a small struct, changes the struct, and writes it back in one fixed form, so
 * that whatever the route an escalation took its text looks the same. Pure
 * functions, safe on any input text: a stored escalation that cannot be read gives
 * false, never a guess.
 *
 * Readings chosen where escalation.h leaves room (the view of an operator on duty
 * at night, who must never see an alarm silently stop escalating):
 * - "current" is -1 whenever the escalation is not running: the step that answered,
 *   was stopped or timed out last keeps its own state, so nothing is lost.
 * - timeout_s is required in a plan: a deadline nobody chose is a deadline nobody
 *   expects.
 * - a phone must also hold at least three digits and may have '+' only in front:
 *   "+ . ." or "06+12" pass the character rule but cannot be dialled. The short
 *   number "15" is refused by the 3-character minimum: a platform dialling "15"
 *   reaches the SAMU of its own département, not the client's, so the plan names
 *   the client's SAMU by its direct line ("112" is accepted).
 * - an escalation whose running state is inconsistent (running without an active
 *   step with a deadline) is unreadable: the caller sees the failure instead of an
 *   escalation that would never fire again.
 * - the operator may record a call after the step's deadline passed (the timer was
 *   late): the record wins, with the instant it was made.
 */
#include "domain/escalation.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/json_out.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "domain/phone.h"

#define LABEL_MAX 120
#define PHONE_MIN_DIGITS 3
#define US_PER_S 1000000LL
/* The integers a double holds exactly, with room to spare. */
#define JSON_INT_MAX 9000000000000000LL
/* Room for "steps[7].account_id" and any unknown member name cut short. */
#define FIELD_LEN 64

enum status { ST_RUNNING, ST_ANSWERED, ST_EXHAUSTED, ST_STOPPED };
static const char *const status_names[] = {"running", "answered", "exhausted", "stopped", NULL};

enum state { S_WAITING, S_ACTIVE, S_ANSWERED, S_NO_ANSWER, S_TIMED_OUT, S_STOPPED };
static const char *const state_names[] = {"waiting",   "active",  "answered", "no_answer",
					  "timed_out", "stopped", NULL};

enum kind { K_ON_DUTY, K_CAREGIVER, K_CONTACT, K_EMERGENCY };
static const char *const kinds[] = {"on_duty", "caregiver", "contact", "emergency", NULL};
/* The members of a plan step, in the order plan_text writes them. */
static const char *const step_members[] = {"kind",       "label",     "phone",
					   "account_id", "timeout_s", NULL};

/* One step as the transitions see it; strings are arena copies, instants µs (0:
 * null). */
struct step {
	const char *kind, *label, *phone, *account_id;
	int64_t timeout_s;
	enum state state;
	int64_t started_at, due_at, ended_at;
	const char *by, *note;
};

struct esc {
	int64_t plan_version;
	enum status status;
	int current;
	int n;
	struct step steps[LIA_ESCALATION_MAX_STEPS];
};

static int
name_index(const char *const *names, const char *s)
{
	for (int i = 0; s && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* An integral JSON number within [min, max] (no libm: the cast round-trips only
 * for integers, and the range check keeps the cast defined). */
static bool
int_in(const cJSON *item, int64_t min, int64_t max, int64_t *out)
{
	if (!cJSON_IsNumber(item))
		return false;
	double d = item->valuedouble;
	if (!(d >= (double)min && d <= (double)max) || (double)(int64_t)d != d)
		return false;
	*out = (int64_t)d;
	return true;
}

static bool
is_integer(const cJSON *item)
{
	int64_t ignored;
	return int_in(item, -JSON_INT_MAX, JSON_INT_MAX, &ignored);
}

/* ---- the plan ---- */

/* The problem being filled, and how many errors the plan gave: p->nfields stops
 * growing once the problem is full, and the caller may have filled it already. */
struct check {
	struct lia_problem *p;
	int errors;
};

static void
step_error(struct check *c, int i, const char *member, enum lia_field_error e)
{
	char f[FIELD_LEN];
	if (member)
		snprintf(f, sizeof f, "steps[%d].%s", i, member);
	else
		snprintf(f, sizeof f, "steps[%d]", i);
	lia_problem_field(c->p, f, e);
	c->errors++;
}

/* Checks step i; *kind gets its kind's index (-1 when unknown). */
static void
check_step(const cJSON *st, int i, int *kind, struct check *c)
{
	*kind = -1;
	if (!cJSON_IsObject(st)) {
		step_error(c, i, NULL, LIA_FE_INVALID_TYPE);
		return;
	}
	for (const cJSON *m = st->child; m; m = m->next) {
		const char *name = m->string ? m->string : "";
		if (name_index(step_members, name) < 0) {
			step_error(c, i, name, LIA_FE_UNKNOWN_FIELD);
			continue;
		}
		for (const cJSON *o = st->child; o != m; o = o->next)
			if (o->string && strcmp(o->string, name) == 0) {
				step_error(c, i, name, LIA_FE_DUPLICATE_FIELD);
				break;
			}
	}

	const cJSON *k = cJSON_GetObjectItemCaseSensitive(st, "kind");
	if (!k || cJSON_IsNull(k))
		step_error(c, i, "kind", LIA_FE_REQUIRED);
	else if (!cJSON_IsString(k))
		step_error(c, i, "kind", LIA_FE_INVALID_TYPE);
	else if ((*kind = name_index(kinds, k->valuestring)) < 0)
		step_error(c, i, "kind", LIA_FE_INVALID_VALUE);

	const cJSON *l = cJSON_GetObjectItemCaseSensitive(st, "label");
	if (!l || cJSON_IsNull(l))
		step_error(c, i, "label", LIA_FE_REQUIRED);
	else if (!cJSON_IsString(l))
		step_error(c, i, "label", LIA_FE_INVALID_TYPE);
	else if (!lia_utf8_valid(l->valuestring, strlen(l->valuestring)))
		step_error(c, i, "label", LIA_FE_INVALID_FORMAT);
	else if (l->valuestring[0] == '\0')
		step_error(c, i, "label", LIA_FE_TOO_SHORT);
	else if (lia_utf8_length(l->valuestring) > LABEL_MAX)
		step_error(c, i, "label", LIA_FE_TOO_LONG);

	/* Every kind but the operators on duty is a person or a service to dial. */
	const cJSON *ph = cJSON_GetObjectItemCaseSensitive(st, "phone");
	if (!ph || cJSON_IsNull(ph)) {
		if (*kind != K_ON_DUTY && *kind >= 0)
			step_error(c, i, "phone", LIA_FE_REQUIRED);
	} else if (!cJSON_IsString(ph)) {
		step_error(c, i, "phone", LIA_FE_INVALID_TYPE);
	} else {
		enum lia_field_error e = lia_phone_error(ph->valuestring, PHONE_MIN_DIGITS);
		if (e != LIA_FE_COUNT)
			step_error(c, i, "phone", e);
	}

	const cJSON *acc = cJSON_GetObjectItemCaseSensitive(st, "account_id");
	if (acc && !cJSON_IsNull(acc)) {
		if (!cJSON_IsString(acc))
			step_error(c, i, "account_id", LIA_FE_INVALID_TYPE);
		else if (!lia_uuid_valid(acc->valuestring))
			step_error(c, i, "account_id", LIA_FE_INVALID_ID);
	}

	const cJSON *t = cJSON_GetObjectItemCaseSensitive(st, "timeout_s");
	int64_t v;
	if (!t || cJSON_IsNull(t))
		step_error(c, i, "timeout_s", LIA_FE_REQUIRED);
	else if (!is_integer(t))
		step_error(c, i, "timeout_s", LIA_FE_INVALID_TYPE);
	else if (!int_in(t, LIA_ESCALATION_MIN_TIMEOUT_S, LIA_ESCALATION_MAX_TIMEOUT_S, &v))
		step_error(c, i, "timeout_s", LIA_FE_OUT_OF_RANGE);
}

bool
lia_escalation_plan_check(const cJSON *steps, struct lia_problem *p)
{
	if (!steps || cJSON_IsNull(steps)) {
		lia_problem_field(p, "steps", LIA_FE_REQUIRED);
		return false;
	}
	if (!cJSON_IsArray(steps)) {
		lia_problem_field(p, "steps", LIA_FE_INVALID_TYPE);
		return false;
	}
	int n = cJSON_GetArraySize(steps);
	if (n == 0) {
		lia_problem_field(p, "steps", LIA_FE_TOO_SHORT);
		return false;
	}
	/* The steps of an over-long plan are not looked at: the body is bounded, but
	 * one error says all the client needs to fix first. */
	if (n > LIA_ESCALATION_MAX_STEPS) {
		lia_problem_field(p, "steps", LIA_FE_TOO_LONG);
		return false;
	}
	struct check c = {.p = p};
	int i = 0;
	for (const cJSON *st = steps->child; st; st = st->next, i++) {
		int kind;
		check_step(st, i, &kind, &c);
		/* After the emergency services there is nobody left to call. */
		if (kind == K_EMERGENCY && i != n - 1)
			step_error(&c, i, "kind", LIA_FE_INVALID_VALUE);
	}
	return c.errors == 0;
}

/* Adds s as a string, or null when NULL. */
static void
add_text(cJSON *obj, const char *name, const char *s)
{
	if (s)
		cJSON_AddStringToObject(obj, name, s);
	else
		cJSON_AddNullToObject(obj, name);
}

static const char *
text_of(const cJSON *obj, const char *name)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsString(it) ? it->valuestring : NULL;
}

/* cJSON's printed text moved into the arena; the tree is deleted. */
static const char *
print_into(struct lia_arena *a, cJSON *root)
{
	char *s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		return NULL;
	const char *copy = lia_arena_strdup(a, s);
	cJSON_free(s);
	return copy;
}

const char *
lia_escalation_plan_text(struct lia_arena *a, const cJSON *steps)
{
	cJSON *out = cJSON_CreateArray();
	for (const cJSON *st = cJSON_IsArray(steps) ? steps->child : NULL; st; st = st->next) {
		cJSON *o = cJSON_CreateObject();
		int64_t t = 0;
		add_text(o, "kind", text_of(st, "kind"));
		add_text(o, "label", text_of(st, "label"));
		add_text(o, "phone", text_of(st, "phone"));
		add_text(o, "account_id", text_of(st, "account_id"));
		(void)int_in(cJSON_GetObjectItemCaseSensitive(st, "timeout_s"), 0, INT32_MAX, &t);
		cJSON_AddNumberToObject(o, "timeout_s", (double)t);
		cJSON_AddItemToArray(out, o);
	}
	return print_into(a, out);
}

/* ---- the escalation: read, change, write ---- */

/* A member that is null/absent (0) or an RFC 3339 instant; false when neither. */
static bool
read_instant(const cJSON *obj, const char *name, int64_t *us)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);
	*us = 0;
	if (!it || cJSON_IsNull(it))
		return true;
	return cJSON_IsString(it) && lia_time_parse(it->valuestring, us) && *us != 0;
}

/* A member that is null/absent (NULL) or a string (an arena copy). */
static bool
read_text(struct lia_arena *a, const cJSON *obj, const char *name, const char **s)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);
	*s = NULL;
	if (!it || cJSON_IsNull(it))
		return true;
	if (!cJSON_IsString(it))
		return false;
	*s = lia_arena_strdup(a, it->valuestring);
	return true;
}

/* The plan part of a step (start reads a plan, the others an escalation's steps).
 * timeout_s stays in range so that every deadline computed from it is sane. */
static bool
read_plan_step(struct lia_arena *a, const cJSON *st, struct step *s)
{
	const char *kind = NULL;
	if (!cJSON_IsObject(st) || !read_text(a, st, "kind", &kind) ||
	    name_index(kinds, kind) < 0 || !read_text(a, st, "label", &s->label) ||
	    !read_text(a, st, "phone", &s->phone) ||
	    !read_text(a, st, "account_id", &s->account_id) ||
	    !int_in(cJSON_GetObjectItemCaseSensitive(st, "timeout_s"), LIA_ESCALATION_MIN_TIMEOUT_S,
		    LIA_ESCALATION_MAX_TIMEOUT_S, &s->timeout_s))
		return false;
	s->kind = kind;
	return true;
}

static bool
read_steps(struct lia_arena *a, const cJSON *steps, struct esc *e, bool with_state)
{
	int n = cJSON_IsArray(steps) ? cJSON_GetArraySize(steps) : 0;
	if (n < 1 || n > LIA_ESCALATION_MAX_STEPS)
		return false;
	e->n = 0;
	for (const cJSON *st = steps->child; st; st = st->next) {
		struct step *s = &e->steps[e->n++];
		if (!read_plan_step(a, st, s))
			return false;
		if (!with_state)
			continue;
		int state = name_index(state_names, text_of(st, "state"));
		if (state < 0 || !read_instant(st, "started_at", &s->started_at) ||
		    !read_instant(st, "due_at", &s->due_at) ||
		    !read_instant(st, "ended_at", &s->ended_at) ||
		    !read_text(a, st, "by", &s->by) || !read_text(a, st, "note", &s->note))
			return false;
		s->state = (enum state)state;
	}
	return true;
}

static bool
read_esc(struct lia_arena *a, const char *json, struct esc *e)
{
	if (!json)
		return false;
	cJSON *root = cJSON_ParseWithOpts(json, NULL, true);
	int64_t current = -1;
	int status = name_index(status_names, text_of(root, "status"));
	bool ok = cJSON_IsObject(root) && status >= 0 &&
		  int_in(cJSON_GetObjectItemCaseSensitive(root, "plan_version"), -JSON_INT_MAX,
			 JSON_INT_MAX, &e->plan_version) &&
		  int_in(cJSON_GetObjectItemCaseSensitive(root, "current"), -1,
			 LIA_ESCALATION_MAX_STEPS - 1, &current) &&
		  read_steps(a, cJSON_GetObjectItemCaseSensitive(root, "steps"), e, true);
	cJSON_Delete(root);
	if (!ok)
		return false;
	e->status = (enum status)status;
	e->current = (int)current;
	/* Running means one active step with a deadline, the current one: anything else
	 * would be an escalation that never fires again. */
	if (e->status == ST_RUNNING)
		return e->current >= 0 && e->current < e->n &&
		       e->steps[e->current].state == S_ACTIVE && e->steps[e->current].due_at != 0;
	return true;
}

static const char *
write_esc(struct lia_arena *a, const struct esc *e)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "plan_version", (double)e->plan_version);
	cJSON_AddStringToObject(root, "status", status_names[e->status]);
	cJSON_AddNumberToObject(root, "current", e->current);
	cJSON *steps = cJSON_AddArrayToObject(root, "steps");
	for (int i = 0; i < e->n; i++) {
		const struct step *s = &e->steps[i];
		cJSON *o = cJSON_CreateObject();
		add_text(o, "kind", s->kind);
		add_text(o, "label", s->label);
		add_text(o, "phone", s->phone);
		add_text(o, "account_id", s->account_id);
		cJSON_AddNumberToObject(o, "timeout_s", (double)s->timeout_s);
		cJSON_AddStringToObject(o, "state", state_names[s->state]);
		lia_json_add_time(o, "started_at", s->started_at);
		lia_json_add_time(o, "due_at", s->due_at);
		lia_json_add_time(o, "ended_at", s->ended_at);
		add_text(o, "by", s->by);
		add_text(o, "note", s->note);
		cJSON_AddItemToArray(steps, o);
	}
	return print_into(a, root);
}

/* Step i becomes active at `at`; past the last step the escalation is exhausted.
 * Returns the event of the change. */
static const char *
activate(struct esc *e, int i, int64_t at)
{
	if (i >= e->n) {
		e->status = ST_EXHAUSTED;
		e->current = -1;
		return "escalation_exhausted";
	}
	struct step *s = &e->steps[i];
	s->state = S_ACTIVE;
	s->started_at = at;
	s->due_at = at + s->timeout_s * US_PER_S;
	s->ended_at = 0;
	e->status = ST_RUNNING;
	e->current = i;
	return "escalated";
}

static void
finish(struct lia_arena *a, const struct esc *e, const char *event, struct lia_escalation_step *out)
{
	out->json = write_esc(a, e);
	out->due_at = e->status == ST_RUNNING ? e->steps[e->current].due_at : 0;
	out->event = event;
}

/* No change: the text as it was, and the deadline it carries. */
static void
unchanged(struct lia_arena *a, const char *json, const struct esc *e,
	  struct lia_escalation_step *out)
{
	out->json = lia_arena_strdup(a, json);
	out->due_at = e->status == ST_RUNNING ? e->steps[e->current].due_at : 0;
	out->event = NULL;
}

bool
lia_escalation_start(struct lia_arena *a, const char *steps_json, int64_t plan_version, int64_t now,
		     struct lia_escalation_step *out)
{
	*out = (struct lia_escalation_step){0};
	struct esc e = {.plan_version = plan_version, .current = -1};
	if (!steps_json)
		return false;
	cJSON *steps = cJSON_ParseWithOpts(steps_json, NULL, true);
	bool ok = read_steps(a, steps, &e, false);
	cJSON_Delete(steps);
	if (!ok)
		return false;
	for (int i = 0; i < e.n; i++)
		e.steps[i].state = S_WAITING;
	finish(a, &e, activate(&e, 0, now), out);
	return true;
}

bool
lia_escalation_tick(struct lia_arena *a, const char *esc_json, int64_t now,
		    struct lia_escalation_step *out)
{
	*out = (struct lia_escalation_step){0};
	struct esc e = {0};
	if (!read_esc(a, esc_json, &e))
		return false;
	const char *event = NULL;
	/* Each step times out at its own deadline and the next starts there, so a late
	 * timer (or a restart after hours) replays the chain as it should have run. */
	while (e.status == ST_RUNNING && e.steps[e.current].due_at <= now) {
		struct step *s = &e.steps[e.current];
		s->state = S_TIMED_OUT;
		s->ended_at = s->due_at;
		event = activate(&e, e.current + 1, s->due_at);
	}
	if (!event)
		unchanged(a, esc_json, &e, out);
	else
		finish(a, &e, event, out);
	return true;
}

bool
lia_escalation_record(struct lia_arena *a, const char *esc_json, int step, bool answered,
		      const char *by, const char *note, int64_t now,
		      struct lia_escalation_step *out, bool *wrong_step)
{
	*out = (struct lia_escalation_step){0};
	if (wrong_step)
		*wrong_step = false;
	struct esc e = {0};
	if (!read_esc(a, esc_json, &e) || e.status != ST_RUNNING)
		return false;
	if (step != e.current) {
		if (wrong_step)
			*wrong_step = true;
		return false;
	}
	struct step *s = &e.steps[step];
	s->ended_at = now;
	s->by = by ? lia_arena_strdup(a, by) : NULL;
	s->note = note ? lia_arena_strdup(a, note) : NULL;
	if (answered) {
		s->state = S_ANSWERED;
		e.status = ST_ANSWERED;
		e.current = -1;
		finish(a, &e, "escalation_answered", out);
	} else {
		s->state = S_NO_ANSWER;
		finish(a, &e, activate(&e, step + 1, now), out);
	}
	return true;
}

bool
lia_escalation_stop(struct lia_arena *a, const char *esc_json, const char *by, int64_t now,
		    struct lia_escalation_step *out)
{
	*out = (struct lia_escalation_step){0};
	struct esc e = {0};
	if (!read_esc(a, esc_json, &e))
		return false;
	if (e.status != ST_RUNNING) {
		unchanged(a, esc_json, &e, out);
		return true;
	}
	struct step *s = &e.steps[e.current];
	s->state = S_STOPPED;
	s->ended_at = now;
	s->by = by ? lia_arena_strdup(a, by) : NULL;
	e.status = ST_STOPPED;
	e.current = -1;
	finish(a, &e, "escalation_stopped", out);
	return true;
}
