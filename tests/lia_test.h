/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Shared by the cmocka programs: run a group and print the closing line
 * "N passed, M failed" that scripts/test.sh adds up.
 */
#ifndef LIA_TEST_H
#define LIA_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#define LIA_RUN_GROUP(name, tests, setup, teardown)                                        \
	do {                                                                               \
		size_t total_ = sizeof(tests) / sizeof((tests)[0]);                        \
		int failed_ = _cmocka_run_group_tests(name, tests, total_, setup, teardown); \
		printf("%zu passed, %d failed\n", total_ - (size_t)failed_, failed_);      \
		return failed_ ? 1 : 0;                                                    \
	} while (0)

#endif
