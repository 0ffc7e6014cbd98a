/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * organiser_insert on PostgreSQL: records a week's pill organiser preparation and
 * appends the change feed row. ON CONFLICT DO NOTHING without a target covers the
 * primary key and the unique supersedes, so two preparations that both replace the
 * same earlier one get a CONFLICT for the second, which leaves its transaction usable.
 */
#include "pg_internal.h"

int
pg_organiser_insert(struct lia_conn *c, const struct lia_organiser *o)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "organiser_insert");
	if (st != LIA_STORE_OK)
		return st;
	char at[PG_I64_LEN], v[PG_I64_LEN];
	const char *p[] = {o->id,
			   o->org_id,
			   o->client_id,
			   o->week_start,
			   o->prescriptions,
			   o->note,
			   o->supersedes,
			   pg_i64(at, o->prepared_at),
			   o->prepared_by,
			   o->prepared_as,
			   pg_i64(v, o->version)};
	int64_t rows = 0;
	st = pg_run(pc, "organiser_insert",
		    "INSERT INTO pill_organisers (" PG_ORGANISER_COLS ") VALUES ($1, $2, $3, $4, "
		    "$5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
		    11, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, o->org_id, "pill_organiser", o->id, "insert", o->version);
}
