/* SPDX-License-Identifier: EUPL-1.2 */
/* Tables generated from the error registry (errors.def, field_errors.def). */
#include "core/errors.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *code;
	int status;
	const char *fr;
	const char *en;
} problems[] = {
	[LIA_P_NONE] = {"none", 200, "", ""},
#define LIA_PROBLEM(name, code, status, fr, en) [LIA_P_##name] = {code, status, fr, en},
#include "core/errors.def"
#undef LIA_PROBLEM
};

static const struct {
	const char *code;
	const char *meaning;
} field_errors[] = {
#define LIA_FIELD_ERROR(name, code, meaning) [LIA_FE_##name] = {code, meaning},
#include "core/field_errors.def"
#undef LIA_FIELD_ERROR
};

int
lia_problem_status(enum lia_problem_kind kind)
{
	return kind < LIA_P_COUNT ? problems[kind].status : 500;
}

const char *
lia_problem_code(enum lia_problem_kind kind)
{
	return kind < LIA_P_COUNT ? problems[kind].code : "internal_error";
}

const char *
lia_problem_title(enum lia_problem_kind kind, int french)
{
	if (kind >= LIA_P_COUNT)
		kind = LIA_P_INTERNAL_ERROR;
	return french ? problems[kind].fr : problems[kind].en;
}

const char *
lia_field_error_code(enum lia_field_error e)
{
	return e < LIA_FE_COUNT ? field_errors[e].code : "invalid_value";
}

const char *
lia_field_error_meaning(enum lia_field_error e)
{
	return e < LIA_FE_COUNT ? field_errors[e].meaning : "";
}

void
lia_problem_field(struct lia_problem *p, const char *field, enum lia_field_error code)
{
	if (p->kind == LIA_P_NONE)
		p->kind = LIA_P_VALIDATION_FAILED;
	if (p->nfields >= LIA_PROBLEM_MAX_FIELDS)
		return;
	struct lia_field_problem *f = &p->fields[p->nfields++];
	snprintf(f->field, sizeof f->field, "%s", field);
	f->code = code;
}

void
lia_problem_set(struct lia_problem *p, enum lia_problem_kind kind, const char *detail_en,
		const char *detail_fr)
{
	p->kind = kind;
	p->detail_en = detail_en;
	p->detail_fr = detail_fr;
}
