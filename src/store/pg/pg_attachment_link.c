/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_link on PostgreSQL: attaches an uploaded, still unlinked attachment to an
 * entry of the same client and appends the change feed row (version 2: the link is
 * the only change an attachment sees). One statement checks all three conditions, so
 * a missing, foreign or already linked attachment is NOT_FOUND alike and reveals
 * nothing about another client's files.
 */
#include "pg_internal.h"

int
pg_attachment_link(struct lia_conn *c, const char *id, const char *client_id, const char *entry_id)
{
	struct pg_conn *pc = pg_of(c);
	int st = pg_require_tx(pc, "attachment_link");
	if (st != LIA_STORE_OK)
		return st;
	const char *p[] = {id, client_id, entry_id};
	PGresult *r;
	st = pg_exec(pc, "attachment_link",
		     "UPDATE attachments SET entry_id = $3 "
		     "WHERE id = $1 AND client_id = $2 AND entry_id IS NULL RETURNING org_id",
		     3, p, &r);
	if (st != LIA_STORE_OK)
		return st;
	if (PQntuples(r) == 0)
		st = LIA_STORE_NOT_FOUND;
	else
		st = pg_change_append(pc, PQgetvalue(r, 0, 0), "attachment", id, "update", 2);
	PQclear(r);
	return st;
}
