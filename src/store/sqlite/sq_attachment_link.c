/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * attachment_link on SQLite: attaches an uploaded attachment to the entry being
 * saved, once. The client_id condition keeps one client's upload out of another
 * client's notebook; an attachment already linked cannot move. Any of these (or a
 * missing id) is NOT_FOUND, so a caller learns nothing about other clients' rows.
 * One change-feed row (update, version 2: an attachment is linked only once).
 */
#include "store/sqlite/sq_internal.h"

static const char sql[] = "UPDATE attachments SET entry_id = ?3 "
			  "WHERE id = ?1 AND client_id = ?2 AND entry_id IS NULL RETURNING org_id";

int
sq_attachment_link(struct lia_conn *lc, const char *id, const char *client_id, const char *entry_id)
{
	struct sq_conn *c = sq_conn(lc);
	char org_id[LIA_UUID_STRLEN + 1] = "";
	int updated = 0;
	int status = sq_require_tx(c, "attachment_link");
	if (status != LIA_STORE_OK)
		return status;
	sqlite3_stmt *st = sq_stmt(c, sql, "attachment_link");
	if (!st)
		return LIA_STORE_ERROR;
	sq_bind_text(c, st, 1, id);
	sq_bind_text(c, st, 2, client_id);
	sq_bind_text(c, st, 3, entry_id);
	int rc = sq_step(c, st);
	if (rc == SQLITE_ROW) {
		sq_col_copy(st, 0, org_id, sizeof org_id);
		updated = 1;
		rc = sq_step(c, st);
	}
	if (rc != SQLITE_DONE)
		status = sq_status(c, rc, "attachment_link");
	sq_reset(st);
	if (status == LIA_STORE_OK && !updated)
		status = LIA_STORE_NOT_FOUND;
	if (status != LIA_STORE_OK)
		return status;
	return sq_change_append(c, org_id, "attachment", id, "update", 2);
}
