/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * prescription_insert on PostgreSQL: adds one version of a prescription line and
 * appends the change feed row. ON CONFLICT DO NOTHING without a target covers the
 * primary key and UNIQUE (series_id, seq), so two editors adding the same next
 * version get a CONFLICT that leaves the transaction usable.
 */
#include "pg_internal.h"

int
pg_prescription_insert(struct lia_conn *c, const struct lia_prescription *p)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "prescription_insert");
	if (st != LIA_STORE_OK)
		return st;
	char seq[PG_I64_LEN], from[PG_I64_LEN], until[PG_I64_LEN], maxd[PG_I64_LEN], v[PG_I64_LEN],
		at[PG_I64_LEN];
	const char *prm[] = {p->id,
			     p->series_id,
			     pg_i64(seq, p->seq),
			     p->org_id,
			     p->client_id,
			     pg_i64(from, p->valid_from),
			     pg_i64(until, p->valid_until),
			     p->end_reason,
			     p->end_note,
			     p->ended_by,
			     p->drug_label,
			     p->drug_code_system,
			     p->drug_code,
			     p->form,
			     p->dose,
			     p->route,
			     p->times,
			     pg_flag(p->as_needed),
			     pg_i64(maxd, p->max_per_day),
			     p->starts_on,
			     p->ends_on,
			     pg_flag(p->in_organiser),
			     p->prescriber_name,
			     p->prescriber_rpps,
			     p->prescribed_on,
			     p->instructions,
			     p->source,
			     p->attachment_id,
			     pg_i64(v, p->version),
			     pg_i64(at, p->created_at),
			     p->created_by};
	int64_t rows = 0;
	st = pg_run(pc, "prescription_insert",
		    "INSERT INTO prescriptions (" PG_PRESCRIPTION_COLS ") VALUES ($1, $2, $3, "
		    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
		    "$20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31) "
		    "ON CONFLICT DO NOTHING",
		    31, prm, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, p->org_id, "prescription", p->id, "insert", p->version);
}
