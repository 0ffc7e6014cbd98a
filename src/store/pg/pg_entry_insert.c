/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * entry_insert on PostgreSQL: appends a notebook entry and its change feed row
 * (version 1: entries are never updated, a correction supersedes). ON CONFLICT DO
 * NOTHING without a target covers both the primary key and the partial unique index
 * on supersedes, so a taken id and a second correction of the same entry are a
 * CONFLICT that leaves the caller's transaction usable.
 */
#include "pg_internal.h"

int
pg_entry_insert(struct lia_conn *c, const struct lia_entry *e)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "entry_insert");
	if (st != LIA_STORE_OK)
		return st;
	char fact[PG_I64_LEN], written[PG_I64_LEN];
	const char *p[] = {e->id,
			   e->org_id,
			   e->client_id,
			   e->kind,
			   e->category,
			   e->audience,
			   pg_bool(e->urgent),
			   e->text,
			   e->target,
			   e->data,
			   e->actions,
			   e->results,
			   e->author_id,
			   e->author_role,
			   pg_i64(fact, e->fact_at),
			   pg_i64(written, e->written_at),
			   e->visit_id,
			   e->reply_to,
			   e->results_for,
			   e->supersedes,
			   e->correction_reason,
			   e->tags};
	int64_t rows = 0;
	st = pg_run(pc, "entry_insert",
		    "INSERT INTO notebook_entries (id, org_id, client_id, kind, category, "
		    "audience, urgent, text, target, data, actions, results, author_id, "
		    "author_role, fact_at, written_at, visit_id, reply_to, results_for, "
		    "supersedes, correction_reason, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		    "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
		    "ON CONFLICT DO NOTHING",
		    22, p, &rows);
	if (st != LIA_STORE_OK)
		return st;
	if (rows == 0)
		return LIA_STORE_CONFLICT;
	return pg_change_append(pc, e->org_id, "entry", e->id, "insert", 1);
}
