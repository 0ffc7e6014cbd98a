/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Error registry (generated from errors.def and field_errors.def) and the problem
 * value that handlers fill in: one problem kind plus a list of field errors.
 */
#ifndef LIA_CORE_ERRORS_H
#define LIA_CORE_ERRORS_H

#include <stddef.h>

enum lia_problem_kind {
	LIA_P_NONE = 0,
#define LIA_PROBLEM(name, code, status, fr, en) LIA_P_##name,
#include "core/errors.def"
#undef LIA_PROBLEM
	LIA_P_COUNT
};

enum lia_field_error {
#define LIA_FIELD_ERROR(name, code, meaning) LIA_FE_##name,
#include "core/field_errors.def"
#undef LIA_FIELD_ERROR
	LIA_FE_COUNT
};

#define LIA_PROBLEM_MAX_FIELDS 32

struct lia_field_problem {
	char field[64];
	enum lia_field_error code;
};

/* What went wrong with a request. detail is a short English or French sentence made
 * by the code (never user data); NULL uses the title. */
struct lia_problem {
	enum lia_problem_kind kind;
	const char *detail_en;
	const char *detail_fr;
	size_t nfields;
	struct lia_field_problem fields[LIA_PROBLEM_MAX_FIELDS];
	/* Extra member for some problems, e.g. the existing id of a duplicate. */
	const char *existing_id;
	int retry_after_s;
};

int lia_problem_status(enum lia_problem_kind kind);
const char *lia_problem_code(enum lia_problem_kind kind);
const char *lia_problem_title(enum lia_problem_kind kind, int french);
const char *lia_field_error_code(enum lia_field_error e);
const char *lia_field_error_meaning(enum lia_field_error e);

/* Adds a field error (ignored past LIA_PROBLEM_MAX_FIELDS) and sets kind to
 * VALIDATION_FAILED unless another kind is already set. */
void lia_problem_field(struct lia_problem *p, const char *field, enum lia_field_error code);
/* Sets kind and optional detail sentences (static strings). */
void lia_problem_set(struct lia_problem *p, enum lia_problem_kind kind, const char *detail_en,
		     const char *detail_fr);

#endif
