/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * entry_insert on SQLite: appends a notebook entry (entries are never updated: a
 * correction is a new entry that supersedes the old one) and its change-feed row.
 * CONFLICT when the id exists or another entry already supersedes the same one
 * (unique partial index notebook_supersedes): a correction has one successor.
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] =
	"INSERT INTO notebook_entries (id, org_id, client_id, kind, category, audience, urgent, "
	"text, target, data, actions, results, author_id, author_role, fact_at, written_at, "
	"visit_id, reply_to, results_for, supersedes, correction_reason, tags) VALUES (?1, ?2, "
	"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
	"?21, ?22)";

int
sq_entry_insert(struct lia_conn *lc, const struct lia_entry *e)
{
	struct sq_conn *c = sq_conn(lc);
	int status = sq_require_tx(c, "entry_insert");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "entry_insert");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, e->id);
	sq_bind_text(c, st, 2, e->org_id);
	sq_bind_text(c, st, 3, e->client_id);
	sq_bind_text(c, st, 4, e->kind);
	sq_bind_text(c, st, 5, e->category);
	sq_bind_text(c, st, 6, e->audience);
	sq_bind_int64(c, st, 7, e->urgent ? 1 : 0);
	sq_bind_text(c, st, 8, e->text);
	sq_bind_text(c, st, 9, e->target);
	sq_bind_text(c, st, 10, e->data);
	sq_bind_text(c, st, 11, e->actions);
	sq_bind_text(c, st, 12, e->results);
	sq_bind_text(c, st, 13, e->author_id);
	sq_bind_text(c, st, 14, e->author_role);
	sq_bind_int64(c, st, 15, e->fact_at);
	sq_bind_int64(c, st, 16, e->written_at);
	sq_bind_text(c, st, 17, e->visit_id);
	sq_bind_text(c, st, 18, e->reply_to);
	sq_bind_text(c, st, 19, e->results_for);
	sq_bind_text(c, st, 20, e->supersedes);
	sq_bind_text(c, st, 21, e->correction_reason);
	sq_bind_text(c, st, 22, e->tags);
	status = sq_step_done(c, st, "entry_insert");
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, e->org_id, "entry", e->id, "insert", 1);
}
