/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * dose_mark_alerted on PostgreSQL: notes that the missed-dose alert of a dose was
 * raised, once: a dose absent or already alerted is NOT_FOUND, so two vigilance runs
 * racing on the same dose cannot both go on. Written in the transaction that raises
 * the alert, so the mark and the alert stand or fall together. Derived data: no
 * change feed row.
 */
#include "pg_internal.h"

int
pg_dose_mark_alerted(struct lia_conn *c, const char *series_id, int64_t due_at, int64_t at)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "dose_mark_alerted");
	if (st != LIA_STORE_OK)
		return st;
	char due[PG_I64_LEN], when[PG_I64_LEN];
	const char *p[] = {series_id, pg_i64(due, due_at), pg_i64(when, at)};
	int64_t rows = 0;
	st = pg_run(pc, "dose_mark_alerted",
		    "UPDATE doses SET alerted_at = $3 "
		    "WHERE series_id = $1 AND due_at = $2 AND alerted_at = 0",
		    3, p, &rows);
	if (st == LIA_STORE_OK && rows == 0)
		st = LIA_STORE_NOT_FOUND;
	return st;
}
