/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the slow-work pool: everything queued runs once; drain waits for it and
 * closes the queue, so that shutdown leaves no request waiting. */
#include "lia_test.h"

#include <stdatomic.h>
#include <time.h>

#include "http/workq.h"

static _Atomic int ran;

static void
count(void *arg)
{
	(void)arg;
	struct timespec ts = {0, 100000}; /* 0.1 ms: work still running at drain time */
	nanosleep(&ts, NULL);
	atomic_fetch_add(&ran, 1);
}

static void
test_lia_workq_drain_waits_for_everything_queued(void **state)
{
	(void)state;
	atomic_store(&ran, 0);
	struct lia_workq *q = lia_workq_start(2);
	assert_non_null(q);
	for (int i = 0; i < 200; i++)
		assert_true(lia_workq_submit(q, count, NULL));
	lia_workq_drain(q);
	assert_int_equal(atomic_load(&ran), 200);
	/* Closed: later work is refused, for the caller to answer itself. */
	assert_false(lia_workq_submit(q, count, NULL));
	lia_workq_stop(q);
	assert_int_equal(atomic_load(&ran), 200);
}

static void
test_lia_workq_stop_runs_pending_work_and_null_is_noop(void **state)
{
	(void)state;
	atomic_store(&ran, 0);
	lia_workq_stop(NULL);
	struct lia_workq *q = lia_workq_start(1);
	assert_non_null(q);
	for (int i = 0; i < 50; i++)
		assert_true(lia_workq_submit(q, count, NULL));
	lia_workq_stop(q);
	assert_int_equal(atomic_load(&ran), 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lia_workq_drain_waits_for_everything_queued),
		cmocka_unit_test(test_lia_workq_stop_runs_pending_work_and_null_is_noop),
	};
	LIA_RUN_GROUP("workq", tests, NULL, NULL);
}
